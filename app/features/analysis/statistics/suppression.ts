import { fail, ok, type Result } from './result.ts'

// Small-number suppression for published tables, so that no one can be picked
// out from a count of a few people. Primary suppression hides counts from 1 to
// threshold − 1 (zero too, if asked). Secondary (complementary) suppression
// then hides more cells so a hidden count cannot be worked out from the
// totals: every row and column equation that contains a hidden entry must
// contain at least two, and no hidden entry may be pinned down by combining
// several rows and columns (checked as "bridges" below).
//
// Counts go in (unweighted: it is the number of people that is disclosive);
// typed cells come out, and the UI words a suppressed cell in the reader's
// language ("fewer than 10", "[c]").

export interface SuppressionOptions {
  /** counts from 1 to threshold − 1 are suppressed; default 10 */
  threshold?: number
  /** suppress zeros as well (default false: a zero is shown) */
  suppressZero?: boolean
  /** add complementary suppressions (default true) */
  secondary?: boolean
}

export type PublishedCell =
  | { kind: 'shown'; count: number; percent?: number }
  /** primary: the count is below the threshold ("fewer than N"); secondary: hidden to protect another cell */
  | { kind: 'suppressed'; reason: 'primary' | 'secondary'; threshold: number }

export type SuppressionError =
  | { kind: 'invalid-threshold'; threshold: number }
  | { kind: 'invalid-count'; row: number; column: number; count: number }
  | { kind: 'empty-table' }
  | { kind: 'ragged-table'; row: number }

export interface SuppressedDistribution {
  cells: PublishedCell[]
  total: PublishedCell
}

export interface SuppressedCrossTab {
  cells: PublishedCell[][]
  rowTotals: PublishedCell[]
  columnTotals: PublishedCell[]
  grandTotal: PublishedCell
}

const NONE = 0
const PRIMARY = 1
const SECONDARY = 2

/** True when a count must be hidden on its own (primary suppression). */
export function isPrimarySensitive(count: number, threshold = 10, suppressZero = false): boolean {
  return count === 0 ? suppressZero : count < threshold
}

/**
 * The suppression engine on a bordered table: `values` is (rows + 1) ×
 * (columns + 1), the last row holding column totals and the last column row
 * totals. Each of its rows and columns is one equation (parts add up to the
 * total), so each entry lies on exactly two equations.
 */
function suppressBordered(values: number[][], threshold: number, suppressZero: boolean, secondary: boolean): Uint8Array[] {
  const R = values.length - 1
  const C = values[0].length - 1
  const state = values.map((row) => Uint8Array.from(row, (v) => (isPrimarySensitive(v, threshold, suppressZero) ? PRIMARY : NONE)))
  if (!secondary) return state
  const isTotal = (i: number, j: number) => i === R || j === C
  const rowCount = (i: number) => state[i].reduce((s, x) => s + (x ? 1 : 0), 0)
  const colCount = (j: number) => state.reduce((s, row) => s + (row[j] ? 1 : 0), 0)

  // Pick the complementary entry among candidates: a part before a total, a
  // non-zero count before a zero (a hidden zero protects less), the smallest
  // count, then one whose other equation also needs a second hidden entry.
  const choose = (candidates: Array<[number, number]>, otherLineCount: (i: number, j: number) => number): [number, number] | undefined => {
    let best: [number, number] | undefined
    let bestKey: number[] = []
    for (const [i, j] of candidates) {
      if (state[i][j]) continue
      const v = values[i][j]
      const key = [isTotal(i, j) ? 1 : 0, v === 0 ? 1 : 0, v, otherLineCount(i, j) === 1 ? 0 : 1]
      if (!best || lexLess(key, bestKey)) {
        best = [i, j]
        bestKey = key
      }
    }
    return best
  }

  for (let guard = 0; guard <= (R + 1) * (C + 1); guard++) {
    let changed = false
    // Line rule: an equation with exactly one hidden entry gives it away.
    for (let i = 0; i <= R; i++) {
      if (rowCount(i) !== 1) continue
      const pick = choose(
        range(C + 1).map((j) => [i, j] as [number, number]),
        (_, j) => colCount(j),
      )
      if (pick) {
        state[pick[0]][pick[1]] = SECONDARY
        changed = true
      }
    }
    for (let j = 0; j <= C; j++) {
      if (colCount(j) !== 1) continue
      const pick = choose(
        range(R + 1).map((i) => [i, j] as [number, number]),
        (i) => rowCount(i),
      )
      if (pick) {
        state[pick[0]][pick[1]] = SECONDARY
        changed = true
      }
    }
    if (changed) continue
    // Combining equations: a hidden entry that is a bridge of the graph of
    // hidden entries (rows and columns as nodes) lies on no cycle, so adding
    // and subtracting whole rows and columns isolates it. Close a cycle
    // through it with one more hidden entry across the two sides.
    const bridge = findBridges(state, R, C)[0]
    if (!bridge) break
    const side = sideOfBridge(state, R, C, bridge)
    const candidates: Array<[number, number]> = []
    for (let i = 0; i <= R; i++) {
      for (let j = 0; j <= C; j++) {
        const rowSide = side.rows[i]
        const colSide = side.columns[j]
        if (rowSide !== 0 && colSide !== 0 && rowSide !== colSide) candidates.push([i, j])
      }
    }
    const pick = choose(candidates, () => 2)
    if (!pick) break
    state[pick[0]][pick[1]] = SECONDARY
  }
  return state
}

function lexLess(a: number[], b: number[]): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k] < b[k]
  return false
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i)

/**
 * Hidden entries that some combination of row and column equations would
 * reveal exactly: the bridges of the bipartite graph whose nodes are the
 * rows and columns of the bordered table and whose edges are the hidden
 * entries. (Writing totals with a minus sign makes every equation "the entries
 * of this line add to 0", so the unknowns left free are exactly the cycle
 * space; an entry on no cycle is determined.)
 */
function findBridges(state: Uint8Array[], R: number, C: number): Array<[number, number]> {
  // Nodes 0..R are rows, R+1..R+C+1 columns.
  const nodes = R + C + 2
  const adjacency: Array<Array<[number, number, number]>> = Array.from({ length: nodes }, () => [])
  let edge = 0
  for (let i = 0; i <= R; i++) {
    for (let j = 0; j <= C; j++) {
      if (!state[i][j]) continue
      adjacency[i].push([R + 1 + j, edge, i * (C + 1) + j])
      adjacency[R + 1 + j].push([i, edge, i * (C + 1) + j])
      edge++
    }
  }
  const order = new Int32Array(nodes).fill(-1)
  const low = new Int32Array(nodes)
  const bridges: Array<[number, number]> = []
  let counter = 0
  // Iterative depth-first search (Tarjan), so a large table cannot overflow the stack.
  for (let start = 0; start < nodes; start++) {
    if (order[start] >= 0 || adjacency[start].length === 0) continue
    const stack: Array<{ node: number; parentEdge: number; next: number }> = [{ node: start, parentEdge: -1, next: 0 }]
    order[start] = low[start] = counter++
    while (stack.length) {
      const top = stack[stack.length - 1]
      if (top.next < adjacency[top.node].length) {
        const [to, id] = adjacency[top.node][top.next++]
        if (id === top.parentEdge) continue
        if (order[to] >= 0) low[top.node] = Math.min(low[top.node], order[to])
        else {
          order[to] = low[to] = counter++
          stack.push({ node: to, parentEdge: id, next: 0 })
        }
      } else {
        stack.pop()
        const parent = stack[stack.length - 1]
        if (!parent) continue
        low[parent.node] = Math.min(low[parent.node], low[top.node])
        if (low[top.node] > order[parent.node]) {
          const cell = adjacency[top.node].find(([, id]) => id === top.parentEdge)![2]
          bridges.push([Math.floor(cell / (C + 1)), cell % (C + 1)])
        }
      }
    }
  }
  return bridges
}

/** Labels rows and columns by the side of a bridge they fall on once it is removed: 1, 2, or 0 (elsewhere). */
function sideOfBridge(state: Uint8Array[], R: number, C: number, [bi, bj]: [number, number]): { rows: Int8Array; columns: Int8Array } {
  const rows = new Int8Array(R + 1)
  const columns = new Int8Array(C + 1)
  const flood = (startRow: number | null, startColumn: number | null, label: 1 | 2) => {
    const queue: Array<['r' | 'c', number]> = []
    if (startRow !== null) {
      rows[startRow] = label
      queue.push(['r', startRow])
    }
    if (startColumn !== null) {
      columns[startColumn] = label
      queue.push(['c', startColumn])
    }
    while (queue.length) {
      const [kind, at] = queue.pop()!
      if (kind === 'r') {
        for (let j = 0; j <= C; j++) {
          if (state[at][j] && !(at === bi && j === bj) && columns[j] === 0) {
            columns[j] = label
            queue.push(['c', j])
          }
        }
      } else {
        for (let i = 0; i <= R; i++) {
          if (state[i][at] && !(i === bi && at === bj) && rows[i] === 0) {
            rows[i] = label
            queue.push(['r', i])
          }
        }
      }
    }
  }
  flood(bi, null, 1)
  flood(null, bj, 2)
  return { rows, columns }
}

function checkThreshold(threshold: number): SuppressionError | undefined {
  return Number.isInteger(threshold) && threshold >= 1 ? undefined : { kind: 'invalid-threshold', threshold }
}

function toCell(state: number, count: number, threshold: number, percent?: number): PublishedCell {
  if (state === NONE) return percent === undefined ? { kind: 'shown', count } : { kind: 'shown', count, percent }
  return { kind: 'suppressed', reason: state === PRIMARY ? 'primary' : 'secondary', threshold }
}

/**
 * A one-way distribution with its total. If exactly one count is hidden, the
 * next smallest is hidden too (or the total, when there is no other count).
 * Percentages (of the total) are given only for shown counts with a shown total.
 */
export function suppressDistribution(counts: readonly number[], options: SuppressionOptions = {}): Result<SuppressedDistribution, SuppressionError> {
  const threshold = options.threshold ?? 10
  const thresholdError = checkThreshold(threshold)
  if (thresholdError) return fail(thresholdError)
  if (counts.length === 0) return fail({ kind: 'empty-table' })
  for (let j = 0; j < counts.length; j++) {
    if (!(counts[j] >= 0 && Number.isFinite(counts[j]))) return fail({ kind: 'invalid-count', row: 0, column: j, count: counts[j] })
  }
  const total = counts.reduce((s, x) => s + x, 0)
  // A single row with its total: there are no column equations, so use only the row rule.
  const state = suppressLine([...counts, total], threshold, options.suppressZero ?? false, options.secondary ?? true)
  const totalShown = state[counts.length] === NONE
  return ok({
    cells: counts.map((c, j) => toCell(state[j], c, threshold, totalShown && total > 0 ? (100 * c) / total : undefined)),
    total: toCell(state[counts.length], total, threshold, totalShown && total > 0 ? 100 : undefined),
  })
}

function suppressLine(values: number[], threshold: number, suppressZero: boolean, secondary: boolean): Uint8Array {
  const last = values.length - 1
  const state = Uint8Array.from(values, (v) => (isPrimarySensitive(v, threshold, suppressZero) ? PRIMARY : NONE))
  if (!secondary) return state
  const hidden = state.reduce((s, x) => s + (x ? 1 : 0), 0)
  if (hidden !== 1) return state
  let pick = -1
  let bestKey: number[] = []
  for (let j = 0; j <= last; j++) {
    if (state[j]) continue
    const key = [j === last ? 1 : 0, values[j] === 0 ? 1 : 0, values[j]]
    if (pick < 0 || lexLess(key, bestKey)) {
      pick = j
      bestKey = key
    }
  }
  if (pick >= 0) state[pick] = SECONDARY
  return state
}

/**
 * A two-way table (rows × columns of counts); row, column and grand totals
 * are computed and published alongside. `percentages` adds row, column or
 * overall percentages to shown cells whose base is shown too (a percentage
 * with a hidden base would give the base away).
 */
export function suppressCrossTab(
  table: ReadonlyArray<readonly number[]>,
  options: SuppressionOptions & { percentages?: 'row' | 'column' | 'total' } = {},
): Result<SuppressedCrossTab, SuppressionError> {
  const threshold = options.threshold ?? 10
  const thresholdError = checkThreshold(threshold)
  if (thresholdError) return fail(thresholdError)
  if (table.length === 0 || table[0].length === 0) return fail({ kind: 'empty-table' })
  const R = table.length
  const C = table[0].length
  for (let i = 0; i < R; i++) {
    if (table[i].length !== C) return fail({ kind: 'ragged-table', row: i })
    for (let j = 0; j < C; j++) {
      const v = table[i][j]
      if (!(v >= 0 && Number.isFinite(v))) return fail({ kind: 'invalid-count', row: i, column: j, count: v })
    }
  }
  const bordered = Array.from({ length: R + 1 }, () => new Array<number>(C + 1).fill(0))
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      const v = table[i][j]
      bordered[i][j] = v
      bordered[i][C] += v
      bordered[R][j] += v
      bordered[R][C] += v
    }
  }
  const state = suppressBordered(bordered, threshold, options.suppressZero ?? false, options.secondary ?? true)
  const base = (i: number, j: number): [number, number] | undefined => {
    if (options.percentages === 'row') return [i, C]
    if (options.percentages === 'column') return [R, j]
    if (options.percentages === 'total') return [R, C]
    return undefined
  }
  const cell = (i: number, j: number) => {
    const b = base(i, j)
    const percent = b && state[i][j] === NONE && state[b[0]][b[1]] === NONE && bordered[b[0]][b[1]] > 0 ? (100 * bordered[i][j]) / bordered[b[0]][b[1]] : undefined
    return toCell(state[i][j], bordered[i][j], threshold, percent)
  }
  return ok({
    cells: range(R).map((i) => range(C).map((j) => cell(i, j))),
    rowTotals: range(R).map((i) => cell(i, C)),
    columnTotals: range(C).map((j) => cell(R, j)),
    grandTotal: cell(R, C),
  })
}

/**
 * Audit helper: the hidden entries of a published cross-tab that the row,
 * column and grand totals (in any combination) would still reveal exactly.
 * Empty after suppressCrossTab; useful when a table was suppressed by hand.
 */
export function exactlyRecoverableCells(published: SuppressedCrossTab): Array<{ row: number; column: number }> {
  const R = published.cells.length
  const C = published.columnTotals.length
  const rows = [...published.cells.map((row, i) => [...row, published.rowTotals[i]]), [...published.columnTotals, published.grandTotal]]
  const state = rows.map((row) => Uint8Array.from(row, (c) => (c.kind === 'suppressed' ? 1 : 0)))
  return findBridges(state, R, C).map(([row, column]) => ({ row, column }))
}
