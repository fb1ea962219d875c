import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import { expect, test } from '@playwright/test'
import Database from 'better-sqlite3'

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

async function startServer(): Promise<ChildProcess> {
  const child = spawn('node', ['server.mjs'], { env, stdio: 'ignore' })
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${ORIGIN}/healthz`)).ok) return child
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('server did not start')
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

test('every acknowledged response survives five SIGKILLs, whole, and the database stays intact', async () => {
  test.setTimeout(180_000)
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(DB_FILE + suffix, { force: true })
  const seeded = spawnSync('npx', ['tsx', 'db/seed-cli.ts'], { env, encoding: 'utf8' })
  expect(seeded.status, seeded.stderr).toBe(0)

  const acknowledged: string[] = []
  for (let round = 0; round < 5; round++) {
    const server = await startServer()
    let running = true
    const workers = Array.from({ length: 8 }, async () => {
      while (running) {
        const marker = await submitOnce()
        if (marker) acknowledged.push(marker)
      }
    })
    await new Promise((r) => setTimeout(r, 700 + Math.random() * 1300))
    server.kill('SIGKILL')
    await new Promise((r) => server.once('exit', r))
    running = false
    await Promise.all(workers)
  }
  expect(acknowledged.length).toBeGreaterThan(10)

  const db = new Database(DB_FILE, { readonly: true })
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  const findByMarker = db.prepare(
    `select r.id, r.status from answer a join response r on r.id = a.response_id where a.question_key = 'one_change' and a.text_value = ?`,
  )
  const answersOf = db.prepare(`select question_key from answer where response_id = ? order by question_key, position`)
  for (const marker of acknowledged) {
    const rows = findByMarker.all(marker) as { id: string; status: string }[]
    expect(rows, marker).toHaveLength(1)
    expect(rows[0]!.status).toBe('submitted')
    expect((answersOf.all(rows[0]!.id) as { question_key: string }[]).map((a) => a.question_key)).toEqual([
      'connection',
      'one_change',
      'priorities',
      'priorities',
      'safe_day',
    ])
  }
  // No submitted response is half-written: each has its required answers.
  const halfWritten = db
    .prepare(
      `select count(*) as n from response r where r.status = 'submitted' and (
         select count(distinct question_key) from answer a where a.response_id = r.id and a.question_key in ('connection','priorities','safe_day')) < 3`,
    )
    .get() as { n: number }
  expect(halfWritten.n).toBe(0)
  db.close()
  console.log(`crash test: ${acknowledged.length} acknowledged submissions across 5 SIGKILLs, all present`)
})
