import { formatDate } from '../i18n/config.ts'
import { countVariable, crossTabulate, findVariable, questionVariables, rankingPoints, RESPONSE_VARIABLES, weeklyCounts, type Counts, type Mask, type Variable } from './aggregate.ts'
import { GROUP_DIMENSIONS } from './filter-options.ts'
import type { Dataset, QuestionData } from './dataset.ts'
import type { Labeller, Translate } from './labels.ts'
import { isShown, publishCrossTab, publishDistribution, publishPoints, type PublishedCell, type PublishedCrossTab, type SuppressionSettings } from './publish.ts'
import { formatPercent, type ChartRow, type ChartTable, type PointsTable, type QuestionView } from './view.ts'

// The dashboard's tables, built once for the page, the XLSX and the JSON
// export alike: counts from aggregate.ts, suppressed by publish.ts, labelled
// and summarised in the reader's language.

export interface DashboardInput {
  dataset: Dataset
  mask: Mask
  labeller: Labeller
  t: Translate
  locale: string
  settings: SuppressionSettings
  wardCodes: readonly string[]
}

/** One sentence a screen reader (or anyone) can read instead of the chart. */
export function summariseTable(rows: ChartRow[], base: PublishedCell, multi: boolean, t: Translate, locale: string): string {
  if (!isShown(base)) return t('summary.too_few', { threshold: base.kind === 'suppressed' ? base.threshold : 0 })
  if (base.count === 0) return t('summary.no_answers')
  const shownRows = rows.filter((r) => isShown(r.cell))
  const hiddenCount = rows.length - shownRows.length
  const hiddenText = hiddenCount ? ` ${t('summary.hidden', { count: hiddenCount })}` : ''
  if (!shownRows.length) return t('summary.all_hidden')
  const top = shownRows.reduce((a, b) => ((b.cell as { count: number }).count > (a.cell as { count: number }).count ? b : a))
  const cell = top.cell as Extract<PublishedCell, { kind: 'shown' }>
  const percent = cell.percent !== undefined ? formatPercent(cell.percent, locale) : ''
  const key = multi ? 'summary.top_multi' : 'summary.top'
  return `${t(key, { label: top.label, count: cell.count, percent, base: base.count })}${hiddenText}`
}

function chartTable(
  id: string,
  title: string,
  categoryHeader: string,
  variable: Variable,
  counts: Counts,
  input: DashboardInput,
  { layout = 'bars', labels, baseLabel }: { layout?: 'bars' | 'columns'; labels?: string[]; baseLabel?: string } = {},
): ChartTable {
  const published = publishDistribution(counts, variable.multi, input.settings)
  const rows: ChartRow[] = variable.codes.map((code, i) => {
    const lang = input.labeller.categoryLang(variable.id, code)
    return { label: labels?.[i] ?? input.labeller.category(variable.id, code), ...(lang ? { lang } : {}), cell: published.cells[i]! }
  })
  const titleLang = variable.id.startsWith('q.') && title === input.labeller.variable(variable.id) ? input.labeller.variableLang(variable.id) : undefined
  return {
    id,
    title,
    ...(titleLang ? { titleLang } : {}),
    categoryHeader,
    rows,
    base: published.base,
    baseLabel: baseLabel ?? input.t('table.answered'),
    total: published.total,
    notAnswered: published.notAnswered,
    multi: variable.multi,
    summary: summariseTable(rows, published.base, variable.multi, input.t, input.locale),
    layout,
  }
}

/** Responses over time, by method, language and ward. */
export function overviewTables(input: DashboardInput): ChartTable[] {
  const { dataset, mask, t, locale } = input
  const weekly = weeklyCounts(dataset.submittedAt, mask)
  // Re-use the one-way machinery: a variable whose categories are the weeks (every response has a week).
  const all = weekly.counts.reduce((s, x) => s + x, 0)
  const counts: Counts = { counts: weekly.counts, answered: all, total: all }
  const weekVariable: Variable = { id: 'week', multi: false, codes: weekly.weeks, value: () => -1, has: () => false, answered: () => true }
  const weekLabels = weekly.weeks.map((w) => formatDate(Date.parse(`${w}T12:00:00Z`), locale, { day: 'numeric', month: 'short', year: 'numeric' }))
  const tables: ChartTable[] = []
  if (weekly.weeks.length) tables.push(chartTable('responses-by-week', t('overview.by_week'), t('overview.week_starting'), weekVariable, counts, input, { layout: 'columns', labels: weekLabels, baseLabel: t('table.total') }))
  for (const id of ['channel', 'locale', 'ward'] as const) {
    const variable = findVariable(dataset, id, input.wardCodes)!
    tables.push(
      chartTable(`responses-by-${id}`, t(`overview.by_${id}`), input.labeller.variable(id), variable, countVariable(variable, mask), input, {
        baseLabel: id === 'ward' ? t('table.with_ward') : t('table.total'),
      }),
    )
  }
  return tables
}

function pointsTable(data: Extract<QuestionData, { kind: 'ranking' }>, ranked: Variable, input: DashboardInput): PointsTable {
  const { t, locale, mask, labeller, settings } = input
  const counts = countVariable(ranked, mask)
  const published = publishDistribution(counts, true, settings)
  const points = publishPoints(rankingPoints(data, mask), published.cells)
  const rows = data.codes.map((code, i) => {
    const lang = labeller.categoryLang(ranked.id, code)
    return { label: labeller.category(ranked.id, code), ...(lang ? { lang } : {}), ranked: published.cells[i]!, points: points[i] ?? null }
  })
  const best = rows.filter((r) => r.points !== null).sort((a, b) => b.points! - a.points!)[0]
  const summary = !isShown(published.base)
    ? t('summary.too_few', { threshold: settings.threshold })
    : best
      ? t('summary.top_points', { label: best.label, points: best.points!, max: data.question.maxRank })
      : t('summary.all_hidden')
  return { id: `q-${data.question.key}-points`, title: t('question.points_title', { max: data.question.maxRank }), rows, summary }
}

/** Every closed question's tables. */
export function questionViews(input: DashboardInput): QuestionView[] {
  const { dataset, mask, labeller, t } = input
  return dataset.questions.map((data) => {
    const key = data.question.key
    const title = labeller.question(key)
    const variables = questionVariables(data)
    const lang = labeller.variableLang(`q.${key}`)
    const view: QuestionView = { key, title, ...(lang ? { lang } : {}), type: data.kind === 'choice' ? data.question.type : data.kind, tables: [] }
    switch (data.kind) {
      case 'grid':
        view.tables = variables.map((v, at) =>
          chartTable(`q-${key}-${data.statements[at]}`, labeller.variable(v.id), t('question.answer'), v, countVariable(v, mask), input),
        )
        break
      case 'ranking':
        view.tables = [chartTable(`q-${key}-first`, t('question.first_choice_title'), t('question.answer'), variables[0]!, countVariable(variables[0]!, mask), input)]
        view.points = pointsTable(data, variables[1]!, input)
        break
      case 'number':
        view.tables = [chartTable(`q-${key}`, title, t('question.range'), variables[0]!, countVariable(variables[0]!, mask), input)]
        break
      default:
        view.tables = [chartTable(`q-${key}`, title, t('question.answer'), variables[0]!, countVariable(variables[0]!, mask), input)]
    }
    return view
  })
}

export interface VariableOption {
  id: string
  label: string
  lang?: string
  group: 'response' | 'question' | 'equality'
}

/** What a cross-tab can use as rows or columns (ids only: no column is built until one is chosen). */
export function crossTabOptions(dataset: Dataset, labeller: Labeller, _wardCodes: readonly string[]): VariableOption[] {
  const ids = [
    ...RESPONSE_VARIABLES,
    ...dataset.questions.flatMap((data) => {
      const key = data.question.key
      if (data.kind === 'grid') return data.statements.map((s) => `q.${key}.${s}`)
      if (data.kind === 'ranking') return [`q.${key}.first`, `q.${key}.ranked`]
      return [`q.${key}`]
    }),
    ...(dataset.equality ? GROUP_DIMENSIONS.map((d) => `eq.${d}`) : []),
  ]
  return ids.map((id) => {
    const lang = labeller.variableLang(id)
    return {
      id,
      label: labeller.variable(id),
      ...(lang ? { lang } : {}),
      group: id.startsWith('q.') ? ('question' as const) : id.startsWith('eq.') ? ('equality' as const) : ('response' as const),
    }
  })
}

export interface CrossTabView {
  rowsId: string
  columnsId: string
  rowTitle: string
  columnTitle: string
  rowTitleLang?: string
  columnTitleLang?: string
  rowLabels: string[]
  columnLabels: string[]
  rowLangs: (string | undefined)[]
  columnLangs: (string | undefined)[]
  table: PublishedCrossTab
  /** a multi-valued variable is involved: totals count answers, not people */
  multi: boolean
  summary: string
}

export type CrossTabResult = { ok: true; view: CrossTabView } | { ok: false; problem: 'unknown' | 'same' | 'empty' }

export function buildCrossTab(input: DashboardInput, rowsId: string, columnsId: string): CrossTabResult {
  const { dataset, mask, labeller, t, settings } = input
  if (rowsId === columnsId) return { ok: false, problem: 'same' }
  const rows = findVariable(dataset, rowsId, input.wardCodes)
  const columns = findVariable(dataset, columnsId, input.wardCodes)
  if (!rows || !columns) return { ok: false, problem: 'unknown' }
  const table = publishCrossTab(crossTabulate(rows, columns, mask), settings)
  if (!table) return { ok: false, problem: 'empty' }
  const rowLabels = rows.codes.map((c) => labeller.category(rows.id, c))
  const columnLabels = columns.codes.map((c) => labeller.category(columns.id, c))
  const grand = table.grandTotal
  const summary = isShown(grand)
    ? t('crosstab.summary', { rows: labeller.variable(rows.id), columns: labeller.variable(columns.id), count: grand.count })
    : t('summary.too_few', { threshold: settings.threshold })
  return {
    ok: true,
    view: {
      rowsId,
      columnsId,
      rowTitle: labeller.variable(rows.id),
      columnTitle: labeller.variable(columns.id),
      rowLabels,
      columnLabels,
      rowTitleLang: labeller.variableLang(rows.id),
      columnTitleLang: labeller.variableLang(columns.id),
      rowLangs: rows.codes.map((c) => labeller.categoryLang(rows.id, c)),
      columnLangs: columns.codes.map((c) => labeller.categoryLang(columns.id, c)),
      table,
      multi: rows.multi || columns.multi,
      summary,
    },
  }
}
