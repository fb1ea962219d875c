import { createDb, type DB } from '../../db/connection.ts'
import { databaseLocationFromEnv } from '../../db/location.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { getEnv } from './env.server.ts'

// One database handle per process. On SQLite, better-sqlite3 is synchronous and
// SQLite has one writer, so Kysely runs every query on one connection in turn;
// on PostgreSQL it is a pool.
let instance: { db: DB; ready: Promise<unknown> } | undefined

function init() {
  const env = getEnv()
  const db = createDb(databaseLocationFromEnv({ DATABASE_URL: env.DATABASE_URL }), { synchronous: env.SQLITE_SYNCHRONOUS })
  // Migrations run on start, so a fresh database is usable at once.
  return { db, ready: migrateToLatest(db) }
}

export async function getDb(): Promise<DB> {
  instance ??= init()
  await instance.ready
  return instance.db
}
