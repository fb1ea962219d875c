#!/usr/bin/env node
// Completed submissions per second on three database set-ups, in one run, one after the other:
//   1. SQLite, SQLITE_SYNCHRONOUS=FULL   (the app's default)
//   2. SQLite, SQLITE_SYNCHRONOUS=NORMAL
//   3. PostgreSQL (a throwaway server from scripts/test-postgres.sh on port 54339, with fsync
//      turned back on so that its commits wait for the disk as SQLite's do; BENCH_PG_FSYNC=off
//      keeps the script's fsync=off)
// Each gets its own freshly seeded database and its own server (ports 3213, 3214, 3215), and the
// same load: the resident flow of bench/submissions.mjs (lib/flow.mjs), BENCH_CONCURRENCY flows
// at once (default 20) for BENCH_DURATION seconds (default 15) after BENCH_WARMUP seconds
// (default 3). After each server has stopped, the database is read to check that the submitted
// responses grew by exactly the number of acknowledged submissions.
import http from 'node:http'
import path from 'node:path'
import { combined, countResponses, ms, newStats, percentile, runFlows, serverLogSummary } from './lib/flow.mjs'
import { PG_DIR, PG_PORT, startPostgres } from './lib/postgres.mjs'
import { TMP, cpuSeconds, cpuSecondsWithChildren, freshDatabase, loadAverage, machine, requireBuild, seed, startServer } from './lib/server.mjs'

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20)
const DURATION_S = Number(process.env.BENCH_DURATION ?? 15)
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3)
const FIRST_PORT = Number(process.env.BENCH_PORT ?? 3213)
const PG_FSYNC = (process.env.BENCH_PG_FSYNC ?? 'on') !== 'off'

const CONFIGS = [
  { key: 'sqlite-full', label: 'SQLite FULL', port: FIRST_PORT, env: { SQLITE_SYNCHRONOUS: 'FULL' } },
  { key: 'sqlite-normal', label: 'SQLite NORMAL', port: FIRST_PORT + 1, env: { SQLITE_SYNCHRONOUS: 'NORMAL' } },
  { key: 'postgres', label: `PostgreSQL${PG_FSYNC ? '' : ' fsync=off'}`, port: FIRST_PORT + 2, env: {}, postgres: true },
]

let postgres
function stopPostgres() {
  if (postgres) postgres.stop()
  postgres = undefined
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopPostgres()
    process.exit(130)
  })
}

async function measure(config) {
  const logFile = path.join(TMP, `engines-${config.key}.server.log`)
  let target
  let dbCpuPid = null
  if (config.postgres) {
    postgres = await startPostgres({ fsync: PG_FSYNC })
    const databaseUrl = await postgres.createDatabase('hys_bench')
    seed(databaseUrl)
    target = { databaseUrl }
    dbCpuPid = postgres.pid
    config.settings = await postgres.settings()
  } else {
    target = { dbFile: freshDatabase(`engines-${config.key}.db`) }
  }
  const before = await countResponses(target)
  const server = await startServer({ port: config.port, ...target, logFile, env: config.env })
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  let warm
  let stats
  let exit
  try {
    warm = WARMUP_S > 0 ? await runFlows(agent, server.origin, WARMUP_S, CONCURRENCY) : newStats()
    const serverCpu = cpuSeconds(server.pid)
    const dbCpu = dbCpuPid ? cpuSecondsWithChildren(dbCpuPid) : null
    stats = await runFlows(agent, server.origin, DURATION_S, CONCURRENCY)
    stats.serverCpuS = serverCpu === null ? null : cpuSeconds(server.pid) - serverCpu
    stats.dbCpuS = dbCpu === null ? null : cpuSecondsWithChildren(dbCpuPid) - dbCpu
    stats.loadAfter = loadAverage()
  } finally {
    agent.destroy()
    exit = await server.stop()
  }
  const after = await countResponses(target)
  const log = serverLogSummary(logFile)
  return { config, warm, stats, before, after, exit, log, logFile, target }
}

async function main() {
  requireBuild()
  console.log(`Engines: completed submissions per second on SQLite (synchronous FULL, NORMAL) and PostgreSQL`)
  console.log(`Load: whole resident flows (4 POSTs each, own cookie jar), ${CONCURRENCY} at once for ${DURATION_S} s after a ${WARMUP_S} s warm-up, per configuration`)
  console.log(`Machine: ${machine()} (the load generator, the server and PostgreSQL share the machine)`)
  console.log('Server: node server.mjs, NODE_ENV=production, rate limiting off (RATE_LIMIT_DISABLED=true), retention job off (RETENTION_INTERVAL_MINUTES=0)')
  const results = []
  try {
    for (const config of CONFIGS) {
      process.stdout.write(`\n${config.label}: seeding, starting the server on port ${config.port}, running... `)
      const result = await measure(config)
      results.push(result)
      const { stats } = result
      console.log(`${stats.flowsCompleted} submissions in ${stats.elapsedS.toFixed(1)} s; ${stats.loadAfter}`)
      if (config.postgres) stopPostgres()
    }
  } finally {
    stopPostgres()
  }

  const rows = []
  const row = (name, f) => rows.push([name, ...results.map(f)])
  const pct = (values, p) => ms(percentile(values, p))
  row('Completed submissions', (r) => `${r.stats.flowsCompleted} in ${r.stats.elapsedS.toFixed(1)} s`)
  row('Submissions per second', (r) => (r.stats.flowsCompleted / r.stats.elapsedS).toFixed(1))
  row('Submit (POST /check) p50', (r) => pct(r.stats.stepMs.submit, 50))
  row('Submit (POST /check) p99', (r) => pct(r.stats.stepMs.submit, 99))
  row('Whole flow p50', (r) => pct(r.stats.flowMs, 50))
  row('Whole flow p99', (r) => pct(r.stats.flowMs, 99))
  row('Errors (not 2xx/3xx or none)', (r) => String(r.stats.errors + r.warm.errors))
  row('Unexpected 2xx/3xx', (r) => String(r.stats.unexpected + r.warm.unexpected))
  row('Server 5xx / error log lines', (r) => `${r.log.server5xx} / ${r.log.errorLines.length}`)
  row('Node CPU per submission', (r) => (r.stats.serverCpuS === null || !r.stats.flowsCompleted ? '-' : `${((1000 * r.stats.serverCpuS) / r.stats.flowsCompleted).toFixed(1)} ms`))
  row('Node CPU (share of one core)', (r) => (r.stats.serverCpuS === null ? '-' : `${((100 * r.stats.serverCpuS) / r.stats.elapsedS).toFixed(0)}%`))
  row('PostgreSQL CPU per submission', (r) => (r.stats.dbCpuS === null || !r.stats.flowsCompleted ? '-' : `${((1000 * r.stats.dbCpuS) / r.stats.flowsCompleted).toFixed(1)} ms`))
  row('Acknowledged (warm-up + run)', (r) => `${r.warm.acknowledged} + ${r.stats.acknowledged} = ${r.warm.acknowledged + r.stats.acknowledged}`)
  row('New submitted rows', (r) => `${r.before.submitted ?? 0} -> ${r.after.submitted ?? 0}: ${(r.after.submitted ?? 0) - (r.before.submitted ?? 0)}`)
  row('Check', (r) => ((r.after.submitted ?? 0) - (r.before.submitted ?? 0) === r.warm.acknowledged + r.stats.acknowledged ? 'OK' : 'MISMATCH'))
  row('Drafts left behind', (r) => String((r.after.draft ?? 0) - (r.before.draft ?? 0)))
  row('Server exit on SIGTERM', (r) => (r.exit.code === 0 ? 'clean (0)' : JSON.stringify(r.exit)))

  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length), i === 0 ? 0 : results[i - 1].config.label.length))
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ')
  console.log('')
  console.log(line(['', ...results.map((r) => r.config.label)]))
  for (const r of rows) console.log(line(r))

  console.log('')
  console.log(`Machine: ${machine()}`)
  for (const r of results) {
    const where = r.target.dbFile ? path.relative(process.cwd(), r.target.dbFile) : r.target.databaseUrl
    console.log(`${r.config.label}: ${where}; server log ${path.relative(process.cwd(), r.logFile)}`)
    if (r.config.settings) console.log(`  PostgreSQL ${Object.entries(r.config.settings).map(([k, v]) => `${k}=${v}`).join(', ')} (port ${PG_PORT}, data ${PG_DIR}, stopped and removed)`)
    const statuses = combined([r.warm, r.stats], 'statuses')
    console.log(`  status codes (incl. warm-up): ${Object.entries(statuses).map(([k, v]) => `${k === '0' ? 'no response' : k}: ${v}`).join(', ')}`)
    for (const [k, v] of Object.entries(combined([r.warm, r.stats], 'failures'))) console.log(`  failure: ${k} x${v}`)
    for (const l of r.log.errorLines.slice(0, 5)) console.log(`  server: ${l.slice(0, 300)}`)
  }
  if (results.some((r) => (r.after.submitted ?? 0) - (r.before.submitted ?? 0) !== r.warm.acknowledged + r.stats.acknowledged)) {
    console.log('\nMISMATCH: a database does not hold exactly the acknowledged submissions')
    process.exitCode = 1
  }
}

main().catch((error) => {
  stopPostgres()
  console.error(error)
  process.exit(1)
})
