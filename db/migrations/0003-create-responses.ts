import { type Kysely, sql } from 'kysely'
import { epochMs, float, strict } from './dialect.ts'

export async function up(db: Kysely<any>): Promise<void> {
  await strict(
    db,
    db.schema
      .createTable('response')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id'))
      .addColumn('survey_version_id', 'text', (c) => c.notNull().references('survey_version.id'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('locale', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql.raw(`status in ('draft', 'submitted')`)))
      .addColumn('draft_token_hash', 'text')
      .addColumn('resume_code_hash', 'text')
      .addColumn('reference', 'text')
      .addColumn('ward_code', 'text', (c) => c.references('ward.code'))
      .addColumn('entered_by', 'text')
      .addColumn('batch_id', 'text')
      .addColumn('is_synthetic', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addColumn('updated_at', epochMs(db), (c) => c.notNull())
      .addColumn('submitted_at', epochMs(db))
      .addColumn('expires_at', epochMs(db)),
  ).execute()
  await db.schema
    .createIndex('response_consultation_status_created')
    .on('response')
    .columns(['consultation_id', 'status', 'created_at'])
    .execute()
  await db.schema.createIndex('response_survey_version').on('response').column('survey_version_id').execute()
  await db.schema.createIndex('response_ward').on('response').column('ward_code').execute()
  await db.schema.createIndex('response_reference').on('response').column('reference').unique().execute()
  await db.schema.createIndex('response_draft_token').on('response').column('draft_token_hash').unique().execute()
  await db.schema.createIndex('response_resume_code').on('response').column('resume_code_hash').unique().execute()
  await db.schema.createIndex('response_status_expires').on('response').columns(['status', 'expires_at']).execute()

  await strict(
    db,
    db.schema
      .createTable('answer')
      .addColumn('response_id', 'text', (c) => c.notNull().references('response.id').onDelete('cascade'))
      .addColumn('question_key', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('option_code', 'text')
      .addColumn('number_value', float(db))
      .addColumn('text_value', 'text')
      .addPrimaryKeyConstraint('answer_pk', ['response_id', 'question_key', 'position']),
  ).execute()
  await db.schema.createIndex('answer_question_option').on('answer').columns(['question_key', 'option_code']).execute()

  // Special category data lives in its own table so access can be granted separately.
  await strict(
    db,
    db.schema
      .createTable('equality_answer')
      .addColumn('response_id', 'text', (c) => c.notNull().references('response.id').onDelete('cascade'))
      .addColumn('question_key', 'text', (c) => c.notNull())
      .addColumn('option_code', 'text')
      .addColumn('text_value', 'text')
      .addPrimaryKeyConstraint('equality_answer_pk', ['response_id', 'question_key']),
  ).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('equality_answer').execute()
  await db.schema.dropTable('answer').execute()
  await db.schema.dropTable('response').execute()
}
