import { parentPort, workerData } from 'node:worker_threads'
import { isWorkerFor } from '../analysis/worker-thread.server.ts'
import { CTA_LEXICONS } from './cta-lexicons.ts'
import { suggestFromClusters, suggestFromLexicons, type TextAnswer } from './suggestions.ts'

// A question's theme suggestions worked out in a worker thread (clustering is
// about half a second of CPU for 20,000 answers, the keyword lexicons a
// quarter), so residents' requests never wait behind them
// (suggestions-cache.server.ts starts it).

export const SUGGESTIONS_TASK = 'theme-suggestions'
export const moduleUrl = import.meta.url

export interface SuggestionsJob {
  answers: TextAnswer[]
  k: number
}

if (isWorkerFor(SUGGESTIONS_TASK)) {
  const { answers, k } = workerData as SuggestionsJob
  parentPort!.postMessage({ lexicon: suggestFromLexicons(answers, CTA_LEXICONS), clusters: suggestFromClusters(answers, k) })
}
