import type { AnalysisContext } from '../analysis/analysis-context.server.ts'
import { buildDashboardData, type DashboardState } from '../analysis/dashboard-page.server.ts'
import { buildProfileData, type ProfileTableView } from '../analysis/profile-page.server.ts'
import type { PublishedCell } from '../analysis/publish.ts'
import type { ChartTable, QuestionView } from '../analysis/view.ts'
import { findWeightingChoice } from '../analysis/weighting-choice.server.ts'
import { buildWeightingData, type WeightingResultView } from '../analysis/weighting-page.server.ts'
import { findConsultationForStaff } from '../consultations/manage.server.ts'
import { formatDate, languageOf } from '../i18n/config.ts'
import { localise } from '../surveys/definition.ts'
import { summariseAgreement, type AgreementSummary, type SampledUnit } from './agreement-summary.ts'
import { buildConsultationCtaSummary, listCallsToAction, loadThemeData, type ConsultationCtaSummary } from './cta-summary.server.ts'
import { buildExportFindings } from './export-findings.server.ts'
import { textFor } from './you-said-we-did.ts'
import { findPublication, listEntries } from './you-said-we-did.server.ts'

// Everything the findings report shows, for the print page and the PDF alike.
// Built from the same suppressed tables as the dashboard, the profile page
// and the call-to-action summary, so the report never shows a number the
// pages would hide.

export interface ReportData {
  id: string
  title: string
  summary: string
  purpose: string
  contentLang: string
  locale: string
  isSynthetic: boolean
  threshold: number
  opens: string
  closes: string
  status: string
  languages: string[]
  generatedOn: string
  state: DashboardState
  responses: PublishedCell
  asked: { number: number; key: string; title: string; type: string; lang?: string }[]
  methods: ChartTable[]
  profile: ProfileTableView[] | null
  questions: QuestionView[]
  themes: { theme: string; cta: string | null; residents: { count: number } | { suppressed: string; text: string } }[]
  cta: ConsultationCtaSummary
  agreement: AgreementSummary | null
  coded: boolean
  yswd: { published: string | null; entries: { id: string; said: { text: string; lang: string }; did: { text: string; lang: string } }[] }
  /** the weighting an analyst saved for the report, run now on the current responses; null: none saved (results are unweighted) */
  weighting: ReportWeighting | null
}

export interface ReportWeighting {
  savedOn: string
  /** ok: weighted results below; otherwise it could not be run now (and the report is unweighted) */
  state: 'ok' | 'not-converged' | 'problem' | 'other'
  problem: string | null
  margins: { label: string; source: string }[]
  cap: string
  floor: string
  collapse: string
  result: WeightingResultView | null
}

/** The saved weighting, run again now (suppressed like the rest of the report). */
async function loadReportWeighting(context: AnalysisContext, locale: string): Promise<ReportWeighting | null> {
  const choice = await findWeightingChoice(context.db, context.consultation.id)
  if (!choice) return null
  const data = await buildWeightingData(context, new URLSearchParams(choice.query))
  const state = data.state === 'ok' || data.state === 'not-converged' || data.state === 'problem' ? data.state : 'other'
  return {
    savedOn: formatDate(choice.savedAt, locale),
    state,
    problem: data.problem,
    margins: data.form.margins
      .filter((m) => m.checked)
      .map((m) => ({ label: m.label, source: m.kind === 'census' ? (m.source ?? '') : context.t('weighting.own_figures') })),
    cap: data.form.cap,
    floor: data.form.floor,
    collapse: data.form.collapse,
    result: data.state === 'ok' ? data.result : null,
  }
}

/** The blind double-coding samples' answers, as first and second coder coded them (answers both have looked at). */
async function loadSampledUnits(context: AnalysisContext): Promise<SampledUnit[]> {
  const db = context.db
  const items = await db
    .selectFrom('coding_sample_item')
    .innerJoin('coding_sample', 'coding_sample.id', 'coding_sample_item.sample_id')
    .select(['coding_sample_item.response_id', 'coding_sample.question_key'])
    .where('coding_sample.consultation_id', '=', context.consultation.id)
    .execute()
  if (!items.length) return []
  const codings = await db
    .selectFrom('coding')
    .select(['response_id', 'question_key', 'theme_id', 'pass'])
    .where('consultation_id', '=', context.consultation.id)
    .where('response_id', 'in', [...new Set(items.map((i) => i.response_id))])
    .execute()
  const reviews = await db
    .selectFrom('coding_review')
    .select(['response_id', 'question_key', 'pass'])
    .where('consultation_id', '=', context.consultation.id)
    .where('response_id', 'in', [...new Set(items.map((i) => i.response_id))])
    .execute()
  const key = (r: { response_id: string; question_key: string }) => `${r.response_id}\u0000${r.question_key}`
  const units: SampledUnit[] = []
  const seen = new Set<string>()
  for (const item of items) {
    const k = key(item)
    if (seen.has(k)) continue
    seen.add(k)
    const mine = codings.filter((c) => key(c) === k)
    const looked = (pass: string) => mine.some((c) => c.pass === pass) || reviews.some((r) => key(r) === k && r.pass === pass)
    // An answer only one coder has looked at cannot be compared yet.
    if (!looked('first') || !looked('second')) continue
    units.push({ first: mine.filter((c) => c.pass === 'first').map((c) => c.theme_id), second: mine.filter((c) => c.pass === 'second').map((c) => c.theme_id) })
  }
  return units
}

export async function buildReportData(context: AnalysisContext, now = Date.now()): Promise<ReportData> {
  const { db, locale, t } = context
  const consultation = (await findConsultationForStaff(db, context.consultation.id))!
  const content = consultation.content[locale] ?? consultation.content.en!
  const contentLang = consultation.content[locale] ? locale : 'en'
  const dashboard = buildDashboardData(context, new URLSearchParams(), { withCrossTab: false })
  const profile = context.canSeeEquality ? await buildProfileData(context, new URLSearchParams()) : null
  const ctas = await listCallsToAction(db, consultation.frameworkId, locale)
  const { summary: cta } = await buildConsultationCtaSummary(context, ctas)
  const { themes } = await buildExportFindings(context)
  const themeData = await loadThemeData(db, consultation.id)
  const units = await loadSampledUnits(context)
  const publication = await findPublication(db, consultation.id)
  const entries = await listEntries(db, consultation.id)
  const weighting = await loadReportWeighting(context, locale)
  const definition = context.definition
  const surveyLocale = definition?.locales.includes(locale) ? locale : 'en'
  return {
    id: consultation.id,
    title: content.title,
    summary: content.summary,
    purpose: content.purpose,
    contentLang,
    locale,
    isSynthetic: context.consultation.isSynthetic,
    threshold: context.settings.threshold,
    opens: formatDate(consultation.opensAt, locale),
    closes: formatDate(consultation.closesAt, locale),
    status: consultation.status,
    languages: consultation.locales.map((l) => languageOf(l).name),
    generatedOn: formatDate(now, locale),
    state: dashboard.state,
    responses: dashboard.matching,
    asked: (definition?.questions ?? []).map((q, i) => ({
      number: i + 1,
      key: q.key,
      title: localise(q.title, surveyLocale),
      type: t(`question.types.${q.type}`),
      ...(surveyLocale !== locale ? { lang: surveyLocale } : {}),
    })),
    methods: dashboard.overview.filter((table) => table.id === 'responses-by-channel' || table.id === 'responses-by-locale'),
    profile: profile && profile.state === 'ok' ? profile.tables : null,
    questions: dashboard.questions,
    themes,
    cta,
    agreement: units.length ? summariseAgreement(units, themeData.themes) : null,
    coded: themeData.codings.length > 0,
    yswd: {
      published: publication ? formatDate(publication.publishedAt, locale) : null,
      entries: entries.map((e) => ({ id: e.id, said: textFor(e.said, locale), did: textFor(e.did, locale) })),
    },
    weighting,
  }
}
