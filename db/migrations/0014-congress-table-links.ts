import type { Kysely } from 'kysely'

// Congress hardening. Each table's facilitator link carries its table's
// token_version: issuing a new link bumps it, and every older link stops
// working at once (a lost tablet, a facilitator who changed). A proposed
// commitment keeps the language it was written in, so its live vote's title
// is stored under that language rather than assumed to be English.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('congress_table').addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(1)).execute()
  await db.schema.alterTable('congress_commitment').addColumn('locale', 'text', (c) => c.notNull().defaultTo('en')).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('congress_commitment').dropColumn('locale').execute()
  await db.schema.alterTable('congress_table').dropColumn('token_version').execute()
}
