import crypto from 'node:crypto'
import { startWorker } from '../analysis/worker-thread.server.ts'
import type { Result } from '../analysis/statistics/result.ts'
import type { ClusteringError } from '../analysis/statistics/text-clustering.ts'
import type { ClusterSuggestion, LexiconSuggestion, TextAnswer } from './suggestions.ts'

// Theme suggestions (keyword lexicons and clusters), worked out in a worker
// thread and kept for the same answers and k: showing the suggestions and
// then accepting, merging or rejecting one works them out once, not each
// time. The key is a hash of every answer (response id and text), so a new,
// changed or deleted answer works them out again; cluster keys are hashes of
// their answers (suggestions.ts), so what an accept codes is what was shown.

export interface WorkedOutSuggestions {
  lexicon: LexiconSuggestion[]
  clusters: Result<ClusterSuggestion[], ClusteringError>
}

const MAX_ENTRIES = 8
const cache = new Map<string, Promise<WorkedOutSuggestions>>()

export function answerSetHash(answers: readonly TextAnswer[]): string {
  const hash = crypto.createHash('sha256')
  for (const a of answers) hash.update(a.responseId).update('\0').update(a.text).update('\0')
  return hash.digest('hex')
}

async function inWorker(answers: readonly TextAnswer[], k: number): Promise<WorkedOutSuggestions> {
  const { moduleUrl, SUGGESTIONS_TASK } = await import('./suggestions.worker.server.ts')
  return new Promise((resolve, reject) => {
    const worker = startWorker(moduleUrl, SUGGESTIONS_TASK, { answers, k })
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      void worker.terminate()
      fn()
    }
    worker.once('message', (suggestions: WorkedOutSuggestions) => settle(() => resolve(suggestions)))
    worker.once('error', (error) => settle(() => reject(error)))
    worker.once('exit', (code) => settle(() => reject(new Error(`the suggestions worker stopped early (exit ${code})`))))
  })
}

export function workOutSuggestions(answers: readonly TextAnswer[], k: number): Promise<WorkedOutSuggestions> {
  const key = `${answerSetHash(answers)}|${k}`
  const hit = cache.get(key)
  if (hit) {
    cache.delete(key)
    cache.set(key, hit)
    return hit
  }
  const suggestions = inWorker(answers, k)
  cache.set(key, suggestions)
  // A failed run is not kept.
  suggestions.catch(() => {
    if (cache.get(key) === suggestions) cache.delete(key)
  })
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!)
  return suggestions
}
