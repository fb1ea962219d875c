import { createDb, type DB } from '../../db/connection.ts'
import { databaseLocationFromEnv } from '../../db/location.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { getEnv } from './env.server.ts'
import { runRetention } from '~/features/responses/data-protection.server.ts'
import { log, logError } from './log.server.ts'

// One database handle per process. On SQLite, better-sqlite3 is synchronous and
// SQLite has one writer, so Kysely runs every query on one connection in turn;
// on PostgreSQL it is a pool.
let instance: { db: DB; ready: Promise<unknown> } | undefined

function init() {
  const env = getEnv()
  const db = createDb(databaseLocationFromEnv({ DATABASE_URL: env.DATABASE_URL }), { synchronous: env.SQLITE_SYNCHRONOUS })
  // Migrations run on start, so a fresh database is usable at once.
  const ready = migrateToLatest(db).then(() => scheduleRetention(db, env.RETENTION_INTERVAL_MINUTES))
  return { db, ready }
}

export async function getDb(): Promise<DB> {
  instance ??= init()
  await instance.ready
  return instance.db
}

/** The data-protection job, in every instance (it is idempotent): now, then every interval. */
function scheduleRetention(db: DB, minutes: number) {
  if (!minutes) return
  const run = () =>
    runRetention(db)
      .then((result) => {
        if (result.draftsDeleted || result.anonymised) log('info', 'retention job', result)
      })
      .catch((error) => logError(error, { job: 'retention' }))
  setTimeout(run, 5_000).unref()
  setInterval(run, minutes * 60_000).unref()
}
