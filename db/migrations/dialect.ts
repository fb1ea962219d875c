import { type Kysely, type CreateTableBuilder, PostgresAdapter, sql } from 'kysely'

// Migration helpers that keep one migration file valid on SQLite and PostgreSQL.
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** Epoch milliseconds need 64 bits: BIGINT on PostgreSQL, INTEGER on SQLite. */
export function epochMs(db: Kysely<any>) {
  return isPostgres(db) ? ('bigint' as const) : ('integer' as const)
}

/** SQLite STRICT tables refuse values of the wrong type, as PostgreSQL does. */
export function strict<T extends string, C extends string>(
  db: Kysely<any>,
  builder: CreateTableBuilder<T, C>,
): CreateTableBuilder<T, C> {
  return isPostgres(db) ? builder : builder.modifyEnd(sql`strict`)
}

/** Numbers that may have decimals: 8-byte floats on both engines. */
export function float(db: Kysely<any>) {
  return isPostgres(db) ? ('double precision' as const) : ('real' as const)
}
