import crypto from 'node:crypto'
import { BLOCKED_WORD_LOCALES } from './constants.ts'
import type { DB } from '../../../db/connection.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { changeEvent, Refusal, type EventRecord, type I18nText } from './events.server.ts'
import { cleanText, textLength } from './moderation.ts'
import { QUESTION_MAX, TEXT_MAX } from './vote-form.ts'

// The moderation queue: open-text answers and Ask the Mayor questions wait here
// until a moderator approves them (optionally with personal details edited
// out) or rejects them. No screen shows a text before approval. The audit log
// records who decided, never the text.

export interface QueueEntry {
  kind: 'answer' | 'question'
  id: string
  text: string
  shownText: string | null
  status: string
  heldReason: string | null
  locale: string
  createdAt: number
  /** answers: the item's title */
  itemTitle?: I18nText
  ctaCode?: string | null
}

export async function listModerationQueue(db: DB, eventId: string, statuses: string[] = ['held', 'pending']): Promise<QueueEntry[]> {
  const answers = await db
    .selectFrom('event_vote')
    .innerJoin('event_item', 'event_item.id', 'event_vote.item_id')
    .select([
      'event_vote.id',
      'event_vote.text_value',
      'event_vote.shown_text',
      'event_vote.moderation',
      'event_vote.held_reason',
      'event_vote.locale',
      'event_vote.updated_at',
      'event_item.title_i18n',
    ])
    .where('event_vote.event_id', '=', eventId)
    .where('event_vote.moderation', 'in', statuses)
    .orderBy('event_vote.updated_at')
    .limit(500)
    .execute()
  const questions = await db
    .selectFrom('event_question')
    .select(['id', 'text', 'shown_text', 'status', 'held_reason', 'locale', 'created_at', 'cta_code'])
    .where('event_id', '=', eventId)
    .where('status', 'in', statuses)
    .orderBy('created_at')
    .limit(500)
    .execute()
  const entries: QueueEntry[] = [
    ...answers.map((a) => ({
      kind: 'answer' as const,
      id: a.id,
      text: a.text_value ?? '',
      shownText: a.shown_text,
      status: a.moderation ?? 'pending',
      heldReason: a.held_reason,
      locale: a.locale,
      createdAt: Number(a.updated_at),
      itemTitle: JSON.parse(a.title_i18n) as I18nText,
    })),
    ...questions.map((q) => ({
      kind: 'question' as const,
      id: q.id,
      text: q.text,
      shownText: q.shown_text,
      status: q.status,
      heldReason: q.held_reason,
      locale: q.locale,
      createdAt: Number(q.created_at),
      ctaCode: q.cta_code,
    })),
  ]
  // Held texts first (they need a closer look), then oldest first.
  return entries.sort((a, b) => Number(b.status === 'held') - Number(a.status === 'held') || a.createdAt - b.createdAt)
}

export type ModerationAction = 'approve' | 'reject'
export type EditError = 'edit_empty' | 'edit_too_long'

/** The edited text to show instead of the original, null to show the original; or an error key. */
export function checkEdit(original: string, edited: string | null | undefined, max: number): { shown: string | null } | { error: EditError } {
  if (edited === null || edited === undefined) return { shown: null }
  const text = cleanText(edited)
  if (!text) return { error: 'edit_empty' }
  if (textLength(text) > max) return { error: 'edit_too_long' }
  return { shown: text === cleanText(original) ? null : text }
}

export async function moderateAnswer(
  db: DB,
  event: EventRecord,
  voteId: string,
  args: { action: ModerationAction; edited?: string | null },
  actor: string,
  now = Date.now(),
): Promise<{ status: 'ok' } | { status: 'error'; error: EditError } | { status: 'not_found' }> {
  const vote = await db.selectFrom('event_vote').select(['id', 'text_value']).where('id', '=', voteId).where('event_id', '=', event.id).executeTakeFirst()
  if (!vote || vote.text_value === null) return { status: 'not_found' }
  const edit = args.action === 'approve' ? checkEdit(vote.text_value, args.edited, TEXT_MAX) : { shown: null }
  if ('error' in edit) return { status: 'error', error: edit.error }
  await changeEvent(db, event.id, async (trx) => {
    await trx
      .updateTable('event_vote')
      .set({ moderation: args.action === 'approve' ? 'approved' : 'rejected', shown_text: edit.shown, moderated_by: actor, moderated_at: now })
      .where('id', '=', voteId)
      .execute()
    await recordAudit(
      trx,
      { actor, action: `event.answer_${args.action === 'approve' ? 'approved' : 'rejected'}`, entity: 'event_vote', entityId: voteId, detail: { event: event.id, edited: edit.shown !== null } },
      now,
    )
  })
  return { status: 'ok' }
}

export async function moderateQuestion(
  db: DB,
  event: EventRecord,
  questionId: string,
  args: { action: ModerationAction; edited?: string | null; ctaCode?: string | null },
  actor: string,
  now = Date.now(),
): Promise<{ status: 'ok' } | { status: 'error'; error: EditError } | { status: 'not_found' }> {
  const question = await db.selectFrom('event_question').select(['id', 'text']).where('id', '=', questionId).where('event_id', '=', event.id).executeTakeFirst()
  if (!question) return { status: 'not_found' }
  const edit = args.action === 'approve' ? checkEdit(question.text, args.edited, QUESTION_MAX) : { shown: null }
  if ('error' in edit) return { status: 'error', error: edit.error }
  await changeEvent(db, event.id, async (trx) => {
    await trx
      .updateTable('event_question')
      .set({
        status: args.action === 'approve' ? 'approved' : 'rejected',
        shown_text: edit.shown,
        ...(args.ctaCode !== undefined ? { cta_code: args.ctaCode } : {}),
        moderated_by: actor,
        moderated_at: now,
        updated_at: now,
      })
      .where('id', '=', questionId)
      .execute()
    await recordAudit(
      trx,
      { actor, action: `event.question_${args.action === 'approve' ? 'approved' : 'rejected'}`, entity: 'event_question', entityId: questionId, detail: { event: event.id, edited: edit.shown !== null } },
      now,
    )
  })
  return { status: 'ok' }
}

// ---------- Blocked words ----------

export { BLOCKED_WORD_LOCALES }

export async function listBlockedWordRows(db: DB) {
  return db.selectFrom('event_blocked_word').select(['id', 'locale', 'word', 'created_at']).orderBy('locale').orderBy('word').execute()
}

export async function addBlockedWord(db: DB, args: { locale: string; word: string }, actor: string, now = Date.now()): Promise<'added' | 'exists' | 'invalid'> {
  const word = args.word.trim().toLowerCase().normalize('NFC')
  if (!BLOCKED_WORD_LOCALES.includes(args.locale as 'en') || !word || textLength(word) > 60) return 'invalid'
  const exists = await db.selectFrom('event_blocked_word').select('id').where('locale', '=', args.locale).where('word', '=', word).executeTakeFirst()
  if (exists) return 'exists'
  const id = crypto.randomUUID()
  await db.insertInto('event_blocked_word').values({ id, locale: args.locale, word, created_by: actor, created_at: now }).execute()
  await recordAudit(db, { actor, action: 'event.blocked_word_added', entity: 'event_blocked_word', entityId: id, detail: { locale: args.locale } }, now)
  return 'added'
}

export async function removeBlockedWord(db: DB, id: string, actor: string, now = Date.now()) {
  const result = await db.deleteFrom('event_blocked_word').where('id', '=', id).executeTakeFirst()
  if (!Number(result.numDeletedRows)) throw new Refusal('not_found')
  await recordAudit(db, { actor, action: 'event.blocked_word_removed', entity: 'event_blocked_word', entityId: id }, now)
}
