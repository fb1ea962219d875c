import crypto from 'node:crypto'
import type { DB } from '../../../db/connection.ts'
import { isPostgres } from '../../../db/migrations/dialect.ts'
import type { Question, SurveyDefinition } from '../surveys/definition.ts'
import { type Answers, type AnswerValue, answerToRows, rowsToAnswers } from '../surveys/answers.ts'
import { firstMissingRequired, keepVisibleAnswers } from '../surveys/skip-logic.ts'
import { hashSecret, newReference, newResumeCode, normaliseCode } from './codes.ts'

const DAY = 24 * 60 * 60 * 1000

export interface ResponseRecord {
  id: string
  consultationId: string
  surveyVersionId: string
  status: 'draft' | 'submitted'
  locale: string
  reference: string | null
  expiresAt: number | null
}

const responseColumns = ['id', 'consultation_id', 'survey_version_id', 'status', 'locale', 'reference', 'expires_at'] as const

function toRecord(row: {
  id: string
  consultation_id: string
  survey_version_id: string
  status: string
  locale: string
  reference: string | null
  expires_at: number | string | null
}): ResponseRecord {
  return {
    id: row.id,
    consultationId: row.consultation_id,
    surveyVersionId: row.survey_version_id,
    status: row.status as ResponseRecord['status'],
    locale: row.locale,
    reference: row.reference,
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  }
}

/** The response this browser holds a token for, if it still exists and has not expired. */
export async function findResponseByToken(db: DB, consultationId: string, token: string | undefined, now = Date.now()) {
  if (!token) return undefined
  const row = await db
    .selectFrom('response')
    .select(responseColumns)
    .where('draft_token_hash', '=', hashSecret(token))
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst()
  if (!row) return undefined
  const record = toRecord(row)
  if (record.status === 'draft' && record.expiresAt !== null && record.expiresAt <= now) return undefined
  return record
}

export async function loadAnswers(db: DB, responseId: string, definition: SurveyDefinition): Promise<Answers> {
  const rows = await db
    .selectFrom('answer')
    .select(['question_key', 'position', 'option_code', 'number_value', 'text_value', 'item_code'])
    .where('response_id', '=', responseId)
    .execute()
  return rowsToAnswers(definition.questions, rows)
}

export async function createDraft(
  db: DB,
  args: { consultationId: string; surveyVersionId: string; locale: string; token: string; ttlDays: number; channel?: string },
  now = Date.now(),
): Promise<ResponseRecord> {
  const record = {
    id: crypto.randomUUID(),
    consultation_id: args.consultationId,
    survey_version_id: args.surveyVersionId,
    channel: args.channel ?? 'online',
    locale: args.locale,
    status: 'draft',
    draft_token_hash: hashSecret(args.token),
    created_at: now,
    updated_at: now,
    expires_at: now + args.ttlDays * DAY,
  }
  await db.insertInto('response').values(record).execute()
  return toRecord({ ...record, reference: null })
}

/** Replaces the answer to one question (no value clears it). Call inside a transaction. */
export async function saveAnswer(
  db: DB,
  args: { responseId: string; question: Question; value: AnswerValue | undefined; locale: string; ttlDays: number },
  now = Date.now(),
) {
  await db.deleteFrom('answer').where('response_id', '=', args.responseId).where('question_key', '=', args.question.key).execute()
  // A grid with no statement rated has no rows: nothing to insert.
  const rows = args.value === undefined ? [] : answerToRows(args.question, args.value).map((row) => ({ ...row, response_id: args.responseId }))
  if (rows.length) await db.insertInto('answer').values(rows).execute()
  await db
    .updateTable('response')
    .set({
      updated_at: now,
      locale: args.locale,
      expires_at: now + args.ttlDays * DAY,
      ...(args.question.type === 'ward' ? { ward_code: typeof args.value === 'string' ? args.value : null } : {}),
    })
    .where('id', '=', args.responseId)
    .where('status', '=', 'draft')
    .execute()
}

/** Gives the draft a new resume code (the old one stops working) and returns it once. */
export async function issueResumeCode(db: DB, responseId: string, ttlDays: number, now = Date.now()) {
  const code = newResumeCode()
  const expiresAt = now + ttlDays * DAY
  await db
    .updateTable('response')
    .set({ resume_code_hash: hashSecret(code), expires_at: expiresAt, updated_at: now })
    .where('id', '=', responseId)
    .where('status', '=', 'draft')
    .execute()
  return { code, expiresAt }
}

/** Whether this is the draft's resume code now (a newer "Save and come back later" replaces it). */
export async function isCurrentResumeCode(db: DB, responseId: string, code: string) {
  const row = await db
    .selectFrom('response')
    .select('id')
    .where('id', '=', responseId)
    .where('status', '=', 'draft')
    .where('resume_code_hash', '=', hashSecret(code))
    .executeTakeFirst()
  return row !== undefined
}

export type ResumeResult =
  | { status: 'ok'; responseId: string; consultationId: string; slug: string; /** the language the resident last answered in */ locale: string }
  | { status: 'invalid' }
  | { status: 'expired' }

/** Moves a saved draft to this browser: the new token replaces the old one. */
export async function resumeDraft(db: DB, rawCode: string, newToken: string, now = Date.now()): Promise<ResumeResult> {
  const code = normaliseCode(rawCode)
  if (!/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/.test(code)) return { status: 'invalid' }
  const row = await db
    .selectFrom('response')
    .innerJoin('consultation', 'consultation.id', 'response.consultation_id')
    .select(['response.id', 'response.status', 'response.expires_at', 'response.consultation_id', 'response.locale', 'consultation.slug'])
    .where('response.resume_code_hash', '=', hashSecret(code))
    .executeTakeFirst()
  if (!row || row.status !== 'draft') return { status: 'invalid' }
  if (row.expires_at !== null && Number(row.expires_at) <= now) {
    await db.deleteFrom('response').where('id', '=', row.id).execute()
    return { status: 'expired' }
  }
  await db
    .updateTable('response')
    .set({ draft_token_hash: hashSecret(newToken), updated_at: now })
    .where('id', '=', row.id)
    .execute()
  return { status: 'ok', responseId: row.id, consultationId: row.consultation_id, slug: row.slug, locale: row.locale }
}

export type SubmitResult =
  /** deletionCode is returned only by the submit that made it; it is stored hashed */
  | { status: 'submitted'; reference: string; deletionCode?: string }
  | { status: 'missing'; questionKey: string }

/**
 * Submits a draft once. A second submit (double tap, retry), even one at the
 * same moment, finds it already submitted and returns the same reference.
 * Call inside a transaction.
 */
export async function submitResponse(
  db: DB,
  args: { responseId: string; definition: SurveyDefinition },
  now = Date.now(),
): Promise<SubmitResult> {
  const read = db.selectFrom('response').select(['status', 'reference']).where('id', '=', args.responseId)
  // On PostgreSQL a second submit at the same moment would read the draft before
  // the first commits, then return a reference its update never stored: lock the
  // row, so it waits and finds the response submitted. SQLite write transactions
  // begin immediate (docs/decisions/0007) and already run one at a time.
  const current = await (isPostgres(db) ? read.forUpdate() : read).executeTakeFirstOrThrow()
  if (current.status === 'submitted' && current.reference) return { status: 'submitted', reference: current.reference }

  const answers = await loadAnswers(db, args.responseId, args.definition)
  const missing = firstMissingRequired(args.definition, answers)
  if (missing) return { status: 'missing', questionKey: missing.key }

  // Answers to questions the resident skipped (because of an earlier answer) are not kept.
  const kept = keepVisibleAnswers(args.definition, answers)
  const dropped = Object.keys(answers).filter((key) => !(key in kept))
  if (dropped.length) {
    await db.deleteFrom('answer').where('response_id', '=', args.responseId).where('question_key', 'in', dropped).execute()
  }
  const wardQuestion = args.definition.questions.find((q) => q.type === 'ward')
  const reference = newReference()
  const deletionCode = newResumeCode()
  await db
    .updateTable('response')
    .set({
      status: 'submitted',
      reference,
      deletion_code_hash: hashSecret(deletionCode),
      submitted_at: now,
      updated_at: now,
      resume_code_hash: null,
      expires_at: null,
      ...(wardQuestion ? { ward_code: typeof kept[wardQuestion.key] === 'string' ? (kept[wardQuestion.key] as string) : null } : {}),
    })
    .where('id', '=', args.responseId)
    .where('status', '=', 'draft')
    .execute()
  return { status: 'submitted', reference, deletionCode }
}

export async function loadEqualityAnswers(db: DB, responseId: string) {
  const rows = await db
    .selectFrom('equality_answer')
    .select(['question_key', 'option_code', 'text_value'])
    .where('response_id', '=', responseId)
    .execute()
  const answers: Record<string, string> = {}
  const texts: Record<string, string> = {}
  for (const row of rows) {
    if (row.option_code) answers[row.question_key] = row.option_code
    if (row.text_value) texts[row.question_key] = row.text_value
  }
  return { answers, texts }
}

/** Equality answers belong to a submitted response and are stored apart from its answers. */
export async function saveEqualityAnswer(
  db: DB,
  args: { responseId: string; questionKey: string; option: string | null; text: string | null; clearKeys?: string[] },
) {
  await db.deleteFrom('equality_answer').where('response_id', '=', args.responseId).where('question_key', '=', args.questionKey).execute()
  if (args.clearKeys?.length) {
    await db.deleteFrom('equality_answer').where('response_id', '=', args.responseId).where('question_key', 'in', args.clearKeys).execute()
  }
  if (args.option) {
    await db
      .insertInto('equality_answer')
      .values({ response_id: args.responseId, question_key: args.questionKey, option_code: args.option, text_value: args.text })
      .execute()
  }
}

/** Deletes drafts whose time is up; returns how many. */
export async function deleteExpiredDrafts(db: DB, now = Date.now()): Promise<number> {
  const result = await db
    .deleteFrom('response')
    .where('status', '=', 'draft')
    .where('expires_at', '<=', now)
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}
