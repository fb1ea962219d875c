import { spawn } from 'node:child_process'
import pg from 'pg'
import { describe, expect, it, vi } from 'vitest'
import { createInProcessPubSub, createPostgresPubSub, channelName, encodeMessage, reconnectDelay } from '~/features/realtime/pubsub.server.ts'
import { ENGINES, POSTGRES_SKIP_REASON, createTestDb } from '../support/test-db.ts'

describe('pub/sub in one process', () => {
  it('delivers a copy of each message to every subscriber until it unsubscribes', async () => {
    const pubsub = createInProcessPubSub()
    const a: unknown[] = []
    const b: unknown[] = []
    const stopA = await pubsub.subscribe('poll:42', (m) => a.push(m))
    await pubsub.subscribe('poll:42', (m) => b.push(m))
    const message = { votes: { yes: 3 } }
    await pubsub.publish('poll:42', message)
    await stopA()
    await pubsub.publish('poll:42', { votes: { yes: 4 } })
    expect(a).toEqual([{ votes: { yes: 3 } }])
    expect(b).toEqual([{ votes: { yes: 3 } }, { votes: { yes: 4 } }])
    expect(b[0]).not.toBe(message)
    await pubsub.close()
  })

  it('refuses oversized messages and odd channel names', () => {
    expect(() => encodeMessage({ text: 'x'.repeat(8000) })).toThrow(/too large/)
    expect(channelName('Poll:42')).toBe('hys_poll_42')
    expect(() => channelName('')).toThrow(/Invalid channel/)
  })

  it('waits longer after each failed reconnection, up to 5 seconds', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(reconnectDelay)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000])
  })
})

function run(args: string[], env: Record<string, string>) {
  const child = spawn('npx', ['tsx', 'tests/support/pubsub-peer.ts', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  let buffer = ''
  child.stdout.on('data', (chunk) => {
    buffer += chunk
    const parts = buffer.split('\n')
    buffer = parts.pop()!
    lines.push(...parts.filter(Boolean))
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  return { child, lines, exited }
}

async function waitFor(check: () => boolean, ms: number) {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe.runIf(ENGINES.includes('postgres'))(`pub/sub across processes on PostgreSQL (LISTEN/NOTIFY) — ${ENGINES.includes('postgres') ? 'running' : POSTGRES_SKIP_REASON}`, () => {
  it('a message published in one process reaches a subscriber in another', async () => {
    const t = await createTestDb({ engine: 'postgres' })
    try {
      const env = { DATABASE_URL: t.location }
      const listener = run(['listen', 'event:congress'], env)
      await waitFor(() => listener.lines.includes('ready'), 20_000)
      const publisher = run(['publish', 'event:congress', JSON.stringify({ item: 7, counts: { agree: 12, disagree: 3 } })], env)
      expect(await publisher.exited).toBe(0)
      await waitFor(() => listener.lines.length > 1, 10_000)
      expect(JSON.parse(listener.lines[1]!)).toEqual({ item: 7, counts: { agree: 12, disagree: 3 } })
      listener.child.kill()
    } finally {
      await t.cleanup()
    }
  })

  it('when the listening connection dies, it reconnects by itself and every standing subscription hears later messages', async () => {
    const t = await createTestDb({ engine: 'postgres' })
    const logs: string[] = []
    const spyLog = vi.spyOn(console, 'log').mockImplementation((line: string) => void logs.push(line))
    const pubsub = createPostgresPubSub(t.location)
    const admin = new pg.Client({ connectionString: t.location })
    await admin.connect()
    try {
      // Two standing subscriptions, as the app has (the cluster channel, a live event's screens);
      // nothing subscribes again after the connection dies.
      const cluster: unknown[] = []
      const event: unknown[] = []
      await pubsub.subscribe('cluster', (m) => cluster.push(m))
      await pubsub.subscribe('event:7', (m) => event.push(m))
      await pubsub.publish('cluster', { n: 0 })
      await waitFor(() => cluster.length === 1, 10_000)

      const database = new URL(t.location).pathname.slice(1)
      const killed = await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = 'hys-pubsub-listener'`, [database])
      expect(killed.rowCount).toBe(1)

      // Publish until the new connection is listening (each try is a new message);
      // without reconnection nothing would ever arrive and this times out.
      let n = 0
      await waitFor(() => {
        if (cluster.length > 1 && event.length > 0) return true
        n++
        void pubsub.publish('cluster', { n }).catch(() => {})
        void pubsub.publish('event:7', { n }).catch(() => {})
        return false
      }, 20_000)
      expect(cluster.at(-1)).toMatchObject({ n: expect.any(Number) })
      expect(event.at(-1)).toMatchObject({ n: expect.any(Number) })
      const listeners = await admin.query(`select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = 'hys-pubsub-listener'`, [database])
      expect(listeners.rows[0].n).toBe(1)
      const messages = logs.filter((line) => typeof line === 'string' && line.startsWith('{')).map((line) => JSON.parse(line) as { message: string; level: string })
      expect(messages.some((m) => m.message === 'message bus reconnected' && m.level === 'info')).toBe(true)
    } finally {
      spyLog.mockRestore()
      await pubsub.close()
      await admin.end()
      await t.cleanup()
    }
  })
})
