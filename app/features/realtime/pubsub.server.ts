import { EventEmitter } from 'node:events'
import pg from 'pg'
import type { DatabaseLocation } from '../../../db/location.ts'

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

export function createPostgresPubSub(url: string): PubSub {
  const handlers = new Map<string, Set<Handler>>()
  const publisher = new pg.Pool({ connectionString: url, max: 2 })
  publisher.on('error', () => {})
  // One dedicated connection holds every LISTEN of this instance.
  let listener: pg.Client | undefined
  let connecting: Promise<pg.Client> | undefined

  async function getListener(): Promise<pg.Client> {
    if (listener) return listener
    connecting ??= (async () => {
      const client = new pg.Client({ connectionString: url })
      client.on('notification', (msg) => {
        const set = handlers.get(msg.channel)
        if (!set || msg.payload === undefined) return
        const message = JSON.parse(msg.payload)
        for (const handler of set) handler(message)
      })
      client.on('error', () => {
        // The connection died: forget it; the next subscribe reconnects and listens again.
        listener = undefined
        connecting = undefined
      })
      await client.connect()
      listener = client
      return client
    })()
    return connecting
  }

  return {
    async publish(channel, message) {
      await publisher.query('select pg_notify($1, $2)', [channelName(channel), encodeMessage(message)])
    },
    async subscribe(channel, handler) {
      const name = channelName(channel)
      const client = await getListener()
      let set = handlers.get(name)
      if (!set) {
        set = new Set()
        handlers.set(name, set)
        await client.query(`LISTEN ${client.escapeIdentifier(name)}`)
      }
      set.add(handler)
      return async () => {
        set!.delete(handler)
        if (set!.size === 0) {
          handlers.delete(name)
          await listener?.query(`UNLISTEN ${client.escapeIdentifier(name)}`).catch(() => {})
        }
      }
    },
    async close() {
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
