import { TIME_ZONE } from '../i18n/config.ts'
import { isProfileDimension, profileColumn, type ProfileDimension } from './census.ts'
import type { Coded, Dataset, QuestionData } from './dataset.ts'

// Counting over the in-memory dataset: filters, one-way counts, number bins,
// weeks, ranking points and cross-tabs. Pure functions, unit-tested; the
// counts they return are raw: small-number suppression comes after
// (publish.ts), so every screen and export suppresses the same way.

/** A respondent mask: 1 = included. */
export type Mask = Uint8Array

export interface Filters {
  channel?: string
  locale?: string
  ward?: string
  /** an equality group: a profile dimension and one of its categories */
  group?: { dimension: ProfileDimension; category: string }
}

/** Which respondents match the filters, and how many. A filter naming an unknown value matches nobody. */
export function filterMask(dataset: Dataset, filters: Filters, wardCodes: readonly string[]): { mask: Mask; n: number } {
  const mask = new Uint8Array(dataset.n).fill(1)
  const keep = (coded: Coded, code: string | undefined) => {
    if (code === undefined) return
    const at = coded.codes.indexOf(code)
    for (let i = 0; i < dataset.n; i++) if (coded.values[i] !== at || at < 0) mask[i] = 0
  }
  keep(dataset.channel, filters.channel)
  keep(dataset.locale, filters.locale)
  keep(dataset.ward, filters.ward)
  if (filters.group) {
    const column = profileColumn(dataset, filters.group.dimension, wardCodes)
    if (!column) mask.fill(0)
    else keep(column, filters.group.category)
  }
  let n = 0
  for (let i = 0; i < dataset.n; i++) n += mask[i]
  return { mask, n }
}

/**
 * Something to count respondents by: a question (or a grid statement, a
 * ranking's first choice...), the response's method, language or ward, or an
 * equality group. Single-valued variables give each respondent at most one
 * category; multi-valued ones (multiple choice, "ranked at all") any number.
 */
export interface Variable {
  id: string
  multi: boolean
  codes: string[]
  /** single-valued: the category index, or -1 */
  value(i: number): number
  /** multi-valued: is category c chosen (single-valued: value(i) === c) */
  has(i: number, c: number): boolean
  answered(i: number): boolean
  /** the same data as typed arrays, for tight loops: single-valued (value at i × stride + offset, −1 none) */
  column?: { values: ArrayLike<number>; stride: number; offset: number }
  /** multi-valued: chosen[i × codes + c], answered[i] */
  matrix?: { chosen: Uint8Array; answered: Uint8Array }
}

function singleVariable(id: string, codes: string[], values: ArrayLike<number>): Variable {
  return {
    id,
    multi: false,
    codes,
    value: (i) => values[i],
    has: (i, c) => values[i] === c,
    answered: (i) => values[i] >= 0,
    column: { values, stride: 1, offset: 0 },
  }
}

function strideVariable(id: string, codes: string[], values: ArrayLike<number>, stride: number, offset: number): Variable {
  return {
    id,
    multi: false,
    codes,
    value: (i) => values[i * stride + offset],
    has: (i, c) => values[i * stride + offset] === c,
    answered: (i) => values[i * stride + offset] >= 0,
    column: { values, stride, offset },
  }
}

function multiVariable(id: string, codes: string[], chosen: Uint8Array, answered: Uint8Array): Variable {
  const k = codes.length
  return {
    id,
    multi: true,
    codes,
    value: () => -1,
    has: (i, c) => chosen[i * k + c] !== 0,
    answered: (i) => answered[i] !== 0,
    matrix: { chosen, answered },
  }
}

// ---- number bins -------------------------------------------------------

export interface NumberBin {
  from: number
  to: number
}

/**
 * Bins for a whole-number question answered between min and max: one per
 * value up to 12 values, otherwise about ten bins of equal whole-number width.
 */
export function numberBins(min: number, max: number): NumberBin[] {
  const lo = Math.floor(Math.min(min, max))
  const hi = Math.floor(Math.max(min, max))
  const span = hi - lo + 1
  if (span <= 12) return Array.from({ length: span }, (_, k) => ({ from: lo + k, to: lo + k }))
  const width = Math.ceil(span / 10)
  const bins: NumberBin[] = []
  for (let from = lo; from <= hi; from += width) bins.push({ from, to: Math.min(hi, from + width - 1) })
  return bins
}

/** The bin a value falls in; values outside the range go in the first or last bin. NaN: −1. */
export function binIndex(bins: readonly NumberBin[], value: number): number {
  if (Number.isNaN(value) || bins.length === 0) return -1
  const v = Math.floor(value)
  if (v <= bins[0].to) return 0
  if (v >= bins[bins.length - 1].from) return bins.length - 1
  // Bins are contiguous and of equal width (apart from the last).
  const width = bins[0].to - bins[0].from + 1
  return Math.min(bins.length - 1, Math.floor((v - bins[0].from) / width))
}

/** A bin's code: the value, or from..to. */
export const binCode = (bin: NumberBin) => (bin.from === bin.to ? String(bin.from) : `${bin.from}..${bin.to}`)

function numberVariable(id: string, values: Float64Array, bins: NumberBin[]): Variable {
  const binned = new Int16Array(values.length)
  for (let i = 0; i < values.length; i++) binned[i] = binIndex(bins, values[i])
  return singleVariable(id, bins.map(binCode), binned)
}

// ---- the variables of a dataset -------------------------------------------

/** How a question is counted: its variables (one, or one per grid statement, or first choice and ranked-at-all). */
export function questionVariables(data: QuestionData): Variable[] {
  const key = data.question.key
  switch (data.kind) {
    case 'choice':
      return [singleVariable(`q.${key}`, data.codes, data.values)]
    case 'multiple':
      return [multiVariable(`q.${key}`, data.codes, data.chosen, data.answered)]
    case 'ranking': {
      const k = data.codes.length
      const first = new Int16Array(data.answered.length).fill(-1)
      for (let i = 0; i < data.answered.length; i++) {
        for (let c = 0; c < k; c++) if (data.rank[i * k + c] === 1) first[i] = c
      }
      const ranked = new Uint8Array(data.rank.length)
      for (let j = 0; j < data.rank.length; j++) ranked[j] = data.rank[j] ? 1 : 0
      return [singleVariable(`q.${key}.first`, data.codes, first), multiVariable(`q.${key}.ranked`, data.codes, ranked, data.answered)]
    }
    case 'grid':
      return data.statements.map((s, at) => strideVariable(`q.${key}.${s}`, data.codes, data.values, data.statements.length, at))
    case 'number':
      return [numberVariable(`q.${key}`, data.values, numberBins(data.question.min, data.question.max))]
  }
}

export const RESPONSE_VARIABLES = ['channel', 'locale', 'ward'] as const

/**
 * Every variable the dashboard can count or cross-tabulate, by id:
 * channel, locale, ward; q.<key> (q.<key>.<statement> for a grid,
 * q.<key>.first and q.<key>.ranked for a ranking); eq.<dimension> when the
 * dataset holds equality data.
 */
export function listVariables(dataset: Dataset, wardCodes: readonly string[]): Variable[] {
  const out: Variable[] = [
    singleVariable('channel', dataset.channel.codes, dataset.channel.values),
    singleVariable('locale', dataset.locale.codes, dataset.locale.values),
    singleVariable('ward', dataset.ward.codes, dataset.ward.values),
  ]
  for (const data of dataset.questions) out.push(...questionVariables(data))
  if (dataset.equality) {
    for (const dimension of ['age_band', 'sex', 'ethnic_group_broad', 'ethnic_group', 'religion', 'disability'] as const) {
      const column = profileColumn(dataset, dimension, wardCodes)
      if (column) out.push(singleVariable(`eq.${dimension}`, column.codes, column.values))
    }
  }
  return out
}

/** One variable by id (built on demand), or undefined. */
export function findVariable(dataset: Dataset, id: string, wardCodes: readonly string[]): Variable | undefined {
  if (id === 'channel') return singleVariable('channel', dataset.channel.codes, dataset.channel.values)
  if (id === 'locale') return singleVariable('locale', dataset.locale.codes, dataset.locale.values)
  if (id === 'ward') return singleVariable('ward', dataset.ward.codes, dataset.ward.values)
  if (id.startsWith('eq.')) {
    const dimension = id.slice(3)
    if (!isProfileDimension(dimension) || dimension === 'ward' || !dataset.equality) return undefined
    const column = profileColumn(dataset, dimension, wardCodes)
    return column ? singleVariable(id, column.codes, column.values) : undefined
  }
  if (!id.startsWith('q.')) return undefined
  const key = id.slice(2).split('.')[0]
  const data = dataset.questions.find((q) => q.question.key === key)
  return data ? questionVariables(data).find((v) => v.id === id) : undefined
}

// ---- counting ---------------------------------------------------------------

export interface Counts {
  /** respondents per category (a multi-valued variable counts a respondent in every category chosen) */
  counts: number[]
  /** respondents with an answer */
  answered: number
  /** respondents in the mask */
  total: number
}

export function countVariable(variable: Variable, mask: Mask): Counts {
  const k = variable.codes.length
  const counts = new Array<number>(k).fill(0)
  let answered = 0
  let total = 0
  const n = mask.length
  if (variable.column) {
    const { values, stride, offset } = variable.column
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue
      total++
      const v = values[i * stride + offset]
      if (v >= 0) {
        answered++
        counts[v]++
      }
    }
    return { counts, answered, total }
  }
  if (variable.matrix) {
    const { chosen, answered: said } = variable.matrix
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue
      total++
      if (!said[i]) continue
      answered++
      const row = i * k
      for (let c = 0; c < k; c++) if (chosen[row + c]) counts[c]++
    }
    return { counts, answered, total }
  }
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue
    total++
    if (!variable.answered(i)) continue
    answered++
    if (variable.multi) {
      for (let c = 0; c < k; c++) if (variable.has(i, c)) counts[c]++
    } else {
      counts[variable.value(i)]++
    }
  }
  return { counts, answered, total }
}

/**
 * A ranking's points (Borda count): an option ranked r-th of up to maxRank
 * gets maxRank − r + 1 points, so the first choice of a top-3 gets 3.
 */
export function rankingPoints(data: Extract<QuestionData, { kind: 'ranking' }>, mask: Mask): number[] {
  const k = data.codes.length
  const maxRank = data.question.maxRank
  const points = new Array<number>(k).fill(0)
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue
    for (let c = 0; c < k; c++) {
      const r = data.rank[i * k + c]
      if (r > 0 && r <= maxRank) points[c] += maxRank - r + 1
    }
  }
  return points
}

/**
 * Respondents by row category and column category. A multi-valued variable
 * counts a respondent once for every category chosen, so its totals count
 * answers, not people. Respondents without an answer to either are left out.
 */
export function crossTabulate(rows: Variable, columns: Variable, mask: Mask): number[][] {
  const R = rows.codes.length
  const C = columns.codes.length
  const table = Array.from({ length: R }, () => new Array<number>(C).fill(0))
  const rowHits: number[] = []
  const colHits: number[] = []
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i] || !rows.answered(i) || !columns.answered(i)) continue
    rowHits.length = 0
    colHits.length = 0
    if (rows.multi) {
      for (let r = 0; r < R; r++) if (rows.has(i, r)) rowHits.push(r)
    } else rowHits.push(rows.value(i))
    if (columns.multi) {
      for (let c = 0; c < C; c++) if (columns.has(i, c)) colHits.push(c)
    } else colHits.push(columns.value(i))
    for (const r of rowHits) for (const c of colHits) table[r][c]++
  }
  return table
}

// ---- weeks -----------------------------------------------------------------

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })

/** The London calendar day of a moment, YYYY-MM-DD. */
export function londonDay(epochMs: number): string {
  return dayFormat.format(epochMs)
}

/** The Monday (YYYY-MM-DD) starting the London week a day falls in. */
export function weekStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  const back = (date.getUTCDay() + 6) % 7
  date.setUTCDate(date.getUTCDate() - back)
  return date.toISOString().slice(0, 10)
}

/**
 * Responses per week (weeks start on Monday, London time), from the first
 * week with a response to the last, with empty weeks in between.
 */
export function weeklyCounts(submittedAt: Float64Array, mask: Mask): { weeks: string[]; counts: number[] } {
  // One Intl call per hour of the day seen, not per response.
  const byHour = new Map<number, string>()
  const perWeek = new Map<string, number>()
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue
    const hour = Math.floor(submittedAt[i] / 3_600_000)
    let week = byHour.get(hour)
    if (week === undefined) {
      week = weekStart(londonDay(hour * 3_600_000))
      byHour.set(hour, week)
    }
    perWeek.set(week, (perWeek.get(week) ?? 0) + 1)
  }
  if (perWeek.size === 0) return { weeks: [], counts: [] }
  const sorted = [...perWeek.keys()].sort()
  const weeks: string[] = []
  const cursor = new Date(`${sorted[0]}T00:00:00Z`)
  const last = sorted[sorted.length - 1]
  while (true) {
    const key = cursor.toISOString().slice(0, 10)
    weeks.push(key)
    if (key >= last) break
    cursor.setUTCDate(cursor.getUTCDate() + 7)
  }
  return { weeks, counts: weeks.map((w) => perWeek.get(w) ?? 0) }
}
