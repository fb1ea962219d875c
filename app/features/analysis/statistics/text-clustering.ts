import { fail, ok, type Result } from './result.ts'

// Suggesting themes in free-text answers on this machine, with nothing sent
// anywhere: tokenise (English and Bengali), weight words by TF-IDF, group
// answers by spherical k-means (cosine), and show each group's top words and
// the answers nearest its centre. Analysts name the themes; a keyword lexicon
// then tags answers with them. Vectors are sparse typed arrays (CSR) so
// 20,000 answers cluster in well under a few seconds.

// ---------------------------------------------------------------------------
// Tokenising

// Bengali text is stored in more than one Unicode form (য় as one code point or
// as য + nukta); NFC makes the two spellings of a word the same token.
// Zero-width (non-)joiners only change how a conjunct is drawn.
const JOINERS = /[\u200c\u200d]/g
const APOSTROPHES = /['\u2018\u2019`]/g
const WORD = /[\p{L}\p{M}\p{N}]+/gu
const NUMBER = /^\p{N}+$/u

/** NFC, lower case, no zero-width joiners and no apostrophes (so "don't" and "dont" are one word). */
export function normaliseText(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(JOINERS, '').replace(APOSTROPHES, '')
}

const ENGLISH = `a about above after again against all also am an and any are arent as at be because been before being below
between both but by can cannot cant could couldnt did didnt do does doesnt doing dont down during each etc even ever every few
for from further get gets got had hadnt has hasnt have havent having he hed hes her here heres hers herself him himself his how
i id ill im ive if in into is isnt it its itself just lets me more most much must mustnt my myself no nor not of off on once
only or other ought our ours ourselves out over own per quite rather same shall shant she shes should shouldnt so some such than
that thats the their theirs them themselves then there theres these they theyd theyll theyre theyve this those though through
thus to too under until up upon us very via was wasnt we wed were werent weve what whats when where wheres whether which while
who whos whom whose why will with within without wont would wouldnt yet you youd youll youre youve your yours yourself yourselves`

// A short list of Bengali function words: conjunctions, pronouns, postpositions,
// the copula and common auxiliaries. Kept short on purpose: content words must
// never be dropped.
const BENGALI = `এবং ও আর কিন্তু বা অথবা যে যা যদি তবে তাই তো এই এটা এটি ওই ওটা সেই সে তা তার তাদের তারা তিনি তাঁর তাঁরা
আমি আমার আমরা আমাদের আপনি আপনার আপনারা আপনাদের তুমি তোমার তোমরা হয় হয়ে হবে হয়েছে ছিল ছিলো আছে আছেন করে করা করতে করি
করেন জন্য থেকে দিয়ে সাথে সঙ্গে মধ্যে উপর কি কী কোন কোনো না নয় একটা একটি এক খুব অনেক সব সবাই কিছু এখন আরও যেমন হলে হল হলো বলে`

const wordSet = (words: string) => new Set(words.split(/\s+/).filter(Boolean).map(normaliseText))
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = wordSet(ENGLISH)
export const BENGALI_STOP_WORDS: ReadonlySet<string> = wordSet(BENGALI)

export interface TokeniseOptions {
  /** drop English and Bengali stop words (default true) */
  removeStopWords?: boolean
  /** drop tokens shorter than this many UTF-16 units (default 2) */
  minLength?: number
  /** keep tokens made only of digits (default false) */
  keepNumbers?: boolean
}

/** Words of a text: letters with their combining marks (Bengali vowel signs, virama) and digits; punctuation, including the Bengali danda, splits words. */
export function tokenise(text: string, options: TokeniseOptions = {}): string[] {
  const removeStopWords = options.removeStopWords ?? true
  const minLength = options.minLength ?? 2
  const keepNumbers = options.keepNumbers ?? false
  const words = normaliseText(text).match(WORD) ?? []
  return words.filter(
    (w) => w.length >= minLength && (keepNumbers || !NUMBER.test(w)) && !(removeStopWords && (ENGLISH_STOP_WORDS.has(w) || BENGALI_STOP_WORDS.has(w))),
  )
}

// ---------------------------------------------------------------------------
// TF-IDF, stored as compressed sparse rows

export interface TfidfMatrix {
  /** term of each column */
  vocabulary: string[]
  /** documents in each term */
  documentFrequency: Int32Array
  idf: Float64Array
  rows: number
  /** row r's entries are indptr[r] .. indptr[r+1]−1 of indices/values */
  indptr: Int32Array
  indices: Int32Array
  /** L2-normalised, so a dot product of two rows is their cosine similarity */
  values: Float64Array
}

export interface TfidfOptions {
  /** drop terms in fewer documents (default 1) */
  minDocumentFrequency?: number
  /** drop terms in more than this share of documents (default 1: keep all) */
  maxDocumentFrequencyRatio?: number
}

/**
 * TF-IDF with sublinear term frequency, 1 + ln tf, and smoothed inverse
 * document frequency, ln((1 + N) / (1 + df)) + 1 (Manning, Raghavan & Schütze
 * 2008, ch. 6), each row scaled to unit length.
 */
export function buildTfidf(documents: ReadonlyArray<readonly string[]>, options: TfidfOptions = {}): TfidfMatrix {
  const N = documents.length
  const minDf = options.minDocumentFrequency ?? 1
  const maxDf = (options.maxDocumentFrequencyRatio ?? 1) * N
  const ids = new Map<string, number>()
  const docTerms: Int32Array[] = []
  let df = new Int32Array(1024)
  let lastSeen = new Int32Array(1024).fill(-1)
  for (let d = 0; d < N; d++) {
    const tokens = documents[d]
    const row = new Int32Array(tokens.length)
    for (let t = 0; t < tokens.length; t++) {
      let id = ids.get(tokens[t])
      if (id === undefined) {
        id = ids.size
        ids.set(tokens[t], id)
        if (id >= df.length) {
          df = grow(df, 0)
          lastSeen = grow(lastSeen, -1)
        }
      }
      row[t] = id
      if (lastSeen[id] !== d) {
        lastSeen[id] = d
        df[id]++
      }
    }
    docTerms.push(row)
  }
  // Keep terms within the document-frequency limits, renumbered in first-seen order.
  const column = new Int32Array(ids.size).fill(-1)
  const vocabulary: string[] = []
  const keptDf: number[] = []
  for (const [term, id] of ids) {
    if (df[id] >= minDf && df[id] <= maxDf) {
      column[id] = vocabulary.length
      vocabulary.push(term)
      keptDf.push(df[id])
    }
  }
  const V = vocabulary.length
  const idf = Float64Array.from(keptDf, (f) => Math.log((1 + N) / (1 + f)) + 1)
  const indptr = new Int32Array(N + 1)
  const indices: number[] = []
  const values: number[] = []
  const tf = new Int32Array(V)
  const touched: number[] = []
  for (let d = 0; d < N; d++) {
    touched.length = 0
    for (const id of docTerms[d]) {
      const c = column[id]
      if (c < 0) continue
      if (tf[c] === 0) touched.push(c)
      tf[c]++
    }
    const start = indices.length
    let norm = 0
    for (const c of touched) {
      const w = (1 + Math.log(tf[c])) * idf[c]
      tf[c] = 0
      indices.push(c)
      values.push(w)
      norm += w * w
    }
    norm = Math.sqrt(norm)
    for (let p = start; p < values.length; p++) values[p] /= norm
    indptr[d + 1] = indices.length
  }
  return { vocabulary, documentFrequency: Int32Array.from(keptDf), idf, rows: N, indptr, indices: Int32Array.from(indices), values: Float64Array.from(values) }
}

function grow(a: Int32Array<ArrayBuffer>, fillWith: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2).fill(fillWith)
  b.set(a)
  return b
}

// ---------------------------------------------------------------------------
// Seeded random numbers, so the same seed always gives the same clusters

/** mulberry32: a small 32-bit generator; returns numbers in [0, 1). */
export function createSeededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// ---------------------------------------------------------------------------
// Spherical k-means (cosine), k-means++ seeding

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
 * k-means++ (Arthur & Vassilvitskii 2007) with distance 1 − cosine. Rows without terms
 * are left out. Needs 1 ≤ k ≤ number of rows with terms (the caller checks).
 */
export function sphericalKMeans(m: TfidfMatrix, k: number, options: KMeansOptions = {}): KMeansResult {
  const random = createSeededRandom(options.seed ?? 1)
  const restarts = Math.max(1, options.restarts ?? 3)
  let best: KMeansResult | undefined
  for (let r = 0; r < restarts; r++) {
    const run = kMeansRun(m, k, random, options.maxIterations ?? 50, options.changeTolerance ?? 0.001)
    if (!best || run.objective > best.objective) best = run
  }
  return best!
}

function kMeansRun(m: TfidfMatrix, k: number, random: () => number, maxIterations: number, changeTolerance: number): KMeansResult {
  const V = m.vocabulary.length
  const { indptr, indices, values } = m
  const active: number[] = []
  for (let r = 0; r < m.rows; r++) if (indptr[r + 1] > indptr[r]) active.push(r)
  const A = active.length
  // Centroids term-major (centres[term * k + cluster]): a row's k dot
  // products then read k neighbouring numbers per term, which is what makes
  // the assignment step fast.
  const centres = new Float64Array(V * k)
  const setCentreFromRow = (c: number, row: number) => {
    for (let v = 0; v < V; v++) centres[v * k + c] = 0
    for (let p = indptr[row]; p < indptr[row + 1]; p++) centres[indices[p] * k + c] = values[p]
  }

  // Greedy k-means++ (the variant scikit-learn uses): each step draws
  // 2 + ⌊ln k⌋ candidate rows with probability ∝ (1 − cos to the nearest
  // centre)² and keeps the one that lowers Σ(1 − cos)² most. Plain k-means++
  // picks almost uniformly on sparse text, where most rows are nearly
  // orthogonal; the extra candidates make the seeds land in distinct topics.
  const nearest = new Float64Array(A)
  const trial = new Float64Array(A)
  const bestTrial = new Float64Array(A)
  const dense = new Float64Array(V)
  const distancesTo = (candidate: number, out: Float64Array, first: boolean) => {
    for (let p = indptr[candidate]; p < indptr[candidate + 1]; p++) dense[indices[p]] = values[p]
    let potential = 0
    for (let a = 0; a < A; a++) {
      const row = active[a]
      let s = 0
      for (let p = indptr[row]; p < indptr[row + 1]; p++) s += values[p] * dense[indices[p]]
      const d = Math.max(0, 1 - s)
      out[a] = first ? d : Math.min(nearest[a], d)
      potential += out[a] * out[a]
    }
    for (let p = indptr[candidate]; p < indptr[candidate + 1]; p++) dense[indices[p]] = 0
    return potential
  }
  const sample = (potential: number) => {
    if (!(potential > 0)) return active[Math.floor(random() * A)] // every row sits on a centre already
    let target = random() * potential
    for (let a = 0; a < A; a++) {
      target -= nearest[a] * nearest[a]
      if (target < 0) return active[a]
    }
    return active[A - 1]
  }
  const firstRow = active[Math.floor(random() * A)]
  setCentreFromRow(0, firstRow)
  let potential = distancesTo(firstRow, nearest, true)
  const trials = 2 + Math.floor(Math.log(k))
  for (let c = 1; c < k; c++) {
    let bestRow = -1
    let bestPotential = Infinity
    for (let t = 0; t < trials; t++) {
      const candidate = sample(potential)
      const p = distancesTo(candidate, trial, false)
      if (p < bestPotential) {
        bestPotential = p
        bestRow = candidate
        bestTrial.set(trial)
      }
    }
    setCentreFromRow(c, bestRow)
    nearest.set(bestTrial)
    potential = bestPotential
  }

  // Lloyd iterations.
  const assignments = new Int32Array(m.rows).fill(-1)
  const similarity = new Float64Array(m.rows)
  const scores = new Float64Array(k)
  const sizes = new Int32Array(k)
  const norms = new Float64Array(k)
  let iterations = 0
  let converged = false
  while (iterations < maxIterations) {
    iterations++
    let changed = 0
    for (const row of active) {
      scores.fill(0)
      for (let p = indptr[row]; p < indptr[row + 1]; p++) {
        const base = indices[p] * k
        const x = values[p]
        for (let c = 0; c < k; c++) scores[c] += x * centres[base + c]
      }
      let bestCluster = 0
      for (let c = 1; c < k; c++) if (scores[c] > scores[bestCluster]) bestCluster = c
      if (assignments[row] !== bestCluster) changed++
      assignments[row] = bestCluster
      similarity[row] = scores[bestCluster]
    }
    // Waiting for the last few rows to settle costs many passes for no visible change.
    if (changed <= changeTolerance * A) {
      converged = true
      break
    }
    // New centroids: the normalised sum of each cluster's rows.
    centres.fill(0)
    sizes.fill(0)
    for (const row of active) {
      const c = assignments[row]
      sizes[c]++
      for (let p = indptr[row]; p < indptr[row + 1]; p++) centres[indices[p] * k + c] += values[p]
    }
    norms.fill(0)
    for (let i = 0; i < V * k; i++) norms[i % k] += centres[i] * centres[i]
    for (let c = 0; c < k; c++) norms[c] = norms[c] > 0 ? 1 / Math.sqrt(norms[c]) : 0
    for (let i = 0; i < V * k; i++) centres[i] *= norms[i % k]
    for (let c = 0; c < k; c++) {
      if (sizes[c] > 0) continue
      // An empty cluster restarts at the row furthest from its own centre.
      let far = active[0]
      for (const row of active) if (similarity[row] < similarity[far]) far = row
      setCentreFromRow(c, far)
      similarity[far] = 1
    }
  }
  let objective = 0
  for (const row of active) objective += similarity[row]
  const centroids = Array.from({ length: k }, (_, c) => Float64Array.from({ length: V }, (_, v) => centres[v * k + c]))
  return { assignments, centroids, similarity, objective, iterations, converged }
}

// ---------------------------------------------------------------------------
// Clustering free-text answers end to end

export interface ClusterTextsOptions extends KMeansOptions, TfidfOptions {
  k: number
  /** terms listed per cluster (default 10) */
  topTerms?: number
  /** answers nearest each centre listed per cluster (default 3) */
  examples?: number
}

export interface TextCluster {
  id: number
  size: number
  topTerms: Array<{ term: string; weight: number }>
  /** indexes into the input texts, most typical first */
  examples: Array<{ index: number; similarity: number }>
}

export interface ClusterReport {
  /** cluster of each text, −1 when it had no usable words */
  assignments: number[]
  clusters: TextCluster[]
  unclustered: number
  vocabularySize: number
  iterations: number
  converged: boolean
}

export type ClusteringError =
  | { kind: 'invalid-k'; k: number }
  | { kind: 'too-few-texts'; usableTexts: number; k: number }

/** Clusters texts into k groups and describes each group. */
export function clusterTexts(texts: readonly string[], options: ClusterTextsOptions): Result<ClusterReport, ClusteringError> {
  const { k } = options
  if (!(Number.isInteger(k) && k >= 1)) return fail({ kind: 'invalid-k', k })
  const matrix = buildTfidf(
    texts.map((t) => tokenise(t)),
    options,
  )
  let usable = 0
  for (let r = 0; r < matrix.rows; r++) if (matrix.indptr[r + 1] > matrix.indptr[r]) usable++
  if (usable < k) return fail({ kind: 'too-few-texts', usableTexts: usable, k })
  const result = sphericalKMeans(matrix, k, options)
  const topTerms = options.topTerms ?? 10
  const exampleCount = options.examples ?? 3
  const members: number[][] = Array.from({ length: k }, () => [])
  for (let r = 0; r < matrix.rows; r++) if (result.assignments[r] >= 0) members[result.assignments[r]].push(r)
  const clusters = members.map((rows, id) => {
    const centroid = result.centroids[id]
    const terms = topIndexes(centroid, topTerms).map((v) => ({ term: matrix.vocabulary[v], weight: centroid[v] }))
    const examples = rows
      .map((index) => ({ index, similarity: result.similarity[index] }))
      .sort((a, b) => b.similarity - a.similarity || a.index - b.index)
      .slice(0, exampleCount)
    return { id, size: rows.length, topTerms: terms, examples }
  })
  return ok({
    assignments: Array.from(result.assignments),
    clusters,
    unclustered: matrix.rows - usable,
    vocabularySize: matrix.vocabulary.length,
    iterations: result.iterations,
    converged: result.converged,
  })
}

/** Indexes of the n largest positive entries, largest first. */
function topIndexes(values: Float64Array, n: number): number[] {
  const out: number[] = []
  for (let v = 0; v < values.length; v++) {
    if (values[v] <= 0) continue
    if (out.length < n) out.push(v)
    else if (values[v] > values[out[out.length - 1]]) out[out.length - 1] = v
    else continue
    // keep `out` sorted, largest first (n is small)
    for (let i = out.length - 1; i > 0 && values[out[i]] > values[out[i - 1]]; i--) [out[i], out[i - 1]] = [out[i - 1], out[i]]
  }
  return out
}

// ---------------------------------------------------------------------------
// Keyword lexicon: themes named by analysts, matched in any language

export interface ThemeLexicon {
  id: string
  /**
   * Words or phrases in English or Bengali. A word ending in * matches any
   * word that starts with it, for simple stems: "park*" matches "parks" and
   * "parking"; "পার্ক*" matches "পার্কে" and "পার্কের". Phrases match
   * consecutive words: "bin collection*".
   */
  keywords: readonly string[]
}

interface Pattern {
  theme: number
  keyword: string
  parts: Array<{ word: string; prefix: boolean }>
}

export interface CompiledLexicon {
  themes: string[]
  /** patterns by their exact first word */
  exact: Map<string, Pattern[]>
  /** patterns whose first word is a prefix */
  prefixed: Pattern[]
}

const MATCH_TOKENS: TokeniseOptions = { removeStopWords: false, minLength: 1, keepNumbers: true }

/** Prepares a lexicon once for matching many texts. Keywords with no words in them are ignored. */
export function compileLexicon(themes: ReadonlyArray<ThemeLexicon>): CompiledLexicon {
  const exact = new Map<string, Pattern[]>()
  const prefixed: Pattern[] = []
  themes.forEach((theme, t) => {
    for (const keyword of theme.keywords) {
      const parts: Pattern['parts'] = []
      for (const piece of keyword.trim().split(/\s+/)) {
        const prefix = piece.endsWith('*')
        const words = tokenise(piece.replace(/\*+$/, ''), MATCH_TOKENS)
        words.forEach((word, i) => parts.push({ word, prefix: prefix && i === words.length - 1 }))
      }
      if (parts.length === 0) continue
      const pattern = { theme: t, keyword, parts }
      if (parts[0].prefix) prefixed.push(pattern)
      else exact.set(parts[0].word, [...(exact.get(parts[0].word) ?? []), pattern])
    }
  })
  return { themes: themes.map((t) => t.id), exact, prefixed }
}

/** The themes whose keywords occur in a text, in lexicon order, with the keywords that matched. */
export function matchThemes(text: string, lexicon: CompiledLexicon | ReadonlyArray<ThemeLexicon>): Array<{ themeId: string; keywords: string[] }> {
  const compiled = 'exact' in lexicon ? lexicon : compileLexicon(lexicon)
  const words = tokenise(text, MATCH_TOKENS)
  const found = new Map<number, Set<string>>()
  const tryPattern = (pattern: Pattern, at: number) => {
    if (at + pattern.parts.length > words.length) return
    for (let i = 0; i < pattern.parts.length; i++) {
      const { word, prefix } = pattern.parts[i]
      const w = words[at + i]
      if (prefix ? !w.startsWith(word) : w !== word) return
    }
    const set = found.get(pattern.theme) ?? new Set<string>()
    set.add(pattern.keyword)
    found.set(pattern.theme, set)
  }
  for (let at = 0; at < words.length; at++) {
    for (const pattern of compiled.exact.get(words[at]) ?? []) tryPattern(pattern, at)
    for (const pattern of compiled.prefixed) tryPattern(pattern, at)
  }
  return [...found.keys()].sort((a, b) => a - b).map((t) => ({ themeId: compiled.themes[t], keywords: [...found.get(t)!] }))
}
