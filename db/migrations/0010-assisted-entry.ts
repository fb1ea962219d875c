import type { Kysely } from 'kysely'
import { epochMs, strict } from './dialect.ts'

// Assisted entry: staff enter responses given by phone, face to face, at an
// event or on paper. The interviewer's note is staff-only. A paper form may be
// entered a second time, blind, by another officer; the comparison is kept per
// form (its primary key: one verification per form, so two at once cannot both
// count) with one row per question whose two entries differ, until a reviewer
// chooses the right value.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('response').addColumn('interviewer_note', 'text').execute()

  await strict(
    db,
    db.schema
      .createTable('paper_verification')
      .addColumn('form_number', 'text', (c) => c.primaryKey().references('paper_form.form_number').onDelete('cascade'))
      .addColumn('response_id', 'text', (c) => c.notNull().references('response.id').onDelete('cascade'))
      .addColumn('verified_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('verified_at', epochMs(db), (c) => c.notNull())
      .addColumn('mismatches', 'integer', (c) => c.notNull())
      /** matched | mismatch | resolved */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('resolved_by', 'text', (c) => c.references('app_user.id'))
      .addColumn('resolved_at', epochMs(db)),
  ).execute()
  await db.schema.createIndex('paper_verification_response').on('paper_verification').column('response_id').execute()
  await db.schema.createIndex('paper_verification_verified_by').on('paper_verification').column('verified_by').execute()
  await db.schema.createIndex('paper_verification_resolved_by').on('paper_verification').column('resolved_by').execute()
  await db.schema.createIndex('paper_verification_status').on('paper_verification').columns(['status', 'verified_at']).execute()

  await strict(
    db,
    db.schema
      .createTable('paper_verification_item')
      .addColumn('form_number', 'text', (c) => c.notNull().references('paper_verification.form_number').onDelete('cascade'))
      .addColumn('question_key', 'text', (c) => c.notNull())
      /** JSON answer values (null: not answered) of the first and the second entry */
      .addColumn('first_value', 'text')
      .addColumn('second_value', 'text')
      /** first | second, once a reviewer has chosen */
      .addColumn('chosen', 'text')
      .addPrimaryKeyConstraint('paper_verification_item_pk', ['form_number', 'question_key']),
  ).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('paper_verification_item').execute()
  await db.schema.dropTable('paper_verification').execute()
  await db.schema.alterTable('response').dropColumn('interviewer_note').execute()
}
