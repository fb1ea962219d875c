import type { Kysely } from 'kysely'
import { epochMs, strict } from './dialect.ts'

export async function up(db: Kysely<any>): Promise<void> {
  await strict(
    db,
    db.schema
      .createTable('framework')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name_i18n', 'text', (c) => c.notNull())
      .addColumn('vision_i18n', 'text', (c) => c.notNull())
      .addColumn('period_from', 'text', (c) => c.notNull())
      .addColumn('period_to', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', epochMs(db), (c) => c.notNull()),
  ).execute()

  await strict(
    db,
    db.schema
      .createTable('call_to_action')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('framework_id', 'text', (c) => c.notNull().references('framework.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title_i18n', 'text', (c) => c.notNull())
      .addUniqueConstraint('call_to_action_framework_code', ['framework_id', 'code']),
  ).execute()

  await strict(
    db,
    db.schema
      .createTable('focus_area')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('framework_id', 'text', (c) => c.notNull().references('framework.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('title_i18n', 'text', (c) => c.notNull())
      .addColumn('led_by', 'text', (c) => c.notNull())
      .addColumn('cta_codes', 'text', (c) => c.notNull()),
  ).execute()
  await db.schema.createIndex('focus_area_framework').on('focus_area').column('framework_id').execute()

  await strict(
    db,
    db.schema
      .createTable('engagement_method')
      .addColumn('framework_id', 'text', (c) => c.notNull().references('framework.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name_i18n', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('engagement_method_pk', ['framework_id', 'code']),
  ).execute()

  await strict(
    db,
    db.schema
      .createTable('ward')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('former_name', 'text')
      .addColumn('usual_residents_approx', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull()),
  ).execute()

  await strict(
    db,
    db.schema
      .createTable('census_margin')
      .addColumn('dimension', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('census_margin_pk', ['dimension', 'category']),
  ).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['census_margin', 'ward', 'engagement_method', 'focus_area', 'call_to_action', 'framework']) {
    await db.schema.dropTable(table).execute()
  }
}
