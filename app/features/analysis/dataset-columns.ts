import type { SurveyDefinition } from '../surveys/definition.ts'
import type { Coded, Dataset } from './dataset.ts'

// The analysis dataset as bytes and in pieces (dataset-loader.server.ts):
// - appendDataset puts newer respondents after a dataset's, so a cached
//   dataset is topped up with only the responses submitted since;
// - encodeDataset / decodeDataset turn its typed columns into one buffer to
//   store (analysis_snapshot) and back;
// - datasetBuffers lists the buffers a worker thread hands over without copying.
// They walk the dataset generically (every typed array is a column with one
// stride per respondent), so a new kind of column needs no change here.

type Typed = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array
const TYPES = { Int8Array, Uint8Array, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array } as const
type TypeName = keyof typeof TYPES

const isTyped = (value: unknown): value is Typed => ArrayBuffer.isView(value) && !(value instanceof DataView)

function concat<T extends Typed>(a: T, b: T): T {
  const out = new (a.constructor as new (length: number) => T)(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/** A column whose codes grow with the data (method, language, ward, equality answers): b's values renumbered into a's codes. */
function appendCoded(a: Coded, b: Coded): Coded {
  const codes = [...a.codes]
  const index = new Map(codes.map((c, i) => [c, i]))
  const renumber = b.codes.map((code) => {
    let at = index.get(code)
    if (at === undefined) {
      at = codes.length
      codes.push(code)
      index.set(code, at)
    }
    return at
  })
  const values = new Int16Array(a.values.length + b.values.length)
  values.set(a.values)
  for (let i = 0; i < b.values.length; i++) values[a.values.length + i] = b.values[i]! < 0 ? -1 : renumber[b.values[i]!]!
  return { codes, values }
}

/** base's respondents, then extra's (both read against the same survey version). */
export function appendDataset(base: Dataset, extra: Dataset): Dataset {
  if (extra.n === 0) return base
  if (base.questions.length !== extra.questions.length) throw new Error('appendDataset: datasets of different survey versions')
  const questions = base.questions.map((q, i) => {
    const other = extra.questions[i]!
    if (other.kind !== q.kind || other.question.key !== q.question.key) throw new Error('appendDataset: datasets of different survey versions')
    const merged: Record<string, unknown> = { ...q }
    for (const [key, value] of Object.entries(q)) if (isTyped(value)) merged[key] = concat(value, (other as unknown as Record<string, Typed>)[key]!)
    return merged as unknown as typeof q
  })
  const equality =
    base.equality && extra.equality
      ? Object.fromEntries(Object.entries(base.equality).map(([key, coded]) => [key, extra.equality![key] ? appendCoded(coded, extra.equality![key]!) : coded]))
      : null
  return {
    n: base.n + extra.n,
    submittedAt: concat(base.submittedAt, extra.submittedAt),
    channel: appendCoded(base.channel, extra.channel),
    locale: appendCoded(base.locale, extra.locale),
    ward: appendCoded(base.ward, extra.ward),
    questions,
    equality,
  }
}

/** The same dataset without equality answers, for a reader not allowed to see them. */
export function withoutEquality(dataset: Dataset): Dataset {
  return { ...dataset, equality: null }
}

/** Every buffer behind the dataset's columns (the transfer list of a postMessage). */
export function datasetBuffers(dataset: Dataset): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  const walk = (value: unknown) => {
    if (isTyped(value)) buffers.add(value.buffer as ArrayBuffer)
    else if (Array.isArray(value)) value.forEach(walk)
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk)
  }
  walk(dataset)
  return [...buffers]
}

/** After a structured clone (a worker's message), the question objects are copies: point them at the definition's again. */
export function attachQuestions(dataset: Dataset, definition: SurveyDefinition): Dataset {
  const byKey = new Map(definition.questions.map((q) => [q.key, q]))
  return {
    ...dataset,
    questions: dataset.questions.map((q) => {
      const question = byKey.get(q.question.key)
      if (!question || question.type !== q.question.type) throw new Error(`the dataset's question ${q.question.key} is not in the survey version`)
      return { ...q, question } as typeof q
    }),
  }
}

// ---- bytes -----------------------------------------------------------------------
// [header length: uint32 LE][header: JSON][columns, each at a multiple of 8 bytes].
// In the header a typed array is {"$t": type, "o": byte offset, "n": length}
// and a survey question is {"$q": key}.

const align = (n: number) => (n + 7) & ~7

/** One buffer for the dataset's columns; `part` picks the equality columns or everything else. */
export function encodeDataset(dataset: Dataset, part: 'columns' | 'equality'): Uint8Array {
  const arrays: Typed[] = []
  let offset = 0
  const pack = (value: unknown, key?: string): unknown => {
    if (isTyped(value)) {
      const entry = { $t: value.constructor.name as TypeName, o: offset, n: value.length }
      arrays.push(value)
      offset = align(offset + value.byteLength)
      return entry
    }
    if (key === 'question' && typeof value === 'object' && value !== null) return { $q: (value as { key: string }).key }
    if (Array.isArray(value)) return value.map((v) => pack(v))
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pack(v, k)]))
    return value
  }
  const tree = part === 'equality' ? { equality: pack(dataset.equality) } : pack({ ...dataset, equality: null })
  const header = new TextEncoder().encode(JSON.stringify(tree))
  const start = align(4 + header.length)
  const out = new Uint8Array(start + offset)
  new DataView(out.buffer).setUint32(0, header.length, true)
  out.set(header, 4)
  let at = start
  for (const a of arrays) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at)
    at = align(at + a.byteLength)
  }
  return out
}

function unpack(bytes: Uint8Array, definition: SurveyDefinition): unknown {
  // A copy at offset 0, so every column can be a view at an aligned offset.
  const buffer = new ArrayBuffer(bytes.byteLength)
  new Uint8Array(buffer).set(bytes)
  const length = new DataView(buffer).getUint32(0, true)
  const start = align(4 + length)
  const tree = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, length)))
  const byKey = new Map(definition.questions.map((q) => [q.key, q]))
  const build = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(build)
    if (typeof value !== 'object' || value === null) return value
    const record = value as Record<string, unknown>
    if (typeof record.$t === 'string') {
      const Type = TYPES[record.$t as TypeName]
      if (!Type) throw new Error(`unknown column type ${record.$t}`)
      return new Type(buffer, start + Number(record.o), Number(record.n))
    }
    if (typeof record.$q === 'string') {
      const question = byKey.get(record.$q)
      if (!question) throw new Error(`the stored dataset's question ${record.$q} is not in the survey version`)
      return question
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, build(v)]))
  }
  return build(tree)
}

/** The dataset again, with the definition's question objects; equality null when not given. */
export function decodeDataset(columns: Uint8Array, equality: Uint8Array | null, definition: SurveyDefinition): Dataset {
  const dataset = unpack(columns, definition) as Dataset
  return { ...dataset, equality: equality ? (unpack(equality, definition) as { equality: Dataset['equality'] }).equality : null }
}
