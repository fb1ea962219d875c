import crypto from 'node:crypto'
import type { Transaction } from 'kysely'
import type { DB } from '../../../db/connection.ts'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { normaliseText } from '../analysis/statistics/text-tokenise.ts'
import { localise, type SurveyDefinition } from '../surveys/definition.ts'
import type { TextAnswer } from './suggestions.ts'

// Free-text answers and their codings. The first pass is the working coding
// every analyst shares; the second pass is a blind re-coding of a sample, and
// nothing here that serves the second pass ever reads the first.

type Executor = DB | Transaction<Database>
export type Pass = 'first' | 'second'

export function freeTextQuestions(definition: SurveyDefinition | null, locale: string): Array<{ key: string; title: string }> {
  if (!definition) return []
  return definition.questions.filter((q) => q.type === 'text').map((q) => ({ key: q.key, title: localise(q.title, locale) }))
}

/** Non-empty answers to a free-text question from submitted responses, oldest first. */
export async function listTextAnswers(db: Executor, consultationId: string, questionKey: string, responseIds?: readonly string[]): Promise<TextAnswer[]> {
  if (responseIds && responseIds.length === 0) return []
  let query = db
    .selectFrom('answer')
    .innerJoin('response', 'response.id', 'answer.response_id')
    .select(['answer.response_id as responseId', 'answer.text_value as text'])
    .where('response.consultation_id', '=', consultationId)
    .where('response.status', '=', 'submitted')
    .where('answer.question_key', '=', questionKey)
    .where('answer.text_value', 'is not', null)
  if (responseIds) query = query.where('answer.response_id', 'in', responseIds as string[])
  const rows = await query.orderBy('response.submitted_at').orderBy('response.id').execute()
  return rows.filter((r) => r.text && r.text.trim()).map((r) => ({ responseId: r.responseId, text: r.text! }))
}

/** Answers containing every word searched for (case, accents of Bengali spelling and apostrophes ignored). */
export function searchAnswers(answers: readonly TextAnswer[], words: string): TextAnswer[] {
  const wanted = normaliseText(words).split(/\s+/).filter(Boolean)
  if (!wanted.length) return []
  return answers.filter((a) => {
    const text = normaliseText(a.text)
    return wanted.every((w) => text.includes(w))
  })
}

/** Themes given to each answer in one pass. Only ever reads the pass asked for. */
export async function codingsByResponse(db: Executor, consultationId: string, questionKey: string, pass: Pass, responseIds?: readonly string[]) {
  if (responseIds && responseIds.length === 0) return new Map<string, string[]>()
  let query = db
    .selectFrom('coding')
    .select(['response_id', 'theme_id'])
    .where('consultation_id', '=', consultationId)
    .where('question_key', '=', questionKey)
    .where('pass', '=', pass)
  if (responseIds) query = query.where('response_id', 'in', responseIds as string[])
  const map = new Map<string, string[]>()
  for (const row of await query.execute()) map.set(row.response_id, [...(map.get(row.response_id) ?? []), row.theme_id])
  return map
}

/** Answers looked at in one pass (coded, or marked as about no theme). */
export async function reviewedResponses(db: Executor, consultationId: string, questionKey: string, pass: Pass, responseIds?: readonly string[]) {
  if (responseIds && responseIds.length === 0) return new Set<string>()
  let query = db.selectFrom('coding_review').select('response_id').where('consultation_id', '=', consultationId).where('question_key', '=', questionKey).where('pass', '=', pass)
  if (responseIds) query = query.where('response_id', 'in', responseIds as string[])
  return new Set((await query.execute()).map((r) => r.response_id))
}

async function markReviewed(trx: Executor, values: { consultationId: string; questionKey: string; pass: Pass; responseId: string; coder: string; now: number }) {
  await trx
    .insertInto('coding_review')
    .values({ response_id: values.responseId, question_key: values.questionKey, pass: values.pass, consultation_id: values.consultationId, coder_id: values.coder, reviewed_at: values.now })
    .onConflict((oc) => oc.columns(['response_id', 'question_key', 'pass']).doUpdateSet({ coder_id: values.coder, reviewed_at: values.now }))
    .execute()
}

/**
 * Replaces the themes of one answer in one pass (an empty list: about no
 * theme). Run it inside a transaction. The themes must be active themes of
 * the consultation; anything else is refused with 'invalid-theme'.
 */
export async function saveCoding(
  trx: Transaction<Database>,
  values: { consultationId: string; questionKey: string; responseId: string; pass: Pass; themeIds: readonly string[]; coder: string; now?: number },
): Promise<'saved' | 'invalid-theme' | 'no-answer'> {
  const now = values.now ?? Date.now()
  const answer = await listTextAnswers(trx, values.consultationId, values.questionKey, [values.responseId])
  if (!answer.length) return 'no-answer'
  const active = (await trx.selectFrom('theme').select('id').where('consultation_id', '=', values.consultationId).where('status', '=', 'active').execute()).map((t) => t.id)
  if (values.themeIds.some((id) => !active.includes(id))) return 'invalid-theme'
  // Only the themes on offer are replaced: a retired theme stays on the answers it was given.
  if (active.length) {
    await trx
      .deleteFrom('coding')
      .where('response_id', '=', values.responseId)
      .where('question_key', '=', values.questionKey)
      .where('pass', '=', values.pass)
      .where('theme_id', 'in', active)
      .execute()
  }
  if (values.themeIds.length) {
    await trx
      .insertInto('coding')
      .values(
        [...new Set(values.themeIds)].map((themeId) => ({
          id: crypto.randomUUID(),
          consultation_id: values.consultationId,
          response_id: values.responseId,
          question_key: values.questionKey,
          theme_id: themeId,
          pass: values.pass,
          coder_id: values.coder,
          created_at: now,
        })),
      )
      .execute()
  }
  await markReviewed(trx, { ...values, now })
  await recordAudit(
    trx,
    { actor: values.coder, action: 'coding.answer_coded', entity: 'response', entityId: values.responseId, detail: { question: values.questionKey, pass: values.pass, themes: values.themeIds.length } },
    now,
  )
  return 'saved'
}

/**
 * Adds one theme to many answers in the first pass, keeping any themes they
 * already have. Run it inside one transaction: all or nothing. Answers that
 * are not answers to this question are ignored. Returns how many were newly coded.
 */
export async function applyThemeToAnswers(
  trx: Transaction<Database>,
  values: { consultationId: string; questionKey: string; themeId: string; responseIds: readonly string[]; coder: string; via: 'bulk' | 'suggestion'; now?: number },
): Promise<number | 'invalid-theme'> {
  const now = values.now ?? Date.now()
  const theme = await trx.selectFrom('theme').select('id').where('id', '=', values.themeId).where('consultation_id', '=', values.consultationId).where('status', '=', 'active').executeTakeFirst()
  if (!theme) return 'invalid-theme'
  const valid: string[] = []
  // Chunks keep the IN list well under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < values.responseIds.length; i += 500) {
    const chunk = values.responseIds.slice(i, i + 500)
    valid.push(...(await listTextAnswers(trx, values.consultationId, values.questionKey, chunk)).map((a) => a.responseId))
  }
  let added = 0
  for (const responseId of valid) {
    const result = await trx
      .insertInto('coding')
      .values({ id: crypto.randomUUID(), consultation_id: values.consultationId, response_id: responseId, question_key: values.questionKey, theme_id: values.themeId, pass: 'first', coder_id: values.coder, created_at: now })
      .onConflict((oc) => oc.columns(['response_id', 'question_key', 'theme_id', 'pass']).doNothing())
      .executeTakeFirst()
    added += Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? 1 : 0
    await trx
      .insertInto('coding_review')
      .values({ response_id: responseId, question_key: values.questionKey, pass: 'first', consultation_id: values.consultationId, coder_id: values.coder, reviewed_at: now })
      .onConflict((oc) => oc.columns(['response_id', 'question_key', 'pass']).doNothing())
      .execute()
  }
  await recordAudit(
    trx,
    { actor: values.coder, action: values.via === 'bulk' ? 'coding.bulk_coded' : 'coding.suggestion_coded', entity: 'theme', entityId: values.themeId, detail: { question: values.questionKey, answers: valid.length, added } },
    now,
  )
  return added
}

export interface CodingScreen {
  answer: TextAnswer | null
  /** 1-based place of this answer in the list */
  index: number
  total: number
  coded: number
  previousId: string | null
  nextId: string | null
  /** themes this pass has given the answer so far */
  checked: string[]
  reviewed: boolean
}

/**
 * One answer to code, with its place in the list and this pass's codes.
 * Without a response id: the first answer this pass has not looked at (or
 * the last answer when all are done). `responseIds` limits the list (a sample).
 */
export async function loadCodingScreen(
  db: DB,
  { consultationId, questionKey, pass, responseId, responseIds }: { consultationId: string; questionKey: string; pass: Pass; responseId?: string | null; responseIds?: readonly string[] },
): Promise<CodingScreen> {
  let answers = await listTextAnswers(db, consultationId, questionKey)
  if (responseIds) {
    const order = new Map(responseIds.map((id, i) => [id, i]))
    answers = answers.filter((a) => order.has(a.responseId)).sort((a, b) => order.get(a.responseId)! - order.get(b.responseId)!)
  }
  const reviewed = await reviewedResponses(db, consultationId, questionKey, pass, responseIds)
  const coded = answers.filter((a) => reviewed.has(a.responseId)).length
  let at = responseId ? answers.findIndex((a) => a.responseId === responseId) : answers.findIndex((a) => !reviewed.has(a.responseId))
  if (at < 0 && !responseId) at = answers.length - 1
  if (at < 0) return { answer: null, index: 0, total: answers.length, coded, previousId: null, nextId: null, checked: [], reviewed: false }
  const answer = answers[at]
  const checked = (await codingsByResponse(db, consultationId, questionKey, pass, [answer.responseId])).get(answer.responseId) ?? []
  return {
    answer,
    index: at + 1,
    total: answers.length,
    coded,
    previousId: at > 0 ? answers[at - 1].responseId : null,
    nextId: at < answers.length - 1 ? answers[at + 1].responseId : null,
    checked,
    reviewed: reviewed.has(answer.responseId),
  }
}

/** After saving: the next answer not yet looked at in this pass, after the current one first, then from the start. */
export async function nextUncoded(db: DB, { consultationId, questionKey, pass, afterId, responseIds }: { consultationId: string; questionKey: string; pass: Pass; afterId: string; responseIds?: readonly string[] }) {
  let answers = await listTextAnswers(db, consultationId, questionKey)
  if (responseIds) {
    const order = new Map(responseIds.map((id, i) => [id, i]))
    answers = answers.filter((a) => order.has(a.responseId)).sort((a, b) => order.get(a.responseId)! - order.get(b.responseId)!)
  }
  const reviewed = await reviewedResponses(db, consultationId, questionKey, pass, responseIds)
  const at = answers.findIndex((a) => a.responseId === afterId)
  const ordered = [...answers.slice(at + 1), ...answers.slice(0, Math.max(at, 0))]
  return ordered.find((a) => !reviewed.has(a.responseId))?.responseId ?? null
}
