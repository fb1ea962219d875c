import { Worker } from 'node:worker_threads'
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
// RFC 4180: quote a field when it holds a comma, quote or line break.
const cell = (v) => {
  if (v === null || v === undefined) return ''
  const s = String(v)
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s
}
const rows = db.prepare(
  "select r.id, r.reference, r.channel, r.locale, r.ward_code, r.submitted_at, a.question_key, a.position, a.option_code, a.number_value, a.text_value " +
  "from response r left join answer a on a.response_id = r.id " +
  "where r.consultation_id = ? and r.status = 'submitted' order by r.submitted_at, r.id, a.question_key, a.position"
)
let chunk = []
let current = null
const flush = () => { if (chunk.length) { parentPort.postMessage({ chunk: chunk.join('') }); chunk = [] } }
const emit = () => {
  if (!current) return
  const values = [current.reference, current.channel, current.locale, current.ward, new Date(current.submitted).toISOString()]
  for (const key of columns) values.push((current.answers[key] || []).join(workerData.multiSeparator))
  chunk.push(values.map(cell).join(',') + '\r\n')
  if (chunk.length >= chunkSize) flush()
}
// A byte order mark first, so spreadsheet programs read Bengali and Urdu as UTF-8.
parentPort.postMessage({ chunk: '\uFEFF' + ['reference', 'channel', 'language', 'ward_code', 'submitted_at', ...columns].map(cell).join(',') + '\r\n' })
for (const row of rows.iterate(consultationId)) {
  if (!current || current.id !== row.id) {
    emit()
    current = { id: row.id, reference: row.reference, channel: row.channel, locale: row.locale, ward: row.ward_code, submitted: row.submitted_at, answers: {} }
  }
  if (row.question_key) {
    const value = row.option_code ?? (row.number_value ?? row.text_value)
    ;(current.answers[row.question_key] = current.answers[row.question_key] || []).push(value)
  }
}
emit()
flush()
db.close()
parentPort.postMessage({ done: true })
`

export interface ExportOptions {
  location: DatabaseLocation
  consultationId: string
  definition: SurveyDefinition
  /** CSV lines per message from the worker */
  chunkSize?: number
}

/**
 * One row per submitted response, a column per question (multiple answers
 * joined with " | "), streamed as CSV text chunks. Runs off the main thread.
 */
export async function* streamResponsesCsv({ location, consultationId, definition, chunkSize = 500 }: ExportOptions): AsyncGenerator<string> {
  if (location.kind !== 'sqlite') throw new Error('streamResponsesCsv: the PostgreSQL read path is not built yet')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      filename: location.filename,
      consultationId,
      chunkSize,
      columns: definition.questions.map((q) => q.key),
      multiSeparator: ' | ',
      // Resolved here, where the app's node_modules are known.
      betterSqlite3: import.meta.resolve ? new URL(import.meta.resolve('better-sqlite3')).pathname : 'better-sqlite3',
    },
  })
  const queue: string[] = []
  let done = false
  let failure: unknown
  let wake: (() => void) | undefined
  worker.on('message', (message: { chunk?: string; done?: boolean }) => {
    if (message.chunk) queue.push(message.chunk)
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
    while (true) {
      if (failure) throw failure
      const next = queue.shift()
      if (next !== undefined) {
        yield next
        continue
      }
      if (done) return
      await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    await worker.terminate()
  }
}
