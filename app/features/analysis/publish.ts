import { isPrimarySensitive, suppressCrossTab, suppressDistribution, type PublishedCell } from './statistics/index.ts'
import type { Counts } from './aggregate.ts'

// Small-number suppression for everything the analysis pages and exports
// show (docs/decisions/0005-small-numbers.md). Counts go through the
// statistics library: primary suppression of 1 to threshold − 1, then
// secondary suppression so a hidden count cannot be worked out from the
// totals. With suppression off (an analyst's internal view, never an export)
// every count is shown.

export type { PublishedCell }

export interface SuppressionSettings {
  threshold: number
  /** false only for an analyst who switched it off for internal working */
  suppress: boolean
}

export interface PublishedDistribution {
  /** one per category; percent is of the respondents who answered */
  cells: PublishedCell[]
  /** the respondents who answered (the base of every percentage) */
  base: PublishedCell
  /** respondents counted (those matching the filters) */
  total: number
  /** total − base, when the base is shown (not answering is not a characteristic, so it is not suppressed) */
  notAnswered: number | null
  /** a multi-valued question: percentages add up to more than 100 */
  multi: boolean
}

const shown = (count: number, percent?: number): PublishedCell => (percent === undefined ? { kind: 'shown', count } : { kind: 'shown', count, percent })
const hidden = (threshold: number, reason: 'primary' | 'secondary' = 'primary'): PublishedCell => ({ kind: 'suppressed', reason, threshold })

export function isShown(cell: PublishedCell): cell is Extract<PublishedCell, { kind: 'shown' }> {
  return cell.kind === 'shown'
}

/**
 * A one-way table. Single-valued: the categories add up to the base, which is
 * their total and suppressed with them. Multi-valued (a person may be in
 * several categories): the categories do not add up to anything published,
 * so the library's secondary rule is a safe extra; the base is a count of
 * people and hidden when small.
 */
export function publishDistribution({ counts, answered, total }: Counts, multi: boolean, settings: SuppressionSettings): PublishedDistribution {
  const { threshold } = settings
  const percentOf = (count: number) => (answered > 0 ? (100 * count) / answered : undefined)
  if (!settings.suppress) {
    return { cells: counts.map((c) => shown(c, percentOf(c))), base: shown(answered), total, notAnswered: total - answered, multi }
  }
  const result = counts.length ? suppressDistribution(counts, { threshold }) : undefined
  if (!result?.ok) {
    // Nothing to count (no categories) or a count the library refuses: show nothing rather than a wrong number.
    return { cells: counts.map(() => hidden(threshold)), base: hidden(threshold), total, notAnswered: null, multi }
  }
  if (!multi) {
    const base = result.value.total
    return { cells: result.value.cells, base, total, notAnswered: isShown(base) ? total - answered : null, multi }
  }
  const base = isPrimarySensitive(answered, threshold) ? hidden(threshold) : shown(answered)
  const cells = result.value.cells.map((cell) => (isShown(cell) ? shown(cell.count, isShown(base) ? percentOf(cell.count) : undefined) : cell))
  return { cells, base, total, notAnswered: isShown(base) ? total - answered : null, multi }
}

/** A count of people on its own (e.g. the responses matching the filters): hidden when small. */
export function publishCount(count: number, settings: SuppressionSettings): PublishedCell {
  return settings.suppress && isPrimarySensitive(count, settings.threshold) ? hidden(settings.threshold) : shown(count)
}

/** Ranking points, shown only beside a shown "ranked at all" count (points from a few people would give them away). */
export function publishPoints(points: number[], ranked: PublishedCell[]): (number | null)[] {
  return points.map((p, i) => (isShown(ranked[i]) ? p : null))
}

export interface PublishedCrossTab {
  cells: PublishedCell[][]
  rowTotals: PublishedCell[]
  columnTotals: PublishedCell[]
  grandTotal: PublishedCell
}

/** A two-way table with row percentages, suppressed as one table (its totals are published too). */
export function publishCrossTab(table: number[][], settings: SuppressionSettings): PublishedCrossTab | null {
  if (table.length === 0 || table[0].length === 0) return null
  if (!settings.suppress) {
    const rowTotals = table.map((row) => row.reduce((s, x) => s + x, 0))
    const columnTotals = table[0].map((_, j) => table.reduce((s, row) => s + row[j], 0))
    const grand = rowTotals.reduce((s, x) => s + x, 0)
    return {
      cells: table.map((row, i) => row.map((v) => shown(v, rowTotals[i] > 0 ? (100 * v) / rowTotals[i] : undefined))),
      rowTotals: rowTotals.map((v) => shown(v, v > 0 ? 100 : undefined)),
      columnTotals: columnTotals.map((v) => shown(v, grand > 0 ? (100 * v) / grand : undefined)),
      grandTotal: shown(grand, grand > 0 ? 100 : undefined),
    }
  }
  const result = suppressCrossTab(table, { threshold: settings.threshold, percentages: 'row' })
  if (!result.ok) return null
  return result.value
}
