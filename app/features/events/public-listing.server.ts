import type { DB } from '../../../db/connection.ts'
import { toEvent, type EventRecord } from './events.server.ts'

/** What a resident can do with an event from the home page. */
export type EventAction = 'join' | 'ask' | 'charter' | 'answers' | 'details'

export interface ListedEvent {
  event: EventRecord
  action: EventAction
}

// Ended polls and Ask the Mayor sessions stay on the home page for this long, for
// their answers; congress charters stay: their commitments are followed for years.
const RECENT_DAYS = 90

function actionFor(event: EventRecord, now: number): EventAction {
  if (event.status === 'live') return 'join'
  if (event.status === 'scheduled') {
    const questionsOpen = event.kind === 'ask_mayor' && event.questionsOpenAt !== null && event.questionsOpenAt <= now && (event.questionsCloseAt === null || now < event.questionsCloseAt)
    return questionsOpen ? 'ask' : 'details'
  }
  if (event.kind === 'congress') return 'charter'
  if (event.kind === 'ask_mayor') return 'answers'
  return 'details'
}

/** Events for the home page: live now, coming up, and recently ended (a handful of each). */
export async function listPublicEvents(db: DB, now = Date.now()): Promise<{ live: ListedEvent[]; upcoming: ListedEvent[]; recent: ListedEvent[]; charters: ListedEvent[] }> {
  const since = now - RECENT_DAYS * 24 * 60 * 60 * 1000
  const current = await db.selectFrom('event').selectAll().where('status', 'in', ['live', 'scheduled']).orderBy('starts_at', 'asc').limit(50).execute()
  const recent = await db.selectFrom('event').selectAll().where('status', '=', 'ended').where('kind', '!=', 'congress').where('starts_at', '>=', since).orderBy('starts_at', 'desc').limit(5).execute()
  const charters = await db.selectFrom('event').selectAll().where('status', '=', 'ended').where('kind', '=', 'congress').orderBy('starts_at', 'desc').limit(5).execute()
  const listed = (row: (typeof current)[number]) => {
    const event = toEvent(row)
    return { event, action: actionFor(event, now) }
  }
  const events = current.map(listed)
  return {
    live: events.filter((e) => e.event.status === 'live'),
    upcoming: events.filter((e) => e.event.status === 'scheduled').slice(0, 5),
    recent: recent.map(listed),
    charters: charters.map(listed),
  }
}
