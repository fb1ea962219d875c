import { channelName } from '../realtime/pubsub.server.ts'
import { getBus } from '../realtime/bus.server.ts'
import { getDb } from '~/utils/db.server.ts'
import { log, logError } from '~/utils/log.server.ts'
import { onEventChange } from './events.server.ts'
import { LIVE_VIEWS, type LiveView } from './live-types.ts'
import { loadSnapshots } from './snapshot.server.ts'

// Server-Sent Events for live events. Every change to an event is published on
// the bus (in-process, or PostgreSQL LISTEN/NOTIFY across instances) as the
// event's new `seq`. Each instance keeps one hub per event with streams open:
// on a change it reads the state from the database once (at most every
// FLUSH_MS, so a burst of votes costs one read), encodes one frame per view,
// and writes that frame to every stream of the view. A frame identical to the
// last one sent to a view is not sent again (votes while results are hidden
// change nothing a phone shows).
//
// Each frame has `id: <seq>`. A browser that reconnects sends Last-Event-ID;
// when it is behind the event's seq, it gets the current state, read from the
// database, at once; when it is current it gets nothing until the next change.
// A comment every HEARTBEAT_MS keeps proxies and mobile networks from closing
// an idle connection. Streams end after a while (MAX_STREAM_MS, spread out) and
// on shutdown; browsers reconnect by themselves after `retry`.

export const FLUSH_MS = 100
const HEARTBEAT_MS = 15_000
const RETRY_MS = 3_000
const MAX_STREAM_MS = 10 * 60_000
/** Safety net for a lost notification (a dropped LISTEN connection): look at seq this often. */
const POLL_MS = 5_000
const IDLE_HUB_MS = 10_000
export const MAX_STREAMS = 20_000

const encoder = new TextEncoder()

interface Client {
  view: LiveView
  /** the seq of the last frame this browser has (from Last-Event-ID, then each frame sent) */
  seq: number
  send(bytes: Uint8Array): void
  sendFrame(frame: Frame): void
  close(): void
  endsAt: number
}

interface Frame {
  seq: number
  json: string
  bytes: Uint8Array
}

class Hub {
  clients = new Set<Client>()
  last: Partial<Record<LiveView, Frame>> = {}
  computedSeq = -1
  timer: ReturnType<typeof setTimeout> | null = null
  flushing: Promise<void> | null = null
  again = false
  lastFlushAt = 0
  unsubscribe: Promise<() => Promise<void>> | null = null
  heartbeat: ReturnType<typeof setInterval>
  poll: ReturnType<typeof setInterval>
  idleTimer: ReturnType<typeof setTimeout> | null = null

  constructor(public eventId: string) {
    this.unsubscribe = getBus()
      .then((bus) => bus.subscribe(channel(eventId), (message) => this.changed(Number((message as { seq?: number }).seq ?? 0))))
      .catch((error) => {
        logError(error, { where: 'live events: subscribe' })
        return async () => {}
      })
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS)
    this.poll = setInterval(() => void this.checkSeq(), POLL_MS)
    this.heartbeat.unref?.()
    this.poll.unref?.()
  }

  changed(seq: number) {
    if (seq && seq <= this.computedSeq) return
    if (this.timer) return
    const wait = Math.max(0, this.lastFlushAt + FLUSH_MS - Date.now())
    this.timer = setTimeout(() => {
      this.timer = null
      void this.flush()
    }, wait)
  }

  async flush(): Promise<void> {
    if (this.flushing) {
      this.again = true
      return this.flushing
    }
    this.lastFlushAt = Date.now()
    this.flushing = (async () => {
      try {
        const snapshots = await loadSnapshots(await getDb(), this.eventId)
        if (!snapshots || snapshots.seq < this.computedSeq) return
        this.computedSeq = snapshots.seq
        const frames: Partial<Record<LiveView, Frame>> = {}
        for (const view of LIVE_VIEWS) {
          const json = JSON.stringify(snapshots.views[view])
          if (this.last[view]?.json === json) continue
          frames[view] = { seq: snapshots.seq, json, bytes: encoder.encode(`id: ${snapshots.seq}\ndata: ${json}\n\n`) }
          this.last[view] = frames[view]
        }
        // All at once: writing in slices (yielding between them) let votes in sooner but delayed
        // the frames more; so did stretching the interval while the machine was busy (bench/README.md).
        for (const client of this.clients) {
          const frame = frames[client.view]
          if (frame) client.sendFrame(frame)
        }
      } catch (error) {
        logError(error, { where: 'live events: flush', event: this.eventId })
      } finally {
        this.flushing = null
        if (this.again) {
          this.again = false
          this.changed(0)
        }
      }
    })()
    return this.flushing
  }

  async checkSeq() {
    if (!this.clients.size) return
    try {
      const row = await (await getDb()).selectFrom('event').select('seq').where('id', '=', this.eventId).executeTakeFirst()
      if (row && Number(row.seq) > this.computedSeq) this.changed(Number(row.seq))
    } catch {
      // The database is away: the next poll tries again.
    }
  }

  beat() {
    const now = Date.now()
    const ping = encoder.encode(': hb\n\n')
    for (const client of this.clients) {
      if (now >= client.endsAt) client.close()
      else client.send(ping)
    }
  }

  /** The current frame for a view: computed now if this hub has none yet. */
  async current(view: LiveView): Promise<Frame | undefined> {
    if (!this.last[view] && this.computedSeq < 0) await this.flush()
    return this.last[view]
  }

  add(client: Client) {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    this.clients.add(client)
  }

  remove(client: Client) {
    this.clients.delete(client)
    if (!this.clients.size && !this.idleTimer) {
      this.idleTimer = setTimeout(() => {
        if (this.clients.size) return
        hubs.delete(this.eventId)
        clearInterval(this.heartbeat)
        clearInterval(this.poll)
        if (this.timer) clearTimeout(this.timer)
        void this.unsubscribe?.then((stop) => stop()).catch(() => {})
      }, IDLE_HUB_MS)
      this.idleTimer.unref?.()
    }
  }
}

const hubs = new Map<string, Hub>()
let streams = 0
let shutdownHooked = false

function channel(eventId: string) {
  return `event_${eventId}`
}

function hub(eventId: string): Hub {
  let found = hubs.get(eventId)
  if (!found) {
    found = new Hub(eventId)
    hubs.set(eventId, found)
  }
  return found
}

/** After a change is committed: tell every instance (this one included). */
function publishChange(eventId: string, seq: number) {
  void getBus()
    .then((bus) => bus.publish(channel(eventId), { seq }))
    .catch((error) => logError(error, { where: 'live events: publish', event: eventId }))
}
onEventChange(publishChange)

// Fail early on a channel name PostgreSQL would refuse.
channelName(channel('00000000-0000-0000-0000-000000000000'))

function closeAll() {
  const bye = encoder.encode(`retry: 1000\n: server restarting\n\n`)
  for (const h of hubs.values()) {
    for (const client of [...h.clients]) {
      client.send(bye)
      client.close()
    }
  }
}

export function liveStreamCount() {
  return streams
}

/** Where a stream's bytes go: a Node response (the fast path, node-live.server.ts) or a web ReadableStream. */
export interface LiveSink {
  write(bytes: Uint8Array): void
  end(): void
}

export const SSE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform: the compression middleware (server.mjs) leaves this response
  // alone, so no frame waits in a gzip buffer; no-cache: never stored.
  'Cache-Control': 'no-cache, no-transform',
  // Proxies such as nginx pass each frame on at once.
  'X-Accel-Buffering': 'no',
}

/**
 * Follows one event for one browser, writing frames into `sink` until
 * `signal` aborts (the browser went away) or the stream's time is up.
 * `lastEventId` is what the browser last saw (the Last-Event-ID header, or
 * ?lastEventId= after a manual reconnect).
 */
export function followEvent(eventId: string, view: LiveView, lastEventId: number | null, sink: LiveSink, signal: AbortSignal): void {
  if (!shutdownHooked) {
    shutdownHooked = true
    // Let server.mjs's graceful shutdown finish: open streams would hold it for its 10 s limit.
    process.once('SIGTERM', closeAll)
    process.once('SIGINT', closeAll)
  }
  const h = hub(eventId)
  let closed = false
  streams++
  const finish = () => {
    if (closed) return
    closed = true
    streams--
    h.remove(client)
    try {
      sink.end()
    } catch {
      // Already closed by the other side.
    }
  }
  const client: Client = {
    view,
    seq: lastEventId ?? -1,
    endsAt: Date.now() + MAX_STREAM_MS * (0.8 + 0.4 * Math.random()),
    send(bytes) {
      if (closed) return
      try {
        sink.write(bytes)
      } catch {
        finish()
      }
    },
    sendFrame(frame) {
      if (frame.seq <= this.seq) return
      this.seq = frame.seq
      this.send(frame.bytes)
    },
    close: finish,
  }
  if (signal.aborted) return finish()
  signal.addEventListener('abort', finish, { once: true })
  client.send(encoder.encode(`retry: ${RETRY_MS}\n: connected\n\n`))
  h.add(client)
  // Catch up from the database when the browser is behind (or new).
  void h
    .current(view)
    .then(() => {
      // The newest frame (a flush may have sent one meanwhile; sendFrame skips what the browser has).
      const frame = h.last[view]
      if (!frame || closed) return
      // An id from the future (the database was replaced): start again from the current state.
      if (client.seq > frame.seq) client.seq = -1
      client.sendFrame(frame)
    })
    .catch((error) => log('warn', 'live events: first frame failed', { error: String(error) }))
}

/** The same as a web ReadableStream, for a Remix route (in development, and for tests in process). */
export function openLiveStream(eventId: string, view: LiveView, lastEventId: number | null, signal: AbortSignal): ReadableStream<Uint8Array> {
  const stop = new AbortController()
  signal.addEventListener('abort', () => stop.abort(), { once: true })
  return new ReadableStream<Uint8Array>({
    start(controller) {
      followEvent(
        eventId,
        view,
        lastEventId,
        {
          write: (bytes) => controller.enqueue(bytes),
          end: () => controller.close(),
        },
        signal.aborted ? AbortSignal.abort() : stop.signal,
      )
    },
    cancel() {
      stop.abort()
    },
  })
}
