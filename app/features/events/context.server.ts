import type { AppLoadContext } from '@remix-run/node'
import type { Role } from '../../../db/schema.ts'
import { requireUser } from '../auth/auth.server.ts'
import { getDb } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { i18n } from '~/utils/i18next.server.ts'
import { checkRateLimit } from '~/utils/rate-limit.server.ts'
import { normaliseJoinCode } from './codes.ts'
import { findEventByCode, getEvent } from './events.server.ts'

// What every events route starts with: the event (404 when unknown), the
// staff member and their role for staff pages, and the rate limits for posts
// from the room.

/** Officers run events; moderators (and officers) moderate the room's texts and questions. */
export const EVENT_OFFICERS: Role[] = ['admin', 'officer']
export const EVENT_MODERATORS: Role[] = ['admin', 'officer', 'moderator']

export async function loadPublicEvent(code: string | undefined) {
  const normalised = normaliseJoinCode(code)
  if (!normalised) throw new Response('not_found', { status: 404 })
  const db = await getDb()
  const event = await findEventByCode(db, normalised)
  if (!event) throw new Response('not_found', { status: 404 })
  return { db, event }
}

export async function loadStaffEvent(request: Request, id: string | undefined, roles: Role[] = EVENT_OFFICERS) {
  const user = await requireUser(request, roles)
  const db = await getDb()
  const event = await getEvent(db, id ?? '')
  if (!event) throw new Response('not_found', { status: 404 })
  return { user, db, event }
}

/** Posts one device may make a minute (votes, upvotes, questions): far above a person, far below a script. */
export const DEVICE_POSTS_PER_MINUTE = 30
/** A hall shares one address on its Wi-Fi: twenty times the form limit for posts from the room. */
const ROOM_FACTOR = 20

/**
 * False when this post should be refused with 429. The device limit always
 * applies (it is per phone, never shared); the address limit follows
 * RATE_LIMIT_DISABLED like every other form.
 */
export function roomPostAllowed(context: AppLoadContext, deviceHash: string | null): boolean {
  const env = getEnv()
  if (env.RATE_LIMIT_DISABLED !== 'true' && !checkRateLimit(`event-ip:${context.clientIp ?? 'unknown'}`, env.RATE_LIMIT_PER_MINUTE * ROOM_FACTOR)) return false
  if (deviceHash && !checkRateLimit(`event-device:${deviceHash}`, DEVICE_POSTS_PER_MINUTE)) return false
  return true
}

/** The address phones use to join: PUBLIC_URL when set, else this request's own origin. */
export function publicOrigin(request: Request): string {
  return (getEnv().PUBLIC_URL ?? new URL(request.url).origin).replace(/\/$/, '')
}

const fixedT = new Map<string, ReturnType<typeof i18n.getFixedT>>()

/**
 * The "events" strings in one language, made once per language: a vote's
 * answer needs one message, and making an i18next instance per request was a
 * visible share of a vote's CPU time under load (bench/events.ts).
 */
export function eventsT(locale: string): ReturnType<typeof i18n.getFixedT> {
  let found = fixedT.get(locale)
  if (!found) {
    found = i18n.getFixedT(locale, 'events')
    fixedT.set(locale, found)
  }
  return found
}
