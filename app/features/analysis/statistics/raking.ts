import { fail, ok, type Result } from './result.ts'

// Raking (iterative proportional fitting, Deming & Stephan 1940): adjust each
// respondent's weight, one control variable at a time, until the weighted
// distribution of every variable matches its target margin (e.g. the
// borough's Census 2021 age, sex and ethnic group shares). Each pass keeps the
// sample's own associations between variables; only the margins are forced.

/** A target margin: one control variable and its target per category. */
export interface RakingMargin {
  /** the respondent attribute this margin controls, e.g. 'ageBand' */
  variable: string
  /**
   * Target per category, as counts or proportions (see `targetType`). The
   * order is the order used to find an adjacent category when collapsing; use
   * the array form when categories look like numbers (object keys such as '1'
   * are reordered by JavaScript).
   */
  targets: Readonly<Record<string, number>> | ReadonlyArray<{ category: string; target: number }>
}

/** One respondent's category for each control variable. */
export type RakingRespondent = Readonly<Record<string, string | null | undefined>>

export interface RakingOptions {
  /** 'proportion': each margin sums to 1; 'count': each margin sums to the same population total. Default 'proportion'. */
  targetType?: 'proportion' | 'count'
  /** Starting (design) weights, one per respondent, all > 0. Default 1 each. */
  baseWeights?: ArrayLike<number>
  /** What the final weights add up to. Default: the population total for counts, the number of respondents for proportions (mean weight 1). */
  total?: number
  /** Full passes over all margins before giving up. Default 200. */
  maxIterations?: number
  /** Converged when every weighted category share is within this of its target share. Default 1e-6. */
  tolerance?: number
  /** How far a margin may be from summing to 1 (proportions) or to the first margin's total (counts, relative). Default 0.001, which absorbs rounding in published tables; the targets are then rescaled to agree exactly. */
  targetSumTolerance?: number
  /** Keep every weight within [lower × mean weight, upper × mean weight]; trimming and raking alternate until both hold. */
  weightCap?: { lower: number; upper: number }
  /** Merge any category with fewer than `minRespondents` respondents into a named category (`into[variable][category]`) or else an adjacent one. */
  collapse?: { minRespondents: number; into?: Readonly<Record<string, Readonly<Record<string, string>>>> }
}

export type RakingError =
  | { kind: 'no-respondents' }
  | { kind: 'no-margins' }
  | { kind: 'invalid-option'; option: string; message: string }
  | { kind: 'duplicate-margin'; variable: string }
  | { kind: 'invalid-base-weight'; respondentIndex: number }
  | { kind: 'invalid-target'; variable: string; category: string }
  | { kind: 'proportions-do-not-sum-to-one'; variable: string; sum: number }
  | { kind: 'margin-totals-differ'; variable: string; total: number; expectedTotal: number; firstVariable: string }
  | { kind: 'empty-category'; variable: string; category: string }
  | { kind: 'missing-category'; variable: string; respondentIndex: number }
  | { kind: 'unknown-category'; variable: string; category: string; respondentIndex: number }

export type RakingWarning =
  | { kind: 'categories-collapsed'; variable: string; categories: string[]; respondents: number; message: string }
  | { kind: 'margin-has-one-group'; variable: string; message: string }
  | { kind: 'zero-target-with-respondents'; variable: string; category: string; respondents: number; message: string }

export interface RakedGroup {
  /** the original categories in this group (more than one when collapsed) */
  categories: string[]
  respondents: number
  /** target and achieved weighted totals, in the units of `total` */
  target: number
  achieved: number
}

export interface RakingReport {
  converged: boolean
  /** full passes over all margins */
  iterations: number
  /** the largest |weighted share − target share| over every category of every margin */
  maxMarginError: number
  /** one weight per respondent, in input order; they add up to `total` */
  weights: number[]
  total: number
  margins: Array<{ variable: string; groups: RakedGroup[] }>
  warnings: RakingWarning[]
  /** present when converged is false: the weights are the best found, not a solution */
  notConverged?: { reason: 'max-iterations' | 'weight-cap'; message: string }
}

interface Group {
  categories: string[]
  share: number
  respondents: number
}

const DEFAULTS = { maxIterations: 200, tolerance: 1e-6, targetSumTolerance: 1e-3 }

function targetEntries(margin: RakingMargin): Array<{ category: string; target: number }> {
  if (Array.isArray(margin.targets)) return margin.targets.map((t) => ({ category: t.category, target: t.target }))
  return Object.entries(margin.targets as Record<string, number>).map(([category, target]) => ({ category, target }))
}

function checkOptions(options: RakingOptions): RakingError | undefined {
  const bad = (option: string, message: string): RakingError => ({ kind: 'invalid-option', option, message })
  const { maxIterations, tolerance, targetSumTolerance, weightCap, collapse, total } = options
  if (maxIterations !== undefined && !(Number.isInteger(maxIterations) && maxIterations >= 1)) return bad('maxIterations', 'must be a whole number of at least 1')
  if (tolerance !== undefined && !(tolerance > 0 && Number.isFinite(tolerance))) return bad('tolerance', 'must be a positive number')
  if (targetSumTolerance !== undefined && !(targetSumTolerance >= 0 && Number.isFinite(targetSumTolerance))) return bad('targetSumTolerance', 'must be zero or more')
  if (total !== undefined && !(total > 0 && Number.isFinite(total))) return bad('total', 'must be a positive number')
  if (weightCap) {
    const { lower, upper } = weightCap
    // The mean weight itself must be allowed, or no set of weights can satisfy the cap.
    if (!(lower >= 0 && lower <= 1)) return bad('weightCap.lower', 'must be between 0 and 1 (a multiple of the mean weight)')
    if (!(upper >= 1 && Number.isFinite(upper))) return bad('weightCap.upper', 'must be 1 or more (a multiple of the mean weight)')
  }
  if (collapse && !(Number.isInteger(collapse.minRespondents) && collapse.minRespondents >= 1)) return bad('collapse.minRespondents', 'must be a whole number of at least 1')
  return undefined
}

/**
 * Merges small categories, smallest first, into a named category or else the
 * adjacent one with fewer respondents, until every group has at least
 * `minRespondents` or only one group is left. Targets are added together.
 */
function collapseGroups(groups: Group[], minRespondents: number, named: Readonly<Record<string, string>>): Group[] {
  const out = groups.map((g) => ({ ...g, categories: [...g.categories] }))
  while (out.length > 1) {
    let small = -1
    for (let i = 0; i < out.length; i++) {
      if (out[i].respondents < minRespondents && (small < 0 || out[i].respondents < out[small].respondents)) small = i
    }
    if (small < 0) break
    const group = out[small]
    let partner = -1
    for (const category of group.categories) {
      const into = named[category]
      if (into === undefined) continue
      const at = out.findIndex((g, i) => i !== small && g.categories.includes(into))
      if (at >= 0) {
        partner = at
        break
      }
    }
    if (partner < 0) {
      const before = small - 1
      const after = small + 1
      if (before < 0) partner = after
      else if (after >= out.length) partner = before
      else partner = out[before].respondents < out[after].respondents ? before : after
    }
    const [first, second] = small < partner ? [small, partner] : [partner, small]
    const merged: Group = {
      categories: [...out[first].categories, ...out[second].categories],
      share: out[first].share + out[second].share,
      respondents: out[first].respondents + out[second].respondents,
    }
    out.splice(second, 1)
    out[first] = merged
  }
  return out
}

interface ParsedMargin {
  variable: string
  entries: Array<{ category: string; target: number }>
  index: Map<string, number>
  sum: number
}

/** Checks the options and every margin's targets; the shared first half of rake and rakeCoded. */
function parseMargins(margins: ReadonlyArray<RakingMargin>, n: number, options: RakingOptions): Result<{ parsed: ParsedMargin[]; total: number }, RakingError> {
  const optionError = checkOptions(options)
  if (optionError) return fail(optionError)
  if (n === 0) return fail({ kind: 'no-respondents' })
  if (margins.length === 0) return fail({ kind: 'no-margins' })
  const targetType = options.targetType ?? 'proportion'
  const sumTolerance = options.targetSumTolerance ?? DEFAULTS.targetSumTolerance
  const seen = new Set<string>()
  const parsed: ParsedMargin[] = []
  for (const margin of margins) {
    if (seen.has(margin.variable)) return fail({ kind: 'duplicate-margin', variable: margin.variable })
    seen.add(margin.variable)
    const entries = targetEntries(margin)
    const index = new Map<string, number>()
    let sum = 0
    for (const { category, target } of entries) {
      if (index.has(category) || !(target >= 0 && Number.isFinite(target))) return fail({ kind: 'invalid-target', variable: margin.variable, category })
      index.set(category, index.size)
      sum += target
    }
    if (entries.length === 0 || !(sum > 0)) return fail({ kind: 'invalid-target', variable: margin.variable, category: '' })
    parsed.push({ variable: margin.variable, entries, index, sum })
  }
  const first = parsed[0]
  for (const margin of parsed) {
    if (targetType === 'proportion' && Math.abs(margin.sum - 1) > sumTolerance) {
      return fail({ kind: 'proportions-do-not-sum-to-one', variable: margin.variable, sum: margin.sum })
    }
    if (targetType === 'count' && Math.abs(margin.sum - first.sum) > sumTolerance * first.sum) {
      return fail({ kind: 'margin-totals-differ', variable: margin.variable, total: margin.sum, expectedTotal: first.sum, firstVariable: first.variable })
    }
  }
  return ok({ parsed, total: options.total ?? (targetType === 'count' ? first.sum : n) })
}

/**
 * Rakes respondent weights to the target margins. Bad input comes back as a
 * typed error; failing to converge is not an error: the best weights found
 * come back with `converged: false` and a reason.
 */
export function rake(
  respondents: ReadonlyArray<RakingRespondent>,
  margins: ReadonlyArray<RakingMargin>,
  options: RakingOptions = {},
): Result<RakingReport, RakingError> {
  const n = respondents.length
  const checked = parseMargins(margins, n, options)
  if (!checked.ok) return checked
  // Each respondent's category index per margin; unknown or missing values are errors.
  const categoryOf: Int32Array[] = []
  for (const margin of checked.value.parsed) {
    const column = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const value = respondents[i][margin.variable]
      if (value === undefined || value === null || value === '') return fail({ kind: 'missing-category', variable: margin.variable, respondentIndex: i })
      const at = margin.index.get(value)
      if (at === undefined) return fail({ kind: 'unknown-category', variable: margin.variable, category: value, respondentIndex: i })
      column[i] = at
    }
    categoryOf.push(column)
  }
  return rakeParsed(n, checked.value.parsed, categoryOf, checked.value.total, options)
}

/**
 * The same as `rake`, for respondents already coded as small integers (what
 * the analysis dataset holds): `categoryOf[m][i]` is respondent i's index into
 * margin m's targets (in the order given), −1 when missing. No object per
 * respondent is made, which matters at 100,000 respondents.
 */
export function rakeCoded(
  n: number,
  margins: ReadonlyArray<RakingMargin & { categoryOf: ArrayLike<number> }>,
  options: RakingOptions = {},
): Result<RakingReport, RakingError> {
  const checked = parseMargins(margins, n, options)
  if (!checked.ok) return checked
  const categoryOf: Int32Array[] = []
  for (let m = 0; m < margins.length; m++) {
    const source = margins[m].categoryOf
    const size = checked.value.parsed[m].entries.length
    if (source.length !== n) return fail({ kind: 'invalid-option', option: 'categoryOf', message: `${margins[m].variable}: needs one category per respondent` })
    const column = Int32Array.from(source)
    for (let i = 0; i < n; i++) {
      const at = column[i]
      if (at < 0) return fail({ kind: 'missing-category', variable: margins[m].variable, respondentIndex: i })
      if (at >= size || !Number.isInteger(at)) return fail({ kind: 'unknown-category', variable: margins[m].variable, category: String(source[i]), respondentIndex: i })
    }
    categoryOf.push(column)
  }
  return rakeParsed(n, checked.value.parsed, categoryOf, checked.value.total, options)
}

function rakeParsed(n: number, parsed: ParsedMargin[], categoryOf: Int32Array[], total: number, options: RakingOptions): Result<RakingReport, RakingError> {
  const maxIterations = options.maxIterations ?? DEFAULTS.maxIterations
  const tolerance = options.tolerance ?? DEFAULTS.tolerance

  const base = new Float64Array(n)
  if (options.baseWeights) {
    if (options.baseWeights.length !== n) return fail({ kind: 'invalid-option', option: 'baseWeights', message: 'needs one weight per respondent' })
    for (let i = 0; i < n; i++) {
      const w = options.baseWeights[i]
      if (!(w > 0 && Number.isFinite(w))) return fail({ kind: 'invalid-base-weight', respondentIndex: i })
      base[i] = w
    }
  } else base.fill(1)

  const warnings: RakingWarning[] = []
  const plans: Array<{ variable: string; groups: Group[]; groupOf: Int32Array }> = []
  for (let m = 0; m < parsed.length; m++) {
    const margin = parsed[m]
    const index = margin.index
    const column = categoryOf[m]
    const counts = new Array<number>(margin.entries.length).fill(0)
    for (let i = 0; i < n; i++) counts[column[i]]++
    let groups: Group[] = margin.entries.map((e, i) => ({ categories: [e.category], share: e.target / margin.sum, respondents: counts[i] }))
    if (options.collapse) {
      const named = options.collapse.into?.[margin.variable] ?? {}
      for (const [from, to] of Object.entries(named)) {
        if (!index.has(from) || !index.has(to)) {
          return fail({ kind: 'invalid-option', option: 'collapse.into', message: `${margin.variable}: ${index.has(from) ? to : from} is not a target category` })
        }
      }
      groups = collapseGroups(groups, options.collapse.minRespondents, named)
      for (const g of groups) {
        if (g.categories.length > 1) {
          warnings.push({
            kind: 'categories-collapsed',
            variable: margin.variable,
            categories: g.categories,
            respondents: g.respondents,
            message: `${margin.variable}: ${g.categories.join(' + ')} raked as one group (${g.respondents} respondents)`,
          })
        }
      }
      if (groups.length === 1 && margin.entries.length > 1) {
        warnings.push({ kind: 'margin-has-one-group', variable: margin.variable, message: `${margin.variable}: every category was collapsed into one group, so it does not adjust the weights` })
      }
    }
    for (const g of groups) {
      // A zero target with no respondents is harmless; a positive target with none cannot be met.
      if (g.respondents === 0 && g.share > 0) return fail({ kind: 'empty-category', variable: margin.variable, category: g.categories.join(' + ') })
      if (g.respondents > 0 && g.share === 0) {
        warnings.push({
          kind: 'zero-target-with-respondents',
          variable: margin.variable,
          category: g.categories.join(' + '),
          respondents: g.respondents,
          message: `${margin.variable}: ${g.categories.join(' + ')} has a target of zero, so its ${g.respondents} respondents get weight 0`,
        })
      }
    }
    const groupOfCategory = new Int32Array(margin.entries.length)
    groups.forEach((g, gi) => g.categories.forEach((c) => (groupOfCategory[index.get(c)!] = gi)))
    const groupOf = new Int32Array(n)
    for (let i = 0; i < n; i++) groupOf[i] = groupOfCategory[column[i]]
    plans.push({ variable: margin.variable, groups, groupOf })
  }

  // Respondents in the same group of every margin (and with the same starting
  // weight) always get the same weight: every step multiplies or trims a whole
  // group alike. So the loop rakes cells (each combination of groups that has
  // respondents, with its number of respondents) rather than people: at most
  // a few thousand cells for 100,000 respondents.
  const M = plans.length
  const cells = toCells(
    n,
    plans.map((p) => p.groupOf),
    plans.map((p) => p.groups.length),
    options.baseWeights ? base : null,
  )
  const groupOf = cells.groupOf
  const count = cells.count
  let baseSum = 0
  for (let i = 0; i < n; i++) baseSum += base[i]
  // One weight per cell: the weight of each respondent in it.
  const weights = new Float64Array(cells.size)
  for (let c = 0; c < cells.size; c++) weights[c] = (cells.base[c] * total) / baseSum

  // The raking loop: flat typed arrays and nothing allocated per iteration.
  // Each pass over the cells applies one margin's factors and, in the same
  // pass, tallies the next margin; after the last margin, the weights are
  // trimmed to the cap and every margin tallied, which gives the convergence
  // check and the first margin's tally for the next iteration.
  const targets = plans.map((p) => Float64Array.from(p.groups, (g) => g.share * total))
  const sums = plans.map((p) => new Float64Array(p.groups.length))
  const factors = plans.map((p) => new Float64Array(p.groups.length))
  const mean = total / n
  const capped = Boolean(options.weightCap)
  const lo = options.weightCap ? options.weightCap.lower * mean : 0
  const hi = options.weightCap ? options.weightCap.upper * mean : Infinity

  /** Trims (when capped) and tallies every margin; returns the largest margin error. */
  const trimAndTally = (trim: boolean) => {
    if (trim) clip(weights, lo, hi)
    let worst = 0
    for (let m = 0; m < M; m++) {
      tally(sums[m], groupOf[m], weights, count)
      worst = Math.max(worst, largestGap(sums[m], targets[m]) / total)
    }
    return worst
  }

  const best = Float64Array.from(weights)
  let bestError = trimAndTally(false)
  let lastError = bestError
  let iterations = 0
  let converged = bestError <= tolerance && !outsideCap(weights, lo, hi)
  while (!converged && iterations < maxIterations) {
    iterations++
    // sums[m] holds margin m's tally of the current weights: the first from
    // trimAndTally, each next one from applying the margin before it.
    for (let m = 0; m < M; m++) {
      const s = sums[m]
      const t = targets[m]
      const f = factors[m]
      for (let g = 0; g < s.length; g++) f[g] = s[g] > 0 ? t[g] / s[g] : 1
      if (m + 1 < M) applyAndTally(weights, groupOf[m], f, sums[m + 1], groupOf[m + 1], count)
      else apply(weights, groupOf[m], f)
    }
    // Trimming inside the loop (as in Izrael, Battaglia & Frankel's IHB raking
    // macro): clip, then let the next pass restore the margins.
    const error = trimAndTally(capped)
    lastError = error
    if (error < bestError) {
      bestError = error
      best.set(weights)
    }
    converged = error <= tolerance
  }
  if (!converged) weights.set(best)
  const finalError = converged ? lastError : bestError
  // Report achieved totals for the weights actually returned.
  trimAndTally(false)
  const reportMargins = plans.map((p, m) => ({
    variable: p.variable,
    groups: p.groups.map((g, gi) => ({ categories: g.categories, respondents: g.respondents, target: targets[m][gi], achieved: sums[m][gi] })),
  }))
  const report: RakingReport = {
    converged,
    iterations,
    maxMarginError: finalError,
    // Each respondent gets their cell's weight.
    weights: Array.from(cells.cellOf, (c) => weights[c]),
    total,
    margins: reportMargins,
    warnings,
  }
  if (!converged) {
    report.notConverged = options.weightCap
      ? {
          reason: 'weight-cap',
          message: `margins not met within ${tolerance} after ${iterations} iterations with weights kept between ${options.weightCap.lower} and ${options.weightCap.upper} times the mean; the cap may be too tight for these targets (largest margin error ${finalError.toPrecision(3)})`,
        }
      : {
          reason: 'max-iterations',
          message: `margins not met within ${tolerance} after ${iterations} iterations (largest margin error ${finalError.toPrecision(3)}); check for categories that only occur together, or collapse small groups`,
        }
  }
  return ok(report)
}

// The loop's passes over the respondents, as small functions of typed arrays
// (so the engine optimises them once and reuses them every iteration).

/** Each group's weighted total: a cell's weight times its respondents. */
function tally(sums: Float64Array, groups: Int32Array, weights: Float64Array, count: Float64Array) {
  sums.fill(0)
  for (let i = 0; i < weights.length; i++) sums[groups[i]] += weights[i] * count[i]
}

function apply(weights: Float64Array, groups: Int32Array, factors: Float64Array) {
  for (let i = 0; i < weights.length; i++) weights[i] *= factors[groups[i]]
}

/** Applies one margin's factors and tallies the next margin in the same pass. */
function applyAndTally(weights: Float64Array, groups: Int32Array, factors: Float64Array, nextSums: Float64Array, nextGroups: Int32Array, count: Float64Array) {
  nextSums.fill(0)
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] * factors[groups[i]]
    weights[i] = w
    nextSums[nextGroups[i]] += w * count[i]
  }
}

interface Cells {
  size: number
  /** each respondent's cell */
  cellOf: Int32Array
  /** respondents per cell */
  count: Float64Array
  /** the starting weight of each respondent in the cell */
  base: Float64Array
  /** per margin, each cell's group */
  groupOf: Int32Array[]
}

/**
 * Groups respondents into cells: one per combination of groups that occurs,
 * or one per respondent when starting weights are given (respondents in one
 * combination may then start, and stay, different) or the combinations are
 * too many to number.
 */
function toCells(n: number, groupOf: Int32Array[], groupCounts: number[], baseWeights: Float64Array | null): Cells {
  let combinations = 1
  for (const k of groupCounts) combinations *= k
  if (baseWeights || combinations > Number.MAX_SAFE_INTEGER) {
    return { size: n, cellOf: Int32Array.from({ length: n }, (_, i) => i), count: new Float64Array(n).fill(1), base: baseWeights ?? new Float64Array(n).fill(1), groupOf }
  }
  const cellOfKey = new Map<number, number>()
  const cellOf = new Int32Array(n)
  const first: number[] = []
  for (let i = 0; i < n; i++) {
    let key = 0
    for (let m = 0; m < groupOf.length; m++) key = key * groupCounts[m] + groupOf[m][i]
    let cell = cellOfKey.get(key)
    if (cell === undefined) {
      cell = first.length
      cellOfKey.set(key, cell)
      first.push(i)
    }
    cellOf[i] = cell
  }
  const size = first.length
  const count = new Float64Array(size)
  for (let i = 0; i < n; i++) count[cellOf[i]]++
  return { size, cellOf, count, base: new Float64Array(size).fill(1), groupOf: groupOf.map((g) => Int32Array.from(first, (i) => g[i])) }
}

function clip(weights: Float64Array, lo: number, hi: number) {
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]
    if (w > hi) weights[i] = hi
    else if (w < lo) weights[i] = lo
  }
}

function largestGap(sums: Float64Array, targets: Float64Array): number {
  let worst = 0
  for (let g = 0; g < sums.length; g++) worst = Math.max(worst, Math.abs(sums[g] - targets[g]))
  return worst
}

function outsideCap(weights: Float64Array, lo: number, hi: number): boolean {
  for (let i = 0; i < weights.length; i++) if (weights[i] < lo || weights[i] > hi) return true
  return false
}
