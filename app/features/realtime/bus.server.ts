import crypto from 'node:crypto'
import os from 'node:os'
import { databaseLocationFromEnv } from '../../../db/location.ts'
import { getEnv } from '~/utils/env.server.ts'
import { createPubSub, type PubSub } from './pubsub.server.ts'

// This process's connection to the message bus, shared by every live feature.
// Each instance also answers "who is there?" pings on the cluster channel, so
// operators (and tests) can see that the instances reach each other.

export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`
const CLUSTER = 'cluster'

let bus: Promise<PubSub> | undefined

export function getBus(): Promise<PubSub> {
  bus ??= (async () => {
    const pubsub = createPubSub(databaseLocationFromEnv({ DATABASE_URL: getEnv().DATABASE_URL }))
    await pubsub.subscribe(CLUSTER, (message) => {
      const m = message as { type?: string; ping?: string }
      if (m.type === 'ping' && m.ping) void pubsub.publish(CLUSTER, { type: 'pong', ping: m.ping, instance: INSTANCE_ID }).catch(() => {})
    })
    return pubsub
  })().catch((error) => {
    bus = undefined
    throw error
  })
  return bus
}

/** The instances that answer a ping within `waitMs`, this one included. */
export async function listInstances(waitMs = 1000): Promise<string[]> {
  const pubsub = await getBus()
  const ping = crypto.randomUUID()
  const seen = new Set<string>()
  const stop = await pubsub.subscribe(CLUSTER, (message) => {
    const m = message as { type?: string; ping?: string; instance?: string }
    if (m.type === 'pong' && m.ping === ping && m.instance) seen.add(m.instance)
  })
  try {
    await pubsub.publish(CLUSTER, { type: 'ping', ping })
    await new Promise((resolve) => setTimeout(resolve, waitMs))
  } finally {
    await stop()
  }
  return [...seen].sort()
}
