import type { Kysely } from 'kysely'
import { epochMs, strict } from './dialect.ts'

// Quote protection an analyst sets on one free-text answer, for what the
// personal-details finder misses: words to take out of it wherever it is
// quoted, or the whole answer withheld from quotes. Deleted with the response.
// And the weighting an analyst chose for a consultation's findings report.
export async function up(db: Kysely<any>): Promise<void> {
  await strict(
    db,
    db.schema
      .createTable('quote_protection')
      .addColumn('response_id', 'text', (c) => c.notNull().references('response.id').onDelete('cascade'))
      .addColumn('question_key', 'text', (c) => c.notNull())
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id').onDelete('cascade'))
      /** 1: never quote this answer */
      .addColumn('withheld', 'integer', (c) => c.notNull().defaultTo(0))
      /** JSON array of the exact words to replace with a mark wherever the answer is quoted */
      .addColumn('phrases', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', epochMs(db), (c) => c.notNull())
      .addPrimaryKeyConstraint('quote_protection_pk', ['response_id', 'question_key']),
  ).execute()
  await db.schema.createIndex('quote_protection_consultation').on('quote_protection').column('consultation_id').execute()

  await strict(
    db,
    db.schema
      .createTable('weighting_choice')
      .addColumn('consultation_id', 'text', (c) => c.primaryKey().references('consultation.id').onDelete('cascade'))
      /** the weighting page's choices as its query string (margins, own targets, cap, floor, collapse) */
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('saved_by', 'text', (c) => c.notNull())
      .addColumn('saved_at', epochMs(db), (c) => c.notNull()),
  ).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('weighting_choice').execute()
  await db.schema.dropTable('quote_protection').execute()
}
