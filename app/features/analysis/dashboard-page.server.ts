import { filterMask, type Filters } from './aggregate.ts'
import type { AnalysisContext } from './analysis-context.server.ts'
import { buildCrossTab, crossTabOptions, overviewTables, questionViews, type CrossTabView, type DashboardInput, type VariableOption } from './dashboard.ts'
import { describeFilters, filterData, filterQuery, parseFilters } from './filter-options.ts'
import { publishCount, type PublishedCell } from './publish.ts'
import type { FrameData } from './components/frame.tsx'
import type { FilterData } from './components/filters.tsx'
import type { ChartTable, QuestionView } from './view.ts'

// Everything the dashboard shows, for the page and the exports alike.

export type DashboardState = 'no-survey' | 'empty' | 'too-few' | 'ok'

export interface DashboardData {
  frame: FrameData
  locale: string
  state: DashboardState
  /** every submitted response */
  allResponses: number
  /** responses matching the filters */
  matching: PublishedCell
  filters: Filters
  filterForm: FilterData | null
  activeFilters: { name: string; value: string }[]
  overview: ChartTable[]
  questions: QuestionView[]
  crossTab: { options: VariableOption[]; rows: string; columns: string; view: CrossTabView | null; problem: string | null } | null
  downloads: { xlsx: string; json: string; csv: string }
}

export function frameData(context: AnalysisContext, filters: Filters): FrameData {
  return {
    id: context.consultation.id,
    title: context.consultation.title,
    isSynthetic: context.consultation.isSynthetic,
    suppress: context.settings.suppress,
    threshold: context.settings.threshold,
    query: filterQuery(filters, { suppression: context.settings.suppress ? undefined : 'off' }),
  }
}

export function buildDashboardData(context: AnalysisContext, params: URLSearchParams, { withCrossTab = true } = {}): DashboardData {
  const filters = parseFilters(params, context)
  const base = `/admin/consultations/${context.consultation.id}`
  const exportQuery = filterQuery(filters, { rows: params.get('rows') ?? undefined, columns: params.get('columns') ?? undefined })
  const empty: DashboardData = {
    frame: frameData(context, filters),
    locale: context.locale,
    state: 'no-survey',
    allResponses: 0,
    matching: { kind: 'shown', count: 0 },
    filters,
    filterForm: null,
    activeFilters: [],
    overview: [],
    questions: [],
    crossTab: null,
    downloads: { xlsx: `${base}/analysis.xlsx${exportQuery}`, json: `${base}/analysis.json${exportQuery}`, csv: `${base}/responses.csv` },
  }
  const { dataset, labeller } = context
  if (!dataset || !labeller) return empty
  const { mask, n } = filterMask(dataset, filters, context.wardCodes)
  const keep: Record<string, string> = {}
  for (const name of ['rows', 'columns']) {
    const value = params.get(name)
    if (value) keep[name] = value
  }
  const data: DashboardData = {
    ...empty,
    allResponses: dataset.n,
    matching: publishCount(n, context.settings),
    filterForm: filterData({
      action: `${base}/analysis`,
      dataset,
      labeller,
      wardCodes: context.wardCodes,
      filters,
      canSeeEquality: context.canSeeEquality,
      canUnsuppress: context.canUnsuppress,
      suppress: context.settings.suppress,
      keep,
    }),
    activeFilters: describeFilters(filters, labeller),
  }
  if (n === 0) return { ...data, state: 'empty' }
  if (data.matching.kind === 'suppressed') return { ...data, state: 'too-few' }
  const input: DashboardInput = { dataset, mask, labeller, t: context.t, locale: context.locale, settings: context.settings, wardCodes: context.wardCodes }
  const options = crossTabOptions(dataset, labeller, context.wardCodes)
  const questionIds = options.filter((o) => o.group === 'question').map((o) => o.id)
  const rows = params.get('rows') ?? questionIds[0] ?? 'channel'
  const columns = params.get('columns') ?? 'locale'
  let view: CrossTabView | null = null
  let problem: string | null = null
  if (withCrossTab && params.has('rows') && params.has('columns')) {
    const result = buildCrossTab(input, rows, columns)
    if (result.ok) view = result.view
    else problem = result.problem
  }
  return {
    ...data,
    state: 'ok',
    overview: overviewTables(input),
    questions: questionViews(input),
    crossTab: { options, rows, columns, view, problem },
  }
}
