import { fail, ok, type Result } from './result.ts'

// Do two (or more) people coding free-text answers into themes agree more
// than chance would give? Cohen's kappa for two coders; Krippendorff's alpha
// for any number of coders with gaps. Both are chance-corrected, so a theme
// that almost nobody applies does not look reliable just because both coders
// nearly always said "not applied".

/** A code a coder gave a unit; null or undefined means the coder did not code it. */
export type CodeValue = string | number | boolean

export type AgreementError =
  | { kind: 'length-mismatch'; coderA: number; coderB: number }
  | { kind: 'too-few-pairable-values'; pairableValues: number; message: string }
  | { kind: 'undefined-no-variation'; value: CodeValue; message: string }

// ---------------------------------------------------------------------------
// Cohen's kappa (Cohen 1960)

/** Landis & Koch (1977) labels: poor < 0, slight 0–0.20, fair 0.21–0.40, moderate 0.41–0.60, substantial 0.61–0.80, almost perfect 0.81–1. */
export type LandisKochBand = 'poor' | 'slight' | 'fair' | 'moderate' | 'substantial' | 'almost-perfect'

/** The Landis & Koch band; a value between their two-decimal bounds (e.g. 0.205) goes to the lower band. */
export function landisKochBand(rawKappa: number): LandisKochBand {
  // Round away floating-point noise first: 0.6000000000000001 is 0.6, "moderate".
  const kappa = Math.round(rawKappa * 1e9) / 1e9
  if (kappa < 0) return 'poor'
  if (kappa <= 0.2) return 'slight'
  if (kappa <= 0.4) return 'fair'
  if (kappa <= 0.6) return 'moderate'
  if (kappa <= 0.8) return 'substantial'
  return 'almost-perfect'
}

export interface KappaReport {
  kappa: number
  /** p_o: share of units both coders coded the same */
  observedAgreement: number
  /** p_e: agreement expected from each coder's own category shares */
  expectedAgreement: number
  /** units coded by both coders */
  units: number
  /** units left out because one coder gave no code */
  unitsSkipped: number
  band: LandisKochBand
}

/**
 * Cohen's kappa for two coders on one nominal code: κ = (p_o − p_e) / (1 − p_e).
 * Units that either coder left blank are skipped. When both coders used one and
 * the same category for every unit, p_e = 1 and kappa is undefined.
 */
export function cohensKappa(
  coderA: ReadonlyArray<CodeValue | null | undefined>,
  coderB: ReadonlyArray<CodeValue | null | undefined>,
): Result<KappaReport, AgreementError> {
  if (coderA.length !== coderB.length) return fail({ kind: 'length-mismatch', coderA: coderA.length, coderB: coderB.length })
  const countsA = new Map<CodeValue, number>()
  const countsB = new Map<CodeValue, number>()
  let units = 0
  let agreed = 0
  for (let i = 0; i < coderA.length; i++) {
    const a = coderA[i]
    const b = coderB[i]
    if (a === null || a === undefined || b === null || b === undefined) continue
    units++
    if (a === b) agreed++
    countsA.set(a, (countsA.get(a) ?? 0) + 1)
    countsB.set(b, (countsB.get(b) ?? 0) + 1)
  }
  if (units === 0) return fail({ kind: 'too-few-pairable-values', pairableValues: 0, message: 'no unit was coded by both coders' })
  let expected = 0
  for (const [value, count] of countsA) expected += (count / units) * ((countsB.get(value) ?? 0) / units)
  const observed = agreed / units
  if (expected >= 1) {
    const value = countsA.keys().next().value as CodeValue
    return fail({ kind: 'undefined-no-variation', value, message: `both coders gave every unit the same code (${String(value)}), so agreement beyond chance cannot be measured` })
  }
  const kappa = (observed - expected) / (1 - expected)
  return ok({ kappa, observedAgreement: observed, expectedAgreement: expected, units, unitsSkipped: coderA.length - units, band: landisKochBand(kappa) })
}

/** One unit as coded by two coders: the themes each applied. */
export interface TwoCoderUnit {
  a: readonly string[]
  b: readonly string[]
}

/** Kappa per theme, each theme as a binary code: applied or not applied. */
export function kappaByTheme(units: ReadonlyArray<TwoCoderUnit>, themes: readonly string[]): Array<{ theme: string; result: Result<KappaReport, AgreementError> }> {
  return themes.map((theme) => ({
    theme,
    result: cohensKappa(
      units.map((u) => u.a.includes(theme)),
      units.map((u) => u.b.includes(theme)),
    ),
  }))
}

// ---------------------------------------------------------------------------
// Krippendorff's alpha, nominal (Krippendorff 2011, coincidence-matrix method)

/** Krippendorff's guidance: α ≥ .800 reliable; .667 ≤ α < .800 for tentative conclusions only; below .667 unreliable. */
export type AlphaBand = 'reliable' | 'tentative' | 'unreliable'

export function krippendorffBand(alpha: number): AlphaBand {
  if (alpha >= 0.8) return 'reliable'
  if (alpha >= 0.667) return 'tentative'
  return 'unreliable'
}

export interface AlphaReport {
  alpha: number
  /** D_o: share of pairable values in disagreeing pairs */
  observedDisagreement: number
  /** D_e: the same expected by chance from the pooled values */
  expectedDisagreement: number
  /** n: values in units that at least two coders coded */
  pairableValues: number
  /** units with at least two values */
  pairableUnits: number
  /** the coincidence matrix o_ck, rows and columns in the order of `values` */
  coincidences: { values: CodeValue[]; matrix: number[][] }
  band: AlphaBand
}

/**
 * Krippendorff's alpha for nominal data. `data[coder][unit]` is the value a
 * coder gave a unit, null or undefined when missing (rows may differ in
 * length). Units with fewer than two values cannot be paired and are ignored.
 */
export function krippendorffAlphaNominal(data: ReadonlyArray<ReadonlyArray<CodeValue | null | undefined>>): Result<AlphaReport, AgreementError> {
  const unitCount = data.reduce((m, row) => Math.max(m, row.length), 0)
  const index = new Map<CodeValue, number>()
  const perUnit: number[][] = []
  for (let u = 0; u < unitCount; u++) {
    const values: number[] = []
    for (const row of data) {
      const v = row[u]
      if (v === null || v === undefined) continue
      if (!index.has(v)) index.set(v, index.size)
      values.push(index.get(v)!)
    }
    if (values.length >= 2) perUnit.push(values)
  }
  const k = index.size
  // o_ck: each unit with m_u values adds 1/(m_u − 1) for every ordered pair of values from different coders.
  const o = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (const values of perUnit) {
    const m = values.length
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) if (i !== j) o[values[i]][values[j]] += 1 / (m - 1)
  }
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0))
  const n = nc.reduce((s, x) => s + x, 0)
  const values = [...index.keys()]
  if (n < 2) {
    return fail({ kind: 'too-few-pairable-values', pairableValues: n, message: 'alpha needs at least one unit coded by two or more coders' })
  }
  let disagreeing = 0
  let chanceDisagreeing = 0
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < k; j++) {
      if (c === j) continue
      disagreeing += o[c][j]
      chanceDisagreeing += nc[c] * nc[j]
    }
  }
  // Every pairable value is the same: D_e = 0, alpha = 0/0.
  if (chanceDisagreeing === 0) {
    const only = values[nc.findIndex((x) => x > 0)]
    return fail({ kind: 'undefined-no-variation', value: only, message: `every coder gave every unit the same value (${String(only)}), so reliability cannot be assessed` })
  }
  const observedDisagreement = disagreeing / n
  const expectedDisagreement = chanceDisagreeing / (n * (n - 1))
  const alpha = 1 - observedDisagreement / expectedDisagreement
  return ok({
    alpha,
    observedDisagreement,
    expectedDisagreement,
    pairableValues: n,
    pairableUnits: perUnit.length,
    coincidences: { values, matrix: o },
    band: krippendorffBand(alpha),
  })
}

/**
 * Alpha per theme, each theme binary (applied / not applied).
 * `units[unit][coder]` lists the themes that coder applied, or is null when
 * that coder did not code the unit.
 */
export function alphaByTheme(
  units: ReadonlyArray<ReadonlyArray<readonly string[] | null | undefined>>,
  themes: readonly string[],
): Array<{ theme: string; result: Result<AlphaReport, AgreementError> }> {
  const coders = units.reduce((m, u) => Math.max(m, u.length), 0)
  return themes.map((theme) => {
    const data = Array.from({ length: coders }, (_, c) =>
      units.map((u) => {
        const applied = u[c]
        return applied === null || applied === undefined ? null : applied.includes(theme)
      }),
    )
    return { theme, result: krippendorffAlphaNominal(data) }
  })
}
