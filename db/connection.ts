import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import type { Database } from './schema.ts'

export type DB = Kysely<Database>

export interface ConnectionOptions {
  /** A file path, or ':memory:' */
  filename: string
  /** SQLite synchronous mode for the write path; see docs/decisions/0002-sqlite-durability.md */
  synchronous?: 'FULL' | 'NORMAL'
  readonly?: boolean
}

/** Opens the SQLite database with the settings every connection must have. */
export function openSqlite({ filename, synchronous = 'FULL', readonly = false }: ConnectionOptions) {
  if (filename !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true })
  const sqlite = new SQLite(filename, { readonly, fileMustExist: readonly })
  if (!readonly) sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma(`synchronous = ${synchronous}`)
  return sqlite
}

export function createDb(options: ConnectionOptions): DB {
  const sqlite = openSqlite(options)
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
}
