import { EventEmitter } from 'node:events'
import pg from 'pg'
import type { DatabaseLocation } from '../../../db/location.ts'
import { log } from '../../utils/log.server.ts'

// Publish/subscribe for live features (results on a projector, moderation
// queues). One app instance: an in-process emitter. Several instances sharing
// one PostgreSQL: LISTEN/NOTIFY, so a vote taken by one instance reaches the
// screens connected to another.

export type Handler = (message: unknown) => void

export interface PubSub {
  publish(channel: string, message: unknown): Promise<void>
  /** Resolves once the subscription is live; returns a function that ends it. */
  subscribe(channel: string, handler: Handler): Promise<() => Promise<void>>
  close(): Promise<void>
}

/** PostgreSQL channel names are identifiers: keep them short and plain. */
export function channelName(channel: string): string {
  const clean = channel.toLowerCase().replace(/[^a-z0-9_]/g, '_')
  if (!clean || clean.length > 60) throw new Error(`Invalid channel name: ${channel}`)
  return `hys_${clean}`
}

/** NOTIFY payloads are limited to 8000 bytes; live messages are small by design. */
export function encodeMessage(message: unknown): string {
  const payload = JSON.stringify(message)
  if (Buffer.byteLength(payload) > 7900) throw new Error('Message too large to publish (over 7900 bytes)')
  return payload
}

export function createInProcessPubSub(): PubSub {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    async publish(channel, message) {
      const payload = encodeMessage(message)
      // Same path as PostgreSQL: subscribers get a copy, never the publisher's object.
      emitter.emit(channelName(channel), JSON.parse(payload))
    },
    async subscribe(channel, handler) {
      const name = channelName(channel)
      emitter.on(name, handler)
      return async () => {
        emitter.off(name, handler)
      }
    },
    async close() {
      emitter.removeAllListeners()
    },
  }
}

/** Waits between reconnection attempts of the listening connection: 250 ms, doubling, at most 5 s. */
export function reconnectDelay(attempt: number): number {
  return Math.min(5000, 250 * 2 ** attempt)
}

export function createPostgresPubSub(url: string): PubSub {
  const handlers = new Map<string, Set<Handler>>()
  const publisher = new pg.Pool({ connectionString: url, max: 2 })
  publisher.on('error', () => {})
  // One dedicated connection holds every LISTEN of this instance. When it dies
  // (database restarted, connection killed, network cut) it is replaced at once,
  // with backoff, and every channel still subscribed is listened to again:
  // standing subscriptions (the cluster channel, a live event's screens) have
  // no later subscribe call that would bring them back.
  let listener: pg.Client | undefined
  let connecting: Promise<pg.Client> | undefined
  let listening = new Set<string>()
  let closed = false
  let attempt = 0
  let retry: NodeJS.Timeout | undefined

  function lost(client: pg.Client, error?: Error) {
    // 'error' and 'end' both come for one loss; close() ends the connection on purpose.
    if (closed || client !== listener) return
    listener = undefined
    connecting = undefined
    log('warn', 'message bus connection lost; reconnecting', { error: error?.message ?? 'connection ended', channels: handlers.size })
    scheduleReconnect()
  }

  function scheduleReconnect() {
    if (closed || retry || handlers.size === 0) return
    const wait = reconnectDelay(attempt++)
    retry = setTimeout(() => {
      retry = undefined
      getListener().then(
        () => {
          log('info', 'message bus reconnected', { channels: handlers.size })
          attempt = 0
        },
        (error: Error) => {
          log('warn', 'message bus reconnection failed; trying again', { error: error.message, retryInMs: reconnectDelay(attempt) })
          scheduleReconnect()
        },
      )
    }, wait)
    // A pending reconnection never keeps a finished process alive.
    retry.unref()
  }

  async function listen(client: pg.Client, name: string) {
    if (listening.has(name)) return
    await client.query(`LISTEN ${client.escapeIdentifier(name)}`)
    listening.add(name)
  }

  async function getListener(): Promise<pg.Client> {
    if (listener) return listener
    connecting ??= (async () => {
      const client = new pg.Client({ connectionString: url, application_name: 'hys-pubsub-listener' })
      client.on('notification', (msg) => {
        const set = handlers.get(msg.channel)
        if (!set || msg.payload === undefined) return
        let message: unknown
        try {
          message = JSON.parse(msg.payload)
        } catch {
          return // someone else's NOTIFY on our channel name: not ours to read
        }
        for (const handler of set) handler(message)
      })
      client.on('error', (error) => lost(client, error))
      client.on('end', () => lost(client))
      try {
        await client.connect()
        listening = new Set()
        listener = client
        for (const name of handlers.keys()) await listen(client, name)
        return client
      } catch (error) {
        if (listener === client) listener = undefined
        connecting = undefined
        await client.end().catch(() => {})
        throw error
      }
    })()
    return connecting
  }

  return {
    async publish(channel, message) {
      await publisher.query('select pg_notify($1, $2)', [channelName(channel), encodeMessage(message)])
    },
    async subscribe(channel, handler) {
      const name = channelName(channel)
      let set = handlers.get(name)
      if (!set) {
        set = new Set()
        handlers.set(name, set)
      }
      set.add(handler)
      try {
        await listen(await getListener(), name)
      } catch (error) {
        set.delete(handler)
        if (set.size === 0 && handlers.get(name) === set) handlers.delete(name)
        throw error
      }
      const own = set
      return async () => {
        own.delete(handler)
        if (own.size === 0 && handlers.get(name) === own) {
          handlers.delete(name)
          listening.delete(name)
          await listener?.query(`UNLISTEN ${listener.escapeIdentifier(name)}`).catch(() => {})
        }
      }
    },
    async close() {
      closed = true
      clearTimeout(retry)
      handlers.clear()
      await listener?.end().catch(() => {})
      await publisher.end().catch(() => {})
    },
  }
}

/** The implementation that fits the database in use. */
export function createPubSub(location: DatabaseLocation): PubSub {
  return location.kind === 'postgres' ? createPostgresPubSub(location.url) : createInProcessPubSub()
}
