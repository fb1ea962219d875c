// The resident flow the submission benchmarks run (bench/submissions.mjs, bench/engines.mjs).
// One "submission" is a whole flow with its own cookie jar, posted as a browser
// without JavaScript posts it (form-encoded, Origin set to the server's own address):
//   POST /c/<slug>/q/connection  answer=over_10              -> 302 /q/ward (creates the draft, sets hys_session)
//   POST /c/<slug>/q/priorities  rank-1=safe_homes&rank-2=work_income -> 302 /q/safe_day
//   POST /c/<slug>/q/safe_day    answer=agree                -> 302 /q/area_statements (the next question; the rest are optional)
//   POST /c/<slug>/check                                     -> 302 /equality (submitted: the acknowledgement)
// Any other answer ends that flow and counts as a failure.
import fs from 'node:fs'
import http from 'node:http'
import Database from 'better-sqlite3'
import pg from 'pg'
import { SLUG } from './server.mjs'

const TIMEOUT_MS = 30_000
const base = `/c/${SLUG}`
export const STEPS = [
  { name: 'connection', path: `${base}/q/connection`, body: 'answer=over_10&intent=continue', expect: `${base}/q/ward` },
  { name: 'priorities', path: `${base}/q/priorities`, body: 'rank-1=safe_homes&rank-2=work_income&intent=continue', expect: `${base}/q/safe_day` },
  { name: 'safe_day', path: `${base}/q/safe_day`, body: 'answer=agree&intent=continue', expect: `${base}/q/area_statements` },
  { name: 'submit', path: `${base}/check`, body: '', expect: `${base}/equality` },
]

function post(agent, origin, step, cookie) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint()
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6
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
      res.on('end', () => resolve({ status: res.statusCode, location: res.headers.location, setCookie: res.headers['set-cookie'], ms: elapsed() }))
      res.on('error', (error) => resolve({ status: 0, error: error.code ?? error.message, ms: elapsed() }))
    })
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('timeout')))
    req.on('error', (error) => resolve({ status: 0, error: error.code ?? error.message, ms: elapsed() }))
    req.end(body)
  })
}

export function newStats() {
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
    elapsedS: 0,
  }
}

/** One resident: four POSTs with its own cookie jar. Returns true when the submission was acknowledged. */
async function flow(agent, origin, stats) {
  stats.flowsStarted++
  let cookie = ''
  const started = process.hrtime.bigint()
  const fail = (key, kind) => {
    stats[kind]++
    stats.failures[key] = (stats.failures[key] ?? 0) + 1
    stats.flowsFailed++
    return false
  }
  for (const step of STEPS) {
    const res = await post(agent, origin, step, cookie)
    stats.requests++
    stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1
    stats.stepMs[step.name].push(res.ms)
    for (const line of res.setCookie ?? []) {
      const [pair] = line.split(';')
      if (pair.startsWith('hys_session=')) cookie = pair
    }
    const location = res.location ? new URL(res.location, origin).pathname : undefined
    if (!(res.status === 302 && location === step.expect)) {
      const kind = res.status === 0 || res.status >= 400 || res.status < 200 ? 'errors' : 'unexpected'
      return fail(`${step.name}: ${res.status || res.error}${location ? ` -> ${location}` : ''}`, kind)
    }
    if (step.name === 'connection' && !cookie) return fail('connection: no hys_session cookie', 'unexpected')
  }
  stats.flowMs.push(Number(process.hrtime.bigint() - started) / 1e6)
  stats.flowsCompleted++
  stats.acknowledged++
  return true
}

/**
 * `concurrency` workers, each running flows back to back until `seconds` have passed. A flow
 * that has started when time is up runs to its end; elapsedS runs until the last one finished.
 */
export async function runFlows(agent, origin, seconds, concurrency) {
  const stats = newStats()
  const started = process.hrtime.bigint()
  const deadline = Date.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) await flow(agent, origin, stats)
    }),
  )
  stats.elapsedS = Number(process.hrtime.bigint() - started) / 1e9
  return stats
}

/** Status codes and failures of several runs (warm-up and measured), added up. */
export function combined(runs, field) {
  const out = {}
  for (const s of runs) for (const [k, v] of Object.entries(s[field])) out[k] = (out[k] ?? 0) + v
  return out
}

export function percentile(values, p) {
  if (!values.length) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

export const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : '-')

/** What the server logged: lines, 5xx responses, and error/warn/unstructured lines. */
export function serverLogSummary(logFile) {
  const lines = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean)
  let server5xx = 0
  const errorLines = []
  for (const line of lines) {
    try {
      const entry = JSON.parse(line)
      if (entry.status >= 500) server5xx++
      if (entry.level === 'error' || entry.level === 'warn') errorLines.push(line)
    } catch {
      errorLines.push(line)
    }
  }
  return { lines: lines.length, server5xx, errorLines }
}

/**
 * The demo consultation's responses by status ({ draft, submitted }), read from the SQLite
 * file dbFile (readonly) or the PostgreSQL database at databaseUrl. For the check after a run.
 */
export async function countResponses({ dbFile, databaseUrl }) {
  const text = 'select status, count(*) as n from response where consultation_id = (select id from consultation where slug = $1) group by status'
  let rows
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl })
    await client.connect()
    try {
      rows = (await client.query(text, [SLUG])).rows
    } finally {
      await client.end()
    }
  } else {
    const db = new Database(dbFile, { readonly: true, fileMustExist: true })
    try {
      rows = db.prepare(text.replace('$1', '?')).all(SLUG)
    } finally {
      db.close()
    }
  }
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
}
