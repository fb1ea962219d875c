import type { Kysely } from 'kysely'
import { epochMs, isPostgres, strict } from './dialect.ts'

// The analysis dataset of a consultation, kept between requests and restarts
// (app/features/analysis/dataset-loader.server.ts): its typed columns,
// compressed, up to a high-water mark (the last response read, by submission
// time and id), so a dashboard reads this row and only newer responses. The
// equality columns are a blob of their own, read only for roles allowed to
// see them. The index finds the responses after the mark, and counts those
// up to it, from the index alone.
export async function up(db: Kysely<any>): Promise<void> {
  const blob = isPostgres(db) ? 'bytea' : 'blob'
  await strict(
    db,
    db.schema
      .createTable('analysis_snapshot')
      .addColumn('consultation_id', 'text', (c) => c.primaryKey().references('consultation.id').onDelete('cascade'))
      .addColumn('survey_version_id', 'text', (c) => c.notNull())
      /** the layout of the blobs; another format is rebuilt, not read */
      .addColumn('format', 'integer', (c) => c.notNull())
      .addColumn('responses', 'integer', (c) => c.notNull())
      .addColumn('high_water_at', epochMs(db))
      .addColumn('high_water_id', 'text')
      /** when every response was last read in full (late equality answers are picked up then) */
      .addColumn('built_at', epochMs(db), (c) => c.notNull())
      .addColumn('updated_at', epochMs(db), (c) => c.notNull())
      .addColumn('columns', blob, (c) => c.notNull())
      .addColumn('equality', blob, (c) => c.notNull()),
  ).execute()
  await db.schema.createIndex('response_consultation_status_submitted').on('response').columns(['consultation_id', 'status', 'submitted_at', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('response_consultation_status_submitted').execute()
  await db.schema.dropTable('analysis_snapshot').execute()
}
