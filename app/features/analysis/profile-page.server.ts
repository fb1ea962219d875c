import { countVariable, filterMask, findVariable } from './aggregate.ts'
import type { AnalysisContext } from './analysis-context.server.ts'
import { loadCensusMargins } from './census-margins.server.ts'
import { censusShares, coarserDimension, dimensionCategories, hasCensusNote, isEqualityDimension, PROFILE_DIMENSIONS, type ProfileDimension } from './census.ts'
import { frameData } from './dashboard-page.server.ts'
import { describeFilters, filterData, parseFilters } from './filter-options.ts'
import { compareWithCensus, DEFAULT_UNDER_FACTOR, type ProfileRow } from './profile.ts'
import { publishCount, type PublishedCell } from './publish.ts'
import type { FrameData } from './components/frame.tsx'
import type { FilterData } from './components/filters.tsx'

// "Who responded": the respondents' profile beside the borough's Census 2021
// margins, with the gap for each group and the groups under-represented by
// more than the analyst's factor flagged.

export interface ProfileTableView {
  dimension: ProfileDimension
  title: string
  rows: (Omit<ProfileRow, 'census'> & { label: string; census: { count: number; share: number; source: string } | null })[]
  base: PublishedCell
  notStated: number | null
  hasCensus: boolean
  /** no census table of its own: the title of the table that compares it at a coarser grouping */
  comparedAs: string | null
  sources: string[]
  /** how the census figures were matched to the survey's categories, when that needs saying */
  note: string | null
}

export interface ProfileData {
  frame: FrameData
  locale: string
  state: 'no-survey' | 'empty' | 'too-few' | 'ok'
  factor: number
  factorError: boolean
  factorInput: string
  matching: PublishedCell
  filterForm: FilterData | null
  activeFilters: { name: string; value: string }[]
  tables: ProfileTableView[]
  canSeeEquality: boolean
}

/** The factor as typed: a number between 0 and 1 (a comma is read as a decimal point). */
export function parseFactor(raw: string | null): { factor: number; error: boolean } {
  if (raw === null || raw.trim() === '') return { factor: DEFAULT_UNDER_FACTOR, error: false }
  const value = Number(raw.trim().replace(',', '.'))
  if (!Number.isFinite(value) || value <= 0 || value > 1) return { factor: DEFAULT_UNDER_FACTOR, error: true }
  return { factor: value, error: false }
}

export async function buildProfileData(context: AnalysisContext, params: URLSearchParams): Promise<ProfileData> {
  const filters = parseFilters(params, context)
  const { factor, error } = parseFactor(params.get('factor'))
  const base: ProfileData = {
    frame: frameData(context, filters),
    locale: context.locale,
    state: 'no-survey',
    factor,
    factorError: error,
    factorInput: params.get('factor') ?? String(DEFAULT_UNDER_FACTOR),
    matching: { kind: 'shown', count: 0 },
    filterForm: null,
    activeFilters: [],
    tables: [],
    canSeeEquality: context.canSeeEquality,
  }
  const { dataset, labeller } = context
  if (!dataset || !labeller) return base
  const { mask, n } = filterMask(dataset, filters, context.wardCodes)
  const matching = publishCount(n, context.settings)
  const withForm: ProfileData = {
    ...base,
    matching,
    filterForm: filterData({
      action: `/admin/consultations/${context.consultation.id}/analysis/profile`,
      dataset,
      labeller,
      wardCodes: context.wardCodes,
      filters,
      canSeeEquality: context.canSeeEquality,
      canUnsuppress: context.canUnsuppress,
      suppress: context.settings.suppress,
      keep: params.get('factor') ? { factor: params.get('factor')! } : {},
    }),
    activeFilters: describeFilters(filters, labeller),
  }
  if (n === 0) return { ...withForm, state: 'empty' }
  if (matching.kind === 'suppressed') return { ...withForm, state: 'too-few' }
  const margins = await loadCensusMargins(context.db)
  const tables: ProfileTableView[] = []
  for (const dimension of PROFILE_DIMENSIONS) {
    if (isEqualityDimension(dimension) && !context.canSeeEquality) continue
    const variable = findVariable(dataset, dimension === 'ward' ? 'ward' : `eq.${dimension}`, context.wardCodes)
    if (!variable) continue
    const categories = dimensionCategories(dimension, context.wardCodes)
    const shares = censusShares(margins, dimension, context.wardCodes)
    const comparison = compareWithCensus(categories, countVariable(variable, mask), shares, context.settings, factor)
    tables.push({
      dimension,
      title: labeller.dimension(dimension),
      rows: comparison.rows.map((row) => ({
        ...row,
        label: labeller.category(dimension === 'ward' ? 'ward' : `eq.${dimension}`, row.category),
        census: row.census ? { count: row.census.count, share: row.census.share, source: row.census.source } : null,
      })),
      base: comparison.base,
      notStated: comparison.notStated,
      hasCensus: Boolean(shares),
      comparedAs: !shares && coarserDimension(dimension) && censusShares(margins, coarserDimension(dimension)!, context.wardCodes) ? labeller.dimension(coarserDimension(dimension)!) : null,
      sources: [...new Set((margins[dimension] ?? []).map((r) => r.source))],
      note: hasCensusNote(dimension) ? context.t(`census_notes.${dimension}`) : null,
    })
  }
  return { ...withForm, state: 'ok', tables }
}
