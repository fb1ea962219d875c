import crypto from 'node:crypto'
import { startWorker } from '../analysis/worker-thread.server.ts'
import type { Result } from '../analysis/statistics/result.ts'
import type { ClusteringError } from '../analysis/statistics/text-clustering.ts'
import type { ClusterSuggestion, TextAnswer } from './suggestions.ts'

// Cluster suggestions, worked out in a worker thread and kept for the same
// answers and k: showing the suggestions and then accepting, merging or
// rejecting one clusters once, not each time. The key is a hash of every
// answer (response id and text), so a new, changed or deleted answer
// clusters again; cluster keys are hashes of their answers
// (suggestions.ts), so what an accept codes is what was shown.

type Clusters = Result<ClusterSuggestion[], ClusteringError>

const MAX_ENTRIES = 8
const cache = new Map<string, Promise<Clusters>>()

export function answerSetHash(answers: readonly TextAnswer[]): string {
  const hash = crypto.createHash('sha256')
  for (const a of answers) hash.update(a.responseId).update('\0').update(a.text).update('\0')
  return hash.digest('hex')
}

async function clusterInWorker(answers: readonly TextAnswer[], k: number): Promise<Clusters> {
  const { moduleUrl, CLUSTER_TASK } = await import('./suggestions.worker.server.ts')
  return new Promise((resolve, reject) => {
    const worker = startWorker(moduleUrl, CLUSTER_TASK, { answers, k })
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      void worker.terminate()
      fn()
    }
    worker.once('message', (clusters: Clusters) => settle(() => resolve(clusters)))
    worker.once('error', (error) => settle(() => reject(error)))
    worker.once('exit', (code) => settle(() => reject(new Error(`the clustering stopped early (exit ${code})`))))
  })
}

export function clusterSuggestions(answers: readonly TextAnswer[], k: number): Promise<Clusters> {
  const key = `${answerSetHash(answers)}|${k}`
  const hit = cache.get(key)
  if (hit) {
    cache.delete(key)
    cache.set(key, hit)
    return hit
  }
  const clusters = clusterInWorker(answers, k)
  cache.set(key, clusters)
  // A failed run is not kept.
  clusters.catch(() => {
    if (cache.get(key) === clusters) cache.delete(key)
  })
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!)
  return clusters
}
