import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type LogConfig, type SqliteDialectConfig } from 'kysely'
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

/**
 * Transactions begin IMMEDIATE: they take SQLite's write lock before their first read.
 * Kysely's driver issues a plain (deferred) BEGIN, which starts as a reader; if another
 * process commits between the transaction's first read and its first write, SQLite
 * refuses the upgrade at once with SQLITE_BUSY_SNAPSHOT ("database is locked"), which
 * busy_timeout cannot wait out. Every transaction in the app writes, so all of them
 * begin IMMEDIATE; another writer then waits (busy_timeout) for the commit.
 * See docs/decisions/0007-sqlite-write-transactions-begin-immediate.md.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig
  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config)
  }
}

// Where each Kysely instance made here reads from, so the read path for long
// reads (app/features/analysis/read-query.server.ts) can open its own
// connection to the same database: it cannot read another one than the
// instance a caller passes. A transaction or an in-memory database has none.
const locations = new WeakMap<Kysely<Database>, DatabaseLocation>()

/** The database this instance was opened on (not for a transaction, nor an in-memory SQLite database). */
export function locationOf(db: Kysely<Database>): DatabaseLocation | undefined {
  return db.isTransaction ? undefined : locations.get(db)
}

export function createSqliteDb(filename: string, options: SqliteOptions = {}): DB {
  const database = openSqlite(filename, options)
  // A read-only connection cannot take the write lock; its transactions stay deferred.
  const dialect = options.readonly ? new SqliteDialect({ database }) : new ImmediateSqliteDialect({ database })
  const db = new Kysely<Database>({ dialect, log: options.log })
  if (filename && filename !== ':memory:') locations.set(db, { kind: 'sqlite', filename: path.resolve(filename) })
  return db
}

export function createPostgresDb(url: string, { max = 10, log }: { max?: number; log?: LogConfig } = {}): DB {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 })
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log })
  locations.set(db, { kind: 'postgres', url })
  return db
}

/** The one place that turns a location into a Kysely instance. */
export function createDb(location: DatabaseLocation, options: SqliteOptions = {}): DB {
  return location.kind === 'postgres' ? createPostgresDb(location.url, { log: options.log }) : createSqliteDb(location.filename, options)
}
