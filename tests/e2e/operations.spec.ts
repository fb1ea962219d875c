import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import { expect, test } from '@playwright/test'
import pg from 'pg'
import enCommon from '../../locales/en/common.json' with { type: 'json' }

// Operations: several instances on one PostgreSQL, graceful shutdown, and a
// clear refusal to start with a bad database. Each test runs its own servers.

const SLUG = 'a-tower-hamlets-for-all-your-priorities'
const SECRET = 'operations-test-secret-at-least-32-characters'
const PG = process.env.TEST_POSTGRES_URL
// The servers these tests start listen next to the main test server's port (E2E_PORT), so
// several worktrees on one machine can run them side by side.
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100)
const [PORT_A, PORT_B, PORT_SHUTDOWN, PORT_PG_AWAY, PORT_WRONG_URL, PORT_PG_DOWN] = [1, 2, 3, 4, 5, 6].map((n) => E2E_PORT + n)

function serverEnv(port: number, databaseUrl: string) {
  return {
    ...process.env,
    NODE_ENV: 'production' as const,
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: SECRET,
    COOKIE_SECURE: 'false',
    RATE_LIMIT_DISABLED: 'true',
    RETENTION_INTERVAL_MINUTES: '0',
  }
}

function start(port: number, databaseUrl: string) {
  const child = spawn('node', ['server.mjs'], { env: serverEnv(port, databaseUrl), stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, output: () => output }
}

/** Up to a minute: on a loaded 2-core machine two instances starting at once can be slow. */
async function waitUp(port: number) {
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`http://localhost:${port}/healthz`)).ok) return
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`server on ${port} did not start`)
}

async function post(port: number, path: string, body: Record<string, string>, cookie: string) {
  const origin = `http://localhost:${port}`
  const response = await fetch(`${origin}/c/${SLUG}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams(body),
  })
  return { response, cookie: response.headers.get('set-cookie')?.split(';')[0] ?? cookie }
}

async function freshPostgresDatabase(name: string) {
  const admin = new pg.Client({ connectionString: PG })
  await admin.connect()
  await admin.query(`drop database if exists ${name} with (force)`)
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(PG!)
  url.pathname = `/${name}`
  return url.toString()
}

test.describe('two app instances behind a load balancer share one PostgreSQL', () => {
  test.skip(!PG, 'TEST_POSTGRES_URL is not set: PostgreSQL is not installed on this machine')

  test('a resident starts on one instance, finishes on the other, and the response is stored once', async () => {
    test.setTimeout(120_000)
    const url = await freshPostgresDatabase('hys_e2e_two_instances')
    const seeded = spawnSync('npx', ['tsx', 'db/seed-cli.ts'], { env: serverEnv(0, url), encoding: 'utf8' })
    expect(seeded.status, seeded.stderr).toBe(0)
    // Both start at once: migrations are guarded by Kysely's migration lock.
    const a = start(PORT_A, url)
    const b = start(PORT_B, url)
    try {
      await Promise.all([waitUp(PORT_A), waitUp(PORT_B)])
      // Each instance sees the other on the message bus (PostgreSQL LISTEN/NOTIFY).
      const clusterA = (await (await fetch(`http://localhost:${PORT_A}/healthz/cluster`)).json()) as { instance: string; instances: string[] }
      const clusterB = (await (await fetch(`http://localhost:${PORT_B}/healthz/cluster`)).json()) as { instance: string; instances: string[] }
      expect(clusterA.instances).toHaveLength(2)
      expect(clusterA.instances).toEqual([clusterA.instance, clusterB.instance].sort())
      expect(clusterB.instances).toEqual(clusterA.instances)
      let cookie = ''
      ;({ cookie } = await post(PORT_A, '/q/connection', { answer: 'over_10', intent: 'continue' }, cookie))
      ;({ cookie } = await post(PORT_B, '/q/priorities', { 'rank-1': 'safe_homes', intent: 'continue' }, cookie))
      // Instance A sees the answer saved through instance B.
      const page = await (await fetch(`http://localhost:${PORT_A}/c/${SLUG}/q/priorities`, { headers: { Cookie: cookie } })).text()
      expect(page).toMatch(/<option[^>]*value="safe_homes"[^>]*selected=""|<option[^>]*selected=""[^>]*value="safe_homes"/)
      ;({ cookie } = await post(PORT_A, '/q/safe_day', { answer: 'agree', intent: 'continue' }, cookie))
      const first = await post(PORT_B, '/check', {}, cookie)
      const second = await post(PORT_A, '/check', {}, cookie)
      expect(first.response.status).toBe(302)
      expect(second.response.status).toBe(302)

      const client = new pg.Client({ connectionString: url })
      await client.connect()
      const rows = await client.query(`select r.reference, count(a.*)::int as answers from response r join answer a on a.response_id = r.id where r.is_synthetic = 0 and r.status = 'submitted' group by r.reference`)
      await client.end()
      expect(rows.rows).toHaveLength(1)
      expect(rows.rows[0].answers).toBe(3)
    } finally {
      a.child.kill('SIGTERM')
      b.child.kill('SIGTERM')
      await Promise.all([a.exited, b.exited])
    }
  })

  test('when PostgreSQL goes away mid-run, residents get the service-problem page, and service, the message bus and the data are as before when it returns', async () => {
    test.setTimeout(180_000)
    const name = 'hys_e2e_goes_away'
    const url = await freshPostgresDatabase(name)
    expect(spawnSync('npx', ['tsx', 'db/seed-cli.ts'], { env: serverEnv(0, url) }).status).toBe(0)
    const a = start(PORT_PG_AWAY, url)
    const b = start(PORT_B, url)
    const admin = new pg.Client({ connectionString: PG })
    await admin.connect()
    const cluster = async (port: number) => (await (await fetch(`http://localhost:${port}/healthz/cluster`)).json()) as { instance: string; instances?: string[] }
    // Everything stored, row by row: what PostgreSQL's outage must leave as it was.
    const snapshot = async () => {
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      try {
        const rows = await client.query(
          `select (select json_agg(r order by r.id) from (select id, status, reference, locale from response) r)::text as responses,
                  (select json_agg(x order by x.response_id, x.question_key, x.position, x.item_code) from (select response_id, question_key, position, item_code, option_code, text_value, number_value from answer) x)::text as answers`,
        )
        return rows.rows[0] as { responses: string | null; answers: string | null }
      } finally {
        await client.end()
      }
    }
    try {
      await Promise.all([waitUp(PORT_PG_AWAY), waitUp(PORT_B)])
      const before = await cluster(PORT_PG_AWAY)
      expect(before.instances).toHaveLength(2)
      // A resident has saved an answer before the outage.
      const { cookie } = await post(PORT_PG_AWAY, '/q/connection', { answer: 'over_10', intent: 'continue' }, '')
      const stored = await snapshot()
      expect(stored.answers).toContain('over_10')

      await admin.query(`alter database ${name} allow_connections false`)
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [name])
      const health = await fetch(`http://localhost:${PORT_PG_AWAY}/healthz`)
      expect(health.status).toBe(503)
      const page = await fetch(`http://localhost:${PORT_PG_AWAY}/c/${SLUG}/q/connection`)
      expect(page.status).toBe(500)
      const html = await page.text()
      expect(html).toContain(enCommon.errors.server_title)
      expect(html).not.toMatch(/at [\w.<>]+ \(.*:\d+:\d+\)/)
      // The error's log line carries the id sent back to the resident.
      const failedId = page.headers.get('x-request-id')
      // An answer sent during the outage is refused, not half-kept.
      expect((await post(PORT_PG_AWAY, '/q/priorities', { 'rank-1': 'safe_homes', intent: 'continue' }, cookie)).response.status).toBe(500)

      await admin.query(`alter database ${name} allow_connections true`)
      let ok = false
      for (let i = 0; i < 40 && !ok; i++) {
        ok = (await fetch(`http://localhost:${PORT_PG_AWAY}/healthz`)).ok
        if (!ok) await new Promise((r) => setTimeout(r, 250))
      }
      expect(ok).toBe(true)
      expect((await fetch(`http://localhost:${PORT_PG_AWAY}/c/${SLUG}/q/connection`)).status).toBe(200)
      // Both instances find each other again on the message bus by themselves: their
      // listening connections were cut too, and nothing here subscribes anew.
      let instances: string[] = []
      for (let i = 0; i < 30 && instances.length < 2; i++) {
        instances = (await cluster(PORT_B)).instances ?? []
        if (instances.length < 2) await new Promise((r) => setTimeout(r, 500))
      }
      expect(instances).toEqual(before.instances)
      expect((await cluster(PORT_PG_AWAY)).instances).toEqual(before.instances)
      // The data is as it was: the saved answer is there, the refused one is not.
      expect(await snapshot()).toEqual(stored)
      const resumed = await (await fetch(`http://localhost:${PORT_B}/c/${SLUG}/q/connection`, { headers: { Cookie: cookie } })).text()
      expect(resumed).toMatch(/value="over_10"[^>]*checked=""|checked=""[^>]*value="over_10"/)

      const logged = a
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
      expect(failedId).toBeTruthy()
      expect(logged.some((line) => line.level === 'error' && line.requestId === failedId)).toBe(true)
      expect(logged.some((line) => line.message === 'message bus reconnected')).toBe(true)
    } finally {
      await admin.query(`alter database ${name} allow_connections true`).catch(() => {})
      await admin.end()
      a.child.kill('SIGTERM')
      b.child.kill('SIGTERM')
      await Promise.all([a.exited, b.exited])
    }
  })
})

test('SIGTERM lets requests in flight finish, then the server exits cleanly', async () => {
  const db = 'tests/.tmp/shutdown.db'
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true })
  expect(spawnSync('npx', ['tsx', 'db/seed-cli.ts'], { env: serverEnv(0, db) }).status).toBe(0)
  const server = start(PORT_SHUTDOWN, db)
  await waitUp(PORT_SHUTDOWN)
  // A request whose body is still arriving is certainly in flight when the
  // signal lands: send half, signal, then send the rest.
  const body = new URLSearchParams({ answer: 'Bethnal Green' }).toString()
  let requestId = ''
  const status = new Promise<number>((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port: PORT_SHUTDOWN,
        method: 'POST',
        path: `/c/${SLUG}/q/ward`,
        headers: {
          Origin: `http://localhost:${PORT_SHUTDOWN}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (response) => {
        requestId = String(response.headers['x-request-id'] ?? '')
        response.resume()
        response.on('end', () => resolve(response.statusCode ?? 0))
      },
    )
    request.on('error', reject)
    request.write(body.slice(0, 5))
    request.on('socket', (socket) =>
      socket.on('connect', async () => {
        await new Promise((r) => setTimeout(r, 300))
        server.child.kill('SIGTERM')
        await new Promise((r) => setTimeout(r, 300))
        request.end(body.slice(5))
      }),
    )
  })
  const answered = await status
  expect(answered).toBeGreaterThanOrEqual(200)
  expect(answered).toBeLessThan(500)
  expect(await server.exited).toBe(0)
  expect(server.output()).toContain('SIGTERM: shutting down')
  // Structured logs: one JSON object a line; the request's line carries the id sent back as X-Request-Id.
  const lines = server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
  expect(lines.find((line) => line.requestId === requestId)).toMatchObject({ method: 'POST', path: `/c/${SLUG}/q/ward`, status: answered, level: 'info' })
})

test('a wrong DATABASE_URL, or a database server that is down, stops the start with a clear message', async () => {
  const wrong = start(PORT_WRONG_URL, 'mysql://admin:hunter2@db.example/hys')
  expect(await wrong.exited).toBe(1)
  expect(wrong.output()).toContain('is not supported')
  expect(wrong.output()).not.toContain('hunter2')

  const down = start(PORT_PG_DOWN, 'postgres://postgres:hunter2@127.0.0.1:1/hys')
  expect(await down.exited).toBe(1)
  expect(down.output()).toContain('Cannot reach the database server at postgres://postgres:***@127.0.0.1:1/hys')
  expect(down.output()).not.toContain('hunter2')
})
