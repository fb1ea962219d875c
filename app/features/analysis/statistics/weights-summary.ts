import { fail, ok, type Result } from './result.ts'

// What weighting costs in precision. Unequal weights make an estimate behave
// as if it came from fewer respondents: Kish's effective sample size
// n_eff = (Σw)² / Σw², and the design effect due to weighting
// deff = n / n_eff = 1 + CV² of the weights (Kish 1965, 1992). Margins of error
// for weighted percentages use n_eff in place of n.

/** z for a two-sided 95% interval, as published tables usually round it. */
export const Z_95 = 1.96

export interface WeightsSummary {
  /** respondents */
  unweightedN: number
  /** Σw */
  weightedN: number
  /** Kish: (Σw)² / Σw² */
  effectiveN: number
  /** n / n_eff, the variance inflation from unequal weights alone */
  designEffect: number
  /** squared coefficient of variation of the weights (population variance over mean²), so designEffect = 1 + cvSquared */
  cvSquared: number
  minWeight: number
  maxWeight: number
  meanWeight: number
}

export type WeightsError =
  | { kind: 'no-weights' }
  | { kind: 'invalid-weight'; index: number }
  | { kind: 'all-weights-zero' }
  | { kind: 'length-mismatch'; values: number; weights: number }
  | { kind: 'invalid-proportion'; proportion: number }

function checkWeights(weights: ArrayLike<number>): WeightsError | undefined {
  if (weights.length === 0) return { kind: 'no-weights' }
  let sum = 0
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]
    // Zero is allowed (a raked-out group); negative or non-finite weights are not weights.
    if (!(w >= 0 && Number.isFinite(w))) return { kind: 'invalid-weight', index: i }
    sum += w
  }
  return sum > 0 ? undefined : { kind: 'all-weights-zero' }
}

/** Kish's effective sample size (Σw)² / Σw²; 0 when there is no positive weight. */
export function effectiveSampleSize(weights: ArrayLike<number>): number {
  let sum = 0
  let sumSquares = 0
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i]
    sumSquares += weights[i] * weights[i]
  }
  return sumSquares > 0 ? (sum * sum) / sumSquares : 0
}

/** Unweighted n, weighted n, effective n and the design effect due to weighting. */
export function summariseWeights(weights: ArrayLike<number>): Result<WeightsSummary, WeightsError> {
  const error = checkWeights(weights)
  if (error) return fail(error)
  const n = weights.length
  let sum = 0
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < n; i++) {
    sum += weights[i]
    min = Math.min(min, weights[i])
    max = Math.max(max, weights[i])
  }
  const mean = sum / n
  let squaredDeviations = 0
  for (let i = 0; i < n; i++) squaredDeviations += (weights[i] - mean) ** 2
  const effectiveN = effectiveSampleSize(weights)
  return ok({
    unweightedN: n,
    weightedN: sum,
    effectiveN,
    designEffect: n / effectiveN,
    cvSquared: squaredDeviations / n / (mean * mean),
    minWeight: min,
    maxWeight: max,
    meanWeight: mean,
  })
}

/** Half-width of the normal-approximation interval for a proportion p from n (or n_eff) respondents: z·√(p(1−p)/n). */
export function marginOfError(p: number, n: number, z: number = Z_95): number {
  if (!(n > 0) || !(p >= 0 && p <= 1)) return NaN
  return z * Math.sqrt((p * (1 - p)) / n)
}

/** The margin of error for a proportion as if unweighted (n) and allowing for the weights (n_eff). */
export function proportionMarginsOfError(
  p: number,
  weights: ArrayLike<number>,
  z: number = Z_95,
): Result<{ unweighted: number; weighted: number; n: number; effectiveN: number }, WeightsError> {
  if (!(p >= 0 && p <= 1)) return fail({ kind: 'invalid-proportion', proportion: p })
  const error = checkWeights(weights)
  if (error) return fail(error)
  const effectiveN = effectiveSampleSize(weights)
  return ok({ unweighted: marginOfError(p, weights.length, z), weighted: marginOfError(p, effectiveN, z), n: weights.length, effectiveN })
}

export interface PercentageRow {
  category: string
  respondents: number
  weightedCount: number
  /** weighted percentage of those who answered (0–100) */
  percent: number
  unweightedPercent: number
  /** ± percentage points at 95%, using the effective sample size of those who answered */
  marginOfError: number
}

export interface PercentageTable {
  rows: PercentageRow[]
  /** respondents with an answer (the base of every percentage) */
  base: { respondents: number; weightedCount: number; effectiveN: number; designEffect: number }
  /** respondents with no answer, left out of the base */
  missing: number
}

/**
 * A one-way weighted percentage table. `values[i]` is respondent i's answer
 * (null or undefined when not answered); `weights` default to 1. Categories
 * come out in the order given, then any others in order of first appearance.
 */
export function weightedPercentageTable(
  values: ReadonlyArray<string | null | undefined>,
  weights?: ArrayLike<number>,
  options: { categories?: readonly string[]; z?: number } = {},
): Result<PercentageTable, WeightsError> {
  const w = weights ?? new Float64Array(values.length).fill(1)
  if (w.length !== values.length) return fail({ kind: 'length-mismatch', values: values.length, weights: w.length })
  const error = checkWeights(w)
  if (error) return fail(error)
  const z = options.z ?? Z_95
  const order = new Map<string, number>()
  for (const c of options.categories ?? []) if (!order.has(c)) order.set(c, order.size)
  for (const v of values) if (v !== null && v !== undefined && !order.has(v)) order.set(v, order.size)
  const counts = new Float64Array(order.size)
  const weighted = new Float64Array(order.size)
  const baseWeights: number[] = []
  let missing = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (v === null || v === undefined) {
      missing++
      continue
    }
    const at = order.get(v)!
    counts[at]++
    weighted[at] += w[i]
    baseWeights.push(w[i])
  }
  let baseWeighted = 0
  for (const x of baseWeights) baseWeighted += x
  const effectiveN = effectiveSampleSize(baseWeights)
  const rows = [...order.keys()].map((category, at) => {
    const p = baseWeighted > 0 ? weighted[at] / baseWeighted : NaN
    return {
      category,
      respondents: counts[at],
      weightedCount: weighted[at],
      percent: 100 * p,
      unweightedPercent: baseWeights.length > 0 ? (100 * counts[at]) / baseWeights.length : NaN,
      marginOfError: 100 * marginOfError(p, effectiveN, z),
    }
  })
  return ok({
    rows,
    base: { respondents: baseWeights.length, weightedCount: baseWeighted, effectiveN, designEffect: effectiveN > 0 ? baseWeights.length / effectiveN : NaN },
    missing,
  })
}

/**
 * The same table as `weightedPercentageTable`, from answers already coded as
 * category indexes (`codes[i]` in 0..categories−1, or −1 when not answered):
 * no string per respondent, which matters when every question of 100,000
 * respondents is tabulated after raking.
 */
export function weightedCodedTable(
  codes: ArrayLike<number>,
  weights: ArrayLike<number>,
  categories: readonly string[],
  options: { z?: number } = {},
): Result<PercentageTable, WeightsError> {
  if (weights.length !== codes.length) return fail({ kind: 'length-mismatch', values: codes.length, weights: weights.length })
  const error = checkWeights(weights)
  if (error) return fail(error)
  const z = options.z ?? Z_95
  const k = categories.length
  const counts = new Float64Array(k)
  const weighted = new Float64Array(k)
  let missing = 0
  let answered = 0
  let baseWeighted = 0
  let baseSquares = 0
  for (let i = 0; i < codes.length; i++) {
    const at = codes[i]
    if (!(at >= 0 && at < k)) {
      missing++
      continue
    }
    const w = weights[i]
    counts[at]++
    weighted[at] += w
    answered++
    baseWeighted += w
    baseSquares += w * w
  }
  const effectiveN = baseSquares > 0 ? (baseWeighted * baseWeighted) / baseSquares : 0
  const rows = categories.map((category, at) => {
    const p = baseWeighted > 0 ? weighted[at] / baseWeighted : NaN
    return {
      category,
      respondents: counts[at],
      weightedCount: weighted[at],
      percent: 100 * p,
      unweightedPercent: answered > 0 ? (100 * counts[at]) / answered : NaN,
      marginOfError: 100 * marginOfError(p, effectiveN, z),
    }
  })
  return ok({
    rows,
    base: { respondents: answered, weightedCount: baseWeighted, effectiveN, designEffect: effectiveN > 0 ? answered / effectiveN : NaN },
    missing,
  })
}
