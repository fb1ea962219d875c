import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { sql } from 'kysely'
import type { DB } from '../../../db/connection.ts'
import type { DatabaseLocation } from '../../../db/location.ts'
import { log } from '../../utils/log.server.ts'
import type { SurveyDefinition } from '../surveys/definition.ts'
import { appendDataset, attachQuestions, decodeDataset, encodeDataset, withoutEquality } from './dataset-columns.ts'
import type { Dataset } from './dataset.ts'
import type { DatasetJob, DatasetRead, HighWater } from './dataset.worker.server.ts'
import { startWorker } from './worker-thread.server.ts'

// The analysis dataset of a consultation (dataset.ts), read off the main
// thread (docs/decisions/0004) and kept up to date incrementally:
// - a worker thread reads the responses and builds the typed columns, and
//   hands over the finished buffers;
// - the dataset is kept in memory and in the database (analysis_snapshot),
//   with a high-water mark: the last response read, in (submitted_at, id)
//   order. A request counts the submitted responses up to the mark and after
//   it (one index-only query) and reads only the newer ones;
// - every response is read again when the survey version changes, when
//   responses at or before the mark were deleted (fewer than the dataset
//   holds; deleting a response also drops the stored snapshot at once, see
//   discardDatasetSnapshot) or committed late, and in the background every
//   five minutes while the pages are used, so equality answers given after
//   submitting (which change no response) show within five minutes, as before.
// Equality answers are read with the rest and stripped for readers who may
// not see them; in the database they are a blob of their own.

export interface LoadDatasetOptions {
  location: DatabaseLocation
  consultationId: string
  definition: SurveyDefinition
  wardCodes: readonly string[]
  includeEquality: boolean
}

/** Starts a worker thread for one read (all responses, or those after a mark). */
async function readInWorker(job: DatasetJob): Promise<DatasetRead> {
  const { moduleUrl, DATASET_TASK } = await import('./dataset.worker.server.ts')
  return new Promise((resolve, reject) => {
    const worker = startWorker(moduleUrl, DATASET_TASK, { ...job })
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      void worker.terminate()
      fn()
    }
    worker.once('message', (read: DatasetRead) => settle(() => resolve({ ...read, dataset: attachQuestions(read.dataset, job.definition) })))
    worker.once('error', (error) => settle(() => reject(error)))
    worker.once('exit', (code) => settle(() => reject(new Error(`the analysis reader stopped early (exit ${code})`))))
  })
}

const jobFor = (options: LoadDatasetOptions, after: HighWater | null): DatasetJob => ({
  location: options.location,
  consultationId: options.consultationId,
  definition: options.definition,
  wardCodes: [...options.wardCodes],
  after,
})

/** Reads every response (no cache). */
export async function loadDataset(options: LoadDatasetOptions): Promise<Dataset> {
  const { dataset } = await readInWorker(jobFor(options, null))
  return options.includeEquality ? dataset : withoutEquality(dataset)
}

// ---- kept between requests ------------------------------------------------------

/** The blobs' layout (dataset-columns.ts); a snapshot of another format is read again. */
const FORMAT = 1
/** Every response is read again after this long, in the background, while the pages are used. */
const REFRESH_MS = 5 * 60_000
/** A topped-up dataset is written back at most this often (a full read always is). */
const SAVE_EVERY_MS = 30_000
const MAX_ENTRIES = 4
/** Up to this many new responses are read on the main thread (about 25 rows each). */
const SMALL_TOP_UP = 200

interface Entry {
  versionId: string
  /** with equality answers */
  dataset: Dataset
  /** the same without */
  stripped: Dataset
  highWater: HighWater | null
  /** when every response was last read */
  builtAt: number
  savedAt: number
}

const entries = new Map<string, Entry>()
const locks = new Map<string, Promise<unknown>>()
const refreshing = new Set<string>()

/** One load per consultation at a time: two requests never read the same responses twice. */
function locked<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const run = (locks.get(key) ?? Promise.resolve()).then(fn, fn)
  const tail = run.catch(() => {})
  locks.set(key, tail)
  void tail.then(() => {
    if (locks.get(key) === tail) locks.delete(key)
  })
  return run
}

const entryFor = (versionId: string, dataset: Dataset, highWater: HighWater | null, builtAt: number, savedAt: number): Entry => ({
  versionId,
  dataset,
  stripped: withoutEquality(dataset),
  highWater,
  builtAt,
  savedAt,
})

/** How many submitted responses there are, and how many of them are at or before the mark (from the index). */
async function countResponses(db: DB, location: DatabaseLocation, consultationId: string, mark: HighWater | null) {
  const byteOrder = location.kind === 'postgres' ? sql.raw(' collate "C"') : sql.raw('')
  const upTo = mark ? sql`coalesce(sum(case when submitted_at < ${mark.at} or (submitted_at = ${mark.at} and id${byteOrder} <= ${mark.id}) then 1 else 0 end), 0)` : sql`0`
  const { rows } = await sql<{ total: number | string; up_to: number | string }>`select count(*) as total, ${upTo} as up_to from response where consultation_id = ${consultationId} and status = 'submitted'`.execute(db)
  return { total: Number(rows[0]?.total ?? 0), upTo: Number(rows[0]?.up_to ?? 0) }
}

const deflate = promisify(zlib.deflate)
const inflate = promisify(zlib.inflate)

async function readSnapshot(db: DB, options: LoadDatasetOptions & { versionId: string }): Promise<Entry | undefined> {
  const row = await db.selectFrom('analysis_snapshot').selectAll().where('consultation_id', '=', options.consultationId).executeTakeFirst()
  if (!row || row.format !== FORMAT || row.survey_version_id !== options.versionId) return undefined
  try {
    // zlib runs in libuv's thread pool, not on the event loop.
    const [columns, equality] = await Promise.all([inflate(row.columns), inflate(row.equality)])
    const dataset = decodeDataset(columns, equality, options.definition)
    if (dataset.n !== Number(row.responses)) return undefined
    const highWater = row.high_water_id === null || row.high_water_at === null ? null : { at: Number(row.high_water_at), id: row.high_water_id }
    return entryFor(options.versionId, dataset, highWater, Number(row.built_at), Number(row.updated_at))
  } catch (error) {
    log('warn', 'analysis snapshot unreadable; reading every response', { consultationId: options.consultationId, error: String(error) })
    return undefined
  }
}

async function saveSnapshot(db: DB, consultationId: string, entry: Entry, now: number) {
  try {
    const [columns, equality] = await Promise.all([deflate(encodeDataset(entry.dataset, 'columns'), { level: 1 }), deflate(encodeDataset(entry.dataset, 'equality'), { level: 1 })])
    const values = {
      survey_version_id: entry.versionId,
      format: FORMAT,
      responses: entry.dataset.n,
      high_water_at: entry.highWater?.at ?? null,
      high_water_id: entry.highWater?.id ?? null,
      built_at: entry.builtAt,
      updated_at: now,
      columns,
      equality,
    }
    await db
      .insertInto('analysis_snapshot')
      .values({ consultation_id: consultationId, ...values })
      .onConflict((oc) => oc.column('consultation_id').doUpdateSet(values))
      .execute()
    entry.savedAt = now
  } catch (error) {
    // The figures are right without it; the next full read tries again.
    log('warn', 'analysis snapshot not saved', { consultationId, error: String(error) })
  }
}

async function readEverything(db: DB, options: LoadDatasetOptions & { versionId: string }, now: number): Promise<Entry> {
  const read = await readInWorker(jobFor(options, null))
  const entry = entryFor(options.versionId, read.dataset, read.highWater, now, 0)
  await saveSnapshot(db, options.consultationId, entry, now)
  return entry
}

const keyOf = (options: LoadDatasetOptions) => `${options.location.kind === 'postgres' ? options.location.url : options.location.filename}|${options.consultationId}`

function remember(key: string, entry: Entry) {
  entries.delete(key)
  entries.set(key, entry)
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
}

/** Every response read again, off the request; the result replaces the entry if the survey version is still the same. */
function refreshInBackground(db: DB, key: string, options: LoadDatasetOptions & { versionId: string }) {
  if (refreshing.has(key)) return
  refreshing.add(key)
  void readInWorker(jobFor(options, null))
    .then((read) =>
      locked(key, async () => {
        const current = entries.get(key)
        if (current && current.versionId !== options.versionId) return
        const now = Date.now()
        const entry = entryFor(options.versionId, read.dataset, read.highWater, now, 0)
        remember(key, entry)
        await saveSnapshot(db, options.consultationId, entry, now)
      }),
    )
    .catch((error: unknown) => log('warn', 'analysis refresh failed', { consultationId: options.consultationId, error: String(error) }))
    .finally(() => refreshing.delete(key))
}

/**
 * The dataset for the analysis pages: from memory or the stored snapshot,
 * topped up with the responses submitted since, or read in full when needed.
 */
export async function getDataset(db: DB, options: LoadDatasetOptions & { versionId: string }, now = Date.now()): Promise<Dataset> {
  const key = keyOf(options)
  const entry = await locked(key, async () => {
    let entry = entries.get(key)
    if (entry?.versionId !== options.versionId) entry = await readSnapshot(db, options)
    const counts = entry ? await countResponses(db, options.location, options.consultationId, entry.highWater) : undefined
    if (!entry || !counts || counts.upTo !== entry.dataset.n) {
      // First read, another survey version, or responses deleted (or committed late) at or before the mark.
      entry = await readEverything(db, options, now)
    } else if (counts.total > entry.dataset.n) {
      const job = jobFor(options, entry.highWater)
      // A few responses are read here (a few milliseconds); more in a worker thread, which takes longer to start.
      const read = counts.total - entry.dataset.n <= SMALL_TOP_UP ? await (await import('./dataset.worker.server.ts')).readDataset(job) : await readInWorker(job)
      entry = entryFor(options.versionId, appendDataset(entry.dataset, read.dataset), read.highWater, entry.builtAt, entry.savedAt)
      if (now - entry.savedAt >= SAVE_EVERY_MS) await saveSnapshot(db, options.consultationId, entry, now)
    }
    remember(key, entry)
    return entry
  })
  if (now - entry.builtAt >= REFRESH_MS) refreshInBackground(db, key, options)
  return options.includeEquality ? entry.dataset : entry.stripped
}

/**
 * Responses were deleted: the stored snapshot goes at once (it holds their
 * answers), in the caller's transaction. The next load reads every response.
 */
export async function discardDatasetSnapshot(db: DB, consultationId: string) {
  await db.deleteFrom('analysis_snapshot').where('consultation_id', '=', consultationId).execute()
}

/** Tests and the benchmark: forget the datasets held in memory (stored snapshots stay). */
export function clearDatasetCache() {
  entries.clear()
}
