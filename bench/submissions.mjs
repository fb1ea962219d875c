#!/usr/bin/env node
// Completed submissions per second over HTTP. One "submission" is a whole
// resident flow with its own cookie jar, exactly as a browser without
// JavaScript sends it:
//   POST /c/<slug>/q/connection  answer=over_10              -> 302 /q/ward (creates the draft, sets hys_session)
//   POST /c/<slug>/q/priorities  rank-1=safe_homes&rank-2=work_income -> 302 /q/safe_day
//   POST /c/<slug>/q/safe_day    answer=agree                -> 302 /q/wellbeing
//   POST /c/<slug>/check                                     -> 302 /equality (submitted)
// BENCH_CONCURRENCY flows run at once (default 20) for BENCH_DURATION seconds
// (default 20), after a warm-up of BENCH_WARMUP seconds (default 3). A flow
// started before the end runs to its end. Afterwards the SQLite file is read
// (readonly) to check that the number of submitted responses grew by exactly
// the number of submissions the server acknowledged.
//
// Starts its own server (port 3202, fresh database bench/.tmp/submissions.db)
// and stops it at the end.
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import Database from 'better-sqlite3'
import { SLUG, TMP, cpuSeconds, freshDatabase, loadAverage, machine, requireBuild, startServer } from './lib/server.mjs'

const PORT = 3202
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20)
const DURATION_S = Number(process.env.BENCH_DURATION ?? 20)
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3)
const TIMEOUT_MS = 30_000
// The app limits form posts per client address (RATE_LIMIT_PER_MINUTE, default 120 a minute).
// Every flow here comes from 127.0.0.1, so the limit is raised far above what the run can
// reach: the limiter still runs on every post, it just never refuses one.
const RATE_LIMIT_PER_MINUTE = process.env.RATE_LIMIT_PER_MINUTE ?? '100000000'

const base = `/c/${SLUG}`
const STEPS = [
  { name: 'connection', path: `${base}/q/connection`, body: 'answer=over_10&intent=continue', expect: `${base}/q/ward` },
  { name: 'priorities', path: `${base}/q/priorities`, body: 'rank-1=safe_homes&rank-2=work_income&intent=continue', expect: `${base}/q/safe_day` },
  { name: 'safe_day', path: `${base}/q/safe_day`, body: 'answer=agree&intent=continue', expect: `${base}/q/wellbeing` },
  { name: 'submit', path: `${base}/check`, body: '', expect: `${base}/equality` },
]

function post(agent, origin, step, cookie) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint()
    const body = Buffer.from(step.body)
    const headers = {
      Origin: origin,
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': body.length,
      'Accept-Encoding': 'gzip',
    }
    if (cookie) headers.Cookie = cookie
    const url = new URL(step.path, origin)
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers }, (res) => {
      res.resume()
      res.on('end', () => {
        resolve({
          status: res.statusCode,
          location: res.headers.location,
          setCookie: res.headers['set-cookie'],
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        })
      })
      res.on('error', (error) => resolve({ status: 0, error: error.code ?? error.message, ms: Number(process.hrtime.bigint() - started) / 1e6 }))
    })
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('timeout')))
    req.on('error', (error) => resolve({ status: 0, error: error.code ?? error.message, ms: Number(process.hrtime.bigint() - started) / 1e6 }))
    req.end(body)
  })
}

function newStats() {
  return {
    flowsStarted: 0,
    flowsCompleted: 0,
    flowsFailed: 0,
    acknowledged: 0,
    requests: 0,
    errors: 0, // responses outside 2xx/3xx, and requests that got no response at all
    unexpected: 0, // 2xx/3xx that was not the redirect the flow expects
    statuses: {},
    failures: {},
    stepMs: Object.fromEntries(STEPS.map((s) => [s.name, []])),
    flowMs: [],
  }
}

/** One resident: four POSTs with its own cookie jar. Returns true when the submission was acknowledged. */
async function flow(agent, origin, stats) {
  stats.flowsStarted++
  let cookie = ''
  const started = process.hrtime.bigint()
  for (const step of STEPS) {
    const res = await post(agent, origin, step, cookie)
    stats.requests++
    stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1
    stats.stepMs[step.name].push(res.ms)
    for (const line of res.setCookie ?? []) {
      const [pair] = line.split(';')
      if (pair.startsWith('hys_session=')) cookie = pair
    }
    let location = res.location
    if (location) location = new URL(location, origin).pathname
    const ok = res.status === 302 && location === step.expect
    if (!ok) {
      if (res.status === 0 || res.status >= 400 || res.status < 200) stats.errors++
      else stats.unexpected++
      const key = `${step.name}: ${res.status || res.error}${location ? ` -> ${location}` : ''}`
      stats.failures[key] = (stats.failures[key] ?? 0) + 1
      stats.flowsFailed++
      return false
    }
    if (step.name === 'connection' && !cookie) {
      stats.unexpected++
      stats.failures['connection: no hys_session cookie'] = (stats.failures['connection: no hys_session cookie'] ?? 0) + 1
      stats.flowsFailed++
      return false
    }
  }
  stats.flowMs.push(Number(process.hrtime.bigint() - started) / 1e6)
  stats.flowsCompleted++
  stats.acknowledged++
  return true
}

/** CONCURRENCY workers, each running flows back to back until the deadline; in-flight flows finish. */
async function run(agent, origin, seconds) {
  const stats = newStats()
  const started = process.hrtime.bigint()
  const deadline = Date.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < deadline) await flow(agent, origin, stats)
    }),
  )
  stats.elapsedS = Number(process.hrtime.bigint() - started) / 1e9
  return stats
}

function percentile(values, p) {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '-')

function countResponses(dbFile) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true })
  try {
    const rows = db.prepare(`select status, count(*) as n from response where consultation_id = (select id from consultation where slug = ?) group by status`).all(SLUG)
    return Object.fromEntries(rows.map((r) => [r.status, r.n]))
  } finally {
    db.close()
  }
}

async function main() {
  requireBuild()
  console.log(`Submissions: whole resident flows (4 POSTs each, own cookie jar), ${CONCURRENCY} at once for ${DURATION_S} s after a ${WARMUP_S} s warm-up`)
  console.log(`Machine: ${machine()} (the load generator runs on the same machine as the server)`)
  console.log(`SQLite synchronous = ${process.env.SQLITE_SYNCHRONOUS ?? 'FULL'} on the write path (the app's default is FULL; SQLITE_SYNCHRONOUS=NORMAL to compare)`)
  console.log(`Rate limit: RATE_LIMIT_PER_MINUTE=${RATE_LIMIT_PER_MINUTE} per client address (all flows come from 127.0.0.1; the app's default of 120 would refuse almost all of them)`)
  const dbFile = freshDatabase('submissions.db')
  const before = countResponses(dbFile)
  const logFile = path.join(TMP, 'submissions.server.log')
  const server = await startServer({ port: PORT, dbFile, logFile, env: { RATE_LIMIT_PER_MINUTE } })
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  let warm
  let stats
  let exit
  try {
    warm = WARMUP_S > 0 ? await run(agent, server.origin, WARMUP_S) : newStats()
    const serverCpu = cpuSeconds(server.pid)
    const clientCpu = process.cpuUsage()
    stats = await run(agent, server.origin, DURATION_S)
    stats.serverCpuS = serverCpu === null ? null : cpuSeconds(server.pid) - serverCpu
    const client = process.cpuUsage(clientCpu)
    stats.clientCpuS = (client.user + client.system) / 1e6
    stats.loadAfter = loadAverage()
  } finally {
    agent.destroy()
    exit = await server.stop()
  }
  const after = countResponses(dbFile)

  const submitted = (after.submitted ?? 0) - (before.submitted ?? 0)
  const newDrafts = (after.draft ?? 0) - (before.draft ?? 0)
  const acknowledged = warm.acknowledged + stats.acknowledged

  console.log('')
  console.log(`Completed submissions          ${stats.flowsCompleted} in ${stats.elapsedS.toFixed(1)} s`)
  console.log(`Submissions per second         ${(stats.flowsCompleted / stats.elapsedS).toFixed(1)}`)
  console.log(`HTTP requests per second       ${(stats.requests / stats.elapsedS).toFixed(1)} (${stats.requests} requests)`)
  console.log(`Submit (POST /check) latency   p50 ${ms(percentile(stats.stepMs.submit, 50))}   p99 ${ms(percentile(stats.stepMs.submit, 99))}   max ${ms(Math.max(...stats.stepMs.submit))}`)
  for (const step of STEPS.slice(0, 3)) {
    console.log(`  POST q/${step.name.padEnd(12)}        p50 ${ms(percentile(stats.stepMs[step.name], 50))}   p99 ${ms(percentile(stats.stepMs[step.name], 99))}`)
  }
  console.log(`Whole flow latency             p50 ${ms(percentile(stats.flowMs, 50))}   p99 ${ms(percentile(stats.flowMs, 99))}   max ${ms(Math.max(...stats.flowMs))}`)
  if (stats.serverCpuS !== null) {
    console.log(
      `Server CPU                     ${stats.serverCpuS.toFixed(1)} s in ${stats.elapsedS.toFixed(1)} s (${((100 * stats.serverCpuS) / stats.elapsedS).toFixed(0)}% of one core), ${stats.flowsCompleted ? ((1000 * stats.serverCpuS) / stats.flowsCompleted).toFixed(1) : '-'} ms per submission (4 requests)`,
    )
  }
  console.log(`Load generator CPU             ${stats.clientCpuS.toFixed(1)} s (${((100 * stats.clientCpuS) / stats.elapsedS).toFixed(0)}% of one core)`)
  console.log(`At the end of the run          ${stats.loadAfter}`)
  console.log(`Errors (not 2xx/3xx, or none)  ${stats.errors + warm.errors}${warm.errors ? ` (${warm.errors} in the warm-up)` : ''}`)
  console.log(`Unexpected 2xx/3xx             ${stats.unexpected + warm.unexpected}`)
  console.log(`Failed flows                   ${stats.flowsFailed + warm.flowsFailed}`)
  const statuses = {}
  for (const s of [warm, stats]) for (const [k, v] of Object.entries(s.statuses)) statuses[k] = (statuses[k] ?? 0) + v
  console.log(`Status codes (incl. warm-up)   ${Object.entries(statuses).map(([k, v]) => `${k === '0' ? 'no response' : k}: ${v}`).join(', ')}`)
  const failures = {}
  for (const s of [warm, stats]) for (const [k, v] of Object.entries(s.failures)) failures[k] = (failures[k] ?? 0) + v
  for (const [k, v] of Object.entries(failures)) console.log(`  failure: ${k} x${v}`)

  // What the server itself logged: 5xx responses and error lines.
  const log = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean)
  let server5xx = 0
  const errorLines = []
  for (const line of log) {
    try {
      const entry = JSON.parse(line)
      if (entry.status >= 500) server5xx++
      if (entry.level === 'error' || entry.level === 'warn') errorLines.push(line)
    } catch {
      errorLines.push(line)
    }
  }
  console.log(`Server log                     ${log.length} lines, ${server5xx} responses 5xx, ${errorLines.length} error/warn/unstructured lines (${path.relative(process.cwd(), logFile)})`)
  for (const line of errorLines.slice(0, 5)) console.log(`  ${line.slice(0, 300)}`)
  console.log(`Server exit on SIGTERM         ${exit.code === 0 ? 'clean (0)' : JSON.stringify(exit)}`)

  const ok = submitted === acknowledged
  console.log('')
  console.log(`Check against the database (readonly, after the server stopped): ${dbFile}`)
  console.log(`  acknowledged submissions (302 -> /equality), warm-up + run: ${warm.acknowledged} + ${stats.acknowledged} = ${acknowledged}`)
  console.log(`  submitted responses: ${before.submitted ?? 0} seeded -> ${after.submitted ?? 0}, so ${submitted} new`)
  console.log(`  drafts left behind by the benchmark: ${newDrafts} (flows that failed before submitting: ${warm.flowsFailed + stats.flowsFailed})`)
  console.log(`  ${ok ? 'OK: every acknowledged submission is in the database, and nothing more' : 'MISMATCH: the database does not hold exactly the acknowledged submissions'}`)
  if (!ok) process.exitCode = 1
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
