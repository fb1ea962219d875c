import type { DB } from '../../../db/connection.ts'
import type { Role } from '../auth/roles.ts'
import { ANALYSIS_ROLES } from '../analysis/permissions.ts'
import { EVENT_MODERATORS, EVENT_OFFICERS } from '../events/context.server.ts'
import { toEvent, type EventRecord } from '../events/events.server.ts'

// What needs a member of staff today, on the first page after signing in:
// the consultations that are open (with their responses this week) and the
// events that are live or coming up (with texts waiting for a moderator).

const WEEK_MS = 7 * 24 * 60 * 60 * 1000

export interface OpenConsultationSummary {
  id: string
  slug: string
  title: string
  closesAt: number
  total: number
  lastWeek: number
}

export interface EventSummary {
  event: EventRecord
  waiting: number
}

export interface StaffOverview {
  consultations: OpenConsultationSummary[] | null
  events: EventSummary[] | null
  canPresent: boolean
  canAnalyse: boolean
}

async function openConsultations(db: DB, locale: string, now: number): Promise<OpenConsultationSummary[]> {
  const rows = await db
    .selectFrom('consultation')
    .select(['id', 'slug', 'content_i18n', 'closes_at'])
    .where('status', '=', 'open')
    .where('archived_at', 'is', null)
    .where('closes_at', '>', now)
    .orderBy('closes_at', 'asc')
    .limit(20)
    .execute()
  if (!rows.length) return []
  const ids = rows.map((r) => r.id)
  const counts = await db
    .selectFrom('response')
    .select(['consultation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', 'in', ids)
    .where('status', '=', 'submitted')
    .groupBy('consultation_id')
    .execute()
  const recent = await db
    .selectFrom('response')
    .select(['consultation_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', 'in', ids)
    .where('status', '=', 'submitted')
    .where('submitted_at', '>=', now - WEEK_MS)
    .groupBy('consultation_id')
    .execute()
  const countOf = (list: typeof counts, id: string) => Number(list.find((c) => c.consultation_id === id)?.n ?? 0)
  return rows.map((r) => {
    const content = JSON.parse(r.content_i18n) as Record<string, { title: string }>
    return { id: r.id, slug: r.slug, title: (content[locale] ?? content.en)!.title, closesAt: Number(r.closes_at), total: countOf(counts, r.id), lastWeek: countOf(recent, r.id) }
  })
}

async function currentEvents(db: DB): Promise<EventSummary[]> {
  const rows = await db.selectFrom('event').selectAll().where('status', 'in', ['live', 'scheduled']).orderBy('starts_at', 'asc').limit(20).execute()
  if (!rows.length) return []
  const ids = rows.map((r) => r.id)
  const waiting = new Map<string, number>()
  const add = (list: { event_id: string; n: number | string | bigint }[]) => list.forEach((r) => waiting.set(r.event_id, (waiting.get(r.event_id) ?? 0) + Number(r.n)))
  add(
    await db
      .selectFrom('event_vote')
      .select(['event_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('event_id', 'in', ids)
      .where('moderation', 'in', ['pending', 'held'])
      .groupBy('event_id')
      .execute(),
  )
  add(
    await db
      .selectFrom('event_question')
      .select(['event_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('event_id', 'in', ids)
      .where('status', 'in', ['pending', 'held'])
      .groupBy('event_id')
      .execute(),
  )
  // Live events first: they are happening now.
  return rows
    .map(toEvent)
    .sort((a, b) => Number(b.status === 'live') - Number(a.status === 'live'))
    .map((event) => ({ event, waiting: waiting.get(event.id) ?? 0 }))
}

/** The staff home's overview for one role: each part only for the roles whose pages it links to. */
export async function loadStaffOverview(db: DB, role: Role, locale: string, now = Date.now()): Promise<StaffOverview> {
  const seesConsultations = (['admin', 'officer', 'analyst'] as Role[]).includes(role)
  return {
    consultations: seesConsultations ? await openConsultations(db, locale, now) : null,
    events: EVENT_MODERATORS.includes(role) ? await currentEvents(db) : null,
    canPresent: EVENT_OFFICERS.includes(role),
    canAnalyse: ANALYSIS_ROLES.includes(role),
  }
}
