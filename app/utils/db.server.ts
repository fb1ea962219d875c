import { createDb, type DB } from '../../db/connection.ts'
import { databaseLocationFromEnv, redactUrl } from '../../db/location.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { getEnv } from './env.server.ts'
import { scheduleAnalysisWarmUp } from '~/features/analysis/warm-up.server.ts'
import { scheduleRetention } from '~/features/responses/data-protection.server.ts'

// One database handle per process. On SQLite, better-sqlite3 is synchronous and
// SQLite has one writer, so Kysely runs every query on one connection in turn;
// on PostgreSQL it is a pool.
let instance: { db: DB; ready: Promise<unknown> } | undefined

function init() {
  const env = getEnv()
  const location = databaseLocationFromEnv({ DATABASE_URL: env.DATABASE_URL })
  const db = createDb(location, {
    synchronous: env.SQLITE_SYNCHRONOUS,
    // HYS_SQL_LOG=1 (bench/page-cost.mjs only): each executed query as one JSON line {"sql":...} on stdout.
    log: env.HYS_SQL_LOG === '1' ? (event) => console.log(JSON.stringify({ sql: event.query.sql })) : undefined,
  })
  // Migrations run on start, so a fresh database is usable at once.
  const ready = migrateToLatest(db)
    .then(() => scheduleRetention(db, env.RETENTION_INTERVAL_MINUTES))
    .then(() => scheduleAnalysisWarmUp(db, location, env.ANALYSIS_READ_AHEAD))
    .catch(async (error) => {
      // Forget this attempt, so a database that comes up later is used on the next request.
      instance = undefined
      await db.destroy().catch(() => {})
      throw explainDatabaseError(error, env.DATABASE_URL)
    })
  return { db, ready }
}

export async function getDb(): Promise<DB> {
  instance ??= init()
  const { ready, db } = instance
  await ready
  return db
}

/** Errors an operator can act on, without the password. */
export function explainDatabaseError(error: unknown, url: string): Error {
  const cause = (error as { cause?: unknown })?.cause ?? error
  const code = (cause as { code?: string })?.code ?? (error as { code?: string })?.code
  const message = error instanceof Error ? error.message : String(error)
  const where = redactUrl(url)
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT' || /timeout exceeded when trying to connect/i.test(message)) {
    return new Error(`Cannot reach the database server at ${where} (${code ?? 'timeout'}). Check DATABASE_URL and that the server is running.`)
  }
  if (code === '3D000') return new Error(`The database in ${where} does not exist. Create it first (createdb), then start again.`)
  if (code === '28P01' || code === '28000') return new Error(`The database server at ${where} refused the user name or password in DATABASE_URL.`)
  if (code === 'SQLITE_CANTOPEN') return new Error(`Cannot open the SQLite file ${where}: check the folder exists and is writable.`)
  return error instanceof Error ? error : new Error(message)
}
