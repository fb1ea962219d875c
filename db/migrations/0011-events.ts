import { type Kysely, sql } from 'kysely'
import { epochMs, strict } from './dialect.ts'

// Live events ("votes in the room"): poll sessions, Ask the Mayor and the
// partnership congress. Everything a participant sends is stored with its
// event and method 'event', never mixed with survey responses. A phone is
// known only by the SHA-256 of its signed device cookie; unique constraints
// make one vote per device per item, and one upvote per device per question.
export async function up(db: Kysely<any>): Promise<void> {
  await strict(
    db,
    db.schema
      .createTable('event')
      .addColumn('id', 'text', (c) => c.primaryKey())
      /** the 6-character join code (unambiguous alphabet) */
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(`kind in ('poll', 'ask_mayor', 'congress')`)))
      /** JSON: { en: string, bn?: string, ... } */
      .addColumn('title_i18n', 'text', (c) => c.notNull())
      .addColumn('starts_at', epochMs(db), (c) => c.notNull())
      .addColumn('venue', 'text', (c) => c.notNull())
      /** JSON array of locale codes, English first */
      .addColumn('locales', 'text', (c) => c.notNull())
      /** JSON array of call-to-action codes */
      .addColumn('cta_codes', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('framework_id', 'text', (c) => c.references('framework.id'))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled').check(sql.raw(`status in ('scheduled', 'live', 'ended')`)))
      .addColumn('current_item_id', 'text')
      /** bumped by every change a screen shows: the SSE event id */
      .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
      /** Ask the Mayor: questions may be sent from/until (and always while the event is live) */
      .addColumn('questions_open_at', epochMs(db))
      .addColumn('questions_close_at', epochMs(db))
      /** congress: JSON { en: string, ... } */
      .addColumn('theme_i18n', 'text')
      .addColumn('is_synthetic', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addColumn('updated_at', epochMs(db), (c) => c.notNull()),
  ).execute()
  await db.schema.createIndex('event_starts').on('event').column('starts_at').execute()
  await db.schema.createIndex('event_framework').on('event').column('framework_id').execute()

  await strict(
    db,
    db.schema
      .createTable('event_item')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull().check(sql.raw(`type in ('single', 'multiple', 'scale', 'ranking', 'text')`)))
      .addColumn('title_i18n', 'text', (c) => c.notNull())
      /** JSON array: [{ code, label: { en, ... } }] */
      .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft').check(sql.raw(`state in ('draft', 'open', 'closed')`)))
      .addColumn('results_visible', 'integer', (c) => c.notNull().defaultTo(0))
      /** bumped by a reset: a vote sent for an earlier round is refused */
      .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('opened_at', epochMs(db))
      .addColumn('closed_at', epochMs(db))
      /** set when the item is a congress commitment put to the vote */
      .addColumn('commitment_id', 'text')
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addColumn('updated_at', epochMs(db), (c) => c.notNull()),
  ).execute()
  await db.schema.createIndex('event_item_event').on('event_item').columns(['event_id', 'position']).execute()

  await strict(
    db,
    db.schema
      .createTable('event_vote')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
      .addColumn('item_id', 'text', (c) => c.notNull().references('event_item.id').onDelete('cascade'))
      /** SHA-256 of the device id in the signed cookie */
      .addColumn('device_hash', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull().defaultTo('event').check(sql.raw(`method = 'event'`)))
      .addColumn('locale', 'text', (c) => c.notNull())
      /** single choice and agreement scale */
      .addColumn('option_code', 'text')
      /** multiple choice (chosen codes) and ranking (codes in order): JSON array */
      .addColumn('option_codes', 'text')
      /** open text, as sent */
      .addColumn('text_value', 'text')
      /** open text only: pending | held | approved | rejected */
      .addColumn('moderation', 'text', (c) => c.check(sql.raw(`moderation in ('pending', 'held', 'approved', 'rejected')`)))
      .addColumn('held_reason', 'text')
      /** open text as the screen shows it (personal details edited out) */
      .addColumn('shown_text', 'text')
      .addColumn('moderated_by', 'text')
      .addColumn('moderated_at', epochMs(db))
      .addColumn('is_synthetic', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addColumn('updated_at', epochMs(db), (c) => c.notNull()),
  ).execute()
  // One vote per device per item: a changed vote replaces the earlier one.
  await db.schema.createIndex('event_vote_one_per_device').on('event_vote').columns(['item_id', 'device_hash']).unique().execute()
  await db.schema.createIndex('event_vote_event').on('event_vote').column('event_id').execute()
  await db.schema.createIndex('event_vote_moderation').on('event_vote').columns(['event_id', 'moderation']).execute()

  await strict(
    db,
    db.schema
      .createTable('event_question')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
      .addColumn('device_hash', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull().defaultTo('event').check(sql.raw(`method = 'event'`)))
      .addColumn('locale', 'text', (c) => c.notNull())
      /** before | during (the event) */
      .addColumn('phase', 'text', (c) => c.notNull().check(sql.raw(`phase in ('before', 'during')`)))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('shown_text', 'text')
      .addColumn('status', 'text', (c) =>
        c.notNull().defaultTo('pending').check(sql.raw(`status in ('pending', 'held', 'approved', 'rejected', 'merged')`)),
      )
      .addColumn('held_reason', 'text')
      .addColumn('merged_into', 'text', (c) => c.references('event_question.id'))
      .addColumn('cta_code', 'text')
      .addColumn('answer_state', 'text', (c) =>
        c.notNull().defaultTo('queued').check(sql.raw(`answer_state in ('queued', 'answering', 'answered', 'follow_up')`)),
      )
      .addColumn('written_answer', 'text')
      .addColumn('answer_published_at', epochMs(db))
      .addColumn('moderated_by', 'text')
      .addColumn('moderated_at', epochMs(db))
      .addColumn('is_synthetic', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addColumn('updated_at', epochMs(db), (c) => c.notNull()),
  ).execute()
  await db.schema.createIndex('event_question_event').on('event_question').columns(['event_id', 'status']).execute()
  await db.schema.createIndex('event_question_merged').on('event_question').column('merged_into').execute()

  await strict(
    db,
    db.schema
      .createTable('event_upvote')
      .addColumn('question_id', 'text', (c) => c.notNull().references('event_question.id').onDelete('cascade'))
      .addColumn('device_hash', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
      .addColumn('is_synthetic', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      // One upvote per device per question.
      .addPrimaryKeyConstraint('event_upvote_pk', ['question_id', 'device_hash']),
  ).execute()
  await db.schema.createIndex('event_upvote_event').on('event_upvote').column('event_id').execute()

  await strict(
    db,
    db.schema
      .createTable('event_blocked_word')
      .addColumn('id', 'text', (c) => c.primaryKey())
      /** en | bn */
      .addColumn('locale', 'text', (c) => c.notNull())
      /** stored lower-cased */
      .addColumn('word', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addUniqueConstraint('event_blocked_word_unique', ['locale', 'word']),
  ).execute()

  await strict(
    db,
    db.schema
      .createTable('congress_table')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('facilitator', 'text', (c) => c.notNull())
      .addColumn('cta_code', 'text', (c) => c.notNull())
      .addColumn('created_at', epochMs(db), (c) => c.notNull()),
  ).execute()
  await db.schema.createIndex('congress_table_event').on('congress_table').columns(['event_id', 'position']).execute()

  await strict(
    db,
    db.schema
      .createTable('congress_issue')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
      .addColumn('table_id', 'text', (c) => c.notNull().references('congress_table.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', epochMs(db), (c) => c.notNull()),
  ).execute()
  await db.schema.createIndex('congress_issue_table').on('congress_issue').column('table_id').execute()
  await db.schema.createIndex('congress_issue_event').on('congress_issue').column('event_id').execute()

  await strict(
    db,
    db.schema
      .createTable('congress_commitment')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull().references('event.id').onDelete('cascade'))
      .addColumn('table_id', 'text', (c) => c.notNull().references('congress_table.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull())
      /** the live vote in plenary */
      .addColumn('vote_item_id', 'text', (c) => c.references('event_item.id').onDelete('set null'))
      .addColumn('decision', 'text', (c) => c.notNull().defaultTo('proposed').check(sql.raw(`decision in ('proposed', 'agreed', 'not_agreed')`)))
      /** JSON array of the partner organisations that own an agreed commitment */
      .addColumn('owners', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('charter_status', 'text', (c) => c.check(sql.raw(`charter_status in ('committed', 'in_progress', 'done')`)))
      .addColumn('status_updated_at', epochMs(db))
      .addColumn('status_updated_by', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addColumn('updated_at', epochMs(db), (c) => c.notNull()),
  ).execute()
  await db.schema.createIndex('congress_commitment_table').on('congress_commitment').column('table_id').execute()
  await db.schema.createIndex('congress_commitment_event').on('congress_commitment').columns(['event_id', 'decision']).execute()
  await db.schema.createIndex('congress_commitment_item').on('congress_commitment').column('vote_item_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'congress_commitment',
    'congress_issue',
    'congress_table',
    'event_blocked_word',
    'event_upvote',
    'event_question',
    'event_vote',
    'event_item',
    'event',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
