import type { AppLoadContext } from '@remix-run/node'
import { getDb } from '~/utils/db.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import { eventsT, roomPostAllowed } from './context.server.ts'
import { readDevice } from './device.server.ts'
import { castVote, getItem, type EventRecord } from './events.server.ts'
import { parseVote, type VoteError } from './vote-form.ts'

// A vote from a phone, for the page's own form (no JavaScript) and for the
// JSON endpoint the page's script uses. Every refusal has a translated
// message, and nothing refused is stored.

export type VoteRefusal = VoteError | 'no_device' | 'bad_device' | 'too_many' | 'closed' | 'stale' | 'ended' | 'bad_request'

export type VoteOutcome =
  | { ok: true; outcome: 'counted' | 'changed' | 'held'; message: string; seq: number; itemId: string }
  | { ok: false; status: number; error: VoteRefusal; message: string; values: Record<string, string | string[]> }

const STATUS: Record<VoteRefusal, number> = {
  choose_one: 400,
  choose_some: 400,
  rank_first: 400,
  rank_repeat: 400,
  text_empty: 400,
  text_too_long: 400,
  bad_request: 400,
  no_device: 400,
  bad_device: 403,
  too_many: 429,
  closed: 409,
  stale: 409,
  ended: 409,
}

export async function receiveVote(request: Request, context: AppLoadContext, event: EventRecord): Promise<VoteOutcome> {
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const refuse = (error: VoteRefusal, extra: { values?: Record<string, string | string[]> } = {}): VoteOutcome => ({
    ok: false,
    status: STATUS[error],
    error,
    message: t(`vote_errors.${error}`),
    values: extra.values ?? {},
  })

  const check = readDevice(request)
  // Never a new cookie here: a script posting without one would get a fresh phone per refusal.
  // The phone gets one by loading the event page, within the limit of new phones per address.
  if (check.status !== 'ok') return refuse(check.status === 'missing' ? 'no_device' : 'bad_device')
  const device = check.device
  if (!roomPostAllowed(context, device.hash)) return refuse('too_many')

  const form = await readForm(request)
  const values: Record<string, string | string[]> = {}
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === 'string')
    values[key] = key === 'choices' ? all : (all[0] ?? '')
  }
  const itemId = typeof form.get('item') === 'string' ? (form.get('item') as string) : ''
  const round = Number(form.get('round'))
  if (!itemId || !Number.isInteger(round)) return refuse('bad_request', { values })
  if (event.status === 'ended') return refuse('ended', { values })
  const db = await getDb()
  const item = await getItem(db, event.id, itemId)
  if (!item) return refuse('closed', { values })
  if (item.state !== 'open') return refuse('closed', { values })
  if (item.round !== round) return refuse('stale', { values })
  const parsed = parseVote(item, form)
  if (!parsed.ok) return refuse(parsed.error, { values })

  const result = await castVote(db, {
    eventId: event.id,
    itemId,
    round,
    deviceHash: device.hash,
    locale,
    value: parsed.value,
  })
  if (result.status !== 'counted') return refuse(result.status === 'not_found' ? 'closed' : result.status, { values })
  const outcome = result.held || item.type === 'text' ? 'held' : result.replaced ? 'changed' : 'counted'
  return { ok: true, outcome, message: t(`vote_outcome.${outcome}`), seq: result.seq, itemId }
}
