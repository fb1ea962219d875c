import { parentPort, workerData } from 'node:worker_threads'
import { isWorkerFor } from '../analysis/worker-thread.server.ts'
import { suggestFromClusters, type TextAnswer } from './suggestions.ts'

// Clustering a question's free-text answers (TF-IDF and k-means, about half a
// second of CPU for 20,000 answers) in a worker thread, so residents' requests
// never wait behind it (cluster-suggestions.server.ts starts it).

export const CLUSTER_TASK = 'cluster-suggestions'
export const moduleUrl = import.meta.url

export interface ClusterJob {
  answers: TextAnswer[]
  k: number
}

if (isWorkerFor(CLUSTER_TASK)) {
  const { answers, k } = workerData as ClusterJob
  parentPort!.postMessage(suggestFromClusters(answers, k))
}
