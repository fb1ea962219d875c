import crypto from 'node:crypto'
import type { DB } from '../../../db/connection.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { changeEvent, listBlockedWords, Refusal, type EventRecord } from './events.server.ts'
import { cleanText, holdReason, textLength } from './moderation.ts'
import { orderQuestionQueue, type AnswerState } from './tally.ts'
import { QUESTION_MAX } from './vote-form.ts'

// Ask the Mayor: residents send questions before the event (while the form is
// open) or during it; moderators approve, merge duplicates and tag each with a
// call to action; phones upvote (one per device); the queue orders by votes.
// Afterwards, written answers are published on the event's public page.

/** Questions one device may send to one event. */
export const QUESTIONS_PER_DEVICE = 5
export const ANSWER_MAX = 5000

export type QuestionWindow = 'before' | 'during' | 'closed'

export function questionWindow(event: Pick<EventRecord, 'kind' | 'status' | 'questionsOpenAt' | 'questionsCloseAt'>, now = Date.now()): QuestionWindow {
  if (event.kind !== 'ask_mayor' || event.status === 'ended') return 'closed'
  if (event.status === 'live') return 'during'
  if (event.questionsOpenAt !== null && event.questionsCloseAt !== null && now >= event.questionsOpenAt && now < event.questionsCloseAt) return 'before'
  return 'closed'
}

export type AskResult = { status: 'received'; held: boolean; id: string } | { status: 'closed' | 'too_many' | 'empty' | 'too_long' }

export async function submitQuestion(
  db: DB,
  args: { event: EventRecord; deviceHash: string; locale: string; text: string; isSynthetic?: boolean; now?: number },
): Promise<AskResult> {
  const now = args.now ?? Date.now()
  const phase = questionWindow(args.event, now)
  if (phase === 'closed') return { status: 'closed' }
  const text = cleanText(args.text)
  if (!text) return { status: 'empty' }
  if (textLength(text) > QUESTION_MAX) return { status: 'too_long' }
  const reason = holdReason(text, await listBlockedWords(db))
  const id = crypto.randomUUID()
  try {
    await changeEvent(db, args.event.id, async (trx) => {
      const sent = await trx
        .selectFrom('event_question')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('event_id', '=', args.event.id)
        .where('device_hash', '=', args.deviceHash)
        .executeTakeFirst()
      if (Number(sent?.n ?? 0) >= QUESTIONS_PER_DEVICE) throw new Refusal('not_allowed')
      await trx
        .insertInto('event_question')
        .values({
          id,
          event_id: args.event.id,
          device_hash: args.deviceHash,
          locale: args.locale,
          phase,
          text,
          status: reason ? 'held' : 'pending',
          held_reason: reason,
          is_synthetic: args.isSynthetic ? 1 : 0,
          created_at: now,
          updated_at: now,
        })
        .execute()
    })
  } catch (error) {
    if (error instanceof Refusal && error.reason === 'not_allowed') return { status: 'too_many' }
    throw error
  }
  return { status: 'received', held: Boolean(reason), id }
}

export type UpvoteResult = { status: 'ok'; changed: boolean } | { status: 'not_found' | 'closed' }

/** One upvote per device per question (the primary key): sending it twice changes nothing. */
export async function setUpvote(
  db: DB,
  args: { event: EventRecord; questionId: string; deviceHash: string; on: boolean; isSynthetic?: boolean; now?: number },
): Promise<UpvoteResult> {
  const now = args.now ?? Date.now()
  if (questionWindow(args.event, now) === 'closed') return { status: 'closed' }
  try {
    const { result } = await changeEvent(db, args.event.id, async (trx) => {
      const question = await trx
        .selectFrom('event_question')
        .select(['status', 'answer_state'])
        .where('id', '=', args.questionId)
        .where('event_id', '=', args.event.id)
        .executeTakeFirst()
      if (!question || question.status !== 'approved') throw new Refusal('not_found')
      if (question.answer_state !== 'queued' && question.answer_state !== 'answering') throw new Refusal('closed')
      if (args.on) {
        const inserted = await trx
          .insertInto('event_upvote')
          .values({ question_id: args.questionId, device_hash: args.deviceHash, event_id: args.event.id, is_synthetic: args.isSynthetic ? 1 : 0, created_at: now })
          .onConflict((oc) => oc.columns(['question_id', 'device_hash']).doNothing())
          .executeTakeFirst()
        return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0
      }
      const deleted = await trx.deleteFrom('event_upvote').where('question_id', '=', args.questionId).where('device_hash', '=', args.deviceHash).executeTakeFirst()
      return Number(deleted.numDeletedRows) > 0
    })
    return { status: 'ok', changed: result }
  } catch (error) {
    if (error instanceof Refusal) return { status: error.reason === 'closed' ? 'closed' : 'not_found' }
    throw error
  }
}

export interface QuestionRow {
  id: string
  text: string
  shownText: string | null
  status: string
  answerState: AnswerState
  ctaCode: string | null
  votes: number
  phase: string
  locale: string
  mergedInto: string | null
  writtenAnswer: string | null
  answerPublishedAt: number | null
  createdAt: number
  /** this device upvoted it */
  mine: boolean
  /** this device asked it */
  asked: boolean
}

// Selected, and grouped by, to count each question's upvotes beside it.
const QUESTION_COLUMNS = [
  'event_question.id',
  'event_question.text',
  'event_question.shown_text',
  'event_question.status',
  'event_question.answer_state',
  'event_question.cta_code',
  'event_question.phase',
  'event_question.locale',
  'event_question.merged_into',
  'event_question.written_answer',
  'event_question.answer_published_at',
  'event_question.created_at',
  'event_question.device_hash',
] as const

export async function listQuestions(db: DB, eventId: string, { deviceHash, statuses }: { deviceHash?: string; statuses?: string[] } = {}): Promise<QuestionRow[]> {
  let query = db
    .selectFrom('event_question')
    .leftJoin('event_upvote', 'event_upvote.question_id', 'event_question.id')
    .select(QUESTION_COLUMNS)
    .select((eb) => eb.fn.count<number>('event_upvote.device_hash').as('votes'))
    .where('event_question.event_id', '=', eventId)
    .groupBy(QUESTION_COLUMNS)
  if (statuses) query = query.where('event_question.status', 'in', statuses)
  const rows = await query.execute()
  const mine = deviceHash
    ? new Set(
        (await db.selectFrom('event_upvote').select('question_id').where('event_id', '=', eventId).where('device_hash', '=', deviceHash).execute()).map(
          (r) => r.question_id,
        ),
      )
    : new Set<string>()
  return orderQuestionQueue(
    rows.map((r) => ({
      id: r.id,
      text: r.text,
      shownText: r.shown_text,
      status: r.status,
      answerState: r.answer_state as AnswerState,
      answer_state: r.answer_state,
      ctaCode: r.cta_code,
      votes: Number(r.votes),
      phase: r.phase,
      locale: r.locale,
      mergedInto: r.merged_into,
      writtenAnswer: r.written_answer,
      answerPublishedAt: r.answer_published_at === null ? null : Number(r.answer_published_at),
      createdAt: Number(r.created_at),
      created_at: Number(r.created_at),
      mine: mine.has(r.id),
      asked: deviceHash !== undefined && r.device_hash === deviceHash,
    })),
  ).map(({ answer_state: _a, created_at: _c, ...rest }) => rest)
}

/** Questions this device sent that are not (yet) shown: so the resident knows they arrived. */
export async function myWaitingQuestions(db: DB, eventId: string, deviceHash: string) {
  return db
    .selectFrom('event_question')
    .select(['id', 'text', 'status'])
    .where('event_id', '=', eventId)
    .where('device_hash', '=', deviceHash)
    .where('status', 'in', ['pending', 'held', 'rejected'])
    .orderBy('created_at')
    .execute()
}

export const ANSWER_STATES: AnswerState[] = ['queued', 'answering', 'answered', 'follow_up']

export async function setAnswerState(db: DB, event: EventRecord, questionId: string, state: AnswerState, actor: string, now = Date.now()) {
  await changeEvent(db, event.id, async (trx) => {
    if (state === 'answering') {
      // One question at a time is being answered.
      await trx
        .updateTable('event_question')
        .set({ answer_state: 'answered', updated_at: now })
        .where('event_id', '=', event.id)
        .where('answer_state', '=', 'answering')
        .where('id', '!=', questionId)
        .execute()
    }
    const result = await trx.updateTable('event_question').set({ answer_state: state, updated_at: now }).where('id', '=', questionId).where('event_id', '=', event.id).executeTakeFirst()
    if (!Number(result.numUpdatedRows)) throw new Refusal('not_found')
    await recordAudit(trx, { actor, action: `event.question_${state}`, entity: 'event_question', entityId: questionId, detail: { event: event.id } }, now)
  })
}

export async function tagQuestion(db: DB, event: EventRecord, questionId: string, ctaCode: string | null, actor: string, now = Date.now()) {
  await changeEvent(db, event.id, async (trx) => {
    const result = await trx.updateTable('event_question').set({ cta_code: ctaCode, updated_at: now }).where('id', '=', questionId).where('event_id', '=', event.id).executeTakeFirst()
    if (!Number(result.numUpdatedRows)) throw new Refusal('not_found')
    await recordAudit(trx, { actor, action: 'event.question_tagged', entity: 'event_question', entityId: questionId, detail: { event: event.id, cta: ctaCode } }, now)
  })
}

/**
 * Merges a duplicate into another question: the duplicate's upvotes move to
 * the question it joins (a device that upvoted both still counts once), and
 * the duplicate leaves the queue.
 */
export async function mergeQuestion(db: DB, event: EventRecord, duplicateId: string, intoId: string, actor: string, now = Date.now()) {
  if (duplicateId === intoId) throw new Refusal('not_allowed')
  await changeEvent(db, event.id, async (trx) => {
    const both = await trx.selectFrom('event_question').select(['id', 'status']).where('event_id', '=', event.id).where('id', 'in', [duplicateId, intoId]).execute()
    const into = both.find((q) => q.id === intoId)
    if (both.length !== 2 || !into || into.status !== 'approved') throw new Refusal('not_found')
    const votes = await trx.selectFrom('event_upvote').select(['device_hash', 'is_synthetic', 'created_at']).where('question_id', '=', duplicateId).execute()
    if (votes.length) {
      await trx
        .insertInto('event_upvote')
        .values(votes.map((v) => ({ question_id: intoId, device_hash: v.device_hash, event_id: event.id, is_synthetic: v.is_synthetic, created_at: v.created_at })))
        .onConflict((oc) => oc.columns(['question_id', 'device_hash']).doNothing())
        .execute()
      await trx.deleteFrom('event_upvote').where('question_id', '=', duplicateId).execute()
    }
    // Anything merged into the duplicate earlier follows it.
    await trx.updateTable('event_question').set({ merged_into: intoId, updated_at: now }).where('merged_into', '=', duplicateId).execute()
    await trx
      .updateTable('event_question')
      .set({ status: 'merged', merged_into: intoId, moderated_by: actor, moderated_at: now, updated_at: now })
      .where('id', '=', duplicateId)
      .execute()
    await recordAudit(trx, { actor, action: 'event.question_merged', entity: 'event_question', entityId: duplicateId, detail: { event: event.id, into: intoId, upvotes: votes.length } }, now)
  })
}

export type AnswerError = 'answer_empty' | 'answer_too_long'

export async function writeAnswer(
  db: DB,
  event: EventRecord,
  questionId: string,
  args: { text: string; publish: boolean },
  actor: string,
  now = Date.now(),
): Promise<{ status: 'ok' } | { status: 'error'; error: AnswerError }> {
  const text = cleanText(args.text)
  if (!text) return { status: 'error', error: 'answer_empty' }
  if (textLength(text) > ANSWER_MAX) return { status: 'error', error: 'answer_too_long' }
  await changeEvent(db, event.id, async (trx) => {
    const result = await trx
      .updateTable('event_question')
      .set({ written_answer: text, answer_published_at: args.publish ? now : null, updated_at: now })
      .where('id', '=', questionId)
      .where('event_id', '=', event.id)
      .where('status', '=', 'approved')
      .executeTakeFirst()
    if (!Number(result.numUpdatedRows)) throw new Refusal('not_found')
    await recordAudit(trx, { actor, action: args.publish ? 'event.answer_published' : 'event.answer_saved', entity: 'event_question', entityId: questionId, detail: { event: event.id } }, now)
  })
  return { status: 'ok' }
}

/** The public page after the event: every approved question, with its written answer once published. */
export async function listPublicAnswers(db: DB, eventId: string) {
  const rows = await listQuestions(db, eventId, { statuses: ['approved'] })
  return rows.map((q) => ({
    id: q.id,
    text: q.shownText ?? q.text,
    ctaCode: q.ctaCode,
    votes: q.votes,
    answerState: q.answerState,
    answer: q.answerPublishedAt !== null ? q.writtenAnswer : null,
    publishedAt: q.answerPublishedAt,
  }))
}
