// TF-IDF vectors for short texts, stored as compressed sparse rows (typed
// arrays, no object per term) so tens of thousands of answers fit in a few
// megabytes and dot products are quick.

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
