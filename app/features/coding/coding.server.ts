import crypto from 'node:crypto'
import { sql, type ExpressionBuilder, type Transaction } from 'kysely'
import type { DB } from '../../../db/connection.ts'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { readInWorker } from '../analysis/read-query.server.ts'
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

/**
 * Non-empty answers to a free-text question from submitted responses, oldest
 * first. Every answer of the question (no responseIds) is a long read: it runs
 * off the app's connection (the read path, docs/decisions/0004), or on the
 * transaction passed in.
 */
export async function listTextAnswers(db: Executor, consultationId: string, questionKey: string, responseIds?: readonly string[]): Promise<TextAnswer[]> {
  if (responseIds && responseIds.length === 0) return []
  const query = db
    .selectFrom('answer')
    .innerJoin('response', 'response.id', 'answer.response_id')
    .select(['answer.response_id as responseId', 'answer.text_value as text'])
    .where('response.consultation_id', '=', consultationId)
    .where('response.status', '=', 'submitted')
    .where('answer.question_key', '=', questionKey)
    .where('answer.text_value', 'is not', null)
    .orderBy('response.submitted_at')
    .orderBy('response.id')
  const rows = responseIds ? await query.where('answer.response_id', 'in', responseIds as string[]).execute() : (await readInWorker(db, [query.compile()]))[0]
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
): Promise<'saved' | 'invalid-theme' | 'no-answer' | 'blind'> {
  const now = values.now ?? Date.now()
  const answer = await listTextAnswers(trx, values.consultationId, values.questionKey, [values.responseId])
  if (!answer.length) return 'no-answer'
  // A second coder does not code their own blind sample in the first pass (they would agree with themselves).
  if (values.pass === 'first' && (await blindAnswers(trx, values.consultationId, values.coder)).has(`${values.responseId}\u0000${values.questionKey}`)) return 'blind'
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
  // The coder's own pending blind sample is left to them to code blind.
  const blind = await blindAnswers(trx, values.consultationId, values.coder)
  // Chunks keep the IN list well under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < values.responseIds.length; i += 500) {
    const chunk = values.responseIds.slice(i, i + 500)
    valid.push(...(await listTextAnswers(trx, values.consultationId, values.questionKey, chunk)).map((a) => a.responseId).filter((id) => !blind.has(`${id}\u0000${values.questionKey}`)))
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

// ---- blind double coding ----------------------------------------------------

/**
 * The samples whose second coder is `userId` and whose second pass is not
 * complete yet (some sampled answer not looked at in the second pass). Until
 * it is, that coder must not see, or make, first-pass codes of those answers.
 */
export async function pendingBlindSamples(db: Executor, consultationId: string, userId: string, questionKey?: string): Promise<Array<{ id: string; questionKey: string }>> {
  let query = db
    .selectFrom('coding_sample')
    .select(['coding_sample.id', 'coding_sample.question_key'])
    .where('coding_sample.consultation_id', '=', consultationId)
    .where('coding_sample.second_coder_id', '=', userId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('coding_sample_item')
          .select('coding_sample_item.response_id')
          .whereRef('coding_sample_item.sample_id', '=', 'coding_sample.id')
          .where(({ not, exists: has, selectFrom: from }) =>
            not(
              has(
                from('coding_review')
                  .select('coding_review.response_id')
                  .whereRef('coding_review.response_id', '=', 'coding_sample_item.response_id')
                  .whereRef('coding_review.question_key', '=', 'coding_sample.question_key')
                  .where('coding_review.pass', '=', 'second'),
              ),
            ),
          ),
      ),
    )
  if (questionKey) query = query.where('coding_sample.question_key', '=', questionKey)
  return (await query.execute()).map((r) => ({ id: r.id, questionKey: r.question_key }))
}

/** The answers (`responseId\u0000questionKey`) whose first-pass codes are hidden from this user: their pending blind samples. */
export async function blindAnswers(db: Executor, consultationId: string, userId: string): Promise<Set<string>> {
  const samples = await pendingBlindSamples(db, consultationId, userId)
  if (!samples.length) return new Set()
  const rows = await db
    .selectFrom('coding_sample_item')
    .select(['sample_id', 'response_id'])
    .where(
      'sample_id',
      'in',
      samples.map((s) => s.id),
    )
    .execute()
  const question = new Map(samples.map((s) => [s.id, s.questionKey]))
  return new Set(rows.map((r) => `${r.response_id}\u0000${question.get(r.sample_id)}`))
}

// ---- the coding screen: paged in SQL ------------------------------------------

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
  /** the answer asked for is in the reader's own blind sample: not shown in the first pass */
  blind: boolean
}

interface ListScope {
  consultationId: string
  questionKey: string
  pass: Pass
  /** samples whose answers are left out of the list (the reader's pending blind samples) */
  hiddenSamples: readonly string[]
}

/** The answers of one question as a query: submitted, non-empty, and not in the hidden samples. */
function answerRows(db: Executor, scope: ListScope) {
  let query = db
    .selectFrom('answer')
    .innerJoin('response', 'response.id', 'answer.response_id')
    .where('response.consultation_id', '=', scope.consultationId)
    .where('response.status', '=', 'submitted')
    .where('answer.question_key', '=', scope.questionKey)
    .where('answer.text_value', 'is not', null)
    .where(sql<string>`trim(answer.text_value)`, '<>', '')
  if (scope.hiddenSamples.length) {
    query = query.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('coding_sample_item').select('coding_sample_item.response_id').whereRef('coding_sample_item.response_id', '=', 'answer.response_id').where('coding_sample_item.sample_id', 'in', [...scope.hiddenSamples]))),
    )
  }
  return query
}

const SORT = sql<number>`coalesce(response.submitted_at, 0)`

/** The answer's place in the list order: (submitted at, response id). */
type Key = { at: number; id: string }

function reviewedIn(scope: ListScope) {
  return ({ exists, selectFrom }: ExpressionBuilder<any, any>) =>
    exists(
      selectFrom('coding_review')
        .select('coding_review.response_id')
        .whereRef('coding_review.response_id', '=', 'answer.response_id')
        .where('coding_review.question_key', '=', scope.questionKey)
        .where('coding_review.pass', '=', scope.pass),
    )
}

async function neighbour(db: Executor, scope: ListScope, key: Key, direction: 'before' | 'after', { unreviewed = false } = {}): Promise<string | null> {
  let query = answerRows(db, scope)
    .select('answer.response_id as id')
    .where((eb) =>
      direction === 'after'
        ? eb.or([eb(SORT, '>', key.at), eb.and([eb(SORT, '=', key.at), eb('response.id', '>', key.id)])])
        : eb.or([eb(SORT, '<', key.at), eb.and([eb(SORT, '=', key.at), eb('response.id', '<', key.id)])]),
    )
  if (unreviewed) query = query.where((eb) => eb.not(reviewedIn(scope)(eb)))
  const order = direction === 'after' ? 'asc' : 'desc'
  const row = await query.orderBy(SORT, order).orderBy('response.id', order).limit(1).executeTakeFirst()
  return row?.id ?? null
}

async function firstUnreviewed(db: Executor, scope: ListScope): Promise<string | null> {
  const row = await answerRows(db, scope)
    .select('answer.response_id as id')
    .where((eb) => eb.not(reviewedIn(scope)(eb)))
    .orderBy(SORT)
    .orderBy('response.id')
    .limit(1)
    .executeTakeFirst()
  return row?.id ?? null
}

async function lastAnswer(db: Executor, scope: ListScope): Promise<string | null> {
  const row = await answerRows(db, scope).select('answer.response_id as id').orderBy(SORT, 'desc').orderBy('response.id', 'desc').limit(1).executeTakeFirst()
  return row?.id ?? null
}

async function keyOf(db: Executor, scope: ListScope, responseId: string): Promise<(Key & { text: string }) | null> {
  const row = await answerRows(db, scope)
    .select(['answer.response_id as id', 'answer.text_value as text', SORT.as('at')])
    .where('answer.response_id', '=', responseId)
    .executeTakeFirst()
  return row ? { id: row.id, at: Number(row.at), text: row.text! } : null
}

async function hiddenSamplesFor(db: Executor, consultationId: string, questionKey: string, pass: Pass, userId: string | undefined) {
  if (pass !== 'first' || !userId) return []
  return (await pendingBlindSamples(db, consultationId, userId, questionKey)).map((s) => s.id)
}

/**
 * One answer to code, with its place in the list and this pass's codes.
 * Without a response id: the first answer this pass has not looked at (or
 * the last answer when all are done). `responseIds` limits the list (a sample,
 * in that order). The working (first) pass is paged in SQL: one answer's text
 * and a few counts, never every answer of the question. `userId`: the reader,
 * whose pending blind samples are left out of the first pass.
 */
export async function loadCodingScreen(
  db: DB,
  { consultationId, questionKey, pass, responseId, responseIds, userId }: { consultationId: string; questionKey: string; pass: Pass; responseId?: string | null; responseIds?: readonly string[]; userId?: string },
): Promise<CodingScreen> {
  if (responseIds) return loadSampleScreen(db, { consultationId, questionKey, pass, responseId, responseIds })
  const scope: ListScope = { consultationId, questionKey, pass, hiddenSamples: await hiddenSamplesFor(db, consultationId, questionKey, pass, userId) }
  const counts = await answerRows(db, scope)
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.sum<number>(eb.case().when(reviewedIn(scope)(eb)).then(1).else(0).end()).as('coded')])
    .executeTakeFirst()
  const total = Number(counts?.total ?? 0)
  const coded = Number(counts?.coded ?? 0)
  const empty: CodingScreen = { answer: null, index: 0, total, coded, previousId: null, nextId: null, checked: [], reviewed: false, blind: false }
  if (responseId && scope.hiddenSamples.length) {
    const inBlindSample = await db.selectFrom('coding_sample_item').select('response_id').where('sample_id', 'in', [...scope.hiddenSamples]).where('response_id', '=', responseId).executeTakeFirst()
    if (inBlindSample) return { ...empty, blind: true }
  }
  const id = responseId ?? (await firstUnreviewed(db, scope)) ?? (await lastAnswer(db, scope))
  const key = id ? await keyOf(db, scope, id) : null
  if (!key) return empty
  const [before, previousId, nextId, checked, reviewed] = await Promise.all([
    answerRows(db, scope)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb(SORT, '<', key.at), eb.and([eb(SORT, '=', key.at), eb('response.id', '<', key.id)])]))
      .executeTakeFirst(),
    neighbour(db, scope, key, 'before'),
    neighbour(db, scope, key, 'after'),
    codingsByResponse(db, consultationId, questionKey, pass, [key.id]),
    reviewedResponses(db, consultationId, questionKey, pass, [key.id]),
  ])
  return {
    answer: { responseId: key.id, text: key.text },
    index: Number(before?.n ?? 0) + 1,
    total,
    coded,
    previousId,
    nextId,
    checked: checked.get(key.id) ?? [],
    reviewed: reviewed.has(key.id),
    blind: false,
  }
}

/** A sample's screen (at most a few hundred answers, in the order drawn). */
async function loadSampleScreen(
  db: DB,
  { consultationId, questionKey, pass, responseId, responseIds }: { consultationId: string; questionKey: string; pass: Pass; responseId?: string | null; responseIds: readonly string[] },
): Promise<CodingScreen> {
  const order = new Map(responseIds.map((id, i) => [id, i]))
  const answers = (await listTextAnswers(db, consultationId, questionKey, responseIds)).sort((a, b) => order.get(a.responseId)! - order.get(b.responseId)!)
  const reviewed = await reviewedResponses(db, consultationId, questionKey, pass, responseIds)
  const coded = answers.filter((a) => reviewed.has(a.responseId)).length
  let at = responseId ? answers.findIndex((a) => a.responseId === responseId) : answers.findIndex((a) => !reviewed.has(a.responseId))
  if (at < 0 && !responseId) at = answers.length - 1
  if (at < 0) return { answer: null, index: 0, total: answers.length, coded, previousId: null, nextId: null, checked: [], reviewed: false, blind: false }
  const answer = answers[at]!
  const checked = (await codingsByResponse(db, consultationId, questionKey, pass, [answer.responseId])).get(answer.responseId) ?? []
  return {
    answer,
    index: at + 1,
    total: answers.length,
    coded,
    previousId: at > 0 ? answers[at - 1]!.responseId : null,
    nextId: at < answers.length - 1 ? answers[at + 1]!.responseId : null,
    checked,
    reviewed: reviewed.has(answer.responseId),
    blind: false,
  }
}

/** After saving: the next answer not yet looked at in this pass, after the current one first, then from the start. */
export async function nextUncoded(
  db: DB,
  { consultationId, questionKey, pass, afterId, responseIds, userId }: { consultationId: string; questionKey: string; pass: Pass; afterId: string; responseIds?: readonly string[]; userId?: string },
) {
  if (responseIds) {
    const order = new Map(responseIds.map((id, i) => [id, i]))
    const answers = (await listTextAnswers(db, consultationId, questionKey, responseIds)).sort((a, b) => order.get(a.responseId)! - order.get(b.responseId)!)
    const reviewed = await reviewedResponses(db, consultationId, questionKey, pass, responseIds)
    const at = answers.findIndex((a) => a.responseId === afterId)
    const ordered = [...answers.slice(at + 1), ...answers.slice(0, Math.max(at, 0))]
    return ordered.find((a) => !reviewed.has(a.responseId))?.responseId ?? null
  }
  const scope: ListScope = { consultationId, questionKey, pass, hiddenSamples: await hiddenSamplesFor(db, consultationId, questionKey, pass, userId) }
  const key = await keyOf(db, scope, afterId)
  const after = key ? await neighbour(db, scope, key, 'after', { unreviewed: true }) : null
  if (after) return after
  const first = await firstUnreviewed(db, scope)
  return first === afterId ? null : first
}
