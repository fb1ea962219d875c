import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  effectiveSampleSize,
  marginOfError,
  proportionMarginsOfError,
  summariseWeights,
  weightedCodedTable,
  weightedPercentageTable,
} from '~/features/analysis/statistics/weights-summary.ts'

// Formulas: Kish, L. (1965) "Survey Sampling" (Wiley), and Kish, L. (1992)
// "Weighting for unequal P_i", Journal of Official Statistics 8(2):183–200:
// the design effect due to weighting is 1 + L = n Σw² / (Σw)² = 1 + CV²(w),
// so the effective sample size is n / (1 + L) = (Σw)² / Σw².
//
// Published worked examples reproduced below (inputs and printed results
// quoted from the sources, not recalled):
//  - Sawtooth Software, Lighthouse Studio manual, "Appendix E: Effective
//    Sample Size" (Kish's formula, five respondents with weights 1.5, 0.8,
//    1.2, 1.1, 2.5; page undated),
//    https://legacy.sawtoothsoftware.com/help/lighthouse-studio/manual/effective_sample_size.html
//  - Meta Platforms, "balance" Python package (facebookresearch/balance),
//    docstring "Examples" of `design_effect` ("Kish's design effect measure")
//    in balance/stats_and_plots/weights_stats.py, commit 0bfc653,
//    https://github.com/facebookresearch/balance/blob/0bfc653467e2320ac169d72226b703f3f4d1b4c6/balance/stats_and_plots/weights_stats.py
// Kish's own tables (1965, 1992) and the worked examples of the WikiJournal
// of Science article "Design effect" (2024, doi:10.15347/WJS/2024.004) were
// searched for and could not be read in the sources available here, so none
// of their figures is quoted. The other expected values below are computed by
// hand from the formulas above.

describe('Kish effective sample size and design effect', () => {
  it('reproduces the Sawtooth Software Lighthouse Studio manual, Appendix E (five respondents)', () => {
    // Source: Sawtooth Software, Lighthouse Studio manual, "Appendix E: Effective Sample Size",
    // https://legacy.sawtoothsoftware.com/help/lighthouse-studio/manual/effective_sample_size.html
    // Weights of respondents 1–5: 1.5, 0.8, 1.2, 1.1, 2.5. Quoted:
    //   "We square the sum of the weights: (1.5+0.8+1.2+1.1+2.5)2 = 50.41"
    //   "We sum the squares of the weights: (1.52+0.82+1.22+1.12+2.52) = 11.79"
    //   "The effective sample size is 50.41 / 11.79 = 4.28"
    // (superscript squares flattened in the stored page: "1.52" is 1.5², ")2" is )²;
    // the manual prints n_eff to 2 decimals; it prints no design effect, so the
    // deff below is only our n / n_eff = 5 × 11.79 / 50.41, not a published figure).
    const weights = [1.5, 0.8, 1.2, 1.1, 2.5]
    const result = summariseWeights(weights)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.unweightedN).toBe(5)
    expect(result.value.weightedN ** 2).toBeCloseTo(50.41, 9)
    expect(weights.reduce((s, w) => s + w * w, 0)).toBeCloseTo(11.79, 9)
    expect(result.value.effectiveN).toBeCloseTo(4.28, 2)
    expect(effectiveSampleSize(weights)).toBeCloseTo(4.28, 2)
    expect(result.value.designEffect).toBeCloseTo((5 * 11.79) / 50.41, 9)
  })

  it('reproduces the design_effect examples printed in the balance package docs (Meta)', () => {
    // Source: facebookresearch/balance, balance/stats_and_plots/weights_stats.py, docstring of
    // design_effect ("Kish's design effect measure"), commit 0bfc653467e2320ac169d72226b703f3f4d1b4c6,
    // https://github.com/facebookresearch/balance/blob/0bfc653467e2320ac169d72226b703f3f4d1b4c6/balance/stats_and_plots/weights_stats.py
    // Quoted: "design_effect(pd.Series((0, 1, 2, 3)))  # output:  # 1.5555555555555556"
    //         "design_effect(pd.Series((1, 1, 1000)))  # 2.9880418803112336"
    // balance computes mean(w²) / mean(w)², i.e. n Σw² / (Σw)² with the zero weight counted in n, as here.
    const withZero = summariseWeights([0, 1, 2, 3])
    expect(withZero.ok && withZero.value.designEffect).toBeCloseTo(1.5555555555555556, 12)
    // n_eff = n / deff = 4 / 1.5555… = 36/14 (Σw = 6, Σw² = 14).
    expect(withZero.ok && withZero.value.effectiveN).toBeCloseTo(36 / 14, 12)
    const dominated = summariseWeights([1, 1, 1000])
    expect(dominated.ok && dominated.value.designEffect).toBeCloseTo(2.9880418803112336, 12)
    expect(dominated.ok && dominated.value.cvSquared).toBeCloseTo(2.9880418803112336 - 1, 12)
  })

  it('two equal halves with weights 1 and 2', () => {
    // Σw = 6, Σw² = 10, n = 4: n_eff = 36/10 = 3.6, deff = 4 × 10 / 36 = 10/9.
    // CV²: mean 1.5, population variance 0.25, CV² = 0.25 / 2.25 = 1/9, so deff = 1 + 1/9.
    // Kish's closed form for two equal halves with weight ratio k: 2(1 + k²)/(1 + k)² = 2 × 5 / 9 = 10/9.
    const result = summariseWeights([1, 1, 2, 2])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.unweightedN).toBe(4)
    expect(result.value.weightedN).toBe(6)
    expect(result.value.effectiveN).toBeCloseTo(3.6, 12)
    expect(result.value.designEffect).toBeCloseTo(10 / 9, 12)
    expect(result.value.cvSquared).toBeCloseTo(1 / 9, 12)
    expect(result.value.meanWeight).toBe(1.5)
    expect([result.value.minWeight, result.value.maxWeight]).toEqual([1, 2])
  })

  it('one heavy weight: 9 respondents of weight 1 and one of weight 10', () => {
    // Σw = 19, Σw² = 109: n_eff = 361/109 ≈ 3.3119, deff = 10 × 109 / 361 ≈ 3.0194.
    const result = summariseWeights([...new Array(9).fill(1), 10])
    expect(result.ok && result.value.effectiveN).toBeCloseTo(361 / 109, 12)
    expect(result.ok && result.value.designEffect).toBeCloseTo(1090 / 361, 12)
  })

  it('equal weights cost nothing', () => {
    const result = summariseWeights(new Array(50).fill(3.7))
    expect(result.ok && result.value.effectiveN).toBeCloseTo(50, 9)
    expect(result.ok && result.value.designEffect).toBeCloseTo(1, 12)
  })

  it('deff = 1 + CV² and n_eff ≤ n for any positive weights', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 200 }), (weights) => {
        const result = summariseWeights(weights)
        if (!result.ok) return false
        const { designEffect, cvSquared, effectiveN, unweightedN } = result.value
        return Math.abs(designEffect - (1 + cvSquared)) < 1e-9 * designEffect && effectiveN <= unweightedN * (1 + 1e-12)
      }),
    )
  })

  it('typed errors for unusable weights', () => {
    expect(summariseWeights([])).toEqual({ ok: false, error: { kind: 'no-weights' } })
    expect(summariseWeights([1, -1])).toEqual({ ok: false, error: { kind: 'invalid-weight', index: 1 } })
    expect(summariseWeights([1, Number.NaN])).toEqual({ ok: false, error: { kind: 'invalid-weight', index: 1 } })
    expect(summariseWeights([0, 0])).toEqual({ ok: false, error: { kind: 'all-weights-zero' } })
    expect(effectiveSampleSize([])).toBe(0)
  })
})

describe('margin of error for a proportion', () => {
  it('1.96 √(p(1−p)/n), by hand', () => {
    // p = 0.5, n = 100: 1.96 × √(0.25/100) = 1.96 × 0.05 = 0.098.
    expect(marginOfError(0.5, 100)).toBeCloseTo(0.098, 12)
    // p = 0.2, n = 400: 1.96 × √(0.16/400) = 1.96 × 0.02 = 0.0392.
    expect(marginOfError(0.2, 400)).toBeCloseTo(0.0392, 12)
    expect(marginOfError(0.5, 0)).toBeNaN()
  })

  it('with and without the weights', () => {
    // 100 respondents: 50 of weight 1 and 50 of weight 3. Σw = 200, Σw² = 500, n_eff = 40000/500 = 80.
    // p = 0.5: unweighted 1.96 × √(0.25/100) = 0.098; weighted 1.96 × √(0.25/80) ≈ 0.109567.
    const weights = [...new Array(50).fill(1), ...new Array(50).fill(3)]
    const result = proportionMarginsOfError(0.5, weights)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.effectiveN).toBeCloseTo(80, 12)
    expect(result.value.unweighted).toBeCloseTo(0.098, 12)
    expect(result.value.weighted).toBeCloseTo(1.96 * Math.sqrt(0.25 / 80), 12)
    expect(result.value.weighted).toBeCloseTo(0.109567, 6)
    expect(proportionMarginsOfError(1.2, weights)).toEqual({ ok: false, error: { kind: 'invalid-proportion', proportion: 1.2 } })
  })
})

describe('weighted percentage table', () => {
  it('percentages of those who answered, with missing answers left out', () => {
    // Answers a, a, b, (none) with weights 1, 2, 3, 1. Base: 3 respondents, Σw = 6.
    // a: 3/6 = 50%, b: 3/6 = 50%; unweighted a 2/3, b 1/3.
    // n_eff of the base = 36 / (1 + 4 + 9) = 36/14; MOE = 100 × 1.96 × √(0.25 × 14/36) ≈ 61.11 points.
    const result = weightedPercentageTable(['a', 'a', 'b', null], [1, 2, 3, 1], { categories: ['b', 'a', 'c'] })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const { rows, base, missing } = result.value
    expect(missing).toBe(1)
    expect(base).toEqual({ respondents: 3, weightedCount: 6, effectiveN: expect.closeTo(36 / 14, 12), designEffect: expect.closeTo(3 / (36 / 14), 12) })
    expect(rows.map((r) => r.category)).toEqual(['b', 'a', 'c'])
    expect(rows[1]).toEqual({
      category: 'a',
      respondents: 2,
      weightedCount: 3,
      percent: 50,
      unweightedPercent: expect.closeTo(200 / 3, 12),
      marginOfError: expect.closeTo(100 * 1.96 * Math.sqrt((0.25 * 14) / 36), 9),
    })
    expect(rows[2]).toMatchObject({ category: 'c', respondents: 0, percent: 0, marginOfError: 0 })
  })

  it('unweighted when no weights are given', () => {
    const result = weightedPercentageTable(['yes', 'no', 'yes', 'yes'])
    expect(result.ok && result.value.rows.map((r) => [r.category, r.percent])).toEqual([
      ['yes', 75],
      ['no', 25],
    ])
    expect(weightedPercentageTable(['yes'], [1, 2])).toEqual({ ok: false, error: { kind: 'length-mismatch', values: 1, weights: 2 } })
  })
})

describe('weighted table from category indexes', () => {
  it('is the same table as from category names', () => {
    const categories = ['a', 'b', 'c']
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -1, max: 2 }), fc.double({ min: 0.1, max: 10, noNaN: true })), { minLength: 1, maxLength: 40 }), (people) => {
        const codes = people.map(([c]) => c)
        const weights = people.map(([, w]) => w)
        const byName = weightedPercentageTable(codes.map((c) => (c < 0 ? null : categories[c])), weights, { categories })
        expect(weightedCodedTable(codes, weights, categories)).toEqual(byName)
      }),
    )
  })

  it('gives typed errors for unusable input', () => {
    expect(weightedCodedTable([0, 1], [1], ['a', 'b'])).toEqual({ ok: false, error: { kind: 'length-mismatch', values: 2, weights: 1 } })
    expect(weightedCodedTable([0], [-1], ['a'])).toEqual({ ok: false, error: { kind: 'invalid-weight', index: 0 } })
  })
})
