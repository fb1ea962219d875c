import type { Kysely } from 'kysely'

// The survey builder saves one change at a time. `revision` counts saves of a
// version so two officers editing at once cannot overwrite each other; a grid
// answer has one row per statement, named by `item_code`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_version').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.alterTable('answer').addColumn('item_code', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('answer').dropColumn('item_code').execute()
  await db.schema.alterTable('survey_version').dropColumn('revision').execute()
}
