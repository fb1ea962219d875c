import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import pg from 'pg'
import type { DatabaseLocation } from '../../../db/location.ts'
import type { SurveyDefinition } from '../surveys/definition.ts'

// The read path for heavy reads (exports, analysis). On SQLite the app has one
// connection that every resident's write goes through, and better-sqlite3 is
// synchronous: a long read on it would stall every request. So heavy reads run
// in a worker thread with its own read-only connection (WAL lets it read a
// snapshot while the app keeps writing), and send their output back in chunks.

/** Runs in the worker. Plain JavaScript, evaluated as CommonJS (it may `require`). */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.betterSqlite3)
const db = new Database(workerData.filename, { readonly: true, fileMustExist: true })
db.pragma('busy_timeout = 5000')
const { columns, consultationId, chunkSize } = workerData
// One read transaction, so every response and answer comes from one snapshot.
db.exec('BEGIN')
const responses = db.prepare(
  "select id, reference, channel, locale, ward_code, submitted_at from response " +
  "where consultation_id = ? and status = 'submitted' order by submitted_at, id"
).raw().all(consultationId)
// A response's answers come from the answer table's primary key index, already
// in (question_key, position) order: no sort of millions of joined rows.
const answers = db.prepare("select question_key, option_code, number_value, text_value, item_code from answer where response_id = ? order by question_key, position").raw()
const columnIndex = new Map(columns.map((c, i) => [c, i]))
// Rows go back as values (the main thread writes the CSV), so the same
// protection applies to them on SQLite and PostgreSQL.
let chunk = []
const flush = () => { if (chunk.length) { parentPort.postMessage({ rows: chunk }); chunk = [] } }
for (const r of responses) {
  const cells = columns.map(() => [])
  for (const a of answers.all(r[0])) {
    // A grid statement's rating goes in its own column, <key>.<statement code>.
    const at = columnIndex.get(a[4] ? a[0] + '.' + a[4] : a[0])
    if (at !== undefined) cells[at].push(a[1] ?? (a[2] ?? a[3]))
  }
  chunk.push({ reference: r[1], channel: r[2], locale: r[3], ward: r[4], submittedAt: r[5], answers: cells })
  if (chunk.length >= chunkSize) flush()
}
db.exec('COMMIT')
flush()
db.close()
parentPort.postMessage({ done: true })
`

/**
 * The answer columns, in survey order: one per question, except a grid, which
 * has one per statement named <key>.<statement code> (question keys have no dots).
 */
export function answerColumns(definition: SurveyDefinition): string[] {
  return definition.questions.flatMap((q) => (q.type === 'grid' ? q.statements.map((s) => `${q.key}.${s.code}`) : [q.key]))
}

/** One submitted response as the CSV will show it: answers per column, several for a multiple choice. */
export interface CsvResponseRow {
  reference: string
  channel: string
  locale: string
  ward: string | null
  submittedAt: number
  answers: unknown[][]
}

export interface ExportOptions {
  location: DatabaseLocation
  consultationId: string
  definition: SurveyDefinition
  /** CSV lines per message from the worker */
  chunkSize?: number
  /** applied to every row before it is written (e.g. small-number protection and redaction) */
  protect?: (row: CsvResponseRow) => CsvResponseRow
}

const HEADER = ['reference', 'channel', 'language', 'ward_code', 'submitted_at']

/** A byte order mark first, so spreadsheet programs read Bengali and Urdu as UTF-8. */
function csvHeader(columns: string[]) {
  return '\uFEFF' + [...HEADER, ...columns].map(csvCell).join(',') + '\r\n'
}

function csvLines(rows: CsvResponseRow[], protect?: (row: CsvResponseRow) => CsvResponseRow) {
  let text = ''
  for (const raw of rows) {
    const r = protect ? protect(raw) : raw
    const values: unknown[] = [r.reference, r.channel, r.locale, r.ward, new Date(Number(r.submittedAt)).toISOString()]
    for (const answers of r.answers) values.push(answers.join(' | '))
    text += values.map(csvCell).join(',') + '\r\n'
  }
  return text
}

/**
 * One row per submitted response, a column per question (multiple answers
 * joined with " | "; a column per grid statement; dates as YYYY-MM-DD),
 * streamed as CSV text chunks. The rows are read off the main thread.
 */
export async function* streamResponsesCsv({ location, consultationId, definition, chunkSize = 500, protect }: ExportOptions): AsyncGenerator<string> {
  if (location.kind === 'postgres') {
    yield* streamResponsesCsvFromPostgres(location.url, consultationId, definition, protect)
    return
  }
  const columns = answerColumns(definition)
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      filename: location.filename,
      consultationId,
      chunkSize,
      columns,
      // Resolved here, where the app's node_modules are known.
      betterSqlite3: createRequire(import.meta.url).resolve('better-sqlite3'),
    },
  })
  const queue: CsvResponseRow[][] = []
  let done = false
  let failure: unknown
  let wake: (() => void) | undefined
  worker.on('message', (message: { rows?: CsvResponseRow[]; done?: boolean }) => {
    if (message.rows) queue.push(message.rows)
    if (message.done) done = true
    wake?.()
  })
  worker.on('error', (error) => {
    failure = error
    wake?.()
  })
  worker.on('exit', () => {
    done = true
    wake?.()
  })
  try {
    yield csvHeader(columns)
    while (true) {
      if (failure) throw failure
      const next = queue.shift()
      if (next !== undefined) {
        yield csvLines(next, protect)
        continue
      }
      if (done) return
      await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    await worker.terminate()
  }
}

const csvCell = (v: unknown) => {
  if (v === null || v === undefined) return ''
  const s = String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * PostgreSQL: queries are asynchronous and run on the database server, so the
 * event loop stays free; a connection of its own, and pages of 1,000 responses
 * (keyset pagination), keep memory flat and the app's pool untouched.
 */
async function* streamResponsesCsvFromPostgres(url: string, consultationId: string, definition: SurveyDefinition, protect?: (row: CsvResponseRow) => CsvResponseRow): AsyncGenerator<string> {
  const columns = answerColumns(definition)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    yield csvHeader(columns)
    let after: { submittedAt: number; id: string } = { submittedAt: -1, id: '' }
    while (true) {
      const page = await client.query<{ id: string; reference: string; channel: string; locale: string; ward_code: string | null; submitted_at: number }>(
        `select id, reference, channel, locale, ward_code, submitted_at from response
         where consultation_id = $1 and status = 'submitted' and (submitted_at, id) > ($2, $3)
         order by submitted_at, id limit 1000`,
        [consultationId, after.submittedAt, after.id],
      )
      if (!page.rows.length) return
      const answers = await client.query<{ response_id: string; question_key: string; option_code: string | null; number_value: number | null; text_value: string | null; item_code: string | null }>(
        `select response_id, question_key, option_code, number_value, text_value, item_code from answer where response_id = any($1) order by response_id, question_key, position`,
        [page.rows.map((r) => r.id)],
      )
      const byResponse = new Map<string, Record<string, unknown[]>>()
      for (const a of answers.rows) {
        // No prototype: a question keyed "constructor" is a column like any other.
        const entry = byResponse.get(a.response_id) ?? (Object.create(null) as Record<string, unknown[]>)
        ;(entry[a.item_code ? `${a.question_key}.${a.item_code}` : a.question_key] ??= []).push(a.option_code ?? a.number_value ?? a.text_value)
        byResponse.set(a.response_id, entry)
      }
      yield csvLines(
        page.rows.map((r) => ({
          reference: r.reference,
          channel: r.channel,
          locale: r.locale,
          ward: r.ward_code,
          submittedAt: Number(r.submitted_at),
          answers: columns.map((key) => byResponse.get(r.id)?.[key] ?? []),
        })),
        protect,
      )
      const last = page.rows[page.rows.length - 1]!
      after = { submittedAt: Number(last.submitted_at), id: last.id }
    }
  } finally {
    await client.end()
  }
}
