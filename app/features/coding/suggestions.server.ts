import type { DB } from '../../../db/connection.ts'
import type { Result } from '../analysis/statistics/result.ts'
import type { ClusteringError } from '../analysis/statistics/text-clustering.ts'
import { listTextAnswers } from './coding.server.ts'
import type { ClusterSuggestion, LexiconSuggestion } from './suggestions.ts'
import { workOutSuggestions } from './suggestions-cache.server.ts'

// Works the suggestions for one question out from the stored answers, on
// request. Nothing is stored and nothing leaves the server but the redacted examples.

export interface Suggestions {
  answerCount: number
  lexicon: LexiconSuggestion[]
  clusters: Result<ClusterSuggestion[], ClusteringError>
}

export async function computeSuggestions(db: DB, consultationId: string, questionKey: string, k: number): Promise<Suggestions> {
  const answers = await listTextAnswers(db, consultationId, questionKey)
  // In a worker thread, once for the same answers and k.
  const { lexicon, clusters } = await workOutSuggestions(answers, k)
  return { answerCount: answers.length, lexicon, clusters }
}

/** The answers of one suggestion (the same answers, k and seed give the same clusters; a cluster's key is a hash of its answers). */
export function suggestionAnswers(suggestions: Suggestions, kind: 'lexicon' | 'cluster', key: string): string[] | null {
  if (kind === 'lexicon') return suggestions.lexicon.find((s) => s.key === key)?.responseIds ?? null
  if (!suggestions.clusters.ok) return null
  return suggestions.clusters.value.find((s) => s.key === key)?.responseIds ?? null
}
