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
// so the effective sample size is n / (1 + L) = (Σw)² / Σw². The expected
// values below are computed by hand from those formulas. A worked example with
// Kish's own published figures (a table of weights and its printed 1 + L, with
// its page) was searched for and not found in the sources available here, so
// none is quoted: no published number below is invented or recalled from memory.

describe('Kish effective sample size and design effect', () => {
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
