import fs from 'node:fs'
import { parentPort } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { isWorkerFor } from './worker-thread.server.ts'

// The worker side of the read path for long queries (read-query.server.ts
// starts it; docs/decisions/0004): one long-lived worker thread per process,
// with a read-only connection of its own per SQLite file. It runs a batch of
// compiled Kysely queries inside one read transaction (one snapshot: WAL lets
// it read while the app's connection keeps writing) and sends their rows back.
// Rows are what better-sqlite3's `all()` returns, as Kysely's SQLite driver
// does on the app's connection.

export const READ_QUERY_TASK = 'read-query'
export const moduleUrl = import.meta.url

export interface ReadQuery {
  sql: string
  parameters: readonly unknown[]
}

export interface ReadBatch {
  id: number
  filename: string
  queries: ReadQuery[]
}

export type ReadBatchReply = { id: number; rows: unknown[][] } | { id: number; error: { message: string; code?: string } }

interface OpenFile {
  db: Database.Database
  dev: number
  ino: number
}

/** Connections kept open (tests open many files; a server one). */
const MAX_OPEN = 4
const open = new Map<string, OpenFile>()

function close(filename: string) {
  open.get(filename)?.db.close()
  open.delete(filename)
}

function connectionFor(filename: string): Database.Database {
  let file: fs.Stats
  try {
    file = fs.statSync(filename)
  } catch (error) {
    close(filename)
    throw error
  }
  const known = open.get(filename)
  // A file replaced at the same path (a restored backup) is opened again, never read through the old one.
  if (known && known.dev === file.dev && known.ino === file.ino) {
    open.delete(filename)
    open.set(filename, known)
    return known.db
  }
  close(filename)
  const db = new Database(filename, { readonly: true, fileMustExist: true })
  db.pragma('busy_timeout = 5000')
  open.set(filename, { db, dev: file.dev, ino: file.ino })
  for (const oldest of open.keys()) {
    if (open.size <= MAX_OPEN) break
    close(oldest)
  }
  return db
}

/** Runs the queries in one read transaction and returns each one's rows. */
export function runBatch(filename: string, queries: readonly ReadQuery[]): unknown[][] {
  const db = connectionFor(filename)
  const statements = queries.map((q) => {
    const statement = db.prepare(q.sql)
    if (!statement.reader) throw new Error('the read path only runs queries that return rows')
    return statement
  })
  // Deferred: the first select takes the snapshot, and every query of the batch reads it.
  db.exec('begin')
  try {
    return statements.map((statement, i) => statement.all(queries[i]!.parameters) as unknown[])
  } finally {
    db.exec('commit')
  }
}

if (isWorkerFor(READ_QUERY_TASK)) {
  parentPort!.on('message', (batch: ReadBatch) => {
    let reply: ReadBatchReply
    try {
      reply = { id: batch.id, rows: runBatch(batch.filename, batch.queries) }
    } catch (error) {
      const e = error as { message?: string; code?: string }
      reply = { id: batch.id, error: { message: e?.message ?? String(error), ...(typeof e?.code === 'string' ? { code: e.code } : {}) } }
    }
    parentPort!.postMessage(reply)
  })
}
