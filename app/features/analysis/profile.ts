import { isShown, publishDistribution, type PublishedCell, type SuppressionSettings } from './publish.ts'
import type { Counts } from './aggregate.ts'

// The respondent profile beside the census: for each group, its share of the
// respondents who gave an answer against its share of the borough, the gap in
// percentage points and the ratio, and whether the group is under-represented
// by more than the analyst's factor (ratio below it).

export const DEFAULT_UNDER_FACTOR = 0.67

/**
 * A group is judged only when at least this many of its members would be
 * expected among the respondents from its census share: below it, none
 * answering is what chance gives (the usual minimum expected count for a
 * chi-squared comparison, Cochran 1954). Gypsy or Irish Travellers are 0.03%
 * of the borough: 0 of 156 respondents is no gap.
 */
export const MIN_EXPECTED_RESPONDENTS = 5

export interface CensusShare {
  category: string
  count: number
  /** of the census table's own total */
  share: number
  source: string
}

export interface ProfileRow {
  category: string
  respondents: PublishedCell
  census: CensusShare | null
  /** respondent % − census %, in percentage points (null when either is not shown) */
  gapPoints: number | null
  /** respondent share ÷ census share */
  ratio: number | null
  /**
   * 'yes': the ratio is below the factor; 'at-most': the count is hidden, but
   * even the largest hidden count (threshold − 1) would be below the factor;
   * 'no'; null when it cannot be said.
   */
  under: 'yes' | 'at-most' | 'no' | null
}

export interface ProfileComparison {
  rows: ProfileRow[]
  base: PublishedCell
  total: number
  notStated: number | null
}

export function compareWithCensus(categories: readonly string[], counts: Counts, census: (CensusShare | null)[] | null, settings: SuppressionSettings, factor: number): ProfileComparison {
  const published = publishDistribution(counts, false, settings)
  const base = isShown(published.base) ? published.base.count : null
  const rows = counts.counts.map((_, i): ProfileRow => {
    const cell = published.cells[i]
    const figure = census?.[i] ?? null
    let gapPoints: number | null = null
    let ratio: number | null = null
    let under: ProfileRow['under'] = null
    // Flag only a group with enough expected members to tell a gap from chance.
    const judged = base !== null && figure !== null && base * figure.share >= MIN_EXPECTED_RESPONDENTS
    if (figure && figure.share > 0) {
      if (isShown(cell) && cell.percent !== undefined) {
        gapPoints = cell.percent - 100 * figure.share
        ratio = cell.percent / 100 / figure.share
        if (judged) under = ratio < factor ? 'yes' : 'no'
      } else if (judged && cell.kind === 'suppressed' && cell.reason === 'primary') {
        const largest = (settings.threshold - 1) / base / figure.share
        under = largest < factor ? 'at-most' : null
      }
    }
    return { category: categories[i], respondents: cell, census: figure, gapPoints, ratio, under }
  })
  return { rows, base: published.base, total: published.total, notStated: published.notAnswered }
}
