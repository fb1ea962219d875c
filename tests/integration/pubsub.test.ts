import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { createInProcessPubSub, channelName, encodeMessage } from '~/features/realtime/pubsub.server.ts'
import { ENGINES, createTestDb } from '../support/test-db.ts'

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

describe.runIf(ENGINES.includes('postgres'))('pub/sub across processes on PostgreSQL (LISTEN/NOTIFY)', () => {
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
})
