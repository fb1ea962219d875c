import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { rake, rakeCoded, type RakingRespondent } from '~/features/analysis/statistics/raking.ts'

// Worked examples. One published example is reproduced below (the 4×4 table
// of the Wikipedia article on iterative proportional fitting, with its fitted
// values as printed by ProportionalFitting.jl). We could not obtain the
// published tables of Deming & Stephan (1940), "On a least squares adjustment of a sampled frequency table
// when the expected marginal totals are known", Annals of Mathematical
// Statistics 11(4):427–444, nor of Battaglia, Hoaglin & Frankel (2009),
// "Practical considerations in raking survey data", Survey Practice 2(5), nor
// the raking example of Lohr, "Sampling: Design and Analysis" (its table and
// fitted weights were searched for and not found in the sources available
// here; no figure of theirs is quoted or recalled from memory), in
// this environment, so the other examples below are constructed so that their
// answers follow analytically from two known properties of raking (iterative
// proportional fitting):
//  1. When the sample table is already independent (every row has the same
//     column proportions), one pass gives the fitted cell totals
//     row target × column target / total (Bishop, Fienberg & Holland 1975,
//     "Discrete Multivariate Analysis", ch. 3: closed-form fit under independence).
//  2. Raking keeps the sample's cross-product (odds) ratios (Mosteller 1968,
//     "Association and estimation in contingency tables", JASA 63:1–28), so a
//     2×2 fit is the root of a quadratic.

/** n copies of a respondent with these categories. */
function people(cells: Array<[Record<string, string>, number]>): RakingRespondent[] {
  return cells.flatMap(([categories, n]) => Array.from({ length: n }, () => categories))
}

const sexAge = people([
  [{ sex: 'M', age: 'young' }, 10],
  [{ sex: 'M', age: 'old' }, 30],
  [{ sex: 'F', age: 'young' }, 15],
  [{ sex: 'F', age: 'old' }, 45],
])

// Odds ratio (30 × 40) / (10 × 20) = 6.
const associated = people([
  [{ a: '1', b: '1' }, 30],
  [{ a: '1', b: '2' }, 10],
  [{ a: '2', b: '1' }, 20],
  [{ a: '2', b: '2' }, 40],
])
const associatedMargins = [
  { variable: 'a', targets: { '1': 0.5, '2': 0.5 } },
  { variable: 'b', targets: { '1': 0.4, '2': 0.6 } },
]
const firstOfEachCell = [0, 30, 40, 60] // indexes of a (1,1), (1,2), (2,1), (2,2) respondent

describe('rake: worked examples', () => {
  it('fits an independent 2×2 in one pass to the products of the margins', () => {
    // Sample: age is young:old = 1:3 for both sexes (independent).
    // Targets: sex 50/50, age 40/60, total n = 100.
    // Sex step: M × 50/40 = 1.25, F × 50/60 = 5/6. Weighted age is then 25 young / 75 old,
    // so age step: young × 40/25 = 1.6, old × 60/75 = 0.8. Sex margins stay at 50/50.
    // Weights: M young 2, M old 1, F young 4/3, F old 2/3; cell totals 20, 30, 20, 30 = 100 × 0.5 × 0.4 etc.
    const result = rake(sexAge, [
      { variable: 'sex', targets: { M: 0.5, F: 0.5 } },
      { variable: 'age', targets: { young: 0.4, old: 0.6 } },
    ])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const { converged, iterations, weights, maxMarginError, total } = result.value
    expect(converged).toBe(true)
    expect(iterations).toBe(1)
    expect(total).toBe(100)
    expect(maxMarginError).toBeLessThan(1e-12)
    expect(weights[0]).toBeCloseTo(2, 12)
    expect(weights[10]).toBeCloseTo(1, 12)
    expect(weights[40]).toBeCloseTo(4 / 3, 12)
    expect(weights[55]).toBeCloseTo(2 / 3, 12)
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(100, 9)
  })

  it('keeps the odds ratio of an associated 2×2 (root of a quadratic)', () => {
    // Fitted x11 with rows 50/50, columns 40/60, N = 100 and odds ratio 6:
    // x11 (100 − 50 − 40 + x11) = 6 (50 − x11)(40 − x11)  ⇒  x11² − 110 x11 + 2400 = 0
    // ⇒ x11 = (110 − √(12100 − 9600)) / 2 = 30 (the other root, 80, exceeds the margins).
    // So the fitted table is 30, 20 / 10, 40 and the cell weights 30/30, 20/10, 10/20, 40/40.
    const result = rake(associated, associatedMargins, { tolerance: 1e-10 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.converged).toBe(true)
    expect(result.value.iterations).toBeGreaterThan(1)
    const w = firstOfEachCell.map((i) => result.value.weights[i])
    expect(w[0]).toBeCloseTo(1, 8)
    expect(w[1]).toBeCloseTo(2, 8)
    expect(w[2]).toBeCloseTo(0.5, 8)
    expect(w[3]).toBeCloseTo(1, 8)
    // The fitted table keeps the sample's odds ratio.
    expect((30 * w[0] * 40 * w[3]) / (10 * w[1] * 20 * w[2])).toBeCloseTo(6, 6)
    const a = result.value.margins[0]
    expect(a.groups.map((g) => g.achieved)).toEqual([expect.closeTo(50, 6), expect.closeTo(50, 6)])
  })

  it('rakes to population counts with design weights', () => {
    // Same independent sample with base weight 2 each; count targets (total 1,000) give ten times the proportion weights.
    const result = rake(
      sexAge,
      [
        { variable: 'sex', targets: [{ category: 'M', target: 500 }, { category: 'F', target: 500 }] },
        { variable: 'age', targets: [{ category: 'young', target: 400 }, { category: 'old', target: 600 }] },
      ],
      { targetType: 'count', baseWeights: new Array(100).fill(2) },
    )
    expect(result.ok && result.value.total).toBe(1000)
    expect(result.ok && result.value.weights[0]).toBeCloseTo(20, 9)
    expect(result.ok && result.value.weights[55]).toBeCloseTo(20 / 3, 9)
  })

  it('reproduces the published 4×4 example: Wikipedia "Iterative proportional fitting", Example section', () => {
    // Seed table X = [40 30 20 10; 35 50 100 75; 30 80 70 120; 20 30 40 50], row targets
    // 150, 300, 400, 150 and column targets 200, 300, 400, 100: the example in the Wikipedia
    // article "Iterative proportional fitting" (section "Example"). The converged table below
    // is as printed, to six significant figures, in the README of ProportionalFitting.jl
    // (github.com/vankesteren/ProportionalFitting.jl, "Showcase"), which fits that example.
    // As raking: one respondent per cell with the seed count as its design weight, and the
    // row and column totals as count margins; the raked weights are the fitted cells.
    const seed = [
      [40, 30, 20, 10],
      [35, 50, 100, 75],
      [30, 80, 70, 120],
      [20, 30, 40, 50],
    ]
    const published = [
      [64.5585, 46.2325, 35.3843, 3.82473],
      [49.9679, 68.1594, 156.499, 25.3742],
      [56.7219, 144.428, 145.082, 53.7673],
      [28.7516, 41.18, 63.0347, 17.0337],
    ]
    const respondents = seed.flatMap((row, r) => row.map((_, c) => ({ row: `r${r}`, column: `c${c}` })))
    const result = rake(
      respondents,
      [
        { variable: 'row', targets: [150, 300, 400, 150].map((target, r) => ({ category: `r${r}`, target })) },
        { variable: 'column', targets: [200, 300, 400, 100].map((target, c) => ({ category: `c${c}`, target })) },
      ],
      { targetType: 'count', baseWeights: seed.flat(), tolerance: 1e-12, maxIterations: 1000 },
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.converged).toBe(true)
    const fitted = result.value.weights
    published.flat().forEach((cell, i) => expect(Math.abs(fitted[i]! - cell) / cell).toBeLessThan(5e-5))
  })
})

describe('rakeCoded: the same raking from category indexes', () => {
  it('gives exactly the weights and report of rake', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 })), { minLength: 12, maxLength: 60 }),
        fc.boolean(),
        (people, capped) => {
          // Every combination present, so both have something to rake.
          const all = [...people, [0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]] as [number, number][]
          const margins = [
            { variable: 'a', targets: [{ category: 'x', target: 0.5 }, { category: 'y', target: 0.3 }, { category: 'z', target: 0.2 }] },
            { variable: 'b', targets: [{ category: 'p', target: 0.6 }, { category: 'q', target: 0.4 }] },
          ]
          const options = capped ? { weightCap: { lower: 0.5, upper: 2 } } : {}
          const byName = rake(all.map(([a, b]) => ({ a: ['x', 'y', 'z'][a]!, b: ['p', 'q'][b]! })), margins, options)
          const byIndex = rakeCoded(all.length, [
            { ...margins[0]!, categoryOf: all.map(([a]) => a) },
            { ...margins[1]!, categoryOf: all.map(([, b]) => b) },
          ], options)
          expect(byIndex).toEqual(byName)
        },
      ),
    )
  })

  it('rakes cells of identical respondents to the same weights as raking each person', () => {
    // Without starting weights, respondents alike in every margin are raked as one cell;
    // with starting weights (here all 1) each person is raked on their own.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 1 })), { minLength: 10, maxLength: 80 }), fc.boolean(), (people, capped) => {
        const all = [...people, [0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]] as [number, number][]
        const margins = [
          { variable: 'a', targets: [{ category: 'x', target: 0.2 }, { category: 'y', target: 0.5 }, { category: 'z', target: 0.3 }], categoryOf: all.map(([a]) => a) },
          { variable: 'b', targets: [{ category: 'p', target: 0.45 }, { category: 'q', target: 0.55 }], categoryOf: all.map(([, b]) => b) },
        ]
        const options = capped ? { weightCap: { lower: 0.3, upper: 3 } } : {}
        const cells = rakeCoded(all.length, margins, options)
        const people1 = rakeCoded(all.length, margins, { ...options, baseWeights: new Array(all.length).fill(1) })
        expect(cells.ok && people1.ok).toBe(true)
        if (!cells.ok || !people1.ok) return
        expect(cells.value.converged).toBe(people1.value.converged)
        cells.value.weights.forEach((w, i) => expect(w).toBeCloseTo(people1.value.weights[i]!, 6))
      }),
    )
  })

  it('reports a missing or unknown category as rake does', () => {
    const margins = [{ variable: 'a', targets: { x: 0.5, y: 0.5 }, categoryOf: [0, -1, 1] }]
    expect(rakeCoded(3, margins)).toEqual({ ok: false, error: { kind: 'missing-category', variable: 'a', respondentIndex: 1 } })
    expect(rakeCoded(3, [{ ...margins[0]!, categoryOf: [0, 2, 1] }])).toEqual({ ok: false, error: { kind: 'unknown-category', variable: 'a', category: '2', respondentIndex: 1 } })
    expect(rakeCoded(2, margins).ok).toBe(false)
  })
})

describe('rake: weight cap', () => {
  // Along the margins of the associated table, x11 is free and the cell weights are
  // w11 = x11/30, w12 = (50 − x11)/10, w21 = (40 − x11)/20, w22 = (10 + x11)/40 (mean weight 1).
  it('trims to [0.4, 1.9] × mean, a cap the margins allow (31 ≤ x11 ≤ 32)', () => {
    // w12 ≤ 1.9 needs x11 ≥ 31; w21 ≥ 0.4 needs x11 ≤ 32; the other bounds are looser.
    const result = rake(associated, associatedMargins, { weightCap: { lower: 0.4, upper: 1.9 }, maxIterations: 1000 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const { converged, weights, maxMarginError } = result.value
    expect(converged).toBe(true)
    expect(maxMarginError).toBeLessThanOrEqual(1e-6)
    expect(Math.max(...weights)).toBeLessThanOrEqual(1.9 + 1e-12)
    expect(Math.min(...weights)).toBeGreaterThanOrEqual(0.4 - 1e-12)
    const x11 = 30 * weights[0]
    expect(x11).toBeGreaterThanOrEqual(31 - 1e-4)
    expect(x11).toBeLessThanOrEqual(32 + 1e-4)
  })

  it('reports, rather than hides, a cap the margins cannot meet ([0.6, 1.8]: x11 ≥ 32 and ≤ 28)', () => {
    const result = rake(associated, associatedMargins, { weightCap: { lower: 0.6, upper: 1.8 }, maxIterations: 100 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.converged).toBe(false)
    expect(result.value.iterations).toBe(100)
    expect(result.value.notConverged?.reason).toBe('weight-cap')
    expect(result.value.maxMarginError).toBeGreaterThan(0.01)
    // The best weights found still respect the cap.
    expect(Math.max(...result.value.weights)).toBeLessThanOrEqual(1.8 + 1e-12)
    expect(Math.min(...result.value.weights)).toBeGreaterThanOrEqual(0.6 - 1e-12)
  })
})

describe('rake: collapsing small groups', () => {
  const sample = [
    ...people([
      [{ age: '16-24' }, 2],
      [{ age: '25-44' }, 20],
      [{ age: '45-64' }, 15],
      [{ age: '65+' }, 1],
    ]),
  ]
  const ages = { variable: 'age', targets: { '16-24': 0.15, '25-44': 0.45, '45-64': 0.3, '65+': 0.1 } }

  it('merges a small category with its adjacent category and says so', () => {
    const result = rake(sample, [ages], { collapse: { minRespondents: 5 } })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const groups = result.value.margins[0].groups
    expect(groups.map((g) => g.categories)).toEqual([
      ['16-24', '25-44'],
      ['45-64', '65+'],
    ])
    expect(groups.map((g) => g.target)).toEqual([expect.closeTo(0.6 * 38, 9), expect.closeTo(0.4 * 38, 9)])
    expect(result.value.warnings).toEqual([
      expect.objectContaining({ kind: 'categories-collapsed', variable: 'age', categories: ['16-24', '25-44'], respondents: 22 }),
      expect.objectContaining({ kind: 'categories-collapsed', variable: 'age', categories: ['45-64', '65+'], respondents: 16 }),
    ])
    // 22 people carry 60% of 38, 16 carry 40%.
    expect(result.value.weights[0]).toBeCloseTo((0.6 * 38) / 22, 9)
    expect(result.value.weights[37]).toBeCloseTo((0.4 * 38) / 16, 9)
  })

  it('merges into a named category when one is given', () => {
    const result = rake(sample, [ages], { collapse: { minRespondents: 5, into: { age: { '65+': '25-44' } } } })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.margins[0].groups.map((g) => g.categories)).toEqual([['16-24', '25-44', '65+'], ['45-64']])
  })

  it('collapses an empty category instead of failing, when collapsing is on', () => {
    const result = rake(sample, [{ variable: 'age', targets: { ...ages.targets, '85+': 0.05, '65+': 0.05 } }], { collapse: { minRespondents: 1 } })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.margins[0].groups.map((g) => g.categories)).toContainEqual(['65+', '85+'])
  })
})

describe('rake: typed errors', () => {
  it('rejects proportions that do not sum to 1', () => {
    const result = rake(sexAge, [
      { variable: 'sex', targets: { M: 0.5, F: 0.4 } },
      { variable: 'age', targets: { young: 0.4, old: 0.6 } },
    ])
    expect(result).toEqual({ ok: false, error: { kind: 'proportions-do-not-sum-to-one', variable: 'sex', sum: expect.closeTo(0.9, 9) } })
  })

  it('accepts rounding within the tolerance and rescales', () => {
    const result = rake(sexAge, [
      { variable: 'sex', targets: { M: 0.5004, F: 0.5 } },
      { variable: 'age', targets: { young: 0.4, old: 0.6 } },
    ])
    expect(result.ok).toBe(true)
  })

  it('rejects count margins with different totals', () => {
    const result = rake(
      sexAge,
      [
        { variable: 'sex', targets: { M: 500, F: 500 } },
        { variable: 'age', targets: { young: 400, old: 700 } },
      ],
      { targetType: 'count' },
    )
    expect(result).toEqual({ ok: false, error: { kind: 'margin-totals-differ', variable: 'age', total: 1100, expectedTotal: 1000, firstVariable: 'sex' } })
  })

  it('rejects a target category nobody is in', () => {
    const result = rake(sexAge, [{ variable: 'sex', targets: { M: 0.4, F: 0.4, X: 0.2 } }])
    expect(result).toEqual({ ok: false, error: { kind: 'empty-category', variable: 'sex', category: 'X' } })
  })

  it('rejects a respondent whose category is not in the targets, or missing', () => {
    const withUnknown = [...sexAge, { sex: 'U', age: 'young' }]
    expect(rake(withUnknown, [{ variable: 'sex', targets: { M: 0.5, F: 0.5 } }])).toEqual({
      ok: false,
      error: { kind: 'unknown-category', variable: 'sex', category: 'U', respondentIndex: 100 },
    })
    const withMissing = [...sexAge, { age: 'young' }]
    expect(rake(withMissing, [{ variable: 'sex', targets: { M: 0.5, F: 0.5 } }])).toEqual({
      ok: false,
      error: { kind: 'missing-category', variable: 'sex', respondentIndex: 100 },
    })
  })

  it('rejects bad options and inputs without throwing', () => {
    const margins = [{ variable: 'sex', targets: { M: 0.5, F: 0.5 } }]
    expect(rake([], margins)).toEqual({ ok: false, error: { kind: 'no-respondents' } })
    expect(rake(sexAge, [])).toEqual({ ok: false, error: { kind: 'no-margins' } })
    expect(rake(sexAge, [...margins, ...margins])).toEqual({ ok: false, error: { kind: 'duplicate-margin', variable: 'sex' } })
    expect(rake(sexAge, margins, { weightCap: { lower: 1.2, upper: 3 } }).ok).toBe(false)
    expect(rake(sexAge, margins, { maxIterations: 0 }).ok).toBe(false)
    expect(rake(sexAge, [{ variable: 'sex', targets: { M: -0.5, F: 1.5 } }])).toEqual({ ok: false, error: { kind: 'invalid-target', variable: 'sex', category: 'M' } })
    const base = new Array(100).fill(1)
    base[3] = 0
    expect(rake(sexAge, margins, { baseWeights: base })).toEqual({ ok: false, error: { kind: 'invalid-base-weight', respondentIndex: 3 } })
  })

  it('returns the best weights with a reason when it runs out of iterations', () => {
    const result = rake(associated, associatedMargins, { maxIterations: 1 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.converged).toBe(false)
    expect(result.value.iterations).toBe(1)
    expect(result.value.notConverged?.reason).toBe('max-iterations')
    expect(result.value.weights).toHaveLength(100)
    expect(result.value.maxMarginError).toBeGreaterThan(1e-6)
  })
})

describe('rake: properties', () => {
  it('meets every margin whenever every combination of categories has respondents', () => {
    // IPF converges when the sample table has no empty cells (Bishop, Fienberg & Holland 1975, ch. 3).
    const arbitraryCase = fc.record({
      levels: fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 })),
      seedCounts: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 36, maxLength: 36 }),
      shares: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 10, maxLength: 10 }),
    })
    fc.assert(
      fc.property(arbitraryCase, ({ levels, seedCounts, shares }) => {
        const [la, lb, lc] = levels
        const respondents: RakingRespondent[] = []
        let cell = 0
        for (let a = 0; a < la; a++)
          for (let b = 0; b < lb; b++)
            for (let c = 0; c < lc; c++) {
              for (let k = 0; k < seedCounts[cell % 36]; k++) respondents.push({ a: `a${a}`, b: `b${b}`, c: `c${c}` })
              cell++
            }
        let s = 0
        const margin = (variable: string, count: number) => {
          const raw = Array.from({ length: count }, () => shares[s++ % 10])
          const sum = raw.reduce((x, y) => x + y, 0)
          return { variable, targets: Object.fromEntries(raw.map((r, i) => [`${variable}${i}`, r / sum])) }
        }
        const margins = [margin('a', la), margin('b', lb), margin('c', lc)]
        const result = rake(respondents, margins, { maxIterations: 2000, tolerance: 1e-8 })
        if (!result.ok) return false
        const n = respondents.length
        return (
          result.value.converged &&
          result.value.weights.every((w) => w > 0) &&
          Math.abs(result.value.weights.reduce((x, y) => x + y, 0) - n) < 1e-6 &&
          result.value.margins.every((m) => m.groups.every((g) => Math.abs(g.achieved - g.target) <= 1e-8 * n + 1e-9))
        )
      }),
      { numRuns: 60 },
    )
  })
})
