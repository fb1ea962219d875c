import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import pg from 'pg'
import type { DatabaseLocation } from '../../../db/location.ts'
import { SUPPORTED_LOCALES } from '../i18n/config.ts'
import type { SurveyDefinition } from '../surveys/definition.ts'
import { datasetBuffers } from './dataset-columns.ts'
import { DatasetBuilder, type Dataset } from './dataset.ts'
import { isWorkerFor } from './worker-thread.server.ts'

// Reads a consultation's submitted responses into the analysis dataset, in a
// worker thread (dataset-loader.server.ts starts it; docs/decisions/0004):
// the typed columns are built here and handed to the main thread without
// copying, so the main thread only receives finished buffers. Every response
// (a full read), or only those after a high-water mark (a top-up), in
// submission order, inside one read transaction. Only closed answers are
// used (the builder ignores free text); equality answers are always read,
// and the loader strips them for readers who may not see them.

export const DATASET_TASK = 'analysis-dataset'
export const moduleUrl = import.meta.url

/** The last response read: responses are read in (submitted_at, id) order. */
export interface HighWater {
  at: number
  id: string
}

export interface DatasetJob {
  location: DatabaseLocation
  consultationId: string
  definition: SurveyDefinition
  wardCodes: string[]
  /** only responses after this one; null: all */
  after: HighWater | null
}

export interface DatasetRead {
  dataset: Dataset
  /** the last response read; `after` when there was none */
  highWater: HighWater | null
}

type ResponseRow = [id: string, channel: string, locale: string, ward: string | null, submittedAt: number | string]
type AnswerRow = [questionKey: string, position: number, optionCode: string | null, numberValue: number | null, itemCode: string | null]
type EqualityRow = [questionKey: string, optionCode: string | null]

function builderFor(job: DatasetJob, n: number) {
  return new DatasetBuilder(job.definition, { n, wardCodes: job.wardCodes, languages: SUPPORTED_LOCALES, includeEquality: true })
}

function highWaterOf(responses: ResponseRow[], after: HighWater | null): HighWater | null {
  const last = responses[responses.length - 1]
  return last ? { at: Number(last[4]), id: last[0] } : after
}

function readSqlite(filename: string, job: DatasetJob): DatasetRead {
  const db = new Database(filename, { readonly: true, fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    // One long read of scattered pages: a larger page cache helps (bench/analysis.ts). Read-only, so nothing is at risk.
    db.pragma('cache_size = -32768')
    db.exec('BEGIN')
    const after = job.after ? 'and submitted_at >= ? and (submitted_at > ? or id > ?)' : ''
    const params = job.after ? [job.consultationId, job.after.at, job.after.at, job.after.id] : [job.consultationId]
    const responses = db
      .prepare(`select id, channel, locale, ward_code, submitted_at from response where consultation_id = ? and status = 'submitted' ${after} order by submitted_at, id`)
      .raw()
      .all(...params) as ResponseRow[]
    const builder = builderFor(job, responses.length)
    // Each response's rows from the primary key indexes: no sort, no join of millions of rows.
    const answers = db.prepare('select question_key, position, option_code, number_value, item_code from answer where response_id = ?').raw()
    const equality = db.prepare('select question_key, option_code from equality_answer where response_id = ?').raw()
    responses.forEach((r, i) => {
      builder.setResponse(i, r[1], r[2], r[3], Number(r[4]))
      for (const a of answers.all(r[0]) as AnswerRow[]) builder.addAnswer(i, a[0], a[1], a[2], a[3], a[4])
      for (const e of equality.all(r[0]) as EqualityRow[]) builder.addEquality(i, e[0], e[1])
    })
    db.exec('COMMIT')
    return { dataset: builder.finish(), highWater: highWaterOf(responses, job.after) }
  } finally {
    db.close()
  }
}

/** PostgreSQL: one read-only repeatable-read transaction, answers in pages of response ids. */
async function readPostgres(url: string, job: DatasetJob): Promise<DatasetRead> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('begin isolation level repeatable read read only')
    // collate "C": the order SQLite uses (bytewise), whatever the database's collation.
    const after = job.after ? 'and submitted_at >= $2 and (submitted_at > $2 or id collate "C" > $3)' : ''
    const responses = await client.query({
      text: `select id, channel, locale, ward_code, submitted_at from response where consultation_id = $1 and status = 'submitted' ${after} order by submitted_at, id collate "C"`,
      values: job.after ? [job.consultationId, job.after.at, job.after.id] : [job.consultationId],
      rowMode: 'array',
    })
    const rows = responses.rows as ResponseRow[]
    const builder = builderFor(job, rows.length)
    const indexOf = new Map<string, number>()
    rows.forEach((r, i) => {
      indexOf.set(r[0], i)
      builder.setResponse(i, r[1], r[2], r[3], Number(r[4]))
    })
    const PAGE = 2_000
    for (let from = 0; from < rows.length; from += PAGE) {
      const ids = rows.slice(from, from + PAGE).map((r) => r[0])
      const answers = await client.query({ text: 'select response_id, question_key, position, option_code, number_value, item_code from answer where response_id = any($1)', values: [ids], rowMode: 'array' })
      for (const a of answers.rows as [string, string, number, string | null, number | null, string | null][]) {
        builder.addAnswer(indexOf.get(a[0])!, a[1], Number(a[2]), a[3], a[4] === null ? null : Number(a[4]), a[5])
      }
      const equality = await client.query({ text: 'select response_id, question_key, option_code from equality_answer where response_id = any($1)', values: [ids], rowMode: 'array' })
      for (const e of equality.rows as [string, string, string | null][]) builder.addEquality(indexOf.get(e[0])!, e[1], e[2])
    }
    await client.query('commit')
    return { dataset: builder.finish(), highWater: highWaterOf(rows, job.after) }
  } finally {
    await client.end()
  }
}

export function readDataset(job: DatasetJob): Promise<DatasetRead> {
  return job.location.kind === 'postgres' ? readPostgres(job.location.url, job) : Promise.resolve().then(() => readSqlite(job.location.kind === 'sqlite' ? job.location.filename : '', job))
}

if (isWorkerFor(DATASET_TASK)) {
  readDataset(workerData as DatasetJob).then(
    (read) => parentPort!.postMessage(read, datasetBuffers(read.dataset)),
    (error: unknown) =>
      // Rethrown outside the promise: the worker's 'error' event carries it to the main thread.
      setImmediate(() => {
        throw error
      }),
  )
}
