import { type Kysely, sql } from 'kysely'
import { epochMs, strict } from './dialect.ts'

export async function up(db: Kysely<any>): Promise<void> {
  await strict(
    db,
    db.schema
      .createTable('consultation')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('framework_id', 'text', (c) => c.notNull().references('framework.id'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(`status in ('draft', 'open', 'closed')`)))
      .addColumn('opens_at', epochMs(db), (c) => c.notNull())
      .addColumn('closes_at', epochMs(db), (c) => c.notNull())
      .addColumn('locales', 'text', (c) => c.notNull())
      .addColumn('content_i18n', 'text', (c) => c.notNull())
      .addColumn('estimated_minutes', 'integer', (c) => c.notNull())
      .addColumn('partners', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('is_synthetic', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addColumn('updated_at', epochMs(db), (c) => c.notNull()),
  ).execute()
  await db.schema.createIndex('consultation_framework').on('consultation').column('framework_id').execute()
  await db.schema.createIndex('consultation_status').on('consultation').columns(['status', 'closes_at']).execute()

  await strict(
    db,
    db.schema
      .createTable('survey_version')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id').onDelete('cascade'))
      .addColumn('version_number', 'integer', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addUniqueConstraint('survey_version_number', ['consultation_id', 'version_number']),
  ).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_version').execute()
  await db.schema.dropTable('consultation').execute()
}
