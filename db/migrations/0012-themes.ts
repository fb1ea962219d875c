import { type Kysely, sql } from 'kysely'
import { epochMs, strict } from './dialect.ts'

// Free-text analysis: a codebook of themes per consultation, codings (one row
// per answer, theme and pass, so two coders can be compared) and the random
// samples a second analyst codes blind to measure agreement.
export async function up(db: Kysely<any>): Promise<void> {
  await strict(
    db,
    db.schema
      .createTable('theme')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('include_notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('exclude_notes', 'text', (c) => c.notNull().defaultTo(''))
      /** the call to action this theme bears on (CTA1..CTA5), if any */
      .addColumn('cta_code', 'text')
      /** call_to_action: seeded from the plan; suggested: accepted from a suggestion; analyst: written by hand */
      .addColumn('origin', 'text', (c) => c.notNull().check(sql.raw(`origin in ('call_to_action', 'suggested', 'analyst')`)))
      /** active | merged (into merged_into) | retired */
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql.raw(`status in ('active', 'merged', 'retired')`)))
      .addColumn('merged_into', 'text', (c) => c.references('theme.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addColumn('updated_at', epochMs(db), (c) => c.notNull()),
  ).execute()
  await db.schema.createIndex('theme_consultation').on('theme').columns(['consultation_id', 'position']).execute()

  await strict(
    db,
    db.schema
      .createTable('coding')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id').onDelete('cascade'))
      .addColumn('response_id', 'text', (c) => c.notNull().references('response.id').onDelete('cascade'))
      .addColumn('question_key', 'text', (c) => c.notNull())
      .addColumn('theme_id', 'text', (c) => c.notNull().references('theme.id').onDelete('cascade'))
      /** first: the working coding; second: a blind second coding of a sampled answer */
      .addColumn('pass', 'text', (c) => c.notNull().check(sql.raw(`pass in ('first', 'second')`)))
      .addColumn('coder_id', 'text', (c) => c.notNull())
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addUniqueConstraint('coding_once', ['response_id', 'question_key', 'theme_id', 'pass']),
  ).execute()
  await db.schema.createIndex('coding_theme').on('coding').columns(['theme_id', 'pass']).execute()
  await db.schema.createIndex('coding_question').on('coding').columns(['consultation_id', 'question_key', 'pass']).execute()

  // A "not about any theme" decision is recorded too, so an answer coded to
  // nothing differs from one nobody has looked at yet.
  await strict(
    db,
    db.schema
      .createTable('coding_review')
      .addColumn('response_id', 'text', (c) => c.notNull().references('response.id').onDelete('cascade'))
      .addColumn('question_key', 'text', (c) => c.notNull())
      .addColumn('pass', 'text', (c) => c.notNull().check(sql.raw(`pass in ('first', 'second')`)))
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id').onDelete('cascade'))
      .addColumn('coder_id', 'text', (c) => c.notNull())
      .addColumn('reviewed_at', epochMs(db), (c) => c.notNull())
      .addPrimaryKeyConstraint('coding_review_pk', ['response_id', 'question_key', 'pass']),
  ).execute()

  await strict(
    db,
    db.schema
      .createTable('coding_sample')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('consultation_id', 'text', (c) => c.notNull().references('consultation.id').onDelete('cascade'))
      .addColumn('question_key', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('seed', 'integer', (c) => c.notNull())
      /** the analyst who codes the sample blind; never the one who drew it */
      .addColumn('second_coder_id', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', epochMs(db), (c) => c.notNull()),
  ).execute()

  await strict(
    db,
    db.schema
      .createTable('coding_sample_item')
      .addColumn('sample_id', 'text', (c) => c.notNull().references('coding_sample.id').onDelete('cascade'))
      .addColumn('response_id', 'text', (c) => c.notNull().references('response.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('coding_sample_item_pk', ['sample_id', 'response_id']),
  ).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['coding_sample_item', 'coding_sample', 'coding_review', 'coding', 'theme']) {
    await db.schema.dropTable(table).execute()
  }
}
