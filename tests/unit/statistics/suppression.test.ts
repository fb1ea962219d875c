import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  exactlyRecoverableCells,
  isPrimarySensitive,
  suppressCrossTab,
  suppressDistribution,
  type PublishedCell,
  type SuppressedCrossTab,
  type SuppressionOptions,
} from '~/features/analysis/statistics/suppression.ts'

// Hand-checkable tables. The rules are the usual ones for published
// statistics (primary suppression of small counts, then complementary
// suppression so no hidden count follows from the totals); the examples and
// their expected answers are worked out by hand in the comments.

/** 'P' primary, 'S' secondary, or the count shown. */
const mark = (c: PublishedCell) => (c.kind === 'shown' ? c.count : c.reason === 'primary' ? 'P' : 'S')
/** Marks of a one-way table's counts then its total, or null on error. */
function marks(counts: number[], options: SuppressionOptions = {}) {
  const result = suppressDistribution(counts, options)
  return result.ok ? [...result.value.cells.map(mark), mark(result.value.total)] : null
}
const grid = (t: SuppressedCrossTab) => [...t.cells.map((row, i) => [...row.map(mark), mark(t.rowTotals[i])]), [...t.columnTotals.map(mark), mark(t.grandTotal)]]

describe('primary suppression', () => {
  it('hides 1 to threshold − 1; zero only when asked', () => {
    expect([0, 1, 9, 10, 11].map((c) => isPrimarySensitive(c))).toEqual([false, true, true, false, false])
    expect(isPrimarySensitive(0, 10, true)).toBe(true)
    expect(isPrimarySensitive(4, 5)).toBe(true)
    expect(isPrimarySensitive(5, 5)).toBe(false)
  })
})

describe('one-way distribution', () => {
  it('hides the next smallest count when exactly one is hidden', () => {
    // 25, 4, 30, 12 (total 71): 4 is below 10; alone it would be 71 − 25 − 30 − 12, so 12 is hidden too.
    const result = suppressDistribution([25, 4, 30, 12])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.cells).toEqual([
      { kind: 'shown', count: 25, percent: (100 * 25) / 71 },
      { kind: 'suppressed', reason: 'primary', threshold: 10 },
      { kind: 'shown', count: 30, percent: (100 * 30) / 71 },
      { kind: 'suppressed', reason: 'secondary', threshold: 10 },
    ])
    expect(result.value.total).toEqual({ kind: 'shown', count: 71, percent: 100 })
  })

  it('needs nothing more when two counts are already hidden', () => {
    expect(marks([3, 5, 40])).toEqual(['P', 'P', 40, 48])
  })

  it('shows zeros by default; can hide them', () => {
    expect(marks([0, 20, 30])).toEqual([0, 20, 30, 50])
    expect(marks([0, 20, 30], { suppressZero: true })).toEqual(['P', 'S', 30, 50])
  })

  it('prefers a non-zero complementary count to a zero (a hidden zero protects less)', () => {
    expect(marks([6, 0, 15, 40])).toEqual(['P', 0, 'S', 40, 61])
  })

  it('uses the configured threshold', () => {
    expect(marks([4, 6, 20], { threshold: 5 })).toEqual(['P', 'S', 20, 30])
  })

  it('a small total is itself hidden', () => {
    // [4, 0]: the total, 4, is a small count too, so two entries are hidden and nothing more is needed.
    expect(marks([4, 0])).toEqual(['P', 0, 'P'])
    // [30, 3] with threshold 5: 3 is hidden and 30 is the only other count.
    expect(marks([30, 3], { threshold: 5 })).toEqual(['S', 'P', 33])
  })

  it('gives no percentages for hidden counts, nor any when the total is hidden', () => {
    const result = suppressDistribution([2, 5])
    expect(result.ok && result.value.cells.every((c) => c.kind === 'suppressed')).toBe(true)
    expect(result.ok && result.value.total).toEqual({ kind: 'suppressed', reason: 'primary', threshold: 10 })
  })

  it('typed errors', () => {
    expect(suppressDistribution([])).toEqual({ ok: false, error: { kind: 'empty-table' } })
    expect(suppressDistribution([1, -2])).toEqual({ ok: false, error: { kind: 'invalid-count', row: 0, column: 1, count: -2 } })
    expect(suppressDistribution([1], { threshold: 0 })).toEqual({ ok: false, error: { kind: 'invalid-threshold', threshold: 0 } })
  })
})

describe('two-way table', () => {
  it('hides a rectangle around a single small cell', () => {
    //  20   3  15 |  38        3 is primary. Row 1 then has one hidden cell: the smallest other
    //  12  18  25 |  55        is 15. Column 2 has one: the smallest other is 18. Column 3 now
    //  30  22  40 |  92        has one (15): the smallest other is 25, which also gives row 2
    //  62  43  80 | 185        its second. Every row and column has 0 or 2 hidden; totals shown.
    const result = suppressCrossTab([
      [20, 3, 15],
      [12, 18, 25],
      [30, 22, 40],
    ])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(grid(result.value)).toEqual([
      [20, 'P', 'S', 38],
      [12, 'S', 'S', 55],
      [30, 22, 40, 92],
      [62, 43, 80, 185],
    ])
    expect(exactlyRecoverableCells(result.value)).toEqual([])
  })

  it('closes a gap that only a combination of rows and columns would reveal', () => {
    // Every row and column below has 0 or at least 2 small cells, yet the 4 at (row 1, column 3)
    // follows from rows 1 + 2 minus columns 1 + 2:
    //   x13 = R1 + R2 − C1 − C2 − x14 − x23 − x24 + x31 + x32 + x41 + x42
    //       = 49 + 91 − 147 − 169 − 40 − 30 − 50 + 60 + 70 + 80 + 90 = 4.
    const table = [
      [2, 3, 4, 40],
      [5, 6, 30, 50],
      [60, 70, 7, 8],
      [80, 90, 1, 9],
    ]
    const primaryOnly = suppressCrossTab(table, { secondary: false })
    expect(primaryOnly.ok && exactlyRecoverableCells(primaryOnly.value)).toEqual([{ row: 0, column: 2 }])
    const result = suppressCrossTab(table)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    // The cheapest cell joining the two blocks is the 30 at (row 2, column 3).
    expect(grid(result.value)).toEqual([
      ['P', 'P', 'P', 40, 49],
      ['P', 'P', 'S', 50, 91],
      [60, 70, 'P', 'P', 145],
      [80, 90, 'P', 'P', 180],
      [147, 169, 42, 107, 465],
    ])
    expect(exactlyRecoverableCells(result.value)).toEqual([])
  })

  it('hides a total when a line has no other cell', () => {
    // One column: 3 is primary and so is its row total (3). Column 1 then needs a second hidden
    // cell (50), and the row-total column likewise (50), which also gives row 2 its pair.
    const result = suppressCrossTab([[3], [50]])
    expect(result.ok && grid(result.value)).toEqual([
      ['P', 'P'],
      ['S', 'S'],
      [53, 53],
    ])
  })

  it('gives percentages only for shown cells with a shown base', () => {
    const result = suppressCrossTab(
      [
        [20, 3, 15],
        [12, 18, 25],
        [30, 22, 40],
      ],
      { percentages: 'row' },
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.cells[0][0]).toEqual({ kind: 'shown', count: 20, percent: (100 * 20) / 38 })
    expect(result.value.cells[0][1]).toEqual({ kind: 'suppressed', reason: 'primary', threshold: 10 })
    expect(result.value.rowTotals[0]).toEqual({ kind: 'shown', count: 38, percent: 100 })
    expect(result.value.columnTotals[0]).toEqual({ kind: 'shown', count: 62, percent: (100 * 62) / 185 })
  })

  it('typed errors', () => {
    expect(suppressCrossTab([])).toEqual({ ok: false, error: { kind: 'empty-table' } })
    expect(suppressCrossTab([[1, 2], [3]])).toEqual({ ok: false, error: { kind: 'ragged-table', row: 1 } })
    expect(suppressCrossTab([[1, Number.NaN]])).toEqual({ ok: false, error: expect.objectContaining({ kind: 'invalid-count', row: 0, column: 1 }) })
  })
})

// ---------------------------------------------------------------------------
// Properties

/** Whole table with totals as numbers, hidden entries as null. */
function published(t: SuppressedCrossTab): Array<Array<number | null>> {
  return grid(t).map((row) => row.map((x) => (typeof x === 'number' ? x : null)))
}

/**
 * Subtraction attack: for every row and column of the bordered table, if the
 * total is shown and exactly one part is hidden, total − shown parts reveals
 * it; if the total is hidden and every part shown, the sum reveals it.
 */
function recoverableBySubtraction(table: Array<Array<number | null>>): boolean {
  const lines: Array<Array<number | null>> = [...table, ...table[0].map((_, j) => table.map((row) => row[j]))]
  return lines.some((line) => line.filter((x) => x === null).length === 1)
}

/** Rank of a small matrix by Gaussian elimination with partial pivoting. */
function rank(matrix: number[][]): number {
  const m = matrix.map((row) => [...row])
  let r = 0
  const cols = m[0]?.length ?? 0
  for (let c = 0; c < cols && r < m.length; c++) {
    let pivot = r
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][c]) > Math.abs(m[pivot][c])) pivot = i
    if (Math.abs(m[pivot][c]) < 1e-9) continue
    ;[m[r], m[pivot]] = [m[pivot], m[r]]
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue
      const f = m[i][c] / m[r][c]
      for (let j = c; j < cols; j++) m[i][j] -= f * m[r][j]
    }
    r++
  }
  return r
}

/**
 * Hidden entries the published table determines exactly, by linear algebra on
 * all row and column equations at once (independent of the bridge method the
 * library uses): unknown e is determined iff adding the unit row e to the
 * equations' coefficient matrix does not raise its rank.
 */
function determinedByAlgebra(table: Array<Array<number | null>>): Array<[number, number]> {
  const R = table.length - 1
  const C = table[0].length - 1
  const unknowns: Array<[number, number]> = []
  table.forEach((row, i) => row.forEach((x, j) => x === null && unknowns.push([i, j])))
  if (unknowns.length === 0) return []
  const coefficient = (lineIsRow: boolean, line: number, [i, j]: [number, number]) => {
    if (lineIsRow ? i !== line : j !== line) return 0
    return (lineIsRow ? j === C : i === R) ? -1 : 1
  }
  const equations: number[][] = []
  for (let i = 0; i <= R; i++) equations.push(unknowns.map((u) => coefficient(true, i, u)))
  for (let j = 0; j <= C; j++) equations.push(unknowns.map((u) => coefficient(false, j, u)))
  const base = rank(equations)
  return unknowns.filter((_, e) => rank([...equations, unknowns.map((__, k) => (k === e ? 1 : 0))]) === base)
}

const arbitraryTable = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }))
  .chain(([r, c]) => fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 10, max: 60 })), { minLength: c, maxLength: c }), { minLength: r, maxLength: r }))

describe('suppression properties', () => {
  it('no hidden cross-tab value can be recovered by subtracting shown cells from a shown total', () => {
    fc.assert(
      fc.property(arbitraryTable, fc.boolean(), (table, suppressZero) => {
        const result = suppressCrossTab(table, { suppressZero })
        return result.ok && !recoverableBySubtraction(published(result.value))
      }),
      { numRuns: 500 },
    )
  })

  it('nor by any combination of row and column equations', () => {
    fc.assert(
      fc.property(arbitraryTable, (table) => {
        const result = suppressCrossTab(table)
        return result.ok && determinedByAlgebra(published(result.value)).length === 0 && exactlyRecoverableCells(result.value).length === 0
      }),
      { numRuns: 300 },
    )
  })

  it('the audit helper agrees with linear algebra on tables suppressed without complements', () => {
    fc.assert(
      fc.property(arbitraryTable, (table) => {
        const result = suppressCrossTab(table, { secondary: false })
        if (!result.ok) return false
        const algebra = determinedByAlgebra(published(result.value)).map(([i, j]) => `${i},${j}`).sort()
        const audit = exactlyRecoverableCells(result.value).map((c) => `${c.row},${c.column}`).sort()
        return JSON.stringify(algebra) === JSON.stringify(audit)
      }),
      { numRuns: 300 },
    )
  })

  it('every small count is hidden and every shown count is the true count', () => {
    fc.assert(
      fc.property(arbitraryTable, fc.integer({ min: 1, max: 20 }), (table, threshold) => {
        const result = suppressCrossTab(table, { threshold, percentages: 'total' })
        if (!result.ok) return false
        return table.every((row, i) =>
          row.every((count, j) => {
            const cell = result.value.cells[i][j]
            if (count > 0 && count < threshold) return cell.kind === 'suppressed' && cell.reason === 'primary'
            return cell.kind === 'suppressed' || (cell.count === count && (cell.percent === undefined || result.value.grandTotal.kind === 'shown'))
          }),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('one-way: no hidden count follows from the total', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 8 }), fc.boolean(), (counts, suppressZero) => {
        const result = suppressDistribution(counts, { suppressZero })
        if (!result.ok) return false
        const line = [...result.value.cells, result.value.total]
        return line.filter((c) => c.kind === 'suppressed').length !== 1
      }),
      { numRuns: 500 },
    )
  })
})
