import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import { expect, test } from '@playwright/test'
import Database from 'better-sqlite3'
import { CLOSED_SLUG } from './helpers.ts'

// Nothing acknowledged is lost: residents submit under load while the server
// is killed with SIGKILL five times. Every submission the server acknowledged
// (the redirect after "Submit") must be in the database with all its answers.

// Next to the main test server's port (E2E_PORT), after the ones operations.spec.ts uses.
const PORT = Number(process.env.E2E_PORT ?? 3100) + 7
const ORIGIN = `http://localhost:${PORT}`
const DB_FILE = 'tests/.tmp/crash.db'
const SLUG = 'a-tower-hamlets-for-all-your-priorities'
const env = {
  ...process.env,
  NODE_ENV: 'production' as const,
  PORT: String(PORT),
  DATABASE_URL: DB_FILE,
  SESSION_SECRET: 'crash-test-secret-that-is-at-least-32-characters',
  COOKIE_SECURE: 'false',
  RATE_LIMIT_DISABLED: 'true',
  RETENTION_INTERVAL_MINUTES: '0',
}

async function answersHealth(): Promise<boolean> {
  try {
    return (await fetch(`${ORIGIN}/healthz`)).ok
  } catch {
    return false
  }
}

async function startServer(): Promise<ChildProcess> {
  // Another process on the port would answer the health check for ours, and ours would have exited.
  if (await answersHealth()) throw new Error(`port ${PORT} is already in use by another server`)
  const child = spawn('node', ['server.mjs'], { env, stdio: 'ignore' })
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited at start (code ${child.exitCode})`)
    if (await answersHealth()) return child
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('server did not start')
}

/** SIGKILL or SIGTERM, and wait for the exit (at once when it has already gone). */
async function stopServer(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill(signal)
  await exited
}

/** One resident's whole flow; resolves with its unique text once "Submit" was acknowledged. */
async function submitOnce(): Promise<string | null> {
  const marker = `crash-${crypto.randomUUID()}`
  let cookie = ''
  const post = async (path: string, body: Record<string, string>) => {
    const response = await fetch(`${ORIGIN}/c/${SLUG}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams(body),
    })
    const set = response.headers.get('set-cookie')
    if (set) cookie = set.split(';')[0]!
    return response
  }
  try {
    await post('/q/connection', { answer: 'over_10', intent: 'continue' })
    await post('/q/priorities', { 'rank-1': 'safe_homes', 'rank-2': 'work_income', intent: 'continue' })
    await post('/q/safe_day', { answer: 'agree', intent: 'continue' })
    await post('/q/one_change', { answer: marker, intent: 'continue' })
    const submit = await post('/check', {})
    return submit.status === 302 && submit.headers.get('location')?.endsWith('/equality') ? marker : null
  } catch {
    return null // the server died mid-flow: not acknowledged, so nothing is owed
  }
}

/**
 * What must hold after every crash, once the server is back: every response acknowledged
 * so far is there, submitted, with all its answers; none is half-written; the file is intact.
 */
function checkDatabase(acknowledged: string[], after: string) {
  const db = new Database(DB_FILE, { readonly: true })
  try {
    expect(db.pragma('integrity_check', { simple: true }), after).toBe('ok')
    const findByMarker = db.prepare(
      `select r.id, r.status from answer a join response r on r.id = a.response_id where a.question_key = 'one_change' and a.text_value = ?`,
    )
    const answersOf = db.prepare(`select question_key from answer where response_id = ? order by question_key, position`)
    for (const marker of acknowledged) {
      const rows = findByMarker.all(marker) as { id: string; status: string }[]
      expect(rows, `${after}: ${marker}`).toHaveLength(1)
      expect(rows[0]!.status, `${after}: ${marker}`).toBe('submitted')
      expect((answersOf.all(rows[0]!.id) as { question_key: string }[]).map((a) => a.question_key), `${after}: ${marker}`).toEqual([
        'connection',
        'one_change',
        'priorities',
        'priorities',
        'safe_day',
      ])
    }
    // No submitted response is half-written: each has its survey's required answers
    // (the demo survey's three, or the closed demo consultation's one).
    const halfWritten = db
      .prepare(
        `select count(*) as n from response r join consultation c on c.id = r.consultation_id where r.status = 'submitted' and (
           select count(distinct question_key) from answer a where a.response_id = r.id and a.question_key in ('connection','priorities','safe_day','safety_priority'))
           < case c.slug when '${CLOSED_SLUG}' then 1 else 3 end`,
      )
      .get() as { n: number }
    expect(halfWritten.n, after).toBe(0)
  } finally {
    db.close()
  }
}

test('every acknowledged response survives five SIGKILLs, whole, and the database stays intact after each restart', async () => {
  test.setTimeout(240_000)
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(DB_FILE + suffix, { force: true })
  const seeded = spawnSync('npx', ['tsx', 'db/seed-cli.ts'], { env, encoding: 'utf8' })
  expect(seeded.status, seeded.stderr).toBe(0)

  const acknowledged: string[] = []
  const perRound: number[] = []
  let server = await startServer()
  try {
    for (let round = 1; round <= 5; round++) {
      let running = true
      const before = acknowledged.length
      const workers = Array.from({ length: 8 }, async () => {
        while (running) {
          const marker = await submitOnce()
          if (marker) acknowledged.push(marker)
        }
      })
      // Kill at a random moment once the round is under way (a few acknowledged, more in
      // flight): on a loaded machine a fixed delay could end a round before any submission.
      for (let i = 0; i < 1200 && acknowledged.length - before < 3; i++) await new Promise((r) => setTimeout(r, 50))
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 1300))
      // The server must still be the one this test started, and running, when it is killed.
      expect(server.exitCode, `server exited by itself in round ${round}`).toBeNull()
      await stopServer(server, 'SIGKILL')
      running = false
      await Promise.all(workers)
      perRound.push(acknowledged.length - before)
      // Restart, as an operator (or systemd) would, and check before any more load.
      server = await startServer()
      checkDatabase(acknowledged, `after SIGKILL ${round} and restart`)
    }
  } finally {
    // Never leave a server behind on the port, even when a check fails.
    await stopServer(server, 'SIGTERM')
  }
  expect(acknowledged.length).toBeGreaterThan(10)
  // Each round had submissions in flight when the server was killed.
  expect(perRound.every((n) => n > 0), `acknowledged per round: ${perRound.join(', ')}`).toBe(true)
  console.log(`crash test: ${acknowledged.length} acknowledged submissions across 5 SIGKILLs (${perRound.join(', ')} per round), all present after each restart`)
})
