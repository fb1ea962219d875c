import { questionVariables, type Variable } from './aggregate.ts'
import { dimensionCategories, profileColumn, type ProfileDimension } from './census.ts'
import type { Dataset } from './dataset.ts'
import {
  isPrimarySensitive,
  marginOfError,
  rakeCoded,
  summariseWeights,
  weightedCodedTable,
  suppressDistribution,
  type PublishedCell,
  type RakingError,
  type RakingReport,
  type RakingWarning,
  type WeightsSummary,
} from './statistics/index.ts'
import type { SuppressionSettings } from './publish.ts'

// Weighting: raking the respondents to the margins the analyst picks (census
// shares, or the analyst's own figures for a dimension the census table does
// not have), with the statistics library; then every closed question's
// results weighted and unweighted side by side. Respondents who did not give
// a category for every chosen margin cannot be raked and are left out of the
// weighted results (the page says how many).

export interface MarginSpec {
  dimension: ProfileDimension
  /** target share per category, adding up to 1 */
  targets: { category: string; target: number }[]
  source: 'census' | 'own'
}

export interface WeightingSpec {
  margins: MarginSpec[]
  /** keep weights at or below cap × the mean weight; null: no cap */
  cap: number | null
  /** keep weights at or above floor × the mean weight (0 to 1); null: no floor */
  floor?: number | null
  /** merge any group with fewer respondents than this into a neighbour (0: never) */
  collapseBelow: number
}

/** Why weighting could not run, in words the page translates. */
export type WeightingProblem =
  | { kind: 'no-margins' }
  | { kind: 'no-equality-data' }
  | { kind: 'no-respondents' }
  | { kind: 'does-not-sum'; dimension: string; sum: number }
  | { kind: 'empty-group'; dimension: string; category: string }
  | { kind: 'invalid-target'; dimension: string }
  | { kind: 'unknown-category'; dimension: string; category: string }
  | { kind: 'invalid-option'; option: string }
  | { kind: 'weights'; detail: string }

export interface WeightingRun {
  report: RakingReport
  /** respondent index (in the dataset) of each raked respondent, in the order of report.weights */
  respondents: Int32Array
  /** a weight per dataset respondent; 0 for those left out */
  weights: Float64Array
  excluded: number
  summary: WeightsSummary
  warnings: RakingWarning[]
  /** report.weights as a typed array, made once when the weighted tables need it */
  raked?: Float64Array
}

export function toProblem(error: RakingError): WeightingProblem {
  switch (error.kind) {
    case 'no-respondents':
      return { kind: 'no-respondents' }
    case 'no-margins':
      return { kind: 'no-margins' }
    case 'proportions-do-not-sum-to-one':
      return { kind: 'does-not-sum', dimension: error.variable, sum: error.sum }
    case 'margin-totals-differ':
      return { kind: 'does-not-sum', dimension: error.variable, sum: error.total / error.expectedTotal }
    case 'empty-category':
      return { kind: 'empty-group', dimension: error.variable, category: error.category }
    case 'invalid-target':
      return { kind: 'invalid-target', dimension: error.variable }
    case 'unknown-category':
      return { kind: 'unknown-category', dimension: error.variable, category: error.category }
    case 'missing-category':
      return { kind: 'no-respondents' }
    case 'duplicate-margin':
      return { kind: 'invalid-option', option: 'margin' }
    case 'invalid-base-weight':
      return { kind: 'invalid-option', option: 'baseWeights' }
    case 'invalid-option':
      return { kind: 'invalid-option', option: error.option }
  }
}

export function runWeighting(dataset: Dataset, spec: WeightingSpec, wardCodes: readonly string[]): { ok: true; run: WeightingRun } | { ok: false; problem: WeightingProblem } {
  if (!spec.margins.length) return { ok: false, problem: { kind: 'no-margins' } }
  const columns = spec.margins.map((m) => ({ margin: m, column: profileColumn(dataset, m.dimension, wardCodes) }))
  if (columns.some((c) => !c.column)) return { ok: false, problem: { kind: 'no-equality-data' } }
  // Respondents with a category for every chosen margin, and their category
  // as an index into each margin's targets (typed arrays, no object per person).
  const targetIndex = columns.map(({ margin, column }) => {
    const at = new Map(margin.targets.map((t, i) => [t.category, i]))
    return Int32Array.from(column!.codes, (code) => at.get(code) ?? -1)
  })
  const keep = new Uint8Array(dataset.n)
  let keptCount = 0
  for (let i = 0; i < dataset.n; i++) {
    let complete = 1
    for (const { column } of columns) if (column!.values[i] < 0) complete = 0
    keep[i] = complete
    keptCount += complete
  }
  const kept = new Int32Array(keptCount)
  const categoryOf = columns.map(() => new Int32Array(keptCount))
  for (let i = 0, at = 0; i < dataset.n; i++) {
    if (!keep[i]) continue
    kept[at] = i
    for (let m = 0; m < columns.length; m++) {
      const code = columns[m]!.column!.values[i]
      const target = targetIndex[m]![code]!
      // A category the targets do not have (e.g. a census table without it) cannot be raked.
      if (target < 0) return { ok: false, problem: { kind: 'unknown-category', dimension: columns[m]!.margin.dimension, category: columns[m]!.column!.codes[code]! } }
      categoryOf[m]![at] = target
    }
    at++
  }
  const result = rakeCoded(
    keptCount,
    spec.margins.map((m, i) => ({ variable: m.dimension, targets: m.targets, categoryOf: categoryOf[i]! })),
    {
      targetType: 'proportion',
      ...(spec.cap || spec.floor ? { weightCap: { lower: spec.floor ?? 0, upper: spec.cap ?? Number.MAX_SAFE_INTEGER } } : {}),
      ...(spec.collapseBelow > 0 ? { collapse: { minRespondents: spec.collapseBelow } } : {}),
    },
  )
  if (!result.ok) return { ok: false, problem: toProblem(result.error) }
  const report = result.value
  const summary = summariseWeights(report.weights)
  if (!summary.ok) return { ok: false, problem: { kind: 'weights', detail: summary.error.kind } }
  const weights = new Float64Array(dataset.n)
  kept.forEach((i, at) => (weights[i] = report.weights[at]!))
  return {
    ok: true,
    run: { report, respondents: kept, weights, excluded: dataset.n - kept.length, summary: summary.value, warnings: report.warnings },
  }
}

/** Census shares as raking targets, in the dimension's category order (categories the census lacks are left out). */
export function censusTargets(dimension: ProfileDimension, shares: ({ category: string; share: number } | null)[] | null): MarginSpec | null {
  if (!shares) return null
  const targets = shares.filter((s): s is { category: string; share: number } => s !== null).map((s) => ({ category: s.category, target: s.share }))
  return targets.length ? { dimension, targets, source: 'census' } : null
}

export { dimensionCategories }

// ---- weighted results -----------------------------------------------------

export interface WeightedRow {
  code: string
  respondents: PublishedCell
  /** null when the count is suppressed */
  unweightedPercent: number | null
  weightedPercent: number | null
  /** ± percentage points, 95%: unweighted uses n, weighted uses the effective n */
  unweightedMoe: number | null
  weightedMoe: number | null
}

export interface WeightedTable {
  variableId: string
  rows: WeightedRow[]
  /** respondents who answered (of those raked) */
  base: PublishedCell
  weightedN: number | null
  effectiveN: number | null
  designEffect: number | null
  multi: boolean
}

function weightedTableFor(variable: Variable, run: WeightingRun, settings: SuppressionSettings): WeightedTable {
  const people = run.respondents
  // The raked respondents' weights, in the order of `people`.
  const weights = run.raked ?? (run.raked = Float64Array.from(run.report.weights))
  const k = variable.codes.length
  const m = people.length
  const coded = new Int32Array(m)
  // One one-way weighted table per category for multiple choice (chosen or not, among those who answered).
  const perCategory = variable.multi
    ? variable.codes.map((_, c) => {
        const matrix = variable.matrix
        for (let at = 0; at < m; at++) {
          const i = people[at]!
          coded[at] = matrix ? (matrix.answered[i] ? (matrix.chosen[i * k + c] ? 0 : 1) : -1) : variable.answered(i) ? (variable.has(i, c) ? 0 : 1) : -1
        }
        return weightedCodedTable(coded, weights, ['yes', 'no'])
      })
    : null
  let single: ReturnType<typeof weightedCodedTable> | null = null
  if (!variable.multi) {
    const column = variable.column
    for (let at = 0; at < m; at++) {
      const i = people[at]!
      coded[at] = column ? column.values[i * column.stride + column.offset]! : variable.value(i)
    }
    single = weightedCodedTable(coded, weights, variable.codes)
  }
  const first = perCategory ? perCategory[0] : single
  if (!first || !first.ok || (perCategory && perCategory.some((p) => !p.ok))) {
    return { variableId: variable.id, rows: [], base: { kind: 'suppressed', reason: 'primary', threshold: settings.threshold }, weightedN: null, effectiveN: null, designEffect: null, multi: variable.multi }
  }
  const base = first.value.base
  const counts: number[] = []
  const rows = variable.codes.map((code, c) => {
    const row = perCategory ? perCategory[c]!.ok && perCategory[c]!.value.rows.find((r) => r.category === 'yes') : single!.ok && single!.value.rows[c]
    const respondents = row ? row.respondents : 0
    counts.push(respondents)
    return { code, row: row || null }
  })
  let cells: PublishedCell[]
  let baseCell: PublishedCell
  if (!settings.suppress) {
    cells = counts.map((count) => ({ kind: 'shown', count }))
    baseCell = { kind: 'shown', count: base.respondents }
  } else {
    const suppressed = k ? suppressDistribution(counts, { threshold: settings.threshold }) : undefined
    cells = suppressed?.ok ? suppressed.value.cells : counts.map(() => ({ kind: 'suppressed', reason: 'primary', threshold: settings.threshold }))
    baseCell = variable.multi
      ? isPrimarySensitive(base.respondents, settings.threshold)
        ? { kind: 'suppressed', reason: 'primary', threshold: settings.threshold }
        : { kind: 'shown', count: base.respondents }
      : suppressed?.ok
        ? suppressed.value.total
        : { kind: 'suppressed', reason: 'primary', threshold: settings.threshold }
  }
  const baseShown = baseCell.kind === 'shown'
  return {
    variableId: variable.id,
    rows: rows.map(({ code, row }, c) => {
      const visible = cells[c]!.kind === 'shown' && baseShown && row
      const unweighted = visible && row ? row.unweightedPercent : null
      return {
        code,
        respondents: cells[c]!,
        unweightedPercent: unweighted,
        weightedPercent: visible && row ? row.percent : null,
        unweightedMoe: unweighted !== null && base.respondents > 0 ? 100 * marginOfError(unweighted / 100, base.respondents) : null,
        weightedMoe: visible && row && Number.isFinite(row.marginOfError) ? row.marginOfError : null,
      }
    }),
    base: baseCell,
    weightedN: baseShown ? base.weightedCount : null,
    effectiveN: baseShown ? base.effectiveN : null,
    designEffect: baseShown && Number.isFinite(base.designEffect) ? base.designEffect : null,
    multi: variable.multi,
  }
}

/** Weighted and unweighted results for every closed question (a grid per statement, a ranking's first choice). */
export function weightedResults(dataset: Dataset, run: WeightingRun, settings: SuppressionSettings): { key: string; tables: WeightedTable[] }[] {
  return dataset.questions.map((data) => {
    const variables = questionVariables(data).filter((v) => !v.id.endsWith('.ranked'))
    return { key: data.question.key, tables: variables.map((v) => weightedTableFor(v, run, settings)) }
  })
}

/** The raking report's groups with their respondents suppressed (counts of people in each margin group). */
export function publishedMargins(report: RakingReport, settings: SuppressionSettings) {
  return report.margins.map((margin) => {
    const counts = margin.groups.map((g) => g.respondents)
    const suppressed = settings.suppress ? suppressDistribution(counts, { threshold: settings.threshold }) : undefined
    return {
      variable: margin.variable,
      groups: margin.groups.map((g, i) => ({
        categories: g.categories,
        respondents: (settings.suppress
          ? suppressed?.ok
            ? suppressed.value.cells[i]!
            : { kind: 'suppressed', reason: 'primary', threshold: settings.threshold }
          : { kind: 'shown', count: g.respondents }) as PublishedCell,
        targetShare: g.target / report.total,
        achievedShare: g.achieved / report.total,
      })),
    }
  })
}
