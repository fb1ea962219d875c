import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  alphaByTheme,
  cohensKappa,
  kappaByTheme,
  krippendorffAlphaNominal,
  krippendorffBand,
  landisKochBand,
} from '~/features/analysis/statistics/agreement.ts'

const _ = null

/** Expands a two-coder agreement table into paired codes. */
function pairs(cells: Array<[string, string, number]>): [string[], string[]] {
  const a: string[] = []
  const b: string[] = []
  for (const [x, y, n] of cells) for (let i = 0; i < n; i++) a.push(x), b.push(y)
  return [a, b]
}

describe("Cohen's kappa", () => {
  it('matches a published table: Kavanagh et al. (2009), BMC Cancer 9:1, Table 2 (κ = 0.906)', () => {
    // Kavanagh et al. (2009), BMC Cancer 9:1, doi:10.1186/1471-2407-9-1, Table 2
    // "Calculation of the interobserver agreement (kappa coefficient)": two pathologists
    // scoring 18 cases 1+/2+/3+. Pathologist 1 1+: 7, 1, 0; 2+: 0, 8, 0; 3+: 0, 0, 2.
    // Published kappa 0.906. By hand: p_o = 17/18; p_e = (8×7 + 8×9 + 2×2)/18² = 132/324.
    const [a, b] = pairs([
      ['1+', '1+', 7],
      ['1+', '2+', 1],
      ['2+', '2+', 8],
      ['3+', '3+', 2],
    ])
    const result = cohensKappa(a, b)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.kappa.toFixed(3)).toBe('0.906')
    expect(result.value.observedAgreement).toBeCloseTo(17 / 18, 12)
    expect(result.value.expectedAgreement).toBeCloseTo(132 / 324, 12)
    expect(result.value.units).toBe(18)
    expect(result.value.band).toBe('almost-perfect')
  })

  it("Cohen's (1960) own example, Table 2(b), p. 45: 200 cases, three categories, κ = .29/.59", () => {
    // Cohen, J. (1960) "A coefficient of agreement for nominal scales", Educational and
    // Psychological Measurement 20(1):37–46, Table 2(b), p. 45: two judges classify 200
    // cases into three categories. The counts (judge A by rows, judge B by columns) are as
    // transcribed from that table in github.com/thomaspingel/cohens-kappa-matlab
    // (cohenskappa.m, "Cohen's test set, Table 2.b, page 45"): 88 14 18 / 10 40 10 / 2 6 12.
    // We could not read the journal page itself here, so the kappa it prints is not
    // quoted; from these counts: p_o = (88 + 40 + 12)/200 = .70; the marginal proportions
    // are .60 .30 .10 (rows) and .50 .30 .20 (columns), so p_c = .30 + .09 + .02 = .41
    // and κ = (.70 − .41)/(1 − .41) = .29/.59 ≈ .4915.
    const labels = ['I', 'II', 'III']
    const table = [
      [88, 14, 18],
      [10, 40, 10],
      [2, 6, 12],
    ]
    const [a, b] = pairs(table.flatMap((row, i) => row.map((n, j): [string, string, number] => [labels[i]!, labels[j]!, n])))
    const result = cohensKappa(a, b)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.units).toBe(200)
    expect(result.value.observedAgreement).toBeCloseTo(0.7, 12)
    expect(result.value.expectedAgreement).toBeCloseTo(0.41, 12)
    expect(result.value.kappa).toBeCloseTo(0.29 / 0.59, 12)
    expect(result.value.kappa.toFixed(3)).toBe('0.492')
    expect(result.value.band).toBe('moderate')
  })

  it("binary codes, by hand with Cohen's (1960) κ = (p_o − p_e)/(1 − p_e) on Krippendorff's (2011) binary data", () => {
    // Cohen, J. (1960) "A coefficient of agreement for nominal scales", Educational and
    // Psychological Measurement 20(1):37–46. The two coders of Krippendorff's (2011) binary
    // example: they agree on 6 of 10 units (p_o = 0.6); coder A says 1 twice, coder B four
    // times, so p_e = 0.2 × 0.4 + 0.8 × 0.6 = 0.56 and κ = 0.04 / 0.44 = 1/11.
    const result = cohensKappa([0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0])
    expect(result.ok && result.value.kappa).toBeCloseTo(1 / 11, 12)
    expect(result.ok && result.value.band).toBe('slight')
  })

  it('skips units one coder left blank', () => {
    const result = cohensKappa(['x', 'y', _, 'x'], ['x', 'y', 'y', undefined])
    expect(result.ok && result.value).toMatchObject({ kappa: 1, units: 2, unitsSkipped: 2 })
  })

  it('says clearly when kappa is undefined or cannot be computed', () => {
    expect(cohensKappa([true, true, true], [true, true, true])).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'undefined-no-variation', value: true }),
    })
    expect(cohensKappa(['a'], ['a', 'b'])).toEqual({ ok: false, error: { kind: 'length-mismatch', coderA: 1, coderB: 2 } })
    expect(cohensKappa([_, 'a'], ['a', _])).toEqual({ ok: false, error: expect.objectContaining({ kind: 'too-few-pairable-values' }) })
  })

  it('Landis & Koch (1977) bands', () => {
    // Landis, J. R. & Koch, G. G. (1977) "The measurement of observer agreement for categorical
    // data", Biometrics 33(1):159–174, p. 165: <0 poor, 0–.20 slight, .21–.40 fair,
    // .41–.60 moderate, .61–.80 substantial, .81–1 almost perfect.
    expect([-0.1, 0, 0.2, 0.21, 0.4, 0.41, 0.6, 0.61, 0.8, 0.81, 1].map(landisKochBand)).toEqual([
      'poor',
      'slight',
      'slight',
      'fair',
      'fair',
      'moderate',
      'moderate',
      'substantial',
      'substantial',
      'almost-perfect',
      'almost-perfect',
    ])
  })

  it('per theme, each theme as applied / not applied', () => {
    const units = [
      { a: ['housing', 'parks'], b: ['housing'] },
      { a: ['housing'], b: ['housing'] },
      { a: [], b: ['parks'] },
      { a: ['parks'], b: ['parks'] },
    ]
    const [housing, parks, crime] = kappaByTheme(units, ['housing', 'parks', 'crime'])
    // housing: both apply it to units 1 and 2 only → perfect agreement.
    expect(housing.result.ok && housing.result.value.kappa).toBe(1)
    // parks: A = 1,0,0,1; B = 0,0,1,1 → p_o = 0.5, p_e = 0.5 × 0.5 + 0.5 × 0.5 = 0.5 → κ = 0.
    expect(parks.result.ok && parks.result.value.kappa).toBe(0)
    // crime: never applied by either coder → undefined, not 1.
    expect(crime.result).toEqual({ ok: false, error: expect.objectContaining({ kind: 'undefined-no-variation', value: false }) })
  })
})

describe("Krippendorff's alpha (nominal)", () => {
  // Krippendorff, K. (2011) "Computing Krippendorff's Alpha-Reliability", Annenberg School for
  // Communication, University of Pennsylvania (departmental paper 43).

  it('section C: nominal data, 4 observers, 12 units, missing values: α = 0.743', () => {
    const data = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ]
    const result = krippendorffAlphaNominal(data)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.alpha.toFixed(3)).toBe('0.743')
    // Unit 12 has one value and cannot be paired; the other 11 units hold 40 values.
    expect(result.value.pairableUnits).toBe(11)
    expect(result.value.pairableValues).toBeCloseTo(40, 12)
    // Pairable values per category, counted by hand from the data: 1 → 9, 2 → 13, 3 → 10, 4 → 5, 5 → 3.
    const { values, matrix } = result.value.coincidences
    const totals = matrix.map((row) => row.reduce((s, x) => s + x, 0))
    expect(Object.fromEntries(values.map((v, i) => [v, Math.round(totals[i] * 1e9) / 1e9]))).toEqual({ 1: 9, 2: 13, 3: 10, 4: 5, 5: 3 })
    expect(result.value.band).toBe('tentative')
  })

  it('section A: binary data, two observers, no missing data: α = 0.095', () => {
    const result = krippendorffAlphaNominal([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.alpha.toFixed(3)).toBe('0.095')
    // Coincidences o00 = 10, o01 = o10 = 4, o11 = 2; α = 1 − (20 − 1) × 4 / (14 × 6).
    expect(result.value.alpha).toBeCloseTo(1 - (19 * 4) / (14 * 6), 12)
    expect(result.value.band).toBe('unreliable')
  })

  it('Krippendorff bands: ≥ .800 reliable, ≥ .667 tentative, else unreliable', () => {
    expect([0.8, 0.799, 0.667, 0.666, -0.2].map(krippendorffBand)).toEqual(['reliable', 'tentative', 'tentative', 'unreliable', 'unreliable'])
  })

  it('is undefined when every coder used one value throughout', () => {
    const result = krippendorffAlphaNominal([
      ['a', 'a', _],
      ['a', 'a', 'a'],
    ])
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ kind: 'undefined-no-variation', value: 'a' }) })
  })

  it('needs at least two pairable values', () => {
    expect(krippendorffAlphaNominal([['a', _], [_, 'b']])).toEqual({ ok: false, error: expect.objectContaining({ kind: 'too-few-pairable-values', pairableValues: 0 }) })
    expect(krippendorffAlphaNominal([['a', 'b']])).toEqual({ ok: false, error: expect.objectContaining({ kind: 'too-few-pairable-values' }) })
    expect(krippendorffAlphaNominal([])).toEqual({ ok: false, error: expect.objectContaining({ kind: 'too-few-pairable-values' }) })
  })

  it('is 1 for perfect agreement, and α = 1 − D_o/D_e with n = 2 × units for two coders', () => {
    const perfect = krippendorffAlphaNominal([
      ['a', 'b', 'c', 'a'],
      ['a', 'b', 'c', 'a'],
      ['a', _, 'c', 'a'],
    ])
    expect(perfect.ok && perfect.value.alpha).toBe(1)
    // Two coders, no missing data: every unit contributes two pairable values.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('x', 'y', 'z'), fc.constantFrom('x', 'y', 'z')), { minLength: 2, maxLength: 40 }), (units) => {
        const r = krippendorffAlphaNominal([units.map((u) => u[0]), units.map((u) => u[1])])
        if (!r.ok) return r.error.kind === 'undefined-no-variation'
        return Math.abs(r.value.alpha - (1 - r.value.observedDisagreement / r.value.expectedDisagreement)) < 1e-12 && r.value.pairableValues === 2 * units.length
      }),
    )
  })

  it('per theme with any number of coders and gaps', () => {
    // Three coders; coder 3 did not code unit 2.
    const units = [
      [['parks'], ['parks'], ['parks']],
      [['parks', 'crime'], ['crime'], null],
      [[], [], ['crime']],
      [['crime'], ['crime'], ['crime']],
    ]
    const [parks] = alphaByTheme(units, ['parks'])
    const direct = krippendorffAlphaNominal([
      [true, true, false, false],
      [true, false, false, false],
      [true, _, false, false],
    ])
    expect(parks.result).toEqual(direct)
  })
})
