import { fail, ok, type Result } from './result.ts'
import { sphericalKMeans, type KMeansOptions } from './spherical-kmeans.ts'
import { buildTfidf, type TfidfOptions } from './tfidf.ts'
import { tokenise } from './text-tokenise.ts'

// Suggesting themes in free-text answers on this machine, with nothing sent
// anywhere: tokenise (English and Bengali), weight words by TF-IDF, group
// answers by spherical k-means (cosine), and show each group's top words and
// the answers nearest its centre. Analysts name the themes; a keyword lexicon
// then tags answers with them. Vectors are sparse typed arrays, so 20,000
// short answers cluster in about a second.
//
// This module is the end-to-end entry point; the parts live beside it and are
// re-exported here.

export { BENGALI_STOP_WORDS, ENGLISH_STOP_WORDS, normaliseText, tokenise, type TokeniseOptions } from './text-tokenise.ts'
export { buildTfidf, type TfidfMatrix, type TfidfOptions } from './tfidf.ts'
export { createSeededRandom } from './seeded-random.ts'
export { sphericalKMeans, type KMeansOptions, type KMeansResult } from './spherical-kmeans.ts'
export { compileLexicon, matchThemes, type CompiledLexicon, type ThemeLexicon } from './keyword-lexicon.ts'

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
