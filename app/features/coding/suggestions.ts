import { clusterTexts, compileLexicon, matchThemes, type ClusteringError, type ThemeLexicon } from '../analysis/statistics/text-clustering.ts'
import { fail, ok, type Result } from '../analysis/statistics/result.ts'
import { redactPersonalDetails } from './personal-details.ts'

// Theme suggestions for one free-text question, worked out on this machine
// and never stored: keyword lexicons (which answers mention each call to
// action) and clusters of similar answers. Both are deterministic, so an
// "accept" post can work the same suggestion out again to code its answers.

export interface TextAnswer {
  responseId: string
  text: string
}

export interface LexiconSuggestion {
  /** the lexicon theme's id (CTA1..CTA5) */
  key: string
  count: number
  /** the keywords that matched most often, most first */
  keywords: string[]
  responseIds: string[]
}

/** How many answers each lexicon theme matches, and which. Themes that match nothing are left out. */
export function suggestFromLexicons(answers: readonly TextAnswer[], lexicons: readonly ThemeLexicon[]): LexiconSuggestion[] {
  const compiled = compileLexicon(lexicons)
  const found = new Map<string, { ids: string[]; keywords: Map<string, number> }>()
  for (const answer of answers) {
    for (const match of matchThemes(answer.text, compiled)) {
      const entry = found.get(match.themeId) ?? { ids: [], keywords: new Map<string, number>() }
      entry.ids.push(answer.responseId)
      for (const k of match.keywords) entry.keywords.set(k, (entry.keywords.get(k) ?? 0) + 1)
      found.set(match.themeId, entry)
    }
  }
  return lexicons
    .filter((l) => found.has(l.id))
    .map((l) => {
      const entry = found.get(l.id)!
      const keywords = [...entry.keywords].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 6).map(([k]) => k.replace(/\*$/, ''))
      return { key: l.id, count: entry.ids.length, keywords, responseIds: entry.ids }
    })
}

export interface ClusterSuggestion {
  /**
   * cluster-<hash of its answers' response ids>: the same key always means
   * the same answers, so an accept or merge posted after new responses have
   * changed the clusters finds its suggestion gone instead of coding answers
   * the analyst never saw.
   */
  key: string
  size: number
  topTerms: string[]
  /** the answers nearest the cluster's centre, personal details redacted */
  examples: Array<{ responseId: string; text: string }>
  responseIds: string[]
}

export const CLUSTER_SEED = 20231114
export const MIN_CLUSTERS = 2
export const MAX_CLUSTERS = 12

/** A sensible number of clusters for n answers: about √(n/2), between 2 and 8. */
export function defaultClusterCount(answerCount: number): number {
  return Math.max(MIN_CLUSTERS, Math.min(8, Math.round(Math.sqrt(answerCount / 2))))
}

/** An 11-character base-36 hash of a set of response ids (53-bit cyrb53; pure, so it runs anywhere). */
export function membersKey(responseIds: readonly string[]): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (const id of [...responseIds].sort()) {
    for (let i = 0; i <= id.length; i++) {
      // A separator after each id, so ["ab", "c"] and ["a", "bc"] differ.
      const ch = i < id.length ? id.charCodeAt(i) : 0x1f
      h1 = Math.imul(h1 ^ ch, 2654435761)
      h2 = Math.imul(h2 ^ ch, 1597334677)
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0')
}

/** Clusters the answers, largest cluster first; examples are redacted before they are shown. */
export function suggestFromClusters(answers: readonly TextAnswer[], k: number): Result<ClusterSuggestion[], ClusteringError> {
  const report = clusterTexts(
    answers.map((a) => a.text),
    { k, seed: CLUSTER_SEED, topTerms: 6, examples: 3 },
  )
  if (!report.ok) return fail(report.error)
  const members: string[][] = report.value.clusters.map(() => [])
  report.value.assignments.forEach((cluster, i) => {
    if (cluster >= 0) members[cluster].push(answers[i].responseId)
  })
  const clusters = report.value.clusters
    .filter((c) => c.size > 0)
    .map((c) => ({
      key: `cluster-${membersKey(members[c.id]!)}`,
      size: c.size,
      topTerms: c.topTerms.map((t) => t.term),
      examples: c.examples.map((e) => ({ responseId: answers[e.index].responseId, text: redactPersonalDetails(answers[e.index].text).text })),
      responseIds: members[c.id],
    }))
    .sort((a, b) => b.size - a.size || a.key.localeCompare(b.key))
  return ok(clusters)
}
