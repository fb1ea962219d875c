import { formatNumber, languageOf } from '../i18n/config.ts'
import type { PublishedCell } from './statistics/index.ts'

// The shapes the analysis pages render and the exports write (client-safe:
// no server imports). Labels and summaries are already in the reader's
// language; counts are published cells (shown, or suppressed with a reason).

export interface ChartRow {
  label: string
  /** lang attribute when the label is in another language (a language's own name) */
  lang?: string
  cell: PublishedCell
}

/** A one-way table, drawn as a bar chart with its data table and a text summary. */
export interface ChartTable {
  id: string
  title: string
  /** lang of the title when it is survey content in another language than the page */
  titleLang?: string
  /** heading of the category column */
  categoryHeader: string
  rows: ChartRow[]
  /** respondents who answered: the base of the percentages */
  base: PublishedCell
  /** what the base row is called ("Answered", or "Total" where everyone counts) */
  baseLabel: string
  /** respondents counted */
  total: number
  notAnswered: number | null
  /** people could give more than one answer: percentages add up to more than 100 */
  multi: boolean
  summary: string
  /** bars: horizontal bars, one row per category; columns: vertical (weeks) */
  layout: 'bars' | 'columns'
}

export interface PointsTable {
  id: string
  title: string
  rows: { label: string; lang?: string; ranked: PublishedCell; points: number | null }[]
  summary: string
}

export interface QuestionView {
  key: string
  title: string
  lang?: string
  type: string
  tables: ChartTable[]
  points?: PointsTable
}

export function formatPercent(value: number, locale: string): string {
  return new Intl.NumberFormat(languageOf(locale).intl, { style: 'percent', maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(value / 100)
}

/** A published count in words: the number, "fewer than 10", or "withheld". */
export function cellText(cell: PublishedCell, locale: string, t: (key: string, values?: Record<string, unknown>) => string): string {
  if (cell.kind === 'shown') return formatNumber(cell.count, locale)
  return cell.reason === 'primary' ? t('suppressed.primary', { threshold: cell.threshold }) : t('suppressed.secondary')
}

export function percentText(cell: PublishedCell, locale: string): string {
  return cell.kind === 'shown' && cell.percent !== undefined ? formatPercent(cell.percent, locale) : ''
}
