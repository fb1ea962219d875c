import crypto from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../audit/audit.server.ts'

// Data protection for events (run by the retention job with the survey rules,
// app/features/responses/data-protection.server.ts). EVENT_RETENTION_DAYS after
// an event's date:
// - every device hash (votes, questions, upvotes) is replaced by a value of its
//   own that links to nothing, so a phone's votes can no longer be tied
//   together or to its cookie, across items or events;
// - open text is redacted: what a resident typed is replaced by [redacted].
//   What a moderator approved for the screen or the public answers page keeps
//   only its moderated form (personal details already edited out); rejected,
//   held and merged texts are not kept at all.
// Counts, upvote totals, congress notes (written by staff) and the charter stay.
// Idempotent: rows already done are recognised by their marker and left alone.

export const EVENT_RETENTION_DAYS = 90
const DAY = 24 * 60 * 60 * 1000
const REDACTED = '[redacted]'
const ERASED = 'erased:'

type Executor = Kysely<Database>
// A marker of its own per row ('||' concatenates on SQLite and PostgreSQL alike).
const erasedId = sql<string>`${ERASED} || id`

/** Events whose retention period has ended at `now`; returns how many had anything to anonymise. */
export async function anonymiseExpiredEvents(db: Executor, now = Date.now()): Promise<number> {
  const events = await db
    .selectFrom('event')
    .select('id')
    .where('starts_at', '<=', now - EVENT_RETENTION_DAYS * DAY)
    .execute()
  let done = 0
  for (const { id } of events) {
    const counts = await anonymiseEvent(db, id)
    if (!counts.votes && !counts.questions && !counts.upvotes) continue
    await recordAudit(db, { actor: 'system', action: 'event.anonymised', entity: 'event', entityId: id, detail: counts }, now)
    done++
  }
  return done
}

async function anonymiseEvent(db: Executor, eventId: string) {
  // Votes: open text approved for the screen keeps its moderated wording only.
  const votes = await db
    .updateTable('event_vote')
    .set((eb) => ({
      device_hash: erasedId,
      shown_text: eb
        .case()
        .when('moderation', '=', 'approved')
        .then(eb.fn.coalesce('shown_text', 'text_value'))
        .else(eb.val<string | null>(null))
        .end(),
      text_value: eb.case().when('text_value', 'is', null).then(eb.val<string | null>(null)).else(eb.val(REDACTED)).end(),
    }))
    .where('event_id', '=', eventId)
    .where('device_hash', 'not like', `${ERASED}%`)
    .executeTakeFirst()
  // Questions: an approved one keeps the wording the public saw; others are redacted.
  const questions = await db
    .updateTable('event_question')
    .set((eb) => ({
      device_hash: erasedId,
      text: eb.case().when('status', '=', 'approved').then(eb.fn.coalesce('shown_text', 'text')).else(eb.val(REDACTED)).end(),
      shown_text: eb.val<string | null>(null),
    }))
    .where('event_id', '=', eventId)
    .where('device_hash', 'not like', `${ERASED}%`)
    .executeTakeFirst()
  // Upvotes have no id of their own (the key is question and device), so each gets a random marker.
  const upvotes = await db
    .selectFrom('event_upvote')
    .select(['question_id', 'device_hash'])
    .where('event_id', '=', eventId)
    .where('device_hash', 'not like', `${ERASED}%`)
    .execute()
  for (const upvote of upvotes) {
    await db
      .updateTable('event_upvote')
      .set({ device_hash: `${ERASED}${crypto.randomUUID()}` })
      .where('question_id', '=', upvote.question_id)
      .where('device_hash', '=', upvote.device_hash)
      .execute()
  }
  return { votes: Number(votes.numUpdatedRows), questions: Number(questions.numUpdatedRows), upvotes: upvotes.length }
}
