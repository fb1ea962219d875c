import { createSeededRandom } from './seeded-random.ts'
import type { TfidfMatrix } from './tfidf.ts'

// Spherical k-means (cosine similarity) on TF-IDF rows, with greedy k-means++
// seeding, deterministic for a seed.

export interface KMeansOptions {
  /** default 1 */
  seed?: number
  /** Lloyd iterations per run (default 50) */
  maxIterations?: number
  /** independent runs, the one with the best total similarity kept (default 3) */
  restarts?: number
  /** stop once fewer than this share of rows change cluster in an iteration (default 0.001; 0 waits for none) */
  changeTolerance?: number
}

export interface KMeansResult {
  /** cluster of each row, −1 for a row with no terms */
  assignments: Int32Array
  /** k unit-length centroids, each a dense vector over the vocabulary */
  centroids: Float64Array[]
  /** cosine similarity of each row to its centroid (0 for rows with no terms) */
  similarity: Float64Array
  /** Σ similarity: what k-means on the unit sphere maximises */
  objective: number
  iterations: number
  converged: boolean
}

/**
 * Spherical k-means (Dhillon & Modha 2001) on the unit-length rows of a
 * TF-IDF matrix: assign each row to the centroid of highest cosine, then set
 * each centroid to the normalised mean of its rows. Seeding is greedy
 * k-means++ (Arthur & Vassilvitskii 2007) with distance 1 − cosine. Lloyd's
 * iterations alternate with a first-variation local search (Dhillon, Guan &
 * Kogan 2002); then a split-and-merge step (as in ISODATA, Ball & Hall 1965)
 * merges the two most similar clusters and splits the least cohesive one,
 * kept only if the total similarity improves. Rows without
 * terms are left out. Needs 1 ≤ k ≤ number of rows with terms (the caller checks).
 */
export function sphericalKMeans(m: TfidfMatrix, k: number, options: KMeansOptions = {}): KMeansResult {
  const random = createSeededRandom(options.seed ?? 1)
  const restarts = Math.max(1, options.restarts ?? 3)
  const space = new KMeansSpace(m, k, options.maxIterations ?? 50, options.changeTolerance ?? 0.001)
  let best: KMeansResult | undefined
  for (let r = 0; r < restarts; r++) {
    const run = space.run(random)
    if (!best || run.objective > best.objective) best = run
  }
  return best!
}

/** The working arrays of one k-means problem, reused across restarts. */
class KMeansSpace {
  readonly V: number
  readonly active: Int32Array
  /** centroids term-major (centres[term * k + cluster]): a row's k dot products then read k neighbouring numbers per term */
  readonly centres: Float64Array
  readonly assignments: Int32Array
  readonly similarity: Float64Array
  /** best minus second-best centroid cosine at the last assignment: rows with a wide margin cannot gain from moving */
  private readonly margin: Float64Array
  private readonly scores: Float64Array
  private readonly sizes: Int32Array
  private readonly dense: Float64Array

  constructor(
    readonly m: TfidfMatrix,
    readonly k: number,
    readonly maxIterations: number,
    readonly changeTolerance: number,
  ) {
    this.V = m.vocabulary.length
    const active: number[] = []
    for (let r = 0; r < m.rows; r++) if (m.indptr[r + 1] > m.indptr[r]) active.push(r)
    this.active = Int32Array.from(active)
    this.centres = new Float64Array(this.V * k)
    this.assignments = new Int32Array(m.rows)
    this.similarity = new Float64Array(m.rows)
    this.margin = new Float64Array(m.rows)
    this.scores = new Float64Array(k)
    this.sizes = new Int32Array(k)
    this.dense = new Float64Array(this.V)
  }

  run(random: () => number): KMeansResult {
    this.seed(random)
    let { iterations, converged } = this.polish()
    let objective = this.objective()
    // Split and merge while it helps: fixes the usual bad local optimum where
    // one topic holds two centroids and another pair of topics shares one.
    const saved = { centres: new Float64Array(this.centres.length), assignments: new Int32Array(this.assignments.length), similarity: new Float64Array(this.similarity.length) }
    for (let round = 0; this.k >= 3 && round < this.k; round++) {
      saved.centres.set(this.centres)
      saved.assignments.set(this.assignments)
      saved.similarity.set(this.similarity)
      if (!this.splitAndMerge(random)) break
      const more = this.polish()
      const next = this.objective()
      // Keep a split and merge only for a real gain, not rounding.
      if (next > objective * (1 + 1e-6)) {
        objective = next
        iterations += more.iterations
        converged = more.converged
        continue
      }
      this.centres.set(saved.centres)
      this.assignments.set(saved.assignments)
      this.similarity.set(saved.similarity)
      break
    }
    const { V, k, centres } = this
    return {
      assignments: Int32Array.from(this.assignments),
      centroids: Array.from({ length: k }, (_, c) => Float64Array.from({ length: V }, (_, v) => centres[v * k + c])),
      similarity: Float64Array.from(this.similarity),
      objective,
      iterations,
      converged,
    }
  }

  /**
   * Lloyd's iterations alternated with a local search until neither moves a
   * row; ends with centroids that are the normalised sums of their clusters
   * and each row's similarity to its own centroid. Both steps only ever raise
   * the objective Σ cos(row, own centroid) = Σ‖cluster sum‖.
   */
  private polish(): { iterations: number; converged: boolean } {
    let { iterations, converged } = this.lloyd()
    // On a big corpus the local search keeps finding a few hundred tiny gains; stop at the Lloyd tolerance.
    for (let round = 0; round < 3; round++) {
      const moves = this.localSearch()
      if (moves > 0) this.updateCentres()
      if (moves <= this.changeTolerance * this.active.length) break
      const step = this.lloyd()
      iterations += step.iterations
      converged = step.converged
    }
    this.updateCentres()
    const { k, centres, similarity } = this
    const { indptr, indices, values } = this.m
    for (const row of this.active) {
      const c = this.assignments[row]
      let s = 0
      for (let p = indptr[row]; p < indptr[row + 1]; p++) s += values[p] * centres[indices[p] * k + c]
      similarity[row] = s
    }
    return { iterations, converged }
  }

  /**
   * "First variation" local search (Dhillon, Guan & Kogan 2002): move single
   * rows to another cluster whenever that raises Σ‖cluster sum‖, counting
   * the row's own pull on its centroid, which Lloyd's step ignores (and which
   * keeps odd rows stuck in the wrong cluster on small corpora). Returns the
   * number of moves.
   */
  private localSearch(maxPasses = 3): number {
    const { V, k, active, assignments, scores } = this
    const { indptr, indices, values } = this.m
    const sums = new Float64Array(V * k)
    const sizes = new Int32Array(k)
    for (const row of active) {
      const c = assignments[row]
      sizes[c]++
      for (let p = indptr[row]; p < indptr[row + 1]; p++) sums[indices[p] * k + c] += values[p]
    }
    const normSq = new Float64Array(k)
    for (let v = 0; v < V; v++) for (let c = 0; c < k; c++) normSq[c] += sums[v * k + c] ** 2
    // Moving x from A to B gains at most (x·c_B − x·c_A) + 1/(2‖S_A‖) + 1/(2‖S_B‖)
    // (concavity of the square root), so only rows whose last Lloyd margin is
    // under about 1/min‖S‖ can gain; on a big corpus that is a handful.
    let smallest = Infinity
    for (let c = 0; c < k; c++) smallest = Math.min(smallest, normSq[c])
    const reach = smallest > 0 ? 2 / Math.sqrt(smallest) : Infinity
    const candidates = active.filter((row) => this.margin[row] < reach)
    let moves = 0
    for (let pass = 0; pass < maxPasses; pass++) {
      let moved = 0
      for (const row of candidates) {
        const from = assignments[row]
        if (sizes[from] === 1) continue
        scores.fill(0)
        for (let p = indptr[row]; p < indptr[row + 1]; p++) {
          const base = indices[p] * k
          const x = values[p]
          for (let c = 0; c < k; c++) scores[c] += x * sums[base + c]
        }
        // Rows have unit length, so ‖S ± x‖² = ‖S‖² ± 2 x·S + 1.
        const leave = Math.sqrt(Math.max(0, normSq[from] - 2 * scores[from] + 1)) - Math.sqrt(normSq[from])
        let to = -1
        let bestGain = 1e-9
        for (let c = 0; c < k; c++) {
          if (c === from) continue
          const gain = leave + Math.sqrt(normSq[c] + 2 * scores[c] + 1) - Math.sqrt(normSq[c])
          if (gain > bestGain) {
            bestGain = gain
            to = c
          }
        }
        if (to < 0) continue
        normSq[from] = Math.max(0, normSq[from] - 2 * scores[from] + 1)
        normSq[to] = normSq[to] + 2 * scores[to] + 1
        for (let p = indptr[row]; p < indptr[row + 1]; p++) {
          sums[indices[p] * k + from] -= values[p]
          sums[indices[p] * k + to] += values[p]
        }
        sizes[from]--
        sizes[to]++
        assignments[row] = to
        moved++
      }
      moves += moved
      if (moved === 0) break
    }
    return moves
  }

  private objective(): number {
    let total = 0
    for (const row of this.active) total += this.similarity[row]
    return total
  }

  private setCentreFromRow(c: number, row: number) {
    const { V, k, centres, m } = this
    for (let v = 0; v < V; v++) centres[v * k + c] = 0
    for (let p = m.indptr[row]; p < m.indptr[row + 1]; p++) centres[m.indices[p] * k + c] = m.values[p]
  }

  /** Cosine of every active row (or of `rows`) with one row: out[a] = max(0, 1 − cos) distances, capped by `cap` when given. */
  private distancesTo(candidate: number, rows: Int32Array, out: Float64Array, cap?: Float64Array): number {
    const { indptr, indices, values } = this.m
    const dense = this.dense
    for (let p = indptr[candidate]; p < indptr[candidate + 1]; p++) dense[indices[p]] = values[p]
    let potential = 0
    for (let a = 0; a < rows.length; a++) {
      const row = rows[a]
      let s = 0
      for (let p = indptr[row]; p < indptr[row + 1]; p++) s += values[p] * dense[indices[p]]
      const d = Math.max(0, 1 - s)
      out[a] = cap ? Math.min(cap[a], d) : d
      potential += out[a] * out[a]
    }
    for (let p = indptr[candidate]; p < indptr[candidate + 1]; p++) dense[indices[p]] = 0
    return potential
  }

  /**
   * Greedy k-means++ (the variant scikit-learn uses) over `rows`: each step
   * draws 2 + ⌊ln k⌋ candidates with probability ∝ (1 − cos to the nearest
   * seed)² and keeps the one that lowers Σ(1 − cos)² most. Plain k-means++
   * picks almost uniformly on sparse text, where most rows are nearly
   * orthogonal. Returns the chosen rows.
   */
  private greedySeeds(rows: Int32Array, count: number, random: () => number): number[] {
    const A = rows.length
    const nearest = new Float64Array(A)
    const trial = new Float64Array(A)
    const bestTrial = new Float64Array(A)
    const sample = (potential: number) => {
      if (!(potential > 0)) return rows[Math.floor(random() * A)] // every row sits on a seed already
      let target = random() * potential
      for (let a = 0; a < A; a++) {
        target -= nearest[a] * nearest[a]
        if (target < 0) return rows[a]
      }
      return rows[A - 1]
    }
    const seeds = [rows[Math.floor(random() * A)]]
    let potential = this.distancesTo(seeds[0], rows, nearest)
    const trials = 2 + Math.floor(Math.log(count))
    while (seeds.length < count) {
      let bestRow = -1
      let bestPotential = Infinity
      for (let t = 0; t < trials; t++) {
        const candidate = sample(potential)
        const p = this.distancesTo(candidate, rows, trial, nearest)
        if (p < bestPotential) {
          bestPotential = p
          bestRow = candidate
          bestTrial.set(trial)
        }
      }
      seeds.push(bestRow)
      nearest.set(bestTrial)
      potential = bestPotential
    }
    return seeds
  }

  private seed(random: () => number) {
    this.greedySeeds(this.active, this.k, random).forEach((row, c) => this.setCentreFromRow(c, row))
    this.assignments.fill(-1)
    this.similarity.fill(0)
  }

  /** Nearest centroid of one row, writing its cosine to `similarity`. */
  private assign(row: number): number {
    const { k, centres, scores } = this
    const { indptr, indices, values } = this.m
    scores.fill(0)
    for (let p = indptr[row]; p < indptr[row + 1]; p++) {
      const base = indices[p] * k
      const x = values[p]
      for (let c = 0; c < k; c++) scores[c] += x * centres[base + c]
    }
    let best = 0
    let second = -Infinity
    for (let c = 1; c < k; c++) {
      if (scores[c] > scores[best]) {
        second = scores[best]
        best = c
      } else if (scores[c] > second) second = scores[c]
    }
    this.similarity[row] = scores[best]
    this.margin[row] = scores[best] - second
    return best
  }

  /** Sets each centroid to the normalised sum of its rows; an empty cluster restarts at the row furthest from its centre. */
  private updateCentres() {
    const { k, centres, sizes, active, assignments, similarity } = this
    const { indptr, indices, values } = this.m
    centres.fill(0)
    sizes.fill(0)
    for (const row of active) {
      const c = assignments[row]
      sizes[c]++
      for (let p = indptr[row]; p < indptr[row + 1]; p++) centres[indices[p] * k + c] += values[p]
    }
    this.normaliseCentres()
    for (let c = 0; c < k; c++) {
      if (sizes[c] > 0) continue
      let far = active[0]
      for (const row of active) if (similarity[row] < similarity[far]) far = row
      this.setCentreFromRow(c, far)
      similarity[far] = 1
    }
  }

  private normaliseCentres() {
    const { V, k, centres } = this
    const norms = new Float64Array(k)
    for (let v = 0; v < V; v++) for (let c = 0; c < k; c++) norms[c] += centres[v * k + c] ** 2
    for (let c = 0; c < k; c++) norms[c] = norms[c] > 0 ? 1 / Math.sqrt(norms[c]) : 0
    for (let v = 0; v < V; v++) for (let c = 0; c < k; c++) centres[v * k + c] *= norms[c]
  }

  /** Lloyd's iterations from the current centroids, ending with assignments that match the centroids. */
  private lloyd(): { iterations: number; converged: boolean } {
    let iterations = 0
    let converged = false
    while (iterations < this.maxIterations) {
      iterations++
      let changed = 0
      for (const row of this.active) {
        const c = this.assign(row)
        if (this.assignments[row] !== c) changed++
        this.assignments[row] = c
      }
      // Waiting for the last few rows to settle costs many passes for no visible change.
      if (changed <= this.changeTolerance * this.active.length) {
        converged = true
        break
      }
      this.updateCentres()
    }
    if (!converged) for (const row of this.active) this.assignments[row] = this.assign(row)
    return { iterations, converged }
  }

  /** Merges the two most similar clusters and splits the least cohesive other one in two; false when there is nothing to do. */
  private splitAndMerge(random: () => number): boolean {
    const { V, k, centres, active, assignments, similarity } = this
    let a = -1
    let b = -1
    let closest = -Infinity
    const dots = new Float64Array(k * k)
    for (let v = 0; v < V; v++) {
      const base = v * k
      for (let i = 0; i < k; i++) {
        const x = centres[base + i]
        if (x === 0) continue
        for (let j = i + 1; j < k; j++) dots[i * k + j] += x * centres[base + j]
      }
    }
    for (let i = 0; i < k; i++)
      for (let j = i + 1; j < k; j++)
        if (dots[i * k + j] > closest) {
          closest = dots[i * k + j]
          a = i
          b = j
        }
    const members: number[][] = Array.from({ length: k }, () => [])
    for (const row of active) members[assignments[row]].push(row)
    let loose = -1
    let lowest = Infinity
    for (let c = 0; c < k; c++) {
      if (c === a || c === b || members[c].length < 2) continue
      let mean = 0
      for (const row of members[c]) mean += similarity[row]
      mean /= members[c].length
      if (mean < lowest) {
        lowest = mean
        loose = c
      }
    }
    if (loose < 0) return false
    // a takes a ∪ b; b and `loose` take the two halves of `loose` from a small 2-means inside it.
    for (const row of members[b]) assignments[row] = a
    const rows = Int32Array.from(members[loose])
    const [s1, s2] = this.greedySeeds(rows, 2, random)
    this.setCentreFromRow(b, s1)
    this.setCentreFromRow(loose, s2)
    const { indptr, indices, values } = this.m
    for (let step = 0; step < 10; step++) {
      let changed = 0
      for (const row of rows) {
        let sb = 0
        let sl = 0
        for (let p = indptr[row]; p < indptr[row + 1]; p++) {
          sb += values[p] * centres[indices[p] * k + b]
          sl += values[p] * centres[indices[p] * k + loose]
        }
        const c = sb > sl ? b : loose
        if (assignments[row] !== c) changed++
        assignments[row] = c
      }
      if (changed === 0) break
      // Only these two centroids move while splitting.
      for (let v = 0; v < V; v++) centres[v * k + b] = centres[v * k + loose] = 0
      for (const row of rows) {
        const c = assignments[row]
        for (let p = indptr[row]; p < indptr[row + 1]; p++) centres[indices[p] * k + c] += values[p]
      }
      for (const c of [b, loose]) {
        let norm = 0
        for (let v = 0; v < V; v++) norm += centres[v * k + c] ** 2
        const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0
        for (let v = 0; v < V; v++) centres[v * k + c] *= scale
      }
    }
    this.updateCentres()
    return true
  }
}
