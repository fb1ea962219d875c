import type { Filters } from './aggregate.ts'
import { dimensionCategories, isProfileDimension, type ProfileDimension } from './census.ts'
import type { Dataset } from './dataset.ts'
import type { Labeller } from './labels.ts'
import type { FilterData } from './components/filters.tsx'

/** The equality groups an analyst can filter by (the census dimensions from the equality questions). */
export const GROUP_DIMENSIONS: Exclude<ProfileDimension, 'ward'>[] = ['age_band', 'sex', 'ethnic_group_broad', 'ethnic_group', 'religion', 'disability']

export function filterData(args: {
  action: string
  dataset: Dataset
  labeller: Labeller
  wardCodes: readonly string[]
  filters: Filters
  canSeeEquality: boolean
  canUnsuppress: boolean
  suppress: boolean
  keep?: Record<string, string>
}): FilterData {
  const { dataset, labeller, filters } = args
  // Only methods and languages that occur, so the lists stay short.
  const present = (coded: Dataset['channel']) => coded.codes.filter((_, at) => coded.values.includes(at))
  return {
    action: args.action,
    methods: present(dataset.channel).map((code) => ({ value: code, label: labeller.category('channel', code) })),
    languages: present(dataset.locale).map((code) => ({ value: code, label: labeller.category('locale', code), lang: labeller.categoryLang('locale', code) })),
    wards: args.wardCodes.map((code) => ({ value: code, label: labeller.category('ward', code) })),
    groups: args.canSeeEquality
      ? GROUP_DIMENSIONS.map((dimension) => ({
          label: labeller.dimension(dimension),
          options: dimensionCategories(dimension, args.wardCodes).map((code) => ({ value: `${dimension}:${code}`, label: labeller.category(`eq.${dimension}`, code) })),
        }))
      : [],
    selected: {
      method: filters.channel,
      language: filters.locale,
      ward: filters.ward,
      group: filters.group ? `${filters.group.dimension}:${filters.group.category}` : undefined,
    },
    canUnsuppress: args.canUnsuppress,
    suppress: args.suppress,
    keep: args.keep ?? {},
  }
}

/** The active filters in words, for the page and the exports. */
export function describeFilters(filters: Filters, labeller: Labeller): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = []
  if (filters.channel) out.push({ name: labeller.variable('channel'), value: labeller.category('channel', filters.channel) })
  if (filters.locale) out.push({ name: labeller.variable('locale'), value: labeller.category('locale', filters.locale) })
  if (filters.ward) out.push({ name: labeller.variable('ward'), value: labeller.category('ward', filters.ward) })
  if (filters.group) out.push({ name: labeller.dimension(filters.group.dimension), value: labeller.category(`eq.${filters.group.dimension}`, filters.group.category) })
  return out
}

/** The filters in a query string, keeping only values that exist (an equality group only for a reader allowed to see one). */
export function parseFilters(params: URLSearchParams, context: { dataset: Dataset | null; wardCodes: readonly string[]; canSeeEquality: boolean }): Filters {
  const filters: Filters = {}
  const dataset = context.dataset
  if (!dataset) return filters
  const pick = (name: string, codes: readonly string[]) => {
    const value = params.get(name)
    return value && codes.includes(value) ? value : undefined
  }
  filters.channel = pick('method', dataset.channel.codes)
  filters.locale = pick('language', dataset.locale.codes)
  filters.ward = pick('ward', context.wardCodes)
  const group = params.get('group')
  if (group && context.canSeeEquality) {
    const [dimension, category] = group.split(':')
    if (isProfileDimension(dimension) && dimension !== 'ward' && category && dimensionCategories(dimension, context.wardCodes).includes(category)) {
      filters.group = { dimension, category }
    }
  }
  for (const key of Object.keys(filters) as (keyof Filters)[]) if (filters[key] === undefined) delete filters[key]
  return filters
}

/** The query string that reproduces the filters (and the suppression switch), for links and exports. */
export function filterQuery(filters: Filters, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams()
  if (filters.channel) params.set('method', filters.channel)
  if (filters.locale) params.set('language', filters.locale)
  if (filters.ward) params.set('ward', filters.ward)
  if (filters.group) params.set('group', `${filters.group.dimension}:${filters.group.category}`)
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, value)
  const text = params.toString()
  return text ? `?${text}` : ''
}
