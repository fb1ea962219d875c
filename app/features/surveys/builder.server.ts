import { loadConsultationForOfficer } from '../consultations/officer-context.server.ts'
import { formatDate } from '../i18n/config.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import { putQuestion, questionFromForm, readQuestionForm, type BuilderError, type BuilderResult } from './builder.ts'
import type { QuestionType } from './definition.ts'
import { editSurvey, surveyStatus } from './survey-versions.server.ts'

// What every survey builder page needs: the officer (role checked on the
// server), the consultation, its survey as it is now, the calls to action of
// its framework, and a way to save one change without overwriting anyone else's.

export async function loadBuilder(request: Request, id: string | undefined) {
  const context = await loadConsultationForOfficer(request, id)
  const { db, consultation } = context
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'builder')
  const status = await surveyStatus(db, consultation.id)
  const ctaRows = consultation.frameworkId
    ? await db.selectFrom('call_to_action').select(['code', 'title_i18n']).where('framework_id', '=', consultation.frameworkId).orderBy('position').execute()
    : []
  const callsToAction = ctaRows.map((row) => {
    const titles = JSON.parse(row.title_i18n) as Record<string, string>
    return { code: row.code, title: titles[locale] || titles.en || row.code }
  })
  return {
    ...context,
    locale,
    t,
    status,
    definition: status.current?.parsed ?? null,
    callsToAction,
    consultationTitle: consultation.content.en?.title ?? consultation.slug,
    /** What officers are told before they save a change to a survey residents have answered. */
    versionNotice: status.current && status.answered > 0 ? { version: status.current.versionNumber, next: status.current.versionNumber + 1, responses: status.submitted, inProgress: status.inProgress } : null,
  }
}

export type Builder = Awaited<ReturnType<typeof loadBuilder>>

export type SaveOutcome =
  | { ok: true; versionNumber: number; newVersion: boolean; summary: string; retranslate: number }
  | { ok: false; status: number; errors: BuilderError[] }

/** Applies one builder change; a stale base or an invalid survey comes back as errors to show. */
export async function saveBuilderChange(builder: Builder, base: string, change: (current: Builder['definition']) => BuilderResult): Promise<SaveOutcome> {
  let outcome: BuilderResult | null = null
  const result = await editSurvey(
    builder.db,
    builder.consultation.id,
    base,
    (current) => {
      outcome = change(current)
      return outcome.ok ? { ok: true, definition: outcome.definition, summary: outcome.summary } : { ok: false, problems: [] }
    },
    builder.user.id,
  )
  const applied = outcome as BuilderResult | null
  if (result.status === 'conflict') {
    const at = result.at ? formatDate(result.at, builder.locale, { dateStyle: 'medium', timeStyle: 'short' }) : ''
    return { ok: false, status: 409, errors: [{ field: 'conflict', key: 'errors.conflict', values: { by: result.by ?? '?', at } }] }
  }
  if (applied && !applied.ok) return { ok: false, status: 400, errors: applied.errors }
  if (result.status === 'invalid') {
    return { ok: false, status: 400, errors: result.problems.slice(0, 20).map((problem, i) => ({ field: `problem-${i}`, key: 'errors.survey_invalid', values: { problem } })) }
  }
  return { ok: true, versionNumber: result.versionNumber, newVersion: result.newVersion, summary: applied?.ok ? applied.summary : '', retranslate: applied?.ok ? (applied.retranslate ?? 0) : 0 }
}

/** Where a builder page goes after a save: the survey page, saying what happened. */
export function savedLocation(consultationId: string, outcome: Extract<SaveOutcome, { ok: true }>, what: string) {
  const params = new URLSearchParams({ saved: what, version: String(outcome.versionNumber) })
  if (outcome.newVersion) params.set('new', '1')
  if (outcome.retranslate) params.set('retranslate', String(outcome.retranslate))
  return `/admin/consultations/${consultationId}/survey?${params}`
}

/** Saves the question editor's form: a new question (previous null) or an edited one. */
export async function saveQuestionForm(builder: Builder, form: FormData, type: QuestionType, previousKey: string | null) {
  const values = readQuestionForm(form, type)
  const base = String(form.get('base') ?? '')
  const ctaCodes = builder.callsToAction.map((c) => c.code)
  const outcome = await saveBuilderChange(builder, base, (current) => {
    const previous = previousKey ? (current?.questions.find((q) => q.key === previousKey) ?? null) : null
    if (previousKey && !previous) return { ok: false, errors: [{ field: 'title', key: 'errors.question_missing' }] }
    const built = questionFromForm(values, type, previous, current, ctaCodes)
    if (!built.ok) return built
    const put = putQuestion(current, built.question, builder.consultation.locales)
    return put.ok ? { ...put, retranslate: built.stale } : put
  })
  if (outcome.ok) return { outcome, values }
  // A refused save keeps everything typed, with blank rows to add more, and the newest base.
  const latest = await surveyStatus(builder.db, builder.consultation.id)
  return { outcome, values, base: latest.base }
}

/** A builder page about one question: 404 when the survey has no question with that key. */
export async function loadBuilderQuestion(request: Request, params: { id?: string; key?: string }) {
  const builder = await loadBuilder(request, params.id)
  const index = builder.definition?.questions.findIndex((q) => q.key === params.key) ?? -1
  if (index < 0) throw new Response('not_found', { status: 404 })
  return { builder, question: builder.definition!.questions[index]!, number: index + 1 }
}
