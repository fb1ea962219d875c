import type { AppLoadContext } from '@remix-run/node'
import type { Role } from '../../../db/schema.ts'
import { requireUser } from '../auth/auth.server.ts'
import { getDb } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import { checkRateLimit } from '~/utils/rate-limit.server.ts'
import { normaliseJoinCode } from './codes.ts'
import { getTable } from './congress.server.ts'
import type { EventKind } from './event-form.ts'
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

/**
 * For the endpoints the page's script calls (a vote, an upvote, the live
 * stream): the event, or, for a code with no event (or an event of another
 * kind), a translated refusal the script can show: JSON with a message in the
 * resident's language. A plain form post (no JavaScript, or the script's
 * fallback) is sent on to the join page, which says in their language that
 * there is no event with that code (a 404).
 */
export async function loadRoomEvent(request: Request, code: string | undefined, kind?: EventKind) {
  const normalised = normaliseJoinCode(code)
  const db = await getDb()
  const event = normalised ? await findEventByCode(db, normalised) : null
  if (event && (!kind || event.kind === kind)) return { db, event }
  const raw = (code ?? '').slice(0, 20)
  const accept = request.headers.get('Accept') ?? ''
  if (request.method === 'POST' && !/application\/json/.test(accept)) {
    const lng = new URL(request.url).searchParams.get('lng')
    const keep = lng && /^[a-z]{2}$/.test(lng) ? `&lng=${lng}` : ''
    throw new Response(null, { status: 303, headers: { Location: event ? `/events/${event.code}` : `/join?code=${encodeURIComponent(raw)}${keep}` } })
  }
  const t = await eventsT(await getLocale(request))
  throw Response.json({ ok: false, error: 'not_found', message: t('join.errors.code_unknown', { code: raw }) }, { status: 404, headers: { 'Cache-Control': 'no-store' } })
}

/** A translated JSON refusal for the script's endpoints (the page's own forms get translated pages instead). */
export async function roomJsonError(request: Request, status: number, error: string, key: string, headers: Record<string, string> = {}): Promise<Response> {
  const t = await eventsT(await getLocale(request))
  return Response.json({ ok: false, error, message: t(key) }, { status, headers: { 'Cache-Control': 'no-store', ...headers } })
}

export async function loadStaffEvent(request: Request, id: string | undefined, roles: Role[] = EVENT_OFFICERS) {
  const user = await requireUser(request, roles)
  const db = await getDb()
  const event = await getEvent(db, id ?? '')
  if (!event) throw new Response('not_found', { status: 404 })
  return { user, db, event }
}

/** A congress table, for officers: not found unless the event is a congress and the table is one of its own. */
export async function loadStaffCongressTable(request: Request, params: { id?: string; tableId?: string }) {
  const { db, event, user } = await loadStaffEvent(request, params.id)
  if (event.kind !== 'congress') throw new Response('not_found', { status: 404 })
  const table = await getTable(db, params.tableId ?? '')
  if (!table || table.event_id !== event.id) throw new Response('not_found', { status: 404 })
  return { db, event, user, table }
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

const HOUR_MS = 60 * 60_000

/**
 * Whether this client address may be given one more new device cookie for
 * this event (EVENT_DEVICES_PER_ADDRESS an hour). Each device may vote once
 * per item, so this bounds what one address can add to a count by making up
 * phones; it follows RATE_LIMIT_DISABLED like the other address limits.
 */
export function newDeviceAllowed(context: AppLoadContext, eventId: string): boolean {
  const env = getEnv()
  if (env.RATE_LIMIT_DISABLED === 'true') return true
  return checkRateLimit(`event-new-device:${eventId}:${context.clientIp ?? 'unknown'}`, env.EVENT_DEVICES_PER_ADDRESS, Date.now(), HOUR_MS)
}

/** What an event page's loader passes to ensureDevice: no new device at all when rendering for a post (context.roomPost). */
export function deviceMinting(context: AppLoadContext, eventId: string): (() => boolean) | null {
  return context.roomPost ? null : () => newDeviceAllowed(context, eventId)
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
