import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { Worker, isMainThread, workerData } from 'node:worker_threads'

// Heavy reads and computations run in worker threads (docs/decisions/0004).
// A worker runs a real app module, so the code it runs is the code the tests
// check: the module says which task it is (`isWorkerFor`) and starts when it is
// loaded in a worker for that task. Main-thread code loads that module with a
// dynamic import() and starts it with its own import.meta.url:
// - in the server build, a dynamic import is a chunk of its own, so the worker
//   loads that chunk (and what it imports), not the whole app;
// - from TypeScript sources (tests, bench, the dev server) the worker compiles
//   the module with tsx, which is only a development dependency.

const TASK = 'hysWorkerTask'

const BOOT_FROM_TYPESCRIPT = `
const { workerData } = require('node:worker_threads')
require(workerData.hysTsx).require(workerData.hysModule, workerData.hysModule)
`

/** Starts a worker thread running the module at `moduleUrl` (its import.meta.url) for `task`. */
export function startWorker(moduleUrl: string, task: string, data: Record<string, unknown>): Worker {
  const file = fileURLToPath(moduleUrl)
  const payload = { ...data, [TASK]: task }
  if (/\.tsx?$/.test(file)) {
    const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api')
    return new Worker(BOOT_FROM_TYPESCRIPT, { eval: true, workerData: { ...payload, hysModule: file, hysTsx: tsx } })
  }
  return new Worker(new URL(moduleUrl), { workerData: payload })
}

/** True in a worker thread started for `task` (checked at a worker module's top level). */
export function isWorkerFor(task: string): boolean {
  return !isMainThread && typeof workerData === 'object' && workerData !== null && (workerData as Record<string, unknown>)[TASK] === task
}
