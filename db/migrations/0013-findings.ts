import type { Kysely } from 'kysely'
import { epochMs, strict } from './dialect.ts'

// "You said, we did": entries pairing what residents said with what the
// partnership did, per consultation (texts per language), and the
// publication that makes them public with a snapshot of the headline
// findings (suppressed), so the public page reads one row, never responses.
export async function up(db: Kysely<any>): Promise<void> {
  await strict(
    db,
    db.schema
      .createTable('you_said_we_did')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      /** JSON: { en: string, bn?: string, ... } */
      .addColumn('said_i18n', 'text', (c) => c.notNull())
      .addColumn('did_i18n', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addColumn('updated_at', epochMs(db), (c) => c.notNull())
      .addColumn('is_synthetic', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute()
  await db.schema.createIndex('you_said_we_did_consultation').on('you_said_we_did').columns(['consultation_id', 'position']).execute()

  await strict(
    db,
    db.schema
      .createTable('findings_publication')
      .addColumn('consultation_id', 'text', (c) => c.primaryKey().references('consultation.id').onDelete('cascade'))
      .addColumn('published_at', epochMs(db), (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.notNull())
      /** JSON: the headline findings per language, suppressed when published */
      .addColumn('headline_json', 'text', (c) => c.notNull())
      .addColumn('is_synthetic', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('findings_publication').execute()
  await db.schema.dropTable('you_said_we_did').execute()
}
