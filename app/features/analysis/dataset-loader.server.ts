import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import pg from 'pg'
import type { DB } from '../../../db/connection.ts'
import type { DatabaseLocation } from '../../../db/location.ts'
import { SUPPORTED_LOCALES } from '../i18n/config.ts'
import type { SurveyDefinition } from '../surveys/definition.ts'
import { CLOSED_TYPES, DatasetBuilder, type Dataset } from './dataset.ts'

// Reads a consultation's submitted responses into the analysis dataset, off
// the main thread (docs/decisions/0004): on SQLite a worker thread with its
// own read-only connection reads the rows and sends them back as typed
// arrays (strings sent once each); on PostgreSQL a connection of its own
// reads them in pages inside one read-only snapshot. Only closed answers are
// read (no free text); equality answers only for a reader allowed to see them.

export interface LoadDatasetOptions {
  location: DatabaseLocation
  consultationId: string
  definition: SurveyDefinition
  wardCodes: readonly string[]
  includeEquality: boolean
}

/** Runs in the worker. Plain JavaScript, evaluated as CommonJS. */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.betterSqlite3)
const db = new Database(workerData.filename, { readonly: true, fileMustExist: true })
db.pragma('busy_timeout = 5000')
// One long read of scattered pages: memory-mapped I/O and a larger page cache
// make it about a third faster (bench/analysis.ts). Read-only, so nothing is at risk.
db.pragma('mmap_size = 268435456')
db.pragma('cache_size = -32768')
const { consultationId, includeEquality, keys, chunkRows } = workerData
const wanted = new Set(keys)
const strings = new Map()
let fresh = []
const intern = (s) => {
  if (s === null || s === undefined) return -1
  let at = strings.get(s)
  if (at === undefined) {
    at = strings.size
    strings.set(s, at)
    fresh.push(s)
  }
  return at
}
const takeStrings = () => { const out = fresh; fresh = []; return out }
// One read transaction: the three queries see the same snapshot.
db.exec('BEGIN')
// Respondents in rowid order, i.e. the order their rows (and, written in the
// same transaction, their answers) were stored. Each answer row then comes
// with its respondent's position (row_number) rather than the response id:
// no 36-character string made and hashed per answer row, and the answer
// table is visited roughly in storage order (bench/analysis.ts).
const respondents = "(select row_number() over (order by rowid) - 1 as i, id from response where consultation_id = ? and status = 'submitted') r"
const responses = db.prepare("select channel, locale, ward_code, submitted_at from response where consultation_id = ? and status = 'submitted' order by rowid").raw().all(consultationId)
const n = responses.length
const channel = new Int32Array(n), locale = new Int32Array(n), ward = new Int32Array(n), submittedAt = new Float64Array(n)
for (let i = 0; i < n; i++) {
  const r = responses[i]
  channel[i] = intern(r[0]); locale[i] = intern(r[1]); ward[i] = intern(r[2]); submittedAt[i] = Number(r[3])
}
parentPort.postMessage({ kind: 'responses', n, channel, locale, ward, submittedAt, strings: takeStrings() }, [channel.buffer, locale.buffer, ward.buffer, submittedAt.buffer])
let ints = new Int32Array(chunkRows * 5), numbers = new Float64Array(chunkRows), rows = 0
const flushAnswers = () => {
  if (!rows) return
  const i32 = ints.slice(0, rows * 5), f64 = numbers.slice(0, rows)
  parentPort.postMessage({ kind: 'answers', rows, ints: i32, numbers: f64, strings: takeStrings() }, [i32.buffer, f64.buffer])
  rows = 0
}
const answers = db.prepare("select r.i, a.question_key, a.position, a.option_code, a.number_value, a.item_code from " + respondents + " join answer a on a.response_id = r.id").raw()
for (const a of answers.iterate(consultationId)) {
  if (!wanted.has(a[1])) continue
  const at = rows * 5
  ints[at] = a[0]; ints[at + 1] = intern(a[1]); ints[at + 2] = a[2]; ints[at + 3] = intern(a[3]); ints[at + 4] = intern(a[5])
  numbers[rows] = a[4] === null ? NaN : a[4]
  if (++rows === chunkRows) flushAnswers()
}
flushAnswers()
if (includeEquality) {
  const equality = db.prepare("select r.i, e.question_key, e.option_code from " + respondents + " join equality_answer e on e.response_id = r.id").raw()
  let eq = new Int32Array(chunkRows * 3), m = 0
  const flushEquality = () => {
    if (!m) return
    const out = eq.slice(0, m * 3)
    parentPort.postMessage({ kind: 'equality', rows: m, ints: out, strings: takeStrings() }, [out.buffer])
    m = 0
  }
  for (const e of equality.iterate(consultationId)) {
    const at = m * 3
    eq[at] = e[0]; eq[at + 1] = intern(e[1]); eq[at + 2] = intern(e[2])
    if (++m === chunkRows) flushEquality()
  }
  flushEquality()
}
db.exec('COMMIT')
db.close()
parentPort.postMessage({ kind: 'done' })
`

type WorkerMessage =
  | { kind: 'responses'; n: number; channel: Int32Array; locale: Int32Array; ward: Int32Array; submittedAt: Float64Array; strings: string[] }
  | { kind: 'answers'; rows: number; ints: Int32Array; numbers: Float64Array; strings: string[] }
  | { kind: 'equality'; rows: number; ints: Int32Array; strings: string[] }
  | { kind: 'done' }

const closedKeys = (definition: SurveyDefinition) => definition.questions.filter((q) => (CLOSED_TYPES as readonly string[]).includes(q.type)).map((q) => q.key)

const builderOptions = (options: LoadDatasetOptions, n: number) => ({
  n,
  wardCodes: options.wardCodes,
  languages: SUPPORTED_LOCALES,
  includeEquality: options.includeEquality,
})

/** Reads the dataset (no cache). */
export async function loadDataset(options: LoadDatasetOptions): Promise<Dataset> {
  return options.location.kind === 'postgres' ? loadFromPostgres(options.location.url, options) : loadFromSqlite(options.location.filename, options)
}

function loadFromSqlite(filename: string, options: LoadDatasetOptions): Promise<Dataset> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        filename,
        consultationId: options.consultationId,
        includeEquality: options.includeEquality,
        keys: closedKeys(options.definition),
        chunkRows: 20_000,
        betterSqlite3: createRequire(import.meta.url).resolve('better-sqlite3'),
      },
    })
    const strings: string[] = []
    const str = (at: number) => (at < 0 ? null : strings[at]!)
    let builder: DatasetBuilder | undefined
    let settled = false
    const fail = (error: unknown) => {
      if (settled) return
      settled = true
      void worker.terminate()
      reject(error)
    }
    worker.on('message', (message: WorkerMessage) => {
      try {
        if ('strings' in message) strings.push(...message.strings)
        switch (message.kind) {
          case 'responses': {
            builder = new DatasetBuilder(options.definition, builderOptions(options, message.n))
            for (let i = 0; i < message.n; i++) {
              builder.setResponse(i, str(message.channel[i])!, str(message.locale[i])!, str(message.ward[i]), message.submittedAt[i])
            }
            break
          }
          case 'answers': {
            const { ints, numbers } = message
            for (let r = 0; r < message.rows; r++) {
              const at = r * 5
              const number = numbers[r]
              builder!.addAnswer(ints[at], strings[ints[at + 1]]!, ints[at + 2], str(ints[at + 3]), Number.isNaN(number) ? null : number, str(ints[at + 4]))
            }
            break
          }
          case 'equality': {
            const { ints } = message
            for (let r = 0; r < message.rows; r++) {
              const at = r * 3
              builder!.addEquality(ints[at], strings[ints[at + 1]]!, str(ints[at + 2]))
            }
            break
          }
          case 'done':
            settled = true
            void worker.terminate()
            resolve(builder!.finish())
            break
        }
      } catch (error) {
        fail(error)
      }
    })
    worker.on('error', fail)
    worker.on('exit', (code) => {
      if (!settled) fail(new Error(`the analysis reader stopped early (exit ${code})`))
    })
  })
}

/**
 * PostgreSQL: its own connection (the app's pool stays free), one read-only
 * repeatable-read transaction, answers in pages of response ids.
 */
async function loadFromPostgres(url: string, options: LoadDatasetOptions): Promise<Dataset> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('begin isolation level repeatable read read only')
    const responses = await client.query<{ id: string; channel: string; locale: string; ward_code: string | null; submitted_at: string | number }>(
      `select id, channel, locale, ward_code, submitted_at from response where consultation_id = $1 and status = 'submitted' order by id`,
      [options.consultationId],
    )
    const n = responses.rows.length
    const builder = new DatasetBuilder(options.definition, builderOptions(options, n))
    const indexOf = new Map<string, number>()
    responses.rows.forEach((r, i) => {
      indexOf.set(r.id, i)
      builder.setResponse(i, r.channel, r.locale, r.ward_code, Number(r.submitted_at))
    })
    const keys = closedKeys(options.definition)
    const PAGE = 2_000
    for (let from = 0; from < n; from += PAGE) {
      const ids = responses.rows.slice(from, from + PAGE).map((r) => r.id)
      const answers = await client.query({
        text: `select response_id, question_key, position, option_code, number_value, item_code from answer where response_id = any($1) and question_key = any($2)`,
        values: [ids, keys],
        rowMode: 'array',
      })
      for (const a of answers.rows as [string, string, number, string | null, number | null, string | null][]) {
        builder.addAnswer(indexOf.get(a[0])!, a[1], Number(a[2]), a[3], a[4] === null ? null : Number(a[4]), a[5])
      }
      if (options.includeEquality) {
        const equality = await client.query({
          text: `select response_id, question_key, option_code from equality_answer where response_id = any($1)`,
          values: [ids],
          rowMode: 'array',
        })
        for (const e of equality.rows as [string, string, string | null][]) builder.addEquality(indexOf.get(e[0])!, e[1], e[2])
      }
    }
    await client.query('commit')
    return builder.finish()
  } finally {
    await client.end()
  }
}

// ---- a small cache -------------------------------------------------------------
// The dashboard, cross-tab, profile and weighting pages all read the same
// dataset, and reading 100,000 responses takes seconds: an analyst moving
// between pages should not wait each time. An entry is used while the survey
// version, the number of submitted responses and the latest response's
// creation time are unchanged (one query on the response index), for at most
// five minutes: equality answers given after submitting, which change neither,
// show within five minutes.

const TTL_MS = 5 * 60_000
const MAX_ENTRIES = 4
const cache = new Map<string, { stamp: string; at: number; dataset: Promise<Dataset> }>()

export async function getDataset(db: DB, options: LoadDatasetOptions & { versionId: string }, now = Date.now()): Promise<Dataset> {
  const row = await db
    .selectFrom('response')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('latest')])
    .where('consultation_id', '=', options.consultationId)
    .where('status', '=', 'submitted')
    .executeTakeFirst()
  const stamp = `${options.versionId}:${Number(row?.n ?? 0)}:${Number(row?.latest ?? 0)}`
  const key = `${options.location.kind === 'postgres' ? options.location.url : options.location.filename}|${options.consultationId}|${options.includeEquality ? 'eq' : 'no-eq'}`
  const hit = cache.get(key)
  if (hit && hit.stamp === stamp && now - hit.at < TTL_MS) return hit.dataset
  const dataset = loadDataset(options)
  cache.delete(key)
  cache.set(key, { stamp, at: now, dataset })
  // A failed read is not kept.
  dataset.catch(() => {
    if (cache.get(key)?.dataset === dataset) cache.delete(key)
  })
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!)
  return dataset
}

/** Tests: forget every cached dataset. */
export function clearDatasetCache() {
  cache.clear()
}
