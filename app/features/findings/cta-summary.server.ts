import type { DB } from '../../../db/connection.ts'
import { readInWorker } from '../analysis/read-query.server.ts'
import { blindAnswers } from '../coding/coding.server.ts'
import { loadQuoteProtections } from '../coding/quote-protection.server.ts'
import type { AnalysisContext } from '../analysis/analysis-context.server.ts'
import { buildDashboardData, type DashboardState } from '../analysis/dashboard-page.server.ts'
import { publishCount, type PublishedCell } from '../analysis/publish.ts'
import type { ChartTable } from '../analysis/view.ts'
import { localise, type LocalisedText, type Question } from '../surveys/definition.ts'
import { chooseQuotes, countResidentsByCta, publishThemes, type CodedText, type CodingRef, type CtaThemeFigures, type Quote, type ThemeRef } from './cta-summary.ts'

// The call-to-action summary of one consultation: for each call to action of
// its framework, the questions linked to it with their results (the
// dashboard's suppressed tables), the themes linked to it with how many
// residents raised each, and a few redacted quotes.

export interface CallToAction {
  code: string
  title: string
}

export interface CtaQuestion {
  key: string
  title: string
  lang?: string
  /** free text: results are its themes, not a table */
  freeText: boolean
  /** the options (or grid statements) linked to this call to action, when the question itself is linked through them */
  linkedOptions: string[]
  tables: ChartTable[]
}

/** A question bears on a call to action when it is linked to it, or one of its options or statements is. */
export function linkedTo(q: Question, code: string): { linked: boolean; options: LocalisedText[] } {
  const choices = 'options' in q ? q.options : q.type === 'grid' ? q.statements : []
  const options = choices.filter((o) => o.ctas?.includes(code)).map((o) => o.label)
  return { linked: q.ctas.includes(code) || options.length > 0, options: q.ctas.includes(code) ? [] : options }
}

export interface CtaSection {
  code: string
  title: string
  questions: CtaQuestion[]
  themes: { id: string; name: string; residents: PublishedCell }[]
  /** distinct residents with an answer coded to any theme of this call to action */
  residents: PublishedCell
  quotes: Quote[]
}

export interface ConsultationCtaSummary {
  state: DashboardState
  responses: PublishedCell
  /** has anyone coded free text yet (themes and quotes come from codings) */
  coded: boolean
  sections: CtaSection[]
}

export async function listCallsToAction(db: DB, frameworkId: string, locale: string): Promise<CallToAction[]> {
  const rows = await db.selectFrom('call_to_action').select(['code', 'title_i18n']).where('framework_id', '=', frameworkId).orderBy('position').execute()
  return rows.map((r) => {
    const titles = JSON.parse(r.title_i18n) as Record<string, string>
    return { code: r.code, title: titles[locale] || titles.en || r.code }
  })
}

export interface ThemeData {
  themes: ThemeRef[]
  codings: CodingRef[]
  texts: CodedText[]
}

/**
 * Active themes, first-pass codings of submitted responses (a coding to a
 * theme merged into another counts for the theme it was merged into; retired
 * themes count for nothing), and the coded answers' texts. Every coding and
 * coded text of the consultation: read in one snapshot off the app's
 * connection (the read path, docs/decisions/0004).
 */
export async function loadThemeData(db: DB, consultationId: string): Promise<ThemeData> {
  const [rows, codingRows, textRows] = await readInWorker(db, [
    db.selectFrom('theme').select(['id', 'name', 'cta_code', 'status', 'merged_into']).where('consultation_id', '=', consultationId).orderBy('position').orderBy('id').compile(),
    db
      .selectFrom('coding')
      .innerJoin('response', 'response.id', 'coding.response_id')
      .select(['coding.response_id', 'coding.question_key', 'coding.theme_id'])
      .where('coding.consultation_id', '=', consultationId)
      .where('coding.pass', '=', 'first')
      .where('response.status', '=', 'submitted')
      .compile(),
    db
      .selectFrom('answer')
      .innerJoin('coding', (join) => join.onRef('coding.response_id', '=', 'answer.response_id').onRef('coding.question_key', '=', 'answer.question_key'))
      .select(['answer.response_id', 'answer.question_key', 'answer.text_value'])
      .where('coding.consultation_id', '=', consultationId)
      .where('coding.pass', '=', 'first')
      .where('answer.text_value', 'is not', null)
      .distinct()
      .compile(),
  ])
  const byId = new Map(rows.map((r) => [r.id, r]))
  const finalTheme = (id: string): string | null => {
    // Follow merges (bounded, in case of a cycle) to the theme that is still active.
    let row = byId.get(id)
    for (let hops = 0; row && row.status === 'merged' && row.merged_into && hops < 20; hops++) row = byId.get(row.merged_into)
    return row && row.status === 'active' ? row.id : null
  }
  const codings: CodingRef[] = []
  for (const c of codingRows) {
    const themeId = finalTheme(c.theme_id)
    if (themeId) codings.push({ responseId: c.response_id, questionKey: c.question_key, themeId })
  }
  return {
    themes: rows.filter((r) => r.status === 'active').map((r) => ({ id: r.id, name: r.name, ctaCode: r.cta_code })),
    codings,
    // Texts of first-pass codings only count when some coding is to an active theme, as before.
    texts: codings.length ? textRows.map((r) => ({ responseId: r.response_id, questionKey: r.question_key, text: r.text_value! })) : [],
  }
}

export interface ConsultationCtaFigures {
  summary: ConsultationCtaSummary
  /** unpublished counts, for adding up across consultations on the server; never sent to a page */
  raw: { responses: number; ctas: CtaThemeFigures[] }
}

export async function buildConsultationCtaSummary(context: AnalysisContext, ctas: readonly CallToAction[]): Promise<ConsultationCtaFigures> {
  const data = buildDashboardData(context, new URLSearchParams(), { withCrossTab: false })
  const themeData = await loadThemeData(context.db, context.consultation.id)
  // A quote shows its theme, i.e. an answer's first-pass code: none from the reader's own pending blind sample.
  const blind = await blindAnswers(context.db, context.consultation.id, context.user.id)
  const protections = await loadQuoteProtections(context.db, context.consultation.id)
  const quotableTexts = blind.size ? themeData.texts.filter((x) => !blind.has(`${x.responseId}\u0000${x.questionKey}`)) : themeData.texts
  const figures = countResidentsByCta(
    ctas.map((c) => c.code),
    themeData.themes,
    themeData.codings,
  )
  const definition = context.definition
  const contentLocale = definition?.locales.includes(context.locale) ? context.locale : 'en'
  const sections = ctas.map((cta, i): CtaSection => {
    const published = publishThemes(figures[i]!, context.settings)
    const quotable = new Set(published.themes.filter((th) => th.residents.kind === 'shown' && th.residents.count > 0).map((th) => th.id))
    const questions: CtaQuestion[] = (definition?.questions ?? [])
      .filter((q) => linkedTo(q, cta.code).linked)
      .map((q) => {
        const view = data.questions.find((v) => v.key === q.key)
        return {
          linkedOptions: linkedTo(q, cta.code).options.map((label) => localise(label, contentLocale)),
          key: q.key,
          title: localise(q.title, contentLocale),
          ...(contentLocale !== context.locale ? { lang: contentLocale } : {}),
          freeText: q.type === 'text',
          // Tables only when the dashboard has them: not for free text, nor when there are too few responses.
          tables: data.state === 'ok' ? (view?.tables ?? []) : [],
        }
      })
    return {
      code: cta.code,
      title: cta.title,
      questions,
      themes: published.themes,
      residents: published.residents,
      quotes: chooseQuotes({ themes: figures[i]!.themes, codings: themeData.codings, texts: quotableTexts, quotable, protections }),
    }
  })
  return {
    summary: { state: data.state, responses: publishCount(data.allResponses, context.settings), coded: themeData.codings.length > 0, sections },
    raw: { responses: data.allResponses, ctas: figures },
  }
}
