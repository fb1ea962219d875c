import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect, type LogConfig } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.ts'
import type { DatabaseLocation } from './location.ts'

export type DB = Kysely<Database>

export interface SqliteOptions {
  /** SQLite synchronous mode for the write path; see docs/decisions/0002-sqlite-durability.md */
  synchronous?: 'FULL' | 'NORMAL'
  readonly?: boolean
  /** Kysely's query log (bench/page-cost.mjs counts queries with it) */
  log?: LogConfig
}

// BIGINT (epoch milliseconds) comes back from PostgreSQL as a string; these fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value))

/** Opens the SQLite database with the settings every connection must have. */
export function openSqlite(filename: string, { synchronous = 'FULL', readonly = false }: SqliteOptions = {}) {
  if (filename !== ':memory:' && !readonly) fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true })
  const sqlite = new SQLite(filename, { readonly, fileMustExist: readonly })
  if (!readonly) sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma(`synchronous = ${synchronous}`)
  return sqlite
}

export function createSqliteDb(filename: string, options: SqliteOptions = {}): DB {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(filename, options) }), log: options.log })
}

export function createPostgresDb(url: string, { max = 10, log }: { max?: number; log?: LogConfig } = {}): DB {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 })
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {})
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log })
}

/** The one place that turns a location into a Kysely instance. */
export function createDb(location: DatabaseLocation, options: SqliteOptions = {}): DB {
  return location.kind === 'postgres' ? createPostgresDb(location.url, { log: options.log }) : createSqliteDb(location.filename, options)
}
