import crypto from 'node:crypto'
import type { DB } from '../../../db/connection.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { ANALYSIS_ROLES } from '../analysis/permissions.ts'
import { buildAgreementReport, type AgreementReport } from './agreement-report.ts'
import { codingsByResponse, listTextAnswers, reviewedResponses } from './coding.server.ts'
import { listThemes } from './codebook.server.ts'
import { drawSample } from './sampling.ts'

// Double coding: a random sample of one question's answers, coded again blind
// by a second analyst, compared with the first (working) coding.

export interface Sample {
  id: string
  questionKey: string
  size: number
  seed: number
  secondCoderId: string | null
  secondCoderName: string | null
  createdBy: string
  createdAt: number
}

/** Analysts and administrators other than `exceptId`: who may be asked to code a sample. */
export async function listSecondCoders(db: DB, exceptId: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'name', 'email'])
    .where('role', 'in', [...ANALYSIS_ROLES])
    .where('disabled_at', 'is', null)
    .where('id', '!=', exceptId)
    .orderBy('name')
    .execute()
}

export type CreateSampleResult = { ok: true; id: string } | { ok: false; error: 'same_coder' | 'coder_not_analyst' | 'coder_coded_first' | 'no_answers' | 'size_over'; available?: number }

export async function createSample(
  db: DB,
  values: { consultationId: string; questionKey: string; size: number; seed: number | null; secondCoderId: string; createdBy: string; now?: number },
): Promise<CreateSampleResult> {
  const now = values.now ?? Date.now()
  if (values.secondCoderId === values.createdBy) return { ok: false, error: 'same_coder' }
  const coder = await db.selectFrom('app_user').select('role').where('id', '=', values.secondCoderId).where('disabled_at', 'is', null).executeTakeFirst()
  if (!coder || !ANALYSIS_ROLES.includes(coder.role)) return { ok: false, error: 'coder_not_analyst' }
  // An answer has one second coding (the table keeps one per pass), so samples
  // of a question never share answers: each answer's second coding belongs to one sample and its coder.
  const taken = new Set(
    (
      await db
        .selectFrom('coding_sample_item')
        .innerJoin('coding_sample', 'coding_sample.id', 'coding_sample_item.sample_id')
        .select('coding_sample_item.response_id')
        .where('coding_sample.consultation_id', '=', values.consultationId)
        .where('coding_sample.question_key', '=', values.questionKey)
        .execute()
    ).map((r) => r.response_id),
  )
  const answers = (await listTextAnswers(db, values.consultationId, values.questionKey)).filter((a) => !taken.has(a.responseId))
  if (!answers.length) return { ok: false, error: 'no_answers' }
  if (values.size > answers.length) return { ok: false, error: 'size_over', available: answers.length }
  const seed = values.seed ?? crypto.randomInt(1, 1_000_000_000)
  const ids = drawSample(
    answers.map((a) => a.responseId),
    values.size,
    seed,
  )
  // Blind means the second coder has never coded these answers: refuse anyone who first-coded one of them.
  if (await firstCodedAny(db, values.consultationId, values.questionKey, values.secondCoderId, ids)) return { ok: false, error: 'coder_coded_first' }
  const id = crypto.randomUUID()
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('coding_sample')
      .values({ id, consultation_id: values.consultationId, question_key: values.questionKey, size: ids.length, seed, second_coder_id: values.secondCoderId, created_by: values.createdBy, created_at: now })
      .execute()
    await trx.insertInto('coding_sample_item').values(ids.map((responseId) => ({ sample_id: id, response_id: responseId }))).execute()
    await recordAudit(trx, { actor: values.createdBy, action: 'coding.sample_drawn', entity: 'coding_sample', entityId: id, detail: { question: values.questionKey, size: ids.length, seed, secondCoder: values.secondCoderId } }, now)
  })
  return { ok: true, id }
}

/**
 * Did this user code any of these answers in the first pass? Their codings
 * and "about no theme" decisions, and (as another coder may since have
 * replaced both) the audit log of answers coded on the coding screen.
 */
export async function firstCodedAny(db: DB, consultationId: string, questionKey: string, userId: string, responseIds: readonly string[]): Promise<boolean> {
  for (let i = 0; i < responseIds.length; i += 500) {
    const chunk = [...responseIds.slice(i, i + 500)]
    const coding = await db
      .selectFrom('coding')
      .select('id')
      .where('consultation_id', '=', consultationId)
      .where('question_key', '=', questionKey)
      .where('pass', '=', 'first')
      .where('coder_id', '=', userId)
      .where('response_id', 'in', chunk)
      .limit(1)
      .executeTakeFirst()
    if (coding) return true
    const review = await db
      .selectFrom('coding_review')
      .select('response_id')
      .where('consultation_id', '=', consultationId)
      .where('question_key', '=', questionKey)
      .where('pass', '=', 'first')
      .where('coder_id', '=', userId)
      .where('response_id', 'in', chunk)
      .limit(1)
      .executeTakeFirst()
    if (review) return true
    const audited = await db.selectFrom('audit_log').select('detail').where('action', '=', 'coding.answer_coded').where('actor', '=', userId).where('entity_id', 'in', chunk).execute()
    if (
      audited.some((a) => {
        const detail = JSON.parse(a.detail) as { question?: string; pass?: string }
        return detail.pass === 'first' && detail.question === questionKey
      })
    )
      return true
  }
  return false
}

export async function listSamples(db: DB, consultationId: string): Promise<Sample[]> {
  const rows = await db
    .selectFrom('coding_sample')
    .leftJoin('app_user', 'app_user.id', 'coding_sample.second_coder_id')
    .select(['coding_sample.id', 'question_key', 'size', 'seed', 'second_coder_id', 'app_user.name as coderName', 'created_by', 'coding_sample.created_at'])
    .where('consultation_id', '=', consultationId)
    .orderBy('coding_sample.created_at', 'desc')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    questionKey: r.question_key,
    size: Number(r.size),
    seed: Number(r.seed),
    secondCoderId: r.second_coder_id,
    secondCoderName: r.coderName ?? null,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
  }))
}

export async function findSample(db: DB, consultationId: string, sampleId: string) {
  return (await listSamples(db, consultationId)).find((s) => s.id === sampleId) ?? null
}

/** The sampled answers, in the order they were drawn. */
export async function sampleResponseIds(db: DB, sampleId: string): Promise<string[]> {
  const rows = await db.selectFrom('coding_sample_item').select('response_id').where('sample_id', '=', sampleId).execute()
  return rows.map((r) => r.response_id).sort()
}

/** How far the second analyst has got. */
export async function sampleProgress(db: DB, consultationId: string, sample: Sample) {
  const ids = await sampleResponseIds(db, sample.id)
  const second = await reviewedResponses(db, consultationId, sample.questionKey, 'second', ids)
  const first = await reviewedResponses(db, consultationId, sample.questionKey, 'first', ids)
  return { size: ids.length, codedSecond: second.size, codedFirst: first.size }
}

/** Agreement between the two passes on the sample; themes are every theme either pass used, plus the active ones. */
export async function sampleAgreement(db: DB, consultationId: string, sample: Sample): Promise<{ report: AgreementReport; themes: Array<{ id: string; name: string }> }> {
  const ids = await sampleResponseIds(db, sample.id)
  const [firstReviewed, secondReviewed, firstCodes, secondCodes, themes] = await Promise.all([
    reviewedResponses(db, consultationId, sample.questionKey, 'first', ids),
    reviewedResponses(db, consultationId, sample.questionKey, 'second', ids),
    codingsByResponse(db, consultationId, sample.questionKey, 'first', ids),
    codingsByResponse(db, consultationId, sample.questionKey, 'second', ids),
    listThemes(db, consultationId),
  ])
  const used = new Set([...firstCodes.values(), ...secondCodes.values()].flat())
  const compared = themes.filter((t) => t.status === 'active' || used.has(t.id))
  const units = ids.map((id) => ({
    responseId: id,
    first: firstReviewed.has(id) ? (firstCodes.get(id) ?? []) : null,
    second: secondReviewed.has(id) ? (secondCodes.get(id) ?? []) : null,
  }))
  return {
    report: buildAgreementReport(
      units,
      compared.map((t) => t.id),
    ),
    themes: compared.map((t) => ({ id: t.id, name: t.name })),
  }
}
