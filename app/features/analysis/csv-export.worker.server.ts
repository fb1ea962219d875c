import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import pg from 'pg'
import type { DatabaseLocation } from '../../../db/location.ts'
import { applyQuoteProtection, MANUAL_MARK, quoteKey, type QuoteProtection } from '../coding/quote-protection.ts'
import { ResponsesCsv, type CsvProtectionOptions, type CsvValue } from '../findings/csv-protection.ts'
import { isWorkerFor } from './worker-thread.server.ts'

// The responses CSV, written in a worker thread (read-worker.server.ts starts
// it): one read transaction reads every submitted response and its answers,
// counts the values as it goes (so the protection and the rows come from one
// snapshot), then writes the file as UTF-8 bytes in chunks, one chunk each
// time the main thread asks for one, handed over without copying.

export const CSV_EXPORT_TASK = 'responses-csv'
export const moduleUrl = import.meta.url

export interface CsvExportJob {
  location: DatabaseLocation
  consultationId: string
  /** the answer columns, in order (answerColumns) */
  columns: string[]
  textColumns: string[]
  protection: CsvProtectionOptions | null
  /** rows per chunk */
  chunkRows: number
}

export type CsvExportMessage = { kind: 'header' | 'bytes'; bytes: Uint8Array } | { kind: 'done'; rows: number }

type AnswerRow = [questionKey: string, itemCode: string | null, optionCode: string | null, numberValue: number | null, textValue: string | null]

/** question key → column, or for a grid, statement code → column */
function columnLookup(columns: readonly string[]) {
  const byKey = new Map<string, number | Map<string, number>>()
  columns.forEach((column, i) => {
    const dot = column.indexOf('.')
    if (dot < 0) byKey.set(column, i)
    else {
      const key = column.slice(0, dot)
      let items = byKey.get(key)
      if (!(items instanceof Map)) byKey.set(key, (items = new Map()))
      items.set(column.slice(dot + 1), i)
    }
  })
  return (key: string, item: string | null): number | undefined => {
    const entry = byKey.get(key)
    // A grid statement's rating goes in its own column, <key>.<statement code>.
    if (item) return entry instanceof Map ? entry.get(item) : undefined
    return typeof entry === 'number' ? entry : undefined
  }
}

/** An analyst's quote protections (words taken out, answers withheld), applied to a protected file's free text. */
type Protections = Map<string, QuoteProtection>

function addAnswers(csv: ResponsesCsv, columnOf: ReturnType<typeof columnLookup>, responseId: string, answers: readonly AnswerRow[], protections: Protections | null) {
  for (const a of answers) {
    const column = columnOf(a[0], a[1])
    if (column === undefined) continue
    let value = (a[2] ?? a[3] ?? a[4]) as CsvValue
    const protection = protections && typeof a[4] === 'string' ? protections.get(quoteKey(responseId, a[0])) : undefined
    if (protection) value = applyQuoteProtection(a[4]!, protection)?.text ?? MANUAL_MARK
    csv.addAnswer(column, value)
  }
}

const QUOTE_PROTECTIONS = 'select response_id, question_key, withheld, phrases from quote_protection where consultation_id = ?'

function toProtections(rows: [string, string, number | boolean, string][]): Protections {
  const phrases = (json: string) => {
    try {
      const value = JSON.parse(json) as unknown
      return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : []
    } catch {
      return []
    }
  }
  return new Map(rows.map(([responseId, key, withheld, json]) => [quoteKey(responseId, key), { withheld: Number(withheld) === 1, phrases: phrases(json) }]))
}

const RESPONSES = `select id, reference, channel, locale, ward_code, submitted_at from response where consultation_id = ? and status = 'submitted' order by submitted_at, id`

function readSqlite(filename: string, job: CsvExportJob, csv: ResponsesCsv) {
  const db = new Database(filename, { readonly: true, fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    const columnOf = columnLookup(job.columns)
    // One read transaction: one snapshot for the counts and the rows.
    db.exec('BEGIN')
    const responses = db.prepare(RESPONSES).raw().all(job.consultationId) as [string, string, string, string, string | null, number][]
    // A response's answers come from the answer table's primary key index,
    // already in (question_key, position) order: no sort of millions of rows.
    const answers = db.prepare('select question_key, item_code, option_code, number_value, text_value from answer where response_id = ? order by question_key, position').raw()
    const protections = job.protection ? toProtections(db.prepare(QUOTE_PROTECTIONS).raw().all(job.consultationId) as [string, string, number, string][]) : null
    for (const r of responses) {
      csv.addResponse(r[1], r[2], r[3], r[4], Number(r[5]))
      addAnswers(csv, columnOf, r[0], answers.all(r[0]) as AnswerRow[], protections)
    }
    db.exec('COMMIT')
  } finally {
    db.close()
  }
}

async function readPostgres(url: string, job: CsvExportJob, csv: ResponsesCsv) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const columnOf = columnLookup(job.columns)
    await client.query('begin isolation level repeatable read read only')
    // collate "C": the same order as SQLite's (bytewise) for equal submission times.
    const responses = await client.query({ text: RESPONSES.replace('?', '$1') + ' collate "C"', values: [job.consultationId], rowMode: 'array' })
    const rows = responses.rows as [string, string, string, string, string | null, string | number][]
    const protections = job.protection
      ? toProtections((await client.query({ text: QUOTE_PROTECTIONS.replace('?', '$1'), values: [job.consultationId], rowMode: 'array' })).rows as [string, string, number | boolean, string][])
      : null
    const PAGE = 2_000
    for (let from = 0; from < rows.length; from += PAGE) {
      const page = rows.slice(from, from + PAGE)
      const answers = await client.query({
        text: 'select response_id, question_key, item_code, option_code, number_value, text_value from answer where response_id = any($1) order by response_id, question_key, position',
        values: [page.map((r) => r[0])],
        rowMode: 'array',
      })
      const byResponse = new Map<string, AnswerRow[]>()
      for (const a of answers.rows as [string, ...AnswerRow][]) {
        let list = byResponse.get(a[0])
        if (!list) byResponse.set(a[0], (list = []))
        list.push([a[1], a[2], a[3], a[4] === null ? null : Number(a[4]), a[5]])
      }
      for (const r of page) {
        csv.addResponse(r[1], r[2], r[3], r[4], Number(r[5]))
        addAnswers(csv, columnOf, r[0], byResponse.get(r[0]) ?? [], protections)
      }
    }
    await client.query('commit')
  } finally {
    await client.end()
  }
}

async function run(job: CsvExportJob) {
  const port = parentPort!
  const encoder = new TextEncoder()
  const send = (kind: 'header' | 'bytes', text: string) => {
    const bytes = encoder.encode(text)
    port.postMessage({ kind, bytes } satisfies CsvExportMessage, [bytes.buffer])
  }
  const csv = new ResponsesCsv(job.columns, new Set(job.textColumns), job.protection)
  // The header at once: the download starts while the rows are read.
  send('header', csv.header())
  if (job.location.kind === 'postgres') await readPostgres(job.location.url, job, csv)
  else readSqlite(job.location.filename, job, csv)
  csv.finish()
  let next = 0
  port.on('message', (message: unknown) => {
    if (message !== 'next') return
    if (next >= csv.rows) {
      port.postMessage({ kind: 'done', rows: csv.rows } satisfies CsvExportMessage)
      return
    }
    const to = Math.min(csv.rows, next + job.chunkRows)
    send('bytes', csv.render(next, to))
    next = to
  })
}

if (isWorkerFor(CSV_EXPORT_TASK)) {
  run(workerData as CsvExportJob).catch((error: unknown) => {
    // Rethrown outside the promise: the worker's 'error' event carries it to the main thread.
    setImmediate(() => {
      throw error
    })
  })
}
