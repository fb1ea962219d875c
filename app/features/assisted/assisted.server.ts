import crypto from 'node:crypto'
import type { DB } from '../../../db/connection.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { findSurveyVersion, type SurveyVersion } from '../consultations/consultations.server.ts'
import { newReference } from '../responses/codes.ts'
import { loadAnswers } from '../responses/responses.server.ts'
import { type Answers, type AnswerValue, answerToRows } from '../surveys/answers.ts'
import type { SurveyDefinition } from '../surveys/definition.ts'
import { type Choice, type Mismatch, compareEntries, resolveAnswers } from './entry.ts'

// Responses staff enter for residents (phone, face to face, event, paper), the
// paper forms they come from, and the second, blind entry that checks them.

class AlreadyEntered extends Error {}
class AlreadyVerified extends Error {}

/** A unique or primary key refused the row (PostgreSQL 23505, SQLite constraint errors). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  )
}

function wardCodeOf(definition: SurveyDefinition, answers: Answers): string | null {
  const ward = definition.questions.find((q) => q.type === 'ward')
  const value = ward ? answers[ward.key] : undefined
  return typeof value === 'string' ? value : null
}

async function writeAnswers(db: DB, responseId: string, definition: SurveyDefinition, answers: Answers) {
  const rows = definition.questions.flatMap((question) => {
    const value = answers[question.key]
    return value === undefined ? [] : answerToRows(question, value).map((row) => ({ ...row, response_id: responseId }))
  })
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('answer').values(rows.slice(i, i + 100)).execute()
}

export interface AssistedResponse {
  consultationId: string
  version: SurveyVersion
  channel: string
  locale: string
  enteredBy: string
  note: string | null
  /** answers with skip logic applied (parseEntry) */
  answers: Answers
  /** keys of answers dropped by skip logic, for the audit trail */
  dropped?: string[]
  /** paper: the printed form this response comes from; it is entered only once */
  formNumber?: string
}

export type SaveResult = { status: 'saved'; responseId: string; reference: string } | { status: 'already_entered' }

/**
 * Saves a response staff entered, submitted at once, in one transaction. With
 * a form number the paper form is linked in the same transaction, and only if
 * nobody entered it first: of two entries racing, one is saved and the other
 * rolled back as `already_entered`.
 */
export async function saveAssistedResponse(db: DB, args: AssistedResponse, now = Date.now()): Promise<SaveResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const id = crypto.randomUUID()
      const reference = newReference()
      await trx
        .insertInto('response')
        .values({
          id,
          consultation_id: args.consultationId,
          survey_version_id: args.version.id,
          channel: args.channel,
          locale: args.locale,
          status: 'submitted',
          reference,
          ward_code: wardCodeOf(args.version.definition, args.answers),
          entered_by: args.enteredBy,
          interviewer_note: args.note,
          created_at: now,
          updated_at: now,
          submitted_at: now,
          expires_at: null,
        })
        .execute()
      await writeAnswers(trx, id, args.version.definition, args.answers)
      if (args.formNumber) {
        // The row lock makes a second, concurrent entry wait, then find the form taken.
        const linked = await trx
          .updateTable('paper_form')
          .set({ response_id: id, entered_at: now })
          .where('form_number', '=', args.formNumber)
          .where('consultation_id', '=', args.consultationId)
          .where('response_id', 'is', null)
          .where('entered_at', 'is', null)
          .executeTakeFirst()
        if (Number(linked.numUpdatedRows) !== 1) throw new AlreadyEntered()
      }
      await recordAudit(
        trx,
        {
          actor: args.enteredBy,
          action: 'response.entered',
          entity: 'response',
          entityId: id,
          detail: {
            consultationId: args.consultationId,
            channel: args.channel,
            locale: args.locale,
            formNumber: args.formNumber ?? null,
            answered: Object.keys(args.answers).length,
            droppedBySkipLogic: args.dropped ?? [],
            note: args.note !== null,
          },
        },
        now,
      )
      return { status: 'saved' as const, responseId: id, reference }
    })
  } catch (error) {
    if (error instanceof AlreadyEntered || (args.formNumber && isUniqueViolation(error))) return { status: 'already_entered' }
    throw error
  }
}

export interface EntrySummary {
  responseId: string | null
  reference: string | null
  channel: string | null
  locale: string
  enteredBy: string | null
  enteredByName: string | null
  enteredAt: number
  note: string | null
  definition: SurveyDefinition | null
  answers: Answers
}

export interface PaperFormRecord {
  formNumber: string
  consultationId: string
  surveyVersionId: string
  locale: string
  largePrint: boolean
  printedAt: number
  enteredAt: number | null
  responseId: string | null
}

export type PaperFormLookup =
  | { status: 'unknown' }
  | { status: 'ready'; form: PaperFormRecord; version: SurveyVersion }
  | { status: 'entered'; form: PaperFormRecord; entry: EntrySummary }

/** A printed form of this consultation: not entered yet (ready), or entered (with the first entry). */
export async function lookUpPaperForm(db: DB, consultationId: string, formNumber: string): Promise<PaperFormLookup> {
  const row = await db
    .selectFrom('paper_form')
    .select(['form_number', 'consultation_id', 'survey_version_id', 'locale', 'large_print', 'printed_at', 'entered_at', 'response_id'])
    .where('form_number', '=', formNumber)
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst()
  if (!row) return { status: 'unknown' }
  const form: PaperFormRecord = {
    formNumber: row.form_number,
    consultationId: row.consultation_id,
    surveyVersionId: row.survey_version_id,
    locale: row.locale,
    largePrint: Number(row.large_print) === 1,
    printedAt: Number(row.printed_at),
    enteredAt: row.entered_at === null ? null : Number(row.entered_at),
    responseId: row.response_id,
  }
  if (form.enteredAt === null && form.responseId === null) {
    const version = await findSurveyVersion(db, form.surveyVersionId)
    if (!version) return { status: 'unknown' }
    return { status: 'ready', form, version }
  }
  return { status: 'entered', form, entry: await loadEntry(db, form.responseId, form.enteredAt ?? 0, form.locale) }
}

/** A response with who entered it and its answers (no equality data). */
export async function loadEntry(db: DB, responseId: string | null, fallbackAt = 0, fallbackLocale = 'en'): Promise<EntrySummary> {
  const row = responseId
    ? await db
        .selectFrom('response')
        .leftJoin('app_user', 'app_user.id', 'response.entered_by')
        .select([
          'response.id',
          'response.reference',
          'response.channel',
          'response.locale',
          'response.survey_version_id',
          'response.entered_by',
          'response.submitted_at',
          'response.created_at',
          'response.interviewer_note',
          'app_user.name',
        ])
        .where('response.id', '=', responseId)
        .executeTakeFirst()
    : undefined
  if (!row) {
    // The response was deleted since (by the resident): the form stays entered.
    return { responseId: null, reference: null, channel: null, locale: fallbackLocale, enteredBy: null, enteredByName: null, enteredAt: fallbackAt, note: null, definition: null, answers: {} }
  }
  const version = await findSurveyVersion(db, row.survey_version_id)
  return {
    responseId: row.id,
    reference: row.reference,
    channel: row.channel,
    locale: row.locale,
    enteredBy: row.entered_by,
    enteredByName: row.name,
    enteredAt: Number(row.submitted_at ?? row.created_at),
    note: row.interviewer_note,
    definition: version?.definition ?? null,
    answers: version ? await loadAnswers(db, row.id, version.definition) : {},
  }
}

// ---------- Second-person verification ----------

export type VerifyResult =
  | { status: 'matched' }
  | { status: 'mismatch'; mismatches: number }
  | { status: 'not_entered' }
  | { status: 'own_entry' }
  | { status: 'already_verified' }

/**
 * Records a second, blind entry of a paper form and compares it with the
 * first. The person who entered the form cannot verify it. One verification
 * per form: a second (or concurrent) one is refused as `already_verified`.
 */
export async function verifyPaperForm(
  db: DB,
  args: { consultationId: string; formNumber: string; verifiedBy: string; answers: Answers },
  now = Date.now(),
): Promise<VerifyResult> {
  try {
    return await db.transaction().execute(async (trx): Promise<VerifyResult> => {
      const form = await trx
        .selectFrom('paper_form')
        .innerJoin('response', 'response.id', 'paper_form.response_id')
        .select(['paper_form.form_number', 'response.id as response_id', 'response.entered_by', 'response.survey_version_id'])
        .where('paper_form.form_number', '=', args.formNumber)
        .where('paper_form.consultation_id', '=', args.consultationId)
        .executeTakeFirst()
      if (!form) return { status: 'not_entered' }
      if (form.entered_by === args.verifiedBy) return { status: 'own_entry' }
      const existing = await trx.selectFrom('paper_verification').select('form_number').where('form_number', '=', args.formNumber).executeTakeFirst()
      if (existing) throw new AlreadyVerified()
      const version = await findSurveyVersion(trx, form.survey_version_id)
      if (!version) return { status: 'not_entered' }
      const first = await loadAnswers(trx, form.response_id, version.definition)
      const mismatches = compareEntries(version.definition, first, args.answers)
      await trx
        .insertInto('paper_verification')
        .values({
          form_number: args.formNumber,
          response_id: form.response_id,
          verified_by: args.verifiedBy,
          verified_at: now,
          mismatches: mismatches.length,
          status: mismatches.length ? 'mismatch' : 'matched',
          resolved_by: null,
          resolved_at: null,
        })
        .execute()
      if (mismatches.length) {
        await trx
          .insertInto('paper_verification_item')
          .values(
            mismatches.map((m) => ({
              form_number: args.formNumber,
              question_key: m.questionKey,
              first_value: m.first === undefined ? null : JSON.stringify(m.first),
              second_value: m.second === undefined ? null : JSON.stringify(m.second),
              chosen: null,
            })),
          )
          .execute()
      }
      await recordAudit(
        trx,
        {
          actor: args.verifiedBy,
          action: 'paper.verified',
          entity: 'response',
          entityId: form.response_id,
          detail: { formNumber: args.formNumber, mismatches: mismatches.map((m) => m.questionKey) },
        },
        now,
      )
      return mismatches.length ? { status: 'mismatch', mismatches: mismatches.length } : { status: 'matched' }
    })
  } catch (error) {
    if (error instanceof AlreadyVerified || isUniqueViolation(error)) return { status: 'already_verified' }
    throw error
  }
}

export interface VerificationRecord {
  formNumber: string
  responseId: string
  status: 'matched' | 'mismatch' | 'resolved'
  mismatches: number
  verifiedBy: string
  verifiedByName: string | null
  verifiedAt: number
  resolvedByName: string | null
  resolvedAt: number | null
}

export async function findVerification(db: DB, consultationId: string, formNumber: string): Promise<VerificationRecord | undefined> {
  const row = await db
    .selectFrom('paper_verification')
    .innerJoin('paper_form', 'paper_form.form_number', 'paper_verification.form_number')
    .leftJoin('app_user as verifier', 'verifier.id', 'paper_verification.verified_by')
    .leftJoin('app_user as resolver', 'resolver.id', 'paper_verification.resolved_by')
    .select([
      'paper_verification.form_number',
      'paper_verification.response_id',
      'paper_verification.status',
      'paper_verification.mismatches',
      'paper_verification.verified_by',
      'paper_verification.verified_at',
      'paper_verification.resolved_at',
      'verifier.name as verified_by_name',
      'resolver.name as resolved_by_name',
    ])
    .where('paper_verification.form_number', '=', formNumber)
    .where('paper_form.consultation_id', '=', consultationId)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    formNumber: row.form_number,
    responseId: row.response_id,
    status: row.status as VerificationRecord['status'],
    mismatches: Number(row.mismatches),
    verifiedBy: row.verified_by,
    verifiedByName: row.verified_by_name,
    verifiedAt: Number(row.verified_at),
    resolvedByName: row.resolved_by_name,
    resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
  }
}

/** Forms of this consultation whose two entries differ and are waiting for a reviewer, oldest first. */
export async function listForReview(db: DB, consultationId: string) {
  const rows = await db
    .selectFrom('paper_verification')
    .innerJoin('paper_form', 'paper_form.form_number', 'paper_verification.form_number')
    .innerJoin('response', 'response.id', 'paper_verification.response_id')
    .leftJoin('app_user as enterer', 'enterer.id', 'response.entered_by')
    .leftJoin('app_user as verifier', 'verifier.id', 'paper_verification.verified_by')
    .select([
      'paper_verification.form_number',
      'paper_verification.mismatches',
      'paper_verification.verified_at',
      'response.reference',
      'enterer.name as entered_by_name',
      'verifier.name as verified_by_name',
    ])
    .where('paper_form.consultation_id', '=', consultationId)
    .where('paper_verification.status', '=', 'mismatch')
    .orderBy('paper_verification.verified_at')
    .orderBy('paper_verification.form_number')
    .execute()
  return rows.map((r) => ({
    formNumber: r.form_number,
    mismatches: Number(r.mismatches),
    verifiedAt: Number(r.verified_at),
    reference: r.reference,
    enteredByName: r.entered_by_name,
    verifiedByName: r.verified_by_name,
  }))
}

const parseValue = (json: string | null): AnswerValue | undefined => (json === null ? undefined : (JSON.parse(json) as AnswerValue))

/** A form with differing entries: both values of each differing question, and the response's survey. */
export async function loadReview(db: DB, consultationId: string, formNumber: string) {
  const verification = await findVerification(db, consultationId, formNumber)
  if (!verification) return undefined
  const items = await db
    .selectFrom('paper_verification_item')
    .select(['question_key', 'first_value', 'second_value', 'chosen'])
    .where('form_number', '=', formNumber)
    .execute()
  const entry = await loadEntry(db, verification.responseId)
  if (!entry.definition) return undefined
  const order = entry.definition.questions.map((q) => q.key)
  const mismatches: (Mismatch & { chosen: Choice | null })[] = items
    .map((item) => ({
      questionKey: item.question_key,
      first: parseValue(item.first_value),
      second: parseValue(item.second_value),
      chosen: item.chosen === 'first' || item.chosen === 'second' ? (item.chosen as Choice) : null,
    }))
    .sort((a, b) => order.indexOf(a.questionKey) - order.indexOf(b.questionKey))
  return { verification, entry, definition: entry.definition, mismatches }
}

export type ResolveResult =
  | { status: 'resolved'; changed: string[] }
  | { status: 'not_found' }
  | { status: 'already_resolved' }
  | { status: 'unchosen'; questionKey: string }
  | { status: 'missing'; questionKey: string }

/**
 * A reviewer picks the right value for each question the two entries differ
 * on. The response's answers are updated (skip logic applied again), the
 * choices kept, and the change audited, in one transaction; a second reviewer
 * at the same time finds it already resolved.
 */
export async function resolveVerification(
  db: DB,
  args: { consultationId: string; formNumber: string; reviewer: string; choices: Record<string, Choice | undefined> },
  now = Date.now(),
): Promise<ResolveResult> {
  return db.transaction().execute(async (trx): Promise<ResolveResult> => {
    const review = await loadReview(trx, args.consultationId, args.formNumber)
    if (!review) return { status: 'not_found' }
    if (review.verification.status !== 'mismatch') return { status: 'already_resolved' }
    const { definition, entry, mismatches } = review
    const result = resolveAnswers(definition, entry.answers, mismatches, args.choices)
    if (!result.ok) return { status: result.reason, questionKey: result.questionKey }
    // Claim the review first: a concurrent reviewer's update then finds nothing to resolve.
    const claimed = await trx
      .updateTable('paper_verification')
      .set({ status: 'resolved', resolved_by: args.reviewer, resolved_at: now })
      .where('form_number', '=', args.formNumber)
      .where('status', '=', 'mismatch')
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) return { status: 'already_resolved' }
    const responseId = review.verification.responseId
    const keys = definition.questions.map((q) => q.key)
    await trx.deleteFrom('answer').where('response_id', '=', responseId).where('question_key', 'in', keys).execute()
    await writeAnswers(trx, responseId, definition, result.answers)
    await trx
      .updateTable('response')
      .set({ ward_code: wardCodeOf(definition, result.answers), updated_at: now })
      .where('id', '=', responseId)
      .execute()
    const choices: Record<string, Choice> = {}
    for (const mismatch of mismatches) {
      const chosen = args.choices[mismatch.questionKey]!
      choices[mismatch.questionKey] = chosen
      await trx
        .updateTable('paper_verification_item')
        .set({ chosen })
        .where('form_number', '=', args.formNumber)
        .where('question_key', '=', mismatch.questionKey)
        .execute()
    }
    const changed = mismatches.filter((m) => choices[m.questionKey] === 'second').map((m) => m.questionKey)
    await recordAudit(
      trx,
      {
        actor: args.reviewer,
        action: 'paper.verification_resolved',
        entity: 'response',
        entityId: responseId,
        detail: { formNumber: args.formNumber, choices, changed, droppedBySkipLogic: result.dropped },
      },
      now,
    )
    return { status: 'resolved', changed }
  })
}
