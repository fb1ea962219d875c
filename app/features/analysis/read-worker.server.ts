import type { DatabaseLocation } from '../../../db/location.ts'
import type { CsvProtectionOptions } from '../findings/csv-protection.ts'
import type { SurveyDefinition } from '../surveys/definition.ts'
import type { CsvExportJob, CsvExportMessage } from './csv-export.worker.server.ts'
import { startWorker } from './worker-thread.server.ts'

// The read path for heavy reads (exports, analysis). On SQLite the app has one
// connection that every resident's write goes through, and better-sqlite3 is
// synchronous: a long read on it would stall every request. So heavy reads run
// in a worker thread with its own read-only connection (WAL lets it read a
// snapshot while the app keeps writing). On PostgreSQL the worker has a
// connection of its own, so the app's pool stays free, and the writing of the
// file is off the main thread as well. See docs/decisions/0004.

/**
 * The answer columns, in survey order: one per question, except a grid, which
 * has one per statement named <key>.<statement code> (question keys have no dots).
 */
export function answerColumns(definition: SurveyDefinition): string[] {
  return definition.questions.flatMap((q) => (q.type === 'grid' ? q.statements.map((s) => `${q.key}.${s.code}`) : [q.key]))
}

export interface ExportOptions {
  location: DatabaseLocation
  consultationId: string
  definition: SurveyDefinition
  /** CSV lines per chunk */
  chunkSize?: number
  /** small-number protection and redaction (app/features/findings/csv-protection.ts); without it, raw values */
  protection?: CsvProtectionOptions
}

/**
 * One row per submitted response, a column per question (multiple answers
 * joined with " | "; a column per grid statement; dates as YYYY-MM-DD),
 * UTF-8 with a byte order mark, streamed as byte chunks written by a worker
 * thread: the main thread only passes them on.
 */
export async function* streamResponsesCsv({ location, consultationId, definition, chunkSize = 2_000, protection }: ExportOptions): AsyncGenerator<Uint8Array> {
  const { moduleUrl, CSV_EXPORT_TASK } = await import('./csv-export.worker.server.ts')
  const job: CsvExportJob = {
    location,
    consultationId,
    columns: answerColumns(definition),
    textColumns: definition.questions.filter((q) => q.type === 'text').map((q) => q.key),
    protection: protection ?? null,
    chunkRows: Math.max(1, chunkSize),
  }
  const worker = startWorker(moduleUrl, CSV_EXPORT_TASK, { ...job })
  const queue: Uint8Array[] = []
  let done = false
  let asked = false
  let failure: unknown
  let wake: (() => void) | undefined
  // The worker writes a chunk when asked: one ahead of the reader, never the whole file.
  const ask = () => {
    if (asked || done) return
    asked = true
    worker.postMessage('next')
  }
  worker.on('message', (message: CsvExportMessage) => {
    if (message.kind === 'done') done = true
    else queue.push(message.bytes)
    // The header comes unasked, first.
    if (message.kind !== 'header') asked = false
    wake?.()
  })
  worker.on('error', (error) => {
    failure = error
    wake?.()
  })
  worker.on('exit', (code) => {
    if (!done && !failure) failure = new Error(`the export stopped early (exit ${code})`)
    wake?.()
  })
  try {
    ask()
    while (true) {
      if (failure) throw failure
      const next = queue.shift()
      if (next !== undefined) {
        ask()
        yield next
        continue
      }
      if (done) return
      await new Promise<void>((resolve) => (wake = resolve))
    }
  } finally {
    await worker.terminate()
  }
}
