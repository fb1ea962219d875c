import type { Kysely } from 'kysely'
import { epochMs, strict } from './dialect.ts'

// Imports: partner organisations collect responses on their own sheets and an
// officer imports the file. Each file is one batch (who, when, which file, how
// many rows), which an admin can roll back. An imported response carries the
// partner's own row id (`external_id`), unique within the consultation, so the
// same row cannot be imported twice; online and assisted responses have none.
export async function up(db: Kysely<any>): Promise<void> {
  await strict(
    db,
    db.schema
      .createTable('import_batch')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id'))
      .addColumn('survey_version_id', 'text', (c) => c.notNull().references('survey_version.id'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('row_count', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('app_user.id'))
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addColumn('rolled_back_at', epochMs(db))
      .addColumn('rolled_back_by', 'text', (c) => c.references('app_user.id')),
  ).execute()
  await db.schema.createIndex('import_batch_consultation').on('import_batch').columns(['consultation_id', 'created_at']).execute()
  await db.schema.createIndex('import_batch_survey_version').on('import_batch').column('survey_version_id').execute()
  await db.schema.createIndex('import_batch_created_by').on('import_batch').column('created_by').execute()
  await db.schema.createIndex('import_batch_rolled_back_by').on('import_batch').column('rolled_back_by').execute()

  await db.schema.alterTable('response').addColumn('external_id', 'text').execute()
  // NULLs are distinct on both engines: only imported responses are constrained.
  await db.schema.createIndex('response_consultation_external').on('response').columns(['consultation_id', 'external_id']).unique().execute()
  // A rollback deletes a batch's responses; the staff list filters by batch.
  await db.schema.createIndex('response_batch').on('response').column('batch_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('response_batch').execute()
  await db.schema.dropIndex('response_consultation_external').execute()
  await db.schema.alterTable('response').dropColumn('external_id').execute()
  await db.schema.dropTable('import_batch').execute()
}
