import type { Worker } from 'node:worker_threads'
import type { CompiledQuery, Kysely } from 'kysely'
import { locationOf } from '../../../db/connection.ts'
import type { Database } from '../../../db/schema.ts'
import type { ReadBatch, ReadBatchReply } from './read-query.worker.server.ts'
import { startWorker } from './worker-thread.server.ts'

// The read path for long queries that are not a whole job of their own (the
// coded answers of the findings, every answer of a free-text question): the
// domain module builds the same Kysely query it would run, compiles it, and
// sends it here. See docs/decisions/0004.
// - SQLite: better-sqlite3 is synchronous and the app has one connection, so
//   a long read on it stalls every resident's request. The batch runs in one
//   long-lived worker thread (started on first use, started again if it dies)
//   with a read-only connection of its own, in one read transaction.
// - PostgreSQL: pg is asynchronous, so the batch runs on the app's pool, in
//   one repeatable-read, read-only transaction.
// - A transaction passed in runs the queries itself: a caller inside a write
//   transaction reads what it is writing. So does an instance that createDb
//   did not open (an in-memory database: no other connection could open it).
// Rows come back as Kysely returns them on the app's connection.

type RowsOf<Q extends readonly CompiledQuery[]> = { -readonly [K in keyof Q]: Q[K] extends CompiledQuery<infer R> ? R[] : never }

interface Pending {
  resolve: (rows: unknown[][]) => void
  reject: (error: Error) => void
}

interface ReadThread {
  worker: Worker
  pending: Map<number, Pending>
}

let current: Promise<ReadThread> | undefined
let nextId = 1

function start(): Promise<ReadThread> {
  if (current) return current
  const started = import('./read-query.worker.server.ts').then(({ moduleUrl, READ_QUERY_TASK }) => {
    const thread: ReadThread = { worker: startWorker(moduleUrl, READ_QUERY_TASK, {}), pending: new Map() }
    // Idle, it never keeps the process alive; it is referenced while a batch is out.
    thread.worker.unref()
    const fail = (error: Error) => {
      if (current === started) current = undefined
      for (const p of thread.pending.values()) p.reject(error)
      thread.pending.clear()
    }
    thread.worker.on('message', (reply: ReadBatchReply) => {
      const p = thread.pending.get(reply.id)
      thread.pending.delete(reply.id)
      if (!thread.pending.size) thread.worker.unref()
      if (!p) return
      if ('rows' in reply) p.resolve(reply.rows)
      else p.reject(Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {}))
    })
    thread.worker.on('error', fail)
    thread.worker.on('exit', (code) => fail(new Error(`the read worker stopped (exit ${code})`)))
    return thread
  })
  current = started
  // A worker that cannot start is tried again on the next read.
  started.catch(() => {
    if (current === started) current = undefined
  })
  return started
}

/** A SQLite BLOB reaches the main thread as a Uint8Array; Kysely returns a Buffer. */
function restoreBuffers(rows: unknown[]) {
  for (const row of rows as Record<string, unknown>[]) {
    for (const key in row) {
      const value = row[key]
      if (value instanceof Uint8Array && !Buffer.isBuffer(value)) row[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    }
  }
  return rows
}

async function runInWorker(filename: string, queries: readonly CompiledQuery[]): Promise<unknown[][]> {
  const thread = await start()
  const batch: ReadBatch = { id: nextId++, filename, queries: queries.map((q) => ({ sql: q.sql, parameters: q.parameters })) }
  const rows = await new Promise<unknown[][]>((resolve, reject) => {
    thread.pending.set(batch.id, { resolve, reject })
    thread.worker.ref()
    thread.worker.postMessage(batch)
  })
  return rows.map(restoreBuffers)
}

async function runOn(executor: Pick<Kysely<Database>, 'executeQuery'>, queries: readonly CompiledQuery[]): Promise<unknown[][]> {
  const rows: unknown[][] = []
  for (const q of queries) rows.push((await executor.executeQuery(q)).rows as unknown[])
  return rows
}

/**
 * Runs compiled queries (`query.compile()`) of `db`'s database in one snapshot,
 * off the app's SQLite connection, and returns each one's rows.
 */
export async function readInWorker<const Q extends readonly CompiledQuery[]>(db: Kysely<Database>, queries: Q): Promise<RowsOf<Q>> {
  if (db.isTransaction) return (await runOn(db, queries)) as RowsOf<Q>
  const location = locationOf(db)
  if (location?.kind === 'sqlite') return (await runInWorker(location.filename, queries)) as RowsOf<Q>
  if (location?.kind === 'postgres') {
    return (await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute((trx) => runOn(trx, queries))) as RowsOf<Q>
  }
  // Not opened by createDb (an in-memory database, a connection of its own): the queries run on it, as before.
  return (await runOn(db, queries)) as RowsOf<Q>
}

/** Stops the read worker (tests; a later read starts another). Batches still out are rejected. */
export async function stopReadWorker(): Promise<void> {
  const running = current
  if (!running) return
  const thread = await running.catch(() => undefined)
  await thread?.worker.terminate()
}
