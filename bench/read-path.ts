// Long reads never block residents: submission latency while a large export
// runs (a) nowhere, (b) on the main thread, as a naive export would, and
// (c) through the read path (a worker thread with its own read-only
// connection); then while the coding and findings reads (every coded answer,
// every answer of a free-text question) run (d) on the main thread and (e)
// through the read path's query worker. The server runs in this process, as in production
// (server.mjs); the residents run in a separate process.
//   npx tsx bench/read-path.ts            (RESPONSES=100000 SECONDS=10 by default)
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import type { Kysely as KyselyType } from 'kysely'
import type { Database as Schema } from '../db/schema.ts'

const RESPONSES = Number(process.env.RESPONSES ?? 100_000)
const SECONDS = Number(process.env.SECONDS ?? 10)
const CONCURRENCY = 10
const PORT = Number(process.env.BENCH_PORT ?? 3230)
const DB_FILE = path.resolve('bench/.tmp/read-path.db')
const SLUG = 'a-tower-hamlets-for-all-your-priorities'

fs.mkdirSync('bench/.tmp', { recursive: true })
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(DB_FILE + suffix, { force: true })
Object.assign(process.env, {
  NODE_ENV: 'production',
  DATABASE_URL: DB_FILE,
  SESSION_SECRET: 'bench-only-session-secret-0123456789abcdef',
  COOKIE_SECURE: 'false',
  RATE_LIMIT_DISABLED: 'true',
  RETENTION_INTERVAL_MINUTES: '0',
})
execFileSync('npx', ['tsx', 'db/seed-cli.ts'], { stdio: 'ignore', env: process.env })

// Copy the seeded synthetic responses until there are RESPONSES of them.
{
  const db = new Database(DB_FILE)
  const responses = db.prepare(`select * from response where status = 'submitted'`).all() as Record<string, unknown>[]
  const answers = db.prepare(`select * from answer where response_id = ?`)
  const insertResponse = db.prepare(
    `insert into response (id, consultation_id, survey_version_id, channel, locale, status, reference, ward_code, is_synthetic, created_at, updated_at, submitted_at)
     values (@id, @consultation_id, @survey_version_id, @channel, @locale, 'submitted', @reference, @ward_code, 1, @created_at, @updated_at, @submitted_at)`,
  )
  const insertAnswer = db.prepare(
    `insert into answer (response_id, question_key, position, option_code, number_value, text_value, item_code) values (?, ?, ?, ?, ?, ?, ?)`,
  )
  const template = responses.map((r) => ({ r, a: answers.all(r.id) as Record<string, unknown>[] }))
  db.transaction(() => {
    for (let i = responses.length; i < RESPONSES; i++) {
      const { r, a } = template[i % template.length]!
      const id = crypto.randomUUID()
      insertResponse.run({ ...r, id, reference: `HYS-B${String(i).padStart(7, '0').slice(0, 3)}-${String(i).padStart(7, '0').slice(3)}` })
      for (const x of a) insertAnswer.run(id, x.question_key, x.position, x.option_code, x.number_value, x.text_value, x.item_code)
    }
  })()
  db.close()
}

// The production server, in this process.
const { default: express } = await import('express')
const { createRequestHandler } = await import('@remix-run/express')
const build = await import(path.resolve('build/server/index.js'))
const app = express()
app.all('*', createRequestHandler({ build, mode: 'production', getLoadContext: (req) => ({ cspNonce: 'x', requestId: 'bench', clientIp: req.ip }) }))
const server = app.listen(PORT)
await fetch(`http://localhost:${PORT}/healthz`)

const { streamResponsesCsv } = await import('../app/features/analysis/read-worker.server.ts')
const meta = new Database(DB_FILE, { readonly: true })
const consultation = meta.prepare(`select id from consultation where slug = ?`).get(SLUG) as { id: string }
const definition = JSON.parse((meta.prepare(`select definition from survey_version where consultation_id = ?`).get(consultation.id) as { definition: string }).definition)
meta.close()

/** A naive export: the same query and CSV on the main thread, as one blocking call. */
function exportOnMainThread() {
  const db = new Database(DB_FILE, { readonly: true })
  const rows = db
    .prepare(
      `select r.id, r.reference, a.question_key, a.option_code, a.number_value, a.text_value from response r left join answer a on a.response_id = r.id where r.consultation_id = ? and r.status = 'submitted' order by r.submitted_at, r.id`,
    )
    .all(consultation.id) as { id: string; reference: string; option_code: string | null }[]
  let bytes = 0
  for (const row of rows) bytes += `${row.reference},${row.option_code ?? ''}\r\n`.length
  db.close()
  return bytes
}

// The coding and findings reads (every coded answer of the consultation, every
// answer of its free-text question), as the coding screens and findings pages
// run them. A Kysely instance that createDb did not open has no known file, so
// the read path runs the queries on it, on the main thread, as before; one
// opened by createSqliteDb sends them to the read worker.
const { loadThemeData } = await import('../app/features/findings/cta-summary.server.ts')
const { listTextAnswers } = await import('../app/features/coding/coding.server.ts')
const { createSqliteDb } = await import('../db/connection.ts')
const { Kysely, SqliteDialect } = await import('kysely')
const mainThreadDb = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(DB_FILE, { readonly: true }) }) })
const readPathDb = createSqliteDb(DB_FILE, { readonly: true })
async function codingReads(db: KyselyType<Schema>) {
  const themes = await loadThemeData(db, consultation.id)
  const answers = await listTextAnswers(db, consultation.id, 'one_change')
  return themes.texts.length + answers.length
}

async function exportThroughReadPath() {
  let bytes = 0
  for await (const chunk of streamResponsesCsv({ location: { kind: 'sqlite', filename: DB_FILE }, consultationId: consultation.id, definition })) bytes += chunk.length
  return bytes
}

function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}

async function phase(name: string, reader: (() => Promise<number>) | null) {
  const client = spawn('node', ['bench/lib/load-client.mjs', `http://localhost:${PORT}`, String(SECONDS), String(CONCURRENCY)], { stdio: ['ignore', 'pipe', 'inherit'] })
  let output = ''
  client.stdout.on('data', (d) => (output += d))
  const done = new Promise((r) => client.on('exit', r))
  let exports = 0
  const exportMs: number[] = []
  let running = true
  const readLoop = (async () => {
    await new Promise((r) => setTimeout(r, 500))
    while (reader && running) {
      const t0 = performance.now()
      await reader()
      exportMs.push(performance.now() - t0)
      exports++
      await new Promise((r) => setImmediate(r))
    }
  })()
  await done
  running = false
  await readLoop
  const stats = JSON.parse(output.trim().split('\n').pop()!) as { submitMs: number[]; flows: number; errors: number }
  return {
    name,
    flows: stats.flows,
    errors: stats.errors,
    p50: percentile(stats.submitMs, 50),
    p95: percentile(stats.submitMs, 95),
    p99: percentile(stats.submitMs, 99),
    max: Math.max(...stats.submitMs),
    exports,
    exportMs: exportMs.length ? percentile(exportMs, 50) : NaN,
  }
}

console.log(`Read path benchmark: ${RESPONSES.toLocaleString('en-GB')} stored responses, ${CONCURRENCY} residents submitting for ${SECONDS} s per phase`)
console.log(`Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`)
const results = [
  await phase('no export running', null),
  await phase('export on the main thread (naive)', async () => exportOnMainThread()),
  await phase('export through the read path (worker)', exportThroughReadPath),
  await phase('coding and findings reads on the main thread (naive)', () => codingReads(mainThreadDb)),
  await phase('coding and findings reads through the read path (worker)', () => codingReads(readPathDb)),
]
const f = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '-')
console.log('\n| phase | submissions | submit p50 | submit p95 | submit p99 | submit max | reads done | read time (median) |')
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const r of results) console.log(`| ${r.name} | ${r.flows} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${f(r.max)} | ${r.exports} | ${f(r.exportMs)} |`)
const [idle, naive, worker, codingNaive, codingWorker] = results
// A phase in which no submission completed has no p95: say so rather than print NaN.
const ratio = (r: { p95: number }) => (Number.isFinite(r.p95) ? `${(r.p95 / idle!.p95).toFixed(2)}×` : 'no submission completed, so no p95')
console.log(`\nSubmission p95 with an export through the read path: ${ratio(worker!)} the idle p95; on the main thread: ${ratio(naive!)}.`)
console.log(`With the coding and findings reads through the read path: ${ratio(codingWorker!)}; on the main thread: ${ratio(codingNaive!)}.`)
console.log(`Errors: ${results.map((r) => `${r.name}: ${r.errors}`).join('; ')}`)
server.close()
process.exit(0)
