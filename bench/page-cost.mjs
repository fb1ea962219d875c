#!/usr/bin/env node
// What a resident's question page costs the server with 0 and with 100,000 stored responses.
//
// Two SQLite files under bench/.tmp/:
//   page-cost-0.db     seeded as usual (db/seed-cli.ts), then the demo responses removed
//                      (delete from equality_answer, answer, response): 0 responses.
//   page-cost-100k.db  a copy of it with 100,000 submitted synthetic responses to the demo
//                      consultation, inserted directly with better-sqlite3 in one transaction
//                      (response rows with answer rows as db/seed/demo.ts makes them, equality
//                      answers for 70%, is_synthetic = 1).
// For each, the page /c/<slug>/q/connection is fetched:
//   - with a draft cookie: one answer is POSTed first (connection=over_10) to get hys_session,
//     so the page loads the draft and its answers (a resident going back to a question);
//   - without a cookie (a first visit).
// Two servers per database:
//   1. HYS_SQL_LOG=1 (port 3216): counts the SQL queries each page runs, from the JSON lines
//      {"sql":...} the app then prints on stdout (app/utils/db.server.ts), request by request.
//   2. no SQL log (ports 3217 for 0, 3218 for 100k, both running): BENCH_WARMUP_REQUESTS
//      (default 50) GETs of each kind, then BENCH_REQUESTS (default 300) GETs with the cookie
//      and as many without, one at a time, alternating between the two servers, each over a
//      keep-alive connection, with Accept-Encoding: gzip.
// Times: "server" is the time server.mjs logs for the request (from its first middleware to
// the response's 'finish'), matched by X-Request-Id; "client" is measured around the request on
// loopback (send to last body byte). Rate limiting and the retention job are off.
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import Database from 'better-sqlite3'
import { ms, percentile } from './lib/flow.mjs'
import { SLUG, TMP, freshDatabase, loadAverage, machine, requireBuild, startServer } from './lib/server.mjs'

const PAGE = `/c/${SLUG}/q/connection`
const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 100_000)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300)
const WARMUP_REQUESTS = Number(process.env.BENCH_WARMUP_REQUESTS ?? 50)
const COUNT_REQUESTS = 20
const SQL_PORT = Number(process.env.BENCH_PORT ?? 3216)
const TIMING_PORTS = [SQL_PORT + 1, SQL_PORT + 2]

// ---------------------------------------------------------------- databases

/** Mulberry32, as db/seed/demo.ts: the same synthetic data on every run. */
function seededRandom(seed) {
  let a = seed
  return () => {
    a |= 0
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pickWeighted(random, items) {
  const total = items.reduce((s, [, w]) => s + w, 0)
  let r = random() * total
  for (const [item, weight] of items) {
    r -= weight
    if (r <= 0) return item
  }
  return items[items.length - 1][0]
}

const SCALE = ['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree', 'dont_know']
const COMMENTS = ['More youth clubs open in the evenings.', 'Fix the damp in council flats.', 'Cheaper childcare.', 'Better street lighting by the canal.', 'More GP appointments.', 'শিশুদের জন্য আরও খেলার মাঠ ও পার্ক চাই।']

/** Answer rows for one synthetic response, as answerToRows makes them (skip logic respected). */
function syntheticAnswerRows(random, wards) {
  const rows = []
  const add = (key, values, kind = 'option') =>
    values.forEach((v, position) => rows.push([key, position, kind === 'option' ? v : null, kind === 'number' ? v : null, kind === 'text' ? v : null]))
  const connection = pickWeighted(random, [['under_1', 8], ['1_5', 22], ['6_10', 20], ['over_10', 42], ['not_resident', 8]])
  add('connection', [connection])
  let ward = null
  if (connection !== 'not_resident' && random() < 0.85) {
    ward = wards[Math.floor(random() * wards.length)]
    add('ward', [ward])
  }
  const priorities = ['fair_inclusive', 'mental_health', 'safe_homes', 'work_income', 'children_thrive', 'clean_green']
  const ranking = []
  const howMany = 1 + Math.floor(random() * 3)
  while (ranking.length < howMany) {
    const pick = priorities[Math.floor(random() * priorities.length)]
    if (!ranking.includes(pick)) ranking.push(pick)
  }
  add('priorities', ranking)
  add('safe_day', [SCALE[Math.floor(random() * SCALE.length)]])
  if (random() < 0.9) {
    const chosen = ['cost_of_living', 'housing', 'loneliness', 'work', 'crime_asb', 'discrimination'].filter(() => random() < 0.3)
    add('wellbeing', chosen.length ? chosen : ['none'])
  }
  const neededHelp = random() < 0.38 ? 'yes' : 'no'
  add('needed_help', [neededHelp])
  if (neededHelp === 'yes') {
    const chosen = ['council', 'food_bank', 'faith_group', 'charity', 'family'].filter(() => random() < 0.3)
    add('help_sources', chosen.length ? chosen : ['none'])
  }
  if (random() < 0.85) add('young_listened', [SCALE[Math.floor(random() * SCALE.length)]])
  if (random() < 0.8) add('children', [Math.floor(random() * 5)], 'number')
  if (random() < 0.6) add('one_change', [COMMENTS[Math.floor(random() * COMMENTS.length)]], 'text')
  return { rows, ward }
}

/** Fresh seed, then every response (and its answers) removed. */
function emptyDatabase(name) {
  const file = freshDatabase(name)
  const db = new Database(file)
  try {
    db.transaction(() => {
      db.prepare('delete from equality_answer').run()
      db.prepare('delete from answer').run()
      db.prepare('delete from response').run()
    })()
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
  return file
}

/** A copy of the empty database with `count` submitted synthetic responses to the demo consultation. */
function filledDatabase(emptyFile, name, count) {
  const file = path.join(TMP, name)
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
  fs.copyFileSync(emptyFile, file)
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  const started = process.hrtime.bigint()
  try {
    const { consultationId, versionId, opensAt } = db
      .prepare('select c.id as consultationId, sv.id as versionId, c.opens_at as opensAt from consultation c join survey_version sv on sv.consultation_id = c.id where c.slug = ?')
      .get(SLUG)
    const wards = db.prepare('select code from ward order by name').all().map((w) => w.code)
    const insertResponse = db.prepare(
      `insert into response (id, consultation_id, survey_version_id, channel, locale, status, reference, ward_code, is_synthetic, created_at, updated_at, submitted_at)
       values (?, ?, ?, ?, ?, 'submitted', ?, ?, 1, ?, ?, ?)`,
    )
    const insertAnswer = db.prepare('insert into answer (response_id, question_key, position, option_code, number_value, text_value) values (?, ?, ?, ?, ?, ?)')
    const insertEquality = db.prepare('insert into equality_answer (response_id, question_key, option_code, text_value) values (?, ?, ?, null)')
    const random = seededRandom(100_000)
    const now = Date.now()
    let answers = 0
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const id = crypto.randomUUID()
        const submittedAt = opensAt + Math.floor(random() * (now - opensAt))
        const channel = pickWeighted(random, [['online', 60], ['paper', 15], ['phone', 12], ['face_to_face', 13]])
        const locale = pickWeighted(random, [['en', 62], ['bn', 28], ['so', 5], ['ur', 5]])
        // Unique: "HYS-" and the index in base 32, as XXXX-XXXX.
        const code = i.toString(32).toUpperCase().padStart(8, '0')
        const { rows, ward } = syntheticAnswerRows(random, wards)
        insertResponse.run(id, consultationId, versionId, channel, locale, `HYS-${code.slice(0, 4)}-${code.slice(4)}`, ward, submittedAt - 6 * 60_000, submittedAt, submittedAt)
        for (const row of rows) insertAnswer.run(id, ...row)
        answers += rows.length
        if (random() < 0.7) {
          insertEquality.run(id, 'age_band', pickWeighted(random, [['16_24', 14], ['25_34', 30], ['35_49', 28], ['50_64', 16], ['65_plus', 10]]))
          insertEquality.run(id, 'sex', pickWeighted(random, [['female', 55], ['male', 42], ['prefer_not_to_say', 3]]))
        }
      }
    })()
    db.pragma('wal_checkpoint(TRUNCATE)')
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    return { file, answers, seconds }
  } finally {
    db.close()
  }
}

// ---------------------------------------------------------------- requests

function request(agent, origin, method, pathname, { cookie, body, requestId } = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const headers = { 'Accept-Encoding': 'gzip', 'Accept-Language': 'en-GB,en;q=0.9', 'X-Request-Id': requestId ?? crypto.randomUUID() }
    if (cookie) headers.Cookie = cookie
    if (body !== undefined) {
      headers.Origin = origin
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
      headers['Content-Length'] = Buffer.byteLength(body)
    }
    const url = new URL(pathname, origin)
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method, agent, headers }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), ms: Number(process.hrtime.bigint() - started) / 1e6, requestId: headers['X-Request-Id'] }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** A resident with a draft: POST one answer, keep the hys_session cookie. */
async function draftCookie(agent, origin) {
  const res = await request(agent, origin, 'POST', PAGE, { body: 'answer=over_10&intent=continue' })
  const pair = (res.headers['set-cookie'] ?? []).map((l) => l.split(';')[0]).find((p) => p.startsWith('hys_session='))
  if (res.status !== 302 || !pair) throw new Error(`POST ${PAGE} answered ${res.status} without a hys_session cookie`)
  return pair
}

/** Reads what a log file gained since `offset`. */
function readFrom(file, offset) {
  const fd = fs.openSync(file, 'r')
  try {
    const size = fs.fstatSync(fd).size
    const buffer = Buffer.alloc(size - offset)
    fs.readSync(fd, buffer, 0, buffer.length, offset)
    return { text: buffer.toString('utf8'), size }
  } finally {
    fs.closeSync(fd)
  }
}

async function waitForRequestLine(file, offset, requestId) {
  for (let i = 0; i < 200; i++) {
    const chunk = readFrom(file, offset)
    if (chunk.text.includes(`"requestId":"${requestId}"`)) return chunk
    await new Promise((r) => setTimeout(r, 5))
  }
  throw new Error(`No log line for request ${requestId} in ${file}`)
}

/** SQL queries per page, request by request, from the HYS_SQL_LOG=1 lines of the server's stdout. */
async function countQueries(dbFile, label) {
  const logFile = path.join(TMP, `page-cost-${label}.sql.log`)
  const server = await startServer({ port: SQL_PORT, dbFile, logFile, env: { HYS_SQL_LOG: '1' } })
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  try {
    const cookie = await draftCookie(agent, server.origin)
    const result = {}
    for (const [kind, withCookie] of [['cookie', true], ['none', false]]) {
      const counts = []
      let statements = []
      // Request 0 is the first of its kind (the first GET after start also fills caches); the
      // figure is over the COUNT_REQUESTS after it.
      let first
      for (let i = 0; i <= COUNT_REQUESTS; i++) {
        const offset = fs.statSync(logFile).size
        const res = await request(agent, server.origin, 'GET', PAGE, { cookie: withCookie ? cookie : undefined })
        if (res.status !== 200) throw new Error(`GET ${PAGE} answered ${res.status}`)
        const { text } = await waitForRequestLine(logFile, offset, res.requestId)
        const sql = []
        for (const line of text.split('\n')) {
          if (!line.startsWith('{"sql":')) continue
          sql.push(JSON.parse(line).sql)
        }
        if (i === 0) first = sql
        else counts.push(sql.length)
        if (i === COUNT_REQUESTS) statements = sql
      }
      result[kind] = { counts, statements, first }
    }
    return result
  } finally {
    agent.destroy()
    await server.stop()
  }
}

/**
 * Timed GETs, one at a time. Both databases get a server of their own, running side by side, and
 * the requests alternate between them (0, 100k, 0, 100k, ...), so that other load on the machine
 * falls on both alike. Server times come from the servers' request log lines, matched by X-Request-Id.
 */
async function timePages(dbs) {
  const servers = []
  try {
    for (const [i, db] of dbs.entries()) {
      const logFile = path.join(TMP, `page-cost-${db.label}.server.log`)
      const server = await startServer({ port: TIMING_PORTS[i], dbFile: db.file, logFile })
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
      servers.push({ db, server, agent, logFile, cookie: await draftCookie(agent, server.origin), out: {} })
    }
    const kinds = [['cookie', true], ['none', false]]
    const get = (s, withCookie) => request(s.agent, s.server.origin, 'GET', PAGE, { cookie: withCookie ? s.cookie : undefined })
    for (let i = 0; i < WARMUP_REQUESTS; i++) for (const s of servers) for (const [, c] of kinds) await get(s, c)
    for (const [kind, withCookie] of kinds) {
      for (const s of servers) s.out[kind] = { samples: [], checked: 0 }
      for (let i = 0; i < REQUESTS; i++) {
        for (const s of servers) {
          const res = await get(s, withCookie)
          if (res.status !== 200) throw new Error(`GET ${PAGE} answered ${res.status}`)
          s.out[kind].samples.push({ id: res.requestId, clientMs: res.ms, bytes: res.body.length })
          if (i === 0) {
            const html = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.body) : res.body).toString('utf8')
            s.out[kind].checked = (html.match(/\bchecked\b/g) ?? []).length
          }
        }
      }
    }
  } finally {
    for (const s of servers) {
      s.agent.destroy()
      await s.server.stop()
    }
  }
  for (const s of servers) {
    const serverMs = new Map()
    for (const line of fs.readFileSync(s.logFile, 'utf8').split('\n')) {
      if (!line.startsWith('{')) continue
      try {
        const entry = JSON.parse(line)
        if (entry.message === 'request' && entry.requestId) serverMs.set(entry.requestId, entry.ms)
      } catch {
        // Not a JSON line.
      }
    }
    for (const result of Object.values(s.out)) {
      result.client = result.samples.map((x) => x.clientMs)
      result.server = result.samples.map((x) => serverMs.get(x.id)).filter((v) => typeof v === 'number')
      result.bytes = result.samples[0].bytes
    }
    s.db.times = s.out
  }
}

/** How SQLite runs each query the page made, on the given database (EXPLAIN QUERY PLAN). */
function queryPlans(file, statements) {
  const db = new Database(file, { readonly: true })
  try {
    return statements.map((sql) => {
      const params = new Array((sql.match(/\?/g) ?? []).length).fill(null)
      const plan = db.prepare(`explain query plan ${sql}`).all(...params)
      return { sql, plan: plan.map((r) => r.detail).join('; ') }
    })
  } finally {
    db.close()
  }
}

// ---------------------------------------------------------------- main

async function main() {
  requireBuild()
  console.log(`Page cost: ${PAGE} with 0 and with ${RESPONSES.toLocaleString('en-GB')} stored responses (SQLite)`)
  console.log(`Machine: ${machine()} (client and server share the machine)`)

  process.stdout.write('Making the databases... ')
  const empty = emptyDatabase('page-cost-0.db')
  const filled = filledDatabase(empty, 'page-cost-100k.db', RESPONSES)
  const sizeMb = (file) => (fs.statSync(file).size / 1e6).toFixed(1)
  console.log(`done: ${path.relative(process.cwd(), empty)} (${sizeMb(empty)} MB), ${path.relative(process.cwd(), filled.file)} (${sizeMb(filled.file)} MB; ${RESPONSES.toLocaleString('en-GB')} responses and ${filled.answers.toLocaleString('en-GB')} answer rows inserted in ${filled.seconds.toFixed(1)} s)`)
  const check = new Database(filled.file, { readonly: true })
  const stored = check.prepare(`select count(*) as n from response where status = 'submitted'`).get().n
  check.close()
  console.log(`Submitted responses stored: 0 and ${stored.toLocaleString('en-GB')}`)

  const dbs = [
    { label: '0', file: empty },
    { label: RESPONSES % 1000 ? String(RESPONSES) : `${RESPONSES / 1000}k`, file: filled.file },
  ]
  for (const db of dbs) {
    process.stdout.write(`${db.label}: counting SQL queries (HYS_SQL_LOG=1, port ${SQL_PORT})... `)
    db.queries = await countQueries(db.file, db.label)
    console.log(`done; ${loadAverage()}`)
  }
  process.stdout.write(`Timing ${REQUESTS} GETs with the cookie and ${REQUESTS} without, per database, alternating between the two servers (ports ${TIMING_PORTS.join(', ')})... `)
  await timePages(dbs)
  console.log(`done; ${loadAverage()}`)

  const [zero, full] = dbs
  const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && a > 0 ? `${(b / a).toFixed(2)}x` : '-')
  const rows = []
  for (const [kind, title] of [['cookie', 'With a draft cookie'], ['none', 'Without a cookie']]) {
    for (const [measure, name] of [['server', 'server'], ['client', 'client']]) {
      for (const p of [50, 95]) {
        const a = percentile(zero.times[kind][measure], p)
        const b = percentile(full.times[kind][measure], p)
        rows.push([`${title}: ${name} ${p === 50 ? 'median' : 'p95'}`, ms(a), ms(b), ratio(a, b)])
      }
    }
    const qa = zero.queries[kind].counts
    const qb = full.queries[kind].counts
    const q = (c) => (Math.min(...c) === Math.max(...c) ? String(c[0]) : `${Math.min(...c)}-${Math.max(...c)}`)
    rows.push([`${title}: SQL queries per page`, q(qa), q(qb), ''])
    rows.push([`${title}: SQL, first of its kind`, String(zero.queries[kind].first.length), String(full.queries[kind].first.length), ''])
  }
  const header = ['', '0 responses', `${(RESPONSES / 1000).toFixed(0)}k responses`, `${(RESPONSES / 1000).toFixed(0)}k / 0`]
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('   ')
  console.log('')
  console.log(line(header))
  for (const r of rows) console.log(line(r))
  console.log('')
  console.log(`Machine: ${machine()}`)
  console.log(`${REQUESTS} GETs of each kind per database, one at a time, alternating between the two databases' servers, after ${WARMUP_REQUESTS} of each to warm up; one keep-alive connection per server; gzip.`)
  console.log('server = the time server.mjs logs for the request (first middleware to response finish); client = send to last body byte, on loopback.')
  console.log(`Server samples matched: ${dbs.map((d) => `${d.label}: ${d.times.cookie.server.length} + ${d.times.none.server.length}`).join(', ')}`)
  console.log(`Page bytes (gzip): ${dbs.map((d) => `${d.label}: ${d.times.cookie.bytes} with the cookie, ${d.times.none.bytes} without`).join('; ')}`)
  console.log(`"checked" in the page (the draft's saved answer shows): ${dbs.map((d) => `${d.label}: ${d.times.cookie.checked} with the cookie, ${d.times.none.checked} without`).join('; ')}`)
  console.log(`SQL queries counted request by request (HYS_SQL_LOG=1) over ${COUNT_REQUESTS} requests of each kind, after the first one since the server started. The queries of one page (${full.label}):`)
  for (const [kind, title] of [['cookie', 'with a draft cookie'], ['none', 'without a cookie']]) {
    console.log(`  ${title}:`)
    for (const s of full.queries[kind].statements) console.log(`    ${s.replace(/\s+/g, ' ').slice(0, 220)}`)
    const extra = full.queries[kind].first.filter((s) => !full.queries[kind].statements.includes(s))
    for (const s of extra) console.log(`    (first request only) ${s.replace(/\s+/g, ' ').slice(0, 200)}`)
  }
  const statements = [...new Set([...full.queries.cookie.statements, ...full.queries.none.statements])]
  console.log(`How SQLite runs them on the ${full.label} database (EXPLAIN QUERY PLAN):`)
  for (const { sql, plan } of queryPlans(full.file, statements)) console.log(`  ${sql.match(/from "(\w+)"/)?.[1] ?? sql.slice(0, 40)}: ${plan}`)
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
