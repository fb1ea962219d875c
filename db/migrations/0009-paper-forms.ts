import type { Kysely } from 'kysely'
import { epochMs, strict } from './dialect.ts'

// Paper forms: every printed copy's form number, so a returned form can be
// traced to the survey version and language it was printed in, and entered
// only once (response_id is set when staff enter it).
export async function up(db: Kysely<any>): Promise<void> {
  await strict(
    db,
    db.schema
      .createTable('paper_form')
      .addColumn('form_number', 'text', (c) => c.primaryKey())
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id'))
      .addColumn('survey_version_id', 'text', (c) => c.notNull().references('survey_version.id'))
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('large_print', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('printed_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('printed_at', epochMs(db), (c) => c.notNull())
      /** A resident deleting their response leaves the form's record, without the link. */
      .addColumn('response_id', 'text', (c) => c.references('response.id').onDelete('set null'))
      .addColumn('entered_at', epochMs(db)),
  ).execute()
  await db.schema.createIndex('paper_form_consultation').on('paper_form').columns(['consultation_id', 'printed_at']).execute()
  await db.schema.createIndex('paper_form_survey_version').on('paper_form').column('survey_version_id').execute()
  await db.schema.createIndex('paper_form_printed_by').on('paper_form').column('printed_by').execute()
  // One form, one response.
  await db.schema.createIndex('paper_form_response').on('paper_form').column('response_id').unique().execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('paper_form').execute()
}
