// Votes in the room under load: a full hall on the production build.
//   npx tsx bench/events.ts     (PHONES=1000 WINDOW_S=10 by default)
//
// 1. A fresh SQLite database (seeded as usual) with one poll event whose item
//    is open and whose results are revealed, so every vote changes what the
//    streams show.
// 2. The production server (node server.mjs, NODE_ENV=production) on port
//    3240; rate limiting by address off (every phone here is 127.0.0.1), the
//    per-device limit on as always.
// 3. PHONES phones join as a browser does (GET /join/<code>, then the event
//    page, which sets the signed device cookie), then each opens the event's
//    Server-Sent Events stream (view=participant, as the page's script does):
//    PHONES connected streams.
// 4. Within WINDOW_S seconds each phone votes once, at a random moment, with
//    the JSON endpoint the page's script uses; one phone in ten changes its
//    vote a moment later (the change must replace, not add); 50 posts with a
//    forged device cookie must be refused and not counted.
// 5. Every stream records when each frame arrives and its id (the event's
//    seq). A vote's answer carries the seq it committed at, so the delay from
//    sending a vote to each stream showing it is measured for every
//    (vote, stream) pair.
// 6. Checks: every stream's last frame shows exactly the expected counts; the
//    database holds exactly one row per phone whose vote was acknowledged,
//    with its last choice; nothing refused was stored.
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { TMP, cpuSeconds, freshDatabase, loadAverage, machine, requireBuild, seed, startServer } from './lib/server.mjs'
import { startPostgres, query } from './lib/postgres.mjs'
import { createPostgresDb, createSqliteDb } from '../db/connection.ts'
import { addItem, controlItem, createEvent, getEvent } from '../app/features/events/events.server.ts'

const PORT = 3240
const PHONES = Number(process.env.PHONES ?? 1000)
const WINDOW_S = Number(process.env.WINDOW_S ?? 10)
const CHANGERS = 0.1
const FORGED = 50
const OPTIONS = ['o1', 'o2', 'o3', 'o4']
/** BENCH_ENGINE=postgres: a throwaway PostgreSQL (fsync on; bench/lib/postgres.mjs) instead of SQLite. */
const ENGINE = process.env.BENCH_ENGINE === 'postgres' ? 'postgres' : 'sqlite'
/** BENCH_VOTE_CONNECTIONS=new: every vote on a new connection (default: a keep-alive pool of 100). */
const NEW_CONNECTIONS = process.env.BENCH_VOTE_CONNECTIONS === 'new'

const now = () => performance.now()
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function percentile(sorted: Float64Array | number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '-')

function rssMiB(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    return kb ? Number(kb) / 1024 : null
  } catch {
    return null
  }
}

interface Frame {
  at: number
  seq: number
}

interface Stream {
  frames: Frame[]
  lastData: string
  last: { total: number; counts: Record<string, number> } | null
  connectedAt: number | null
  reconnects: number
  errors: number
  close(): void
}

interface Phone {
  cookie: string
  deviceHash: string
  stream?: Stream
  votes: { choice: string; sentAt: number; ackAt: number; seq: number }[]
}

function request(
  agent: http.Agent | false,
  method: string,
  url: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: body ? { ...headers, 'Content-Length': Buffer.byteLength(body) } : headers }, (res) => {
      let data = ''
      res.setEncoding('utf8')
      res.on('data', (chunk) => (data += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }))
    })
    req.on('error', reject)
    req.setTimeout(60_000, () => req.destroy(new Error('timeout after 60 s')))
    if (body) req.write(body)
    req.end()
  })
}

/** An EventSource as a browser runs it: frames parsed as they arrive, reconnecting with Last-Event-ID. */
function openStream(url: string): Stream {
  let closed = false
  let lastId = ''
  let current: http.ClientRequest | null = null
  const stream: Stream = {
    frames: [],
    lastData: '',
    last: null,
    connectedAt: null,
    reconnects: 0,
    errors: 0,
    close() {
      closed = true
      current?.destroy()
    },
  }
  const connect = () => {
    const headers: Record<string, string> = { Accept: 'text/event-stream' }
    if (lastId) headers['Last-Event-ID'] = lastId
    current = http.get(url, { agent: false, headers }, (res) => {
      if (res.statusCode !== 200) {
        stream.errors++
        res.resume()
        return
      }
      stream.connectedAt ??= now()
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        const at = now()
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          let id = ''
          let data = ''
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) id = line.slice(4)
            else if (line.startsWith('data: ')) data += line.slice(6)
          }
          if (!data) continue
          lastId = id || lastId
          // Only the id and the arrival time now; the last frame's data is read at the end. (A phone
          // parses its own frames; here one process plays a thousand phones beside the server.)
          stream.frames.push({ at, seq: Number(id) })
          stream.lastData = data
        }
      })
      res.on('end', () => {
        if (closed) return
        stream.reconnects++
        setTimeout(connect, 1000)
      })
    })
    current.on('error', () => {
      if (closed) return
      stream.errors++
      stream.reconnects++
      setTimeout(connect, 1000)
    })
  }
  connect()
  return stream
}

async function pool<T>(items: T[], concurrency: number, fn: (item: T, index: number) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++
        await fn(items[i]!, i)
      }
    }),
  )
}

async function main() {
  requireBuild()
  console.log(`Votes in the room: ${PHONES} phones joined and streaming (Server-Sent Events), ${PHONES} votes within ${WINDOW_S} s`)
  console.log(`Machine: ${machine()}`)
  console.log(
    ENGINE === 'postgres'
      ? 'Database: PostgreSQL (throwaway, fsync on; votes reach the streams through LISTEN/NOTIFY)'
      : `Database: SQLite, synchronous = ${process.env.SQLITE_SYNCHRONOUS ?? 'FULL'} (the app's default is FULL; SQLITE_SYNCHRONOUS=NORMAL or BENCH_ENGINE=postgres to compare)`,
  )
  console.log(`  ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM; the load generator runs on the same machine as the server`)

  // 1. The database and the event.
  let dbFile = path.join(TMP, 'events.db')
  let databaseUrl: string | undefined
  const postgres = ENGINE === 'postgres' ? await startPostgres({ fsync: true }) : null
  if (postgres) {
    databaseUrl = await postgres.createDatabase('hys_events_bench')
    seed(databaseUrl)
  } else {
    dbFile = freshDatabase('events.db')
  }
  const setup = databaseUrl ? createPostgresDb(databaseUrl) : createSqliteDb(dbFile)
  const { id: eventId, code } = await createEvent(
    setup,
    {
      kind: 'poll',
      title: { en: 'Benchmark: a full hall' },
      startsAt: Date.now(),
      venue: 'Benchmark hall',
      locales: ['en', 'bn'],
      ctaCodes: ['CTA3'],
      questionsOpenAt: null,
      questionsCloseAt: null,
      theme: null,
    },
    'bench',
  )
  const event = (await getEvent(setup, eventId))!
  const itemId = await addItem(
    setup,
    event,
    { type: 'single', title: { en: 'Which matters most?' }, options: OPTIONS.map((code, i) => ({ code, label: { en: `Option ${i + 1}` } })) },
    'bench',
  )
  await controlItem(setup, event, itemId, 'open', 'bench')
  await controlItem(setup, event, itemId, 'reveal', 'bench')
  await setup.destroy()

  // 2. The server.
  const logFile = path.join(TMP, 'events.server.log')
  const server = await startServer({ port: PORT, dbFile, databaseUrl, logFile })
  const pid = server.pid!
  const origin = server.origin
  const agent = new http.Agent({ keepAlive: true, maxSockets: 100 })
  const phones: Phone[] = []
  let exit: unknown
  try {
    // 3. Joining: the QR code's address, then the event page (which sets the device cookie).
    const joinStart = now()
    const joinStatuses: Record<string, number> = {}
    const joinCpu = cpuSeconds(pid)
    await pool(
      Array.from({ length: PHONES }, (_, i) => i),
      50,
      async () => {
        const hop = await request(agent, 'GET', `${origin}/join/${code}`)
        joinStatuses[hop.status] = (joinStatuses[hop.status] ?? 0) + 1
        const page = await request(agent, 'GET', `${origin}${hop.headers.location ?? `/events/${code}`}`, { headers: { 'Accept-Encoding': 'identity' } })
        joinStatuses[page.status] = (joinStatuses[page.status] ?? 0) + 1
        const setCookie = (page.headers['set-cookie'] ?? []).find((c) => c.startsWith('hys_device='))
        if (!setCookie) throw new Error(`No device cookie (status ${page.status})`)
        const cookie = setCookie.split(';')[0]!
        const id = decodeURIComponent(cookie.slice('hys_device='.length)).split('.')[0]!
        phones.push({ cookie, deviceHash: crypto.createHash('sha256').update(`hys-device:${id}`).digest('hex'), votes: [] })
      },
    )
    const joinS = (now() - joinStart) / 1000
    const joinCpuS = joinCpu === null ? null : (cpuSeconds(pid) ?? 0) - joinCpu
    console.log(
      `\nJoin: ${PHONES} phones (GET /join/<code> + the event page) in ${joinS.toFixed(1)} s, ${(PHONES / joinS).toFixed(0)} phones/s; statuses ${JSON.stringify(joinStatuses)}${joinCpuS === null ? '' : `; server CPU ${((1000 * joinCpuS) / PHONES).toFixed(1)} ms per phone`}`,
    )

    // Streams: every phone opens the event's stream.
    const connectStart = now()
    for (const [i, phone] of phones.entries()) {
      phone.stream = openStream(`${origin}/events/${code}/stream?view=participant`)
      if (i % 50 === 49) await sleep(20)
    }
    while (phones.some((p) => !p.stream!.frames.length) && now() - connectStart < 60_000) await sleep(100)
    const connected = phones.filter((p) => p.stream!.frames.length).length
    console.log(`Streams: ${connected} of ${PHONES} connected and holding the current state after ${((now() - connectStart) / 1000).toFixed(1)} s`)
    await sleep(1000)
    const rssBefore = rssMiB(pid)

    // 4. Voting.
    const voteCpu = cpuSeconds(pid)
    const clientCpu = process.cpuUsage()
    const statuses: Record<string, number> = {}
    const refusedForged: number[] = []
    let failures = 0
    let retried = 0
    const errorsSeen: Record<string, number> = {}
    const post = async (cookie: string, choice: string) => {
      const sentAt = now()
      const send = () =>
        request(NEW_CONNECTIONS ? false : agent, 'POST', `${origin}/events/${code}/vote`, {
          headers: { Cookie: cookie, Origin: origin, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ item: itemId, round: '1', choice }).toString(),
        })
      let response
      try {
        response = await send()
      } catch (error) {
        // The server closed an idle keep-alive connection as this request went out on it (nothing was
        // received): a browser sends the request again on a new connection, and so does this.
        if (NEW_CONNECTIONS || !/ECONNRESET|socket hang up|EPIPE/.test((error as Error).message)) throw error
        retried++
        response = await send()
      }
      statuses[response.status] = (statuses[response.status] ?? 0) + 1
      return { sentAt, ackAt: now(), status: response.status, json: JSON.parse(response.body || '{}') as { ok?: boolean; seq?: number } }
    }
    const windowStart = now()
    const random = () => Math.random()
    await Promise.all([
      ...phones.map(async (phone) => {
        await sleep(random() * WINDOW_S * 1000)
        const votes = random() < CHANGERS ? 2 : 1
        let previous = ''
        for (let v = 0; v < votes; v++) {
          if (v) await sleep(300 + random() * 1500)
          // A change is always to another option: re-sending the same choice changes nothing anyone sees.
          const others = OPTIONS.filter((o) => o !== previous)
          const choice = others[Math.floor(random() * others.length)]!
          previous = choice
          try {
            const r = await post(phone.cookie, choice)
            if (r.json.ok && typeof r.json.seq === 'number') phone.votes.push({ choice, sentAt: r.sentAt, ackAt: r.ackAt, seq: r.json.seq })
            else failures++
          } catch (error) {
            failures++
            errorsSeen[(error as Error).message] = (errorsSeen[(error as Error).message] ?? 0) + 1
          }
        }
      }),
      ...Array.from({ length: FORGED }, async () => {
        await sleep(random() * WINDOW_S * 1000)
        const forgedId = crypto.randomBytes(16).toString('base64url')
        try {
          const r = await post(`hys_device=${forgedId}.${crypto.randomBytes(32).toString('base64url')}`, 'o1')
          refusedForged.push(r.status)
        } catch (error) {
          errorsSeen[`forged: ${(error as Error).message}`] = (errorsSeen[`forged: ${(error as Error).message}`] ?? 0) + 1
        }
      }),
    ])
    const lastAck = Math.max(...phones.flatMap((p) => p.votes.map((v) => v.ackAt)))
    const windowS = (lastAck - windowStart) / 1000
    await sleep(2000)
    const serverCpuS = voteCpu === null ? null : (cpuSeconds(pid) ?? 0) - voteCpu
    const client = process.cpuUsage(clientCpu)
    const rssAfter = rssMiB(pid)
    const loadAfter = loadAverage()

    // 5. Delays: for each acknowledged vote and each stream, the first frame at or after the vote's seq.
    const votes = phones.flatMap((p) => p.votes)
    const streams = phones.map((p) => p.stream!)
    const fromSend = new Float64Array(votes.length * streams.length)
    const fromAck = new Float64Array(votes.length * streams.length)
    let n = 0
    let missing = 0
    for (const stream of streams) {
      const frames = stream.frames
      for (const vote of votes) {
        let lo = 0
        let hi = frames.length
        while (lo < hi) {
          const mid = (lo + hi) >> 1
          if (frames[mid]!.seq >= vote.seq) hi = mid
          else lo = mid + 1
        }
        const frame = frames[lo]
        if (!frame) {
          missing++
          continue
        }
        fromSend[n] = frame.at - vote.sentAt
        fromAck[n] = Math.max(0, frame.at - vote.ackAt)
        n++
      }
    }
    const send = fromSend.subarray(0, n).sort()
    const ack = fromAck.subarray(0, n).sort()
    const frames = streams.reduce((s, x) => s + x.frames.length, 0)

    // 6. What every stream shows at the end, against what the phones were told.
    const expected: Record<string, number> = Object.fromEntries(OPTIONS.map((o) => [o, 0]))
    for (const phone of phones) {
      const last = phone.votes[phone.votes.length - 1]
      if (last) expected[last.choice]!++
    }
    const expectedTotal = phones.filter((p) => p.votes.length).length
    for (const stream of streams) {
      const item = stream.lastData ? (JSON.parse(stream.lastData) as { item: { total: number; counts?: Record<string, number> } | null }).item : null
      stream.last = item?.counts ? { total: item.total, counts: item.counts } : null
    }
    const wrongStreams = streams.filter((s) => !s.last || s.last.total !== expectedTotal || OPTIONS.some((o) => s.last!.counts[o] !== expected[o])).length
    for (const stream of streams) stream.close()
    agent.destroy()
    exit = await server.stop()

    // The database, read after the server has stopped.
    let rows: { device_hash: string; option_code: string }[]
    if (databaseUrl) {
      rows = (await query(databaseUrl, 'select device_hash, option_code from event_vote where item_id = $1', [itemId])).rows as unknown as typeof rows
    } else {
      const db = new Database(dbFile, { readonly: true })
      rows = db.prepare('select device_hash, option_code from event_vote where item_id = ?').all(itemId) as { device_hash: string; option_code: string }[]
      db.close()
    }
    const byDevice = new Map(rows.map((r) => [r.device_hash, r.option_code]))
    const acknowledgedPhones = phones.filter((p) => p.votes.length)
    const lost = acknowledgedPhones.filter((p) => byDevice.get(p.deviceHash) !== p.votes[p.votes.length - 1]!.choice).length
    const known = new Set(phones.map((p) => p.deviceHash))
    const extra = rows.filter((r) => !known.has(r.device_hash)).length
    const doubled = rows.length - new Set(rows.map((r) => r.device_hash)).size

    console.log('')
    console.log(`Votes sent                     ${votes.length + failures} by ${PHONES} phones (${phones.filter((p) => p.votes.length > 1).length} changed their vote once), plus ${FORGED} with a forged device cookie`)
    console.log(`Votes accepted                 ${votes.length} in ${windowS.toFixed(1)} s = ${(votes.length / windowS).toFixed(1)} votes accepted per second (first vote sent to last acknowledged)`)
    console.log(`Connections for votes          ${NEW_CONNECTIONS ? 'a new one per vote' : `a keep-alive pool of 100; ${retried} votes sent again after the server closed an idle connection`}`)
    console.log(`Refused or failed (real)       ${failures}${Object.keys(errorsSeen).length ? ` ${JSON.stringify(errorsSeen)}` : ''}`)
    console.log(`Forged cookie                  ${refusedForged.filter((s) => s === 403).length} of ${FORGED} refused with 403; stored: ${extra}`)
    console.log(`Status codes                   ${Object.entries(statuses).map(([k, v]) => `${k}: ${v}`).join(', ')}`)
    console.log(`Vote POST latency              p50 ${ms(percentile(votes.map((v) => v.ackAt - v.sentAt).sort((a, b) => a - b), 50))}   p95 ${ms(percentile(votes.map((v) => v.ackAt - v.sentAt).sort((a, b) => a - b), 95))}   p99 ${ms(percentile(votes.map((v) => v.ackAt - v.sentAt).sort((a, b) => a - b), 99))}`)
    console.log(`Vote-to-stream delay (send)    p50 ${ms(percentile(send, 50))}   p95 ${ms(percentile(send, 95))}   p99 ${ms(percentile(send, 99))}   max ${ms(send[send.length - 1] ?? NaN)}   (${n.toLocaleString('en-GB')} vote x stream pairs)`)
    console.log(`Vote-to-stream delay (ack)     p50 ${ms(percentile(ack, 50))}   p95 ${ms(percentile(ack, 95))}   p99 ${ms(percentile(ack, 99))}   (from the vote's acknowledgement)`)
    console.log(`Pairs with no later frame      ${missing} (a vote whose effect was cancelled by another before the next frame leaves the screen unchanged: nothing new to send)`)
    console.log(`Frames received                ${frames.toLocaleString('en-GB')} (${(frames / streams.length).toFixed(1)} per stream); stream reconnects ${streams.reduce((s, x) => s + x.reconnects, 0)}, errors ${streams.reduce((s, x) => s + x.errors, 0)}`)
    console.log(`Streams showing the right end state  ${streams.length - wrongStreams} of ${streams.length} (expected total ${expectedTotal}, ${JSON.stringify(expected)})`)
    console.log(`Database                       ${rows.length} rows for ${acknowledgedPhones.length} phones acknowledged; lost ${lost}, double-counted ${doubled}, refused but stored ${extra}: ${lost + doubled + extra === 0 && rows.length === acknowledgedPhones.length ? 'OK' : 'MISMATCH'}`)
    if (serverCpuS !== null) console.log(`Server CPU during voting       ${serverCpuS.toFixed(1)} s in ${(windowS + 2).toFixed(1)} s (${((100 * serverCpuS) / (windowS + 2)).toFixed(0)}% of one core)`)
    console.log(`Server memory (RSS)            ${rssBefore?.toFixed(0) ?? '-'} MiB with ${connected} streams open, ${rssAfter?.toFixed(0) ?? '-'} MiB after voting`)
    console.log(`Load generator CPU             ${((client.user + client.system) / 1e6).toFixed(1)} s`)
    console.log(`At the end                     ${loadAfter}`)
    console.log(`Server exit                    ${JSON.stringify(exit)}`)
    const log = fs.readFileSync(logFile, 'utf8').split('\n')
    console.log(`Server 5xx / error log lines   ${log.filter((l) => /"status":5\d\d/.test(l)).length} / ${log.filter((l) => /"level":"error"/.test(l)).length}`)
  } finally {
    if (!exit) {
      agent.destroy()
      for (const phone of phones) phone.stream?.close()
      await server.stop()
    }
    postgres?.stop()
  }
}

const guard = setTimeout(() => {
  console.error('The benchmark took more than 5 minutes: stopping.')
  process.exit(2)
}, 300_000)
guard.unref()
main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error)
    process.exit(1)
  })
