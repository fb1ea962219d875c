import { ETHNIC_GROUPS, PREFER_NOT_TO_SAY } from '../equality/questions.ts'
import type { Coded, Dataset } from './dataset.ts'

// Who responded, in the categories of the Census 2021 margins
// (db/seed/data/tower-hamlets-census-2021.json, in the census_margin table).
// The equality questions follow the census questions, so most answers map
// one to one; the rules below are the exceptions, and are unit-tested.

/** The respondent characteristics the profile and weighting use, in page order. */
export const PROFILE_DIMENSIONS = ['ward', 'age_band', 'age_broad', 'sex', 'ethnic_group_broad', 'ethnic_group', 'religion', 'disability'] as const
export type ProfileDimension = (typeof PROFILE_DIMENSIONS)[number]

export function isProfileDimension(value: unknown): value is ProfileDimension {
  return typeof value === 'string' && (PROFILE_DIMENSIONS as readonly string[]).includes(value)
}

/** Dimensions that come from the equality questions (special category data), as opposed to the response's ward. */
export function isEqualityDimension(dimension: ProfileDimension) {
  return dimension !== 'ward'
}

const AGE_BANDS = ['under_16', '16_24', '25_34', '35_49', '50_64', '65_74', '75_plus']
/**
 * Age in the census's broad bands. The only verified Census 2021 age figures
 * for the borough are ONS first results (under 15, 15 to 64, 65 and over), so
 * the survey's bands from 16 to 64 are compared with the census 15 to 64 band
 * (the closest published) and 65 and over with 65 and over. Respondents under
 * 16 are not in this comparison (the survey has no band that matches "under 15").
 */
const AGE_BROAD: Readonly<Record<string, string>> = {
  '16_24': '16_64',
  '25_34': '16_64',
  '35_49': '16_64',
  '50_64': '16_64',
  '65_74': '65_plus',
  '75_plus': '65_plus',
}
export const AGE_BROAD_BANDS = ['16_64', '65_plus'] as const
const RELIGIONS = ['none', 'christian', 'buddhist', 'hindu', 'jewish', 'muslim', 'sikh', 'other', 'not_answered']

/**
 * A dimension with no census table of its own that is compared at a coarser
 * grouping both share: the survey's seven age bands have no verified census
 * figures, so they are compared as 16 to 64 and 65 and over (age_broad).
 */
export function coarserDimension(dimension: ProfileDimension): ProfileDimension | null {
  return dimension === 'age_band' ? 'age_broad' : null
}

/** Dimensions whose census figures are matched to the survey's categories in a way the pages explain (analysis census_notes.<dimension>). */
export function hasCensusNote(dimension: ProfileDimension): boolean {
  return dimension === 'age_broad'
}

/** The categories of a dimension, in the order tables list them (census codes). */
export function dimensionCategories(dimension: ProfileDimension, wardCodes: readonly string[]): string[] {
  switch (dimension) {
    case 'ward':
      return [...wardCodes]
    case 'age_band':
      return [...AGE_BANDS]
    case 'age_broad':
      return [...AGE_BROAD_BANDS]
    case 'sex':
      return ['female', 'male']
    case 'ethnic_group_broad':
      return Object.keys(ETHNIC_GROUPS)
    case 'ethnic_group':
      return Object.values(ETHNIC_GROUPS).flatMap((g) => g.options)
    case 'religion':
      return [...RELIGIONS]
    case 'disability':
      return ['disabled', 'not_disabled']
  }
}

/**
 * One respondent's census category for a dimension from their equality
 * answers (question key → option code), or null when it is not known.
 * - "Prefer not to say" is not a category, except for religion: the census
 *   religion question is voluntary and counts "Not answered", so a resident
 *   who prefers not to say is counted there.
 * - Disability follows the census (TS038, the Equality Act definition): a
 *   long-term condition that reduces day-to-day activities a lot or a little
 *   is "disabled"; no condition, or one that does not reduce them, is not.
 */
export function censusCategoryFor(dimension: Exclude<ProfileDimension, 'ward'>, answers: Readonly<Record<string, string | undefined>>): string | null {
  switch (dimension) {
    case 'religion': {
      const value = answers.religion
      if (value === PREFER_NOT_TO_SAY) return 'not_answered'
      return value && RELIGIONS.includes(value) ? value : null
    }
    case 'age_broad':
      return AGE_BROAD[answers.age_band ?? ''] ?? null
    case 'disability': {
      const condition = answers.long_term_condition
      if (condition === 'no') return 'not_disabled'
      if (condition !== 'yes') return null
      const limitation = answers.activity_limitation
      if (limitation === 'a_lot' || limitation === 'a_little') return 'disabled'
      if (limitation === 'not_at_all') return 'not_disabled'
      return null
    }
    default: {
      const value = answers[dimension]
      return value && CATEGORY_SETS[dimension].has(value) ? value : null
    }
  }
}

const CATEGORY_SETS = {
  age_band: new Set(dimensionCategories('age_band', [])),
  sex: new Set(dimensionCategories('sex', [])),
  ethnic_group_broad: new Set(dimensionCategories('ethnic_group_broad', [])),
  ethnic_group: new Set(dimensionCategories('ethnic_group', [])),
}

/** The equality questions a dimension is derived from. */
const SOURCES: Record<Exclude<ProfileDimension, 'ward'>, string[]> = {
  age_band: ['age_band'],
  age_broad: ['age_band'],
  sex: ['sex'],
  ethnic_group_broad: ['ethnic_group_broad'],
  ethnic_group: ['ethnic_group'],
  religion: ['religion'],
  disability: ['long_term_condition', 'activity_limitation'],
}

/**
 * Every respondent's category for a dimension (codes: dimensionCategories).
 * Null for an equality dimension when the dataset has no equality data.
 */
export function profileColumn(dataset: Dataset, dimension: ProfileDimension, wardCodes: readonly string[]): Coded | null {
  const codes = dimensionCategories(dimension, wardCodes)
  const index = new Map(codes.map((c, i) => [c, i]))
  const values = new Int16Array(dataset.n).fill(-1)
  if (dimension === 'ward') {
    for (let i = 0; i < dataset.n; i++) {
      const v = dataset.ward.values[i]
      if (v >= 0) values[i] = index.get(dataset.ward.codes[v]) ?? -1
    }
    return { codes, values }
  }
  if (!dataset.equality) return null
  const sources = SOURCES[dimension].map((key) => dataset.equality![key])
  if (sources.some((coded) => !coded)) return { codes, values }
  // Each respondent's category depends only on their answer codes, so work it
  // out once per combination of codes (a handful), not once per respondent.
  const [first, second] = sources as Coded[]
  const width = second ? second.codes.length + 1 : 1
  const table = new Int16Array((first!.codes.length + 1) * width)
  for (let a = -1; a < first!.codes.length; a++) {
    for (let b = -1; b < width - 1; b++) {
      const answers: Record<string, string | undefined> = { [SOURCES[dimension][0]!]: a >= 0 ? first!.codes[a] : undefined }
      if (second) answers[SOURCES[dimension][1]!] = b >= 0 ? second.codes[b] : undefined
      const category = censusCategoryFor(dimension, answers)
      table[(a + 1) * width + (b + 1)] = category === null ? -1 : (index.get(category) ?? -1)
    }
  }
  for (let i = 0; i < dataset.n; i++) {
    const a = first!.values[i]
    const b = second ? second.values[i] : -1
    values[i] = table[(a + 1) * width + (b + 1)]!
  }
  return { codes, values }
}

export interface CensusFigure {
  category: string
  count: number
  source: string
}

/** Census counts by dimension, as stored in census_margin (dimension → rows). */
export type CensusMargins = Partial<Record<string, CensusFigure[]>>

/**
 * The census figures for a dimension in the dimension's category order, with
 * each category's share of the table's own total (ONS tables sum to slightly
 * different totals after perturbation, so each is its own denominator).
 * Null when the census has no table for the dimension.
 */
export function censusShares(margins: CensusMargins, dimension: ProfileDimension, wardCodes: readonly string[]) {
  const rows = margins[dimension]
  if (!rows?.length) return null
  const total = rows.reduce((s, r) => s + r.count, 0)
  if (!(total > 0)) return null
  const byCategory = new Map(rows.map((r) => [r.category, r]))
  return dimensionCategories(dimension, wardCodes).map((category) => {
    const row = byCategory.get(category)
    return row ? { category, count: row.count, share: row.count / total, source: row.source } : null
  })
}
