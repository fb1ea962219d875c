import { EQUALITY_QUESTIONS, ETHNIC_GROUPS, PREFER_NOT_TO_SAY } from '../equality/questions.ts'
import { SCALE_CODES, type Question, type SurveyDefinition } from '../surveys/definition.ts'

// The analysis dataset: every submitted response to one consultation, held in
// memory as typed columns (one small integer per respondent per closed
// question), so counts, cross-tabs and raking are plain loops with no SQL.
// Built from stored rows by DatasetBuilder (pure; the loader in
// dataset-loader.server.ts feeds it from SQLite or PostgreSQL).
//
// Answers are read against the consultation's CURRENT survey version: rows
// for questions, options or statements that version no longer has are left
// out (they are still in the CSV export).

/** Question types with a fixed set of answers, which the dashboard counts. */
export const CLOSED_TYPES = ['single', 'multiple', 'scale', 'grid', 'ward', 'ranking', 'number'] as const
export type ClosedType = (typeof CLOSED_TYPES)[number]
export type ClosedQuestion = Extract<Question, { type: ClosedType }>

export function isClosed(question: Question): question is ClosedQuestion {
  return (CLOSED_TYPES as readonly string[]).includes(question.type)
}

/** The ways a response can arrive (response.channel), in the order tables list them. */
export const CHANNELS = ['online', 'paper', 'phone', 'face_to_face', 'event', 'import'] as const

/** One value per respondent: an index into `codes`, or -1 for none. */
export interface Coded {
  codes: string[]
  values: Int16Array
}

export type QuestionData =
  | { kind: 'choice'; question: Extract<Question, { type: 'single' | 'scale' | 'ward' }>; codes: string[]; values: Int16Array }
  | { kind: 'multiple'; question: Extract<Question, { type: 'multiple' }>; codes: string[]; /** n × codes, 1 = chosen */ chosen: Uint8Array; answered: Uint8Array }
  | { kind: 'ranking'; question: Extract<Question, { type: 'ranking' }>; codes: string[]; /** n × codes, 0 = not ranked, else the rank (1 = first) */ rank: Uint8Array; answered: Uint8Array }
  | { kind: 'grid'; question: Extract<Question, { type: 'grid' }>; statements: string[]; codes: string[]; /** n × statements: index into codes or -1 */ values: Int16Array }
  | { kind: 'number'; question: Extract<Question, { type: 'number' }>; /** NaN when not answered */ values: Float64Array }

export interface Dataset {
  n: number
  submittedAt: Float64Array
  channel: Coded
  locale: Coded
  ward: Coded
  /** the closed questions, in survey order */
  questions: QuestionData[]
  /** raw equality answers by equality question key; null when the reader may not see equality data */
  equality: Record<string, Coded> | null
}

export function equalityCodes(key: string): string[] {
  if (key === 'ethnic_group') return [...Object.values(ETHNIC_GROUPS).flatMap((g) => g.options), PREFER_NOT_TO_SAY]
  return [...(EQUALITY_QUESTIONS.find((q) => q.key === key)?.options ?? [])]
}

/** A code list that grows when a value it does not know turns up (response channel, language, ward). */
class GrowingCoded {
  readonly codes: string[]
  private readonly index = new Map<string, number>()
  readonly values: Int16Array
  constructor(known: readonly string[], n: number) {
    this.codes = [...known]
    this.codes.forEach((c, i) => this.index.set(c, i))
    this.values = new Int16Array(n).fill(-1)
  }
  set(i: number, code: string | null | undefined) {
    if (code === null || code === undefined || code === '') return
    let at = this.index.get(code)
    if (at === undefined) {
      at = this.codes.length
      this.codes.push(code)
      this.index.set(code, at)
    }
    this.values[i] = at
  }
  done(): Coded {
    return { codes: this.codes, values: this.values }
  }
}

type Slot =
  | { data: Extract<QuestionData, { kind: 'choice' }>; index: Map<string, number> }
  | { data: Extract<QuestionData, { kind: 'multiple' }>; index: Map<string, number> }
  | { data: Extract<QuestionData, { kind: 'ranking' }>; index: Map<string, number> }
  | { data: Extract<QuestionData, { kind: 'grid' }>; index: Map<string, number>; statementIndex: Map<string, number> }
  | { data: Extract<QuestionData, { kind: 'number' }>; index: Map<string, number> }

const indexOf = (codes: readonly string[]) => new Map(codes.map((c, i) => [c, i]))

export interface DatasetBuilderOptions {
  /** respondents (submitted responses) */
  n: number
  /** ward codes in the order tables list them (the ward table, by name) */
  wardCodes: readonly string[]
  languages: readonly string[]
  includeEquality: boolean
}

/**
 * Fills a Dataset from stored rows: call setResponse for every respondent
 * (0..n−1), then addAnswer / addEquality for their rows in any order.
 */
export class DatasetBuilder {
  private readonly n: number
  private readonly submittedAt: Float64Array
  private readonly channel: GrowingCoded
  private readonly locale: GrowingCoded
  private readonly ward: GrowingCoded
  private readonly slots = new Map<string, Slot>()
  private readonly order: Slot[] = []
  private readonly equality: Map<string, GrowingCoded> | null

  constructor(definition: SurveyDefinition, options: DatasetBuilderOptions) {
    const n = options.n
    this.n = n
    this.submittedAt = new Float64Array(n)
    this.channel = new GrowingCoded(CHANNELS, n)
    this.locale = new GrowingCoded(options.languages, n)
    this.ward = new GrowingCoded(options.wardCodes, n)
    for (const question of definition.questions) {
      let slot: Slot | undefined
      switch (question.type) {
        case 'single':
        case 'scale':
        case 'ward': {
          const codes = question.type === 'single' ? question.options.map((o) => o.code) : question.type === 'scale' ? [...SCALE_CODES] : [...options.wardCodes]
          slot = { data: { kind: 'choice', question, codes, values: new Int16Array(n).fill(-1) }, index: indexOf(codes) }
          break
        }
        case 'multiple': {
          const codes = question.options.map((o) => o.code)
          slot = { data: { kind: 'multiple', question, codes, chosen: new Uint8Array(n * codes.length), answered: new Uint8Array(n) }, index: indexOf(codes) }
          break
        }
        case 'ranking': {
          const codes = question.options.map((o) => o.code)
          slot = { data: { kind: 'ranking', question, codes, rank: new Uint8Array(n * codes.length), answered: new Uint8Array(n) }, index: indexOf(codes) }
          break
        }
        case 'grid': {
          const codes = [...SCALE_CODES]
          const statements = question.statements.map((s) => s.code)
          slot = {
            data: { kind: 'grid', question, statements, codes, values: new Int16Array(n * statements.length).fill(-1) },
            index: indexOf(codes),
            statementIndex: indexOf(statements),
          }
          break
        }
        case 'number':
          slot = { data: { kind: 'number', question, values: new Float64Array(n).fill(NaN) }, index: new Map() }
          break
        default:
          break
      }
      if (slot) {
        this.slots.set(question.key, slot)
        this.order.push(slot)
      }
    }
    this.equality = options.includeEquality ? new Map(EQUALITY_QUESTIONS.map((q) => [q.key, new GrowingCoded(equalityCodes(q.key), n)])) : null
  }

  setResponse(i: number, channel: string, locale: string, wardCode: string | null, submittedAt: number) {
    this.channel.set(i, channel)
    this.locale.set(i, locale)
    this.ward.set(i, wardCode)
    this.submittedAt[i] = submittedAt
  }

  addAnswer(i: number, questionKey: string, position: number, optionCode: string | null, numberValue: number | null, itemCode: string | null) {
    const slot = this.slots.get(questionKey)
    if (!slot || i < 0 || i >= this.n) return
    const { data } = slot
    switch (data.kind) {
      case 'choice': {
        const at = optionCode === null ? undefined : slot.index.get(optionCode)
        if (at !== undefined) data.values[i] = at
        return
      }
      case 'multiple': {
        const at = optionCode === null ? undefined : slot.index.get(optionCode)
        if (at === undefined) return
        data.chosen[i * data.codes.length + at] = 1
        data.answered[i] = 1
        return
      }
      case 'ranking': {
        const at = optionCode === null ? undefined : slot.index.get(optionCode)
        if (at === undefined || !(position >= 0) || position > 254) return
        data.rank[i * data.codes.length + at] = position + 1
        data.answered[i] = 1
        return
      }
      case 'grid': {
        if (!('statementIndex' in slot)) return
        const s = itemCode === null ? undefined : slot.statementIndex.get(itemCode)
        const at = optionCode === null ? undefined : slot.index.get(optionCode)
        if (s !== undefined && at !== undefined) data.values[i * data.statements.length + s] = at
        return
      }
      case 'number':
        if (numberValue !== null && Number.isFinite(numberValue)) data.values[i] = numberValue
        return
    }
  }

  addEquality(i: number, questionKey: string, optionCode: string | null) {
    if (!this.equality || i < 0 || i >= this.n) return
    this.equality.get(questionKey)?.set(i, optionCode)
  }

  finish(): Dataset {
    return {
      n: this.n,
      submittedAt: this.submittedAt,
      channel: this.channel.done(),
      locale: this.locale.done(),
      ward: this.ward.done(),
      questions: this.order.map((s) => s.data),
      equality: this.equality ? Object.fromEntries([...this.equality].map(([key, coded]) => [key, coded.done()])) : null,
    }
  }
}
