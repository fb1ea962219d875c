import crypto from 'node:crypto'
import type { Kysely, Selectable } from 'kysely'
import type { DB } from '../../../db/connection.ts'
import type { Database, EventItemTable, EventTable } from '../../../db/schema.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { newJoinCode } from './codes.ts'
import { lockedItemEditErrors, type EventFormValues, type EventKind, type ItemFormValues } from './event-form.ts'
import { holdReason, type BlockedWord } from './moderation.ts'
import { scaleOptions } from './builtin-options.ts'
import type { ItemType } from './tally.ts'
import type { VoteValue } from './vote-form.ts'

// Live events: the event, its items (poll questions) and the votes in the room.
// Every change a screen shows runs in `changeEvent`: one transaction that
// first bumps the event's `seq` (which also serialises writes to one event on
// PostgreSQL: the row is locked until commit), then tells the live streams
// after the commit. A vote is checked against the item's state inside that
// transaction, so a vote that arrives as the presenter closes the item is
// either counted before the close or refused after it, never counted late.

import type { I18nText } from './text.ts'
export type { I18nText }
type Trx = Kysely<Database>

export interface EventRecord {
  id: string
  code: string
  kind: EventKind
  title: I18nText
  startsAt: number
  venue: string
  locales: string[]
  ctaCodes: string[]
  frameworkId: string | null
  status: 'scheduled' | 'live' | 'ended'
  currentItemId: string | null
  seq: number
  questionsOpenAt: number | null
  questionsCloseAt: number | null
  theme: I18nText | null
  isSynthetic: boolean
}

export interface ItemOption {
  code: string
  label: I18nText
}

export interface ItemRecord {
  id: string
  eventId: string
  position: number
  type: ItemType
  title: I18nText
  options: ItemOption[]
  state: 'draft' | 'open' | 'closed'
  resultsVisible: boolean
  round: number
  openedAt: number | null
  closedAt: number | null
  commitmentId: string | null
}

export type RefusalReason = 'not_found' | 'closed' | 'stale' | 'not_allowed' | 'ended'

/** An expected refusal inside a change: the transaction rolls back and nothing is counted. */
export class Refusal extends Error {
  constructor(public reason: RefusalReason) {
    super(reason)
  }
}

function json<T>(text: string | null, fallback: T): T {
  if (!text) return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}

export function toEvent(row: Selectable<EventTable>): EventRecord {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind as EventKind,
    title: json(row.title_i18n, { en: '' }),
    startsAt: Number(row.starts_at),
    venue: row.venue,
    locales: json(row.locales, ['en']),
    ctaCodes: json(row.cta_codes, []),
    frameworkId: row.framework_id,
    status: row.status as EventRecord['status'],
    currentItemId: row.current_item_id,
    seq: Number(row.seq),
    questionsOpenAt: row.questions_open_at === null ? null : Number(row.questions_open_at),
    questionsCloseAt: row.questions_close_at === null ? null : Number(row.questions_close_at),
    theme: row.theme_i18n ? json(row.theme_i18n, null) : null,
    isSynthetic: Number(row.is_synthetic) === 1,
  }
}

export function toItem(row: Selectable<EventItemTable>): ItemRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    position: Number(row.position),
    type: row.type as ItemType,
    title: json(row.title_i18n, { en: '' }),
    options: json(row.options, []),
    state: row.state as ItemRecord['state'],
    resultsVisible: Number(row.results_visible) === 1,
    round: Number(row.round),
    openedAt: row.opened_at === null ? null : Number(row.opened_at),
    closedAt: row.closed_at === null ? null : Number(row.closed_at),
    commitmentId: row.commitment_id,
  }
}

export { pick } from './text.ts'

// ---------- Change notification ----------

type ChangeListener = (eventId: string, seq: number) => void
const listeners = new Set<ChangeListener>()

/** The live streams register here (live.server.ts); tests may too. */
export function onEventChange(listener: ChangeListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * `status` is the event's status as the transaction sees it (the row is
 * locked), for changes that an ended event must refuse.
 */
export async function changeEvent<T>(
  db: DB,
  eventId: string,
  fn: (trx: Trx, seq: number, status: EventRecord['status']) => Promise<T>,
): Promise<{ result: T; seq: number }> {
  const outcome = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('event')
      .set((eb) => ({ seq: eb('seq', '+', 1) }))
      .where('id', '=', eventId)
      .returning(['seq', 'status'])
      .executeTakeFirst()
    if (!row) throw new Refusal('not_found')
    const seq = Number(row.seq)
    return { result: await fn(trx, seq, row.status as EventRecord['status']), seq }
  })
  for (const listener of listeners) listener(eventId, outcome.seq)
  return outcome
}

// ---------- Events ----------

export async function findEventByCode(db: DB, code: string): Promise<EventRecord | null> {
  const row = await db.selectFrom('event').selectAll().where('code', '=', code).executeTakeFirst()
  return row ? toEvent(row) : null
}

export async function getEvent(db: DB, id: string): Promise<EventRecord | null> {
  const row = await db.selectFrom('event').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toEvent(row) : null
}

export async function listEvents(db: DB): Promise<EventRecord[]> {
  const rows = await db.selectFrom('event').selectAll().orderBy('starts_at', 'desc').limit(500).execute()
  return rows.map(toEvent)
}

/** The default framework's calls to action, for the event form and tags. */
export async function listCallsToAction(db: DB, frameworkId?: string | null): Promise<{ code: string; title: I18nText }[]> {
  const framework =
    frameworkId ?? (await db.selectFrom('framework').select('id').orderBy('created_at').limit(1).executeTakeFirst())?.id ?? null
  if (!framework) return []
  const rows = await db.selectFrom('call_to_action').select(['code', 'title_i18n']).where('framework_id', '=', framework).orderBy('position').execute()
  return rows.map((r) => ({ code: r.code, title: json(r.title_i18n, { en: r.code }) }))
}

export async function defaultFrameworkId(db: DB): Promise<string | null> {
  return (await db.selectFrom('framework').select('id').orderBy('created_at').limit(1).executeTakeFirst())?.id ?? null
}

function eventColumns(values: EventFormValues) {
  return {
    kind: values.kind,
    title_i18n: JSON.stringify(values.title),
    starts_at: values.startsAt,
    venue: values.venue,
    locales: JSON.stringify(values.locales),
    cta_codes: JSON.stringify(values.ctaCodes),
    questions_open_at: values.questionsOpenAt,
    questions_close_at: values.questionsCloseAt,
    theme_i18n: values.theme ? JSON.stringify(values.theme) : null,
  }
}

export async function createEvent(
  db: DB,
  values: EventFormValues,
  actor: string,
  { now = Date.now(), isSynthetic = false, code }: { now?: number; isSynthetic?: boolean; code?: string } = {},
): Promise<{ id: string; code: string }> {
  const id = crypto.randomUUID()
  const frameworkId = await defaultFrameworkId(db)
  for (let attempt = 0; ; attempt++) {
    const joinCode = code ?? newJoinCode(crypto.randomBytes)
    const taken = await db.selectFrom('event').select('id').where('code', '=', joinCode).executeTakeFirst()
    if (taken) {
      if (code || attempt > 20) throw new Error('Could not find a free join code')
      continue
    }
    await db
      .insertInto('event')
      .values({
        id,
        code: joinCode,
        ...eventColumns(values),
        framework_id: frameworkId,
        is_synthetic: isSynthetic ? 1 : 0,
        created_by: actor,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await recordAudit(db, { actor, action: 'event.created', entity: 'event', entityId: id, detail: { kind: values.kind, code: joinCode } }, now)
    return { id, code: joinCode }
  }
}

export async function updateEvent(db: DB, event: EventRecord, values: EventFormValues, actor: string, now = Date.now()) {
  await changeEvent(db, event.id, async (trx) => {
    await trx
      .updateTable('event')
      .set({ ...eventColumns({ ...values, kind: event.kind }), updated_at: now })
      .where('id', '=', event.id)
      .execute()
    await recordAudit(trx, { actor, action: 'event.updated', entity: 'event', entityId: event.id }, now)
  })
}

/** Start (live) or end an event. Ending closes any open item. */
export async function setEventStatus(db: DB, event: EventRecord, status: EventRecord['status'], actor: string, now = Date.now()) {
  await changeEvent(db, event.id, async (trx) => {
    if (status === 'ended') {
      await trx.updateTable('event_item').set({ state: 'closed', closed_at: now, updated_at: now }).where('event_id', '=', event.id).where('state', '=', 'open').execute()
    }
    await trx.updateTable('event').set({ status, updated_at: now }).where('id', '=', event.id).execute()
    await recordAudit(trx, { actor, action: `event.${status}`, entity: 'event', entityId: event.id }, now)
  })
}

// ---------- Items ----------

export async function listItems(db: DB, eventId: string): Promise<ItemRecord[]> {
  const rows = await db.selectFrom('event_item').selectAll().where('event_id', '=', eventId).orderBy('position').orderBy('created_at').execute()
  return rows.map(toItem)
}

export async function getItem(db: DB, eventId: string, itemId: string): Promise<ItemRecord | null> {
  const row = await db.selectFrom('event_item').selectAll().where('id', '=', itemId).where('event_id', '=', eventId).executeTakeFirst()
  return row ? toItem(row) : null
}

export async function addItem(
  db: DB,
  event: EventRecord,
  values: ItemFormValues & { commitmentId?: string | null },
  actor: string,
  now = Date.now(),
): Promise<string> {
  const id = crypto.randomUUID()
  const options = values.type === 'scale' ? scaleOptions(event.locales) : values.type === 'text' ? [] : values.options
  await changeEvent(db, event.id, async (trx) => {
    const last = await trx.selectFrom('event_item').select((eb) => eb.fn.max('position').as('max')).where('event_id', '=', event.id).executeTakeFirst()
    await trx
      .insertInto('event_item')
      .values({
        id,
        event_id: event.id,
        position: Number(last?.max ?? 0) + 1,
        type: values.type,
        title_i18n: JSON.stringify(values.title),
        options: JSON.stringify(options),
        commitment_id: values.commitmentId ?? null,
        created_at: now,
        updated_at: now,
      })
      .execute()
    await recordAudit(trx, { actor, action: 'event.item_added', entity: 'event_item', entityId: id, detail: { event: event.id, type: values.type } }, now)
  })
  return id
}

/**
 * Whether an item's type and options are fixed: it has been opened (state not
 * draft), has votes, or is a congress commitment's vote (its options are the
 * codes the decision counts: support, oppose, abstain).
 */
export async function itemIsLocked(db: DB | Trx, item: { id: string; state: string; commitmentId?: string | null }): Promise<boolean> {
  if (item.state !== 'draft' || item.commitmentId) return true
  return Boolean(await db.selectFrom('event_vote').select('id').where('item_id', '=', item.id).limit(1).executeTakeFirst())
}

/**
 * Edits a prepared item. A draft nobody has voted on takes any change; an item
 * that has been opened or has votes keeps its type and its options' codes (the
 * votes point at them), and only its wording changes (`lockedItemEditErrors`
 * says so on the form). Checked again inside the transaction, so a vote or an
 * opening that lands first wins and the edit is refused.
 */
export async function updateItem(db: DB, event: EventRecord, itemId: string, values: ItemFormValues, actor: string, now = Date.now()) {
  await changeEvent(db, event.id, async (trx) => {
    const row = await trx.selectFrom('event_item').selectAll().where('id', '=', itemId).where('event_id', '=', event.id).executeTakeFirst()
    if (!row) throw new Refusal('not_found')
    const item = toItem(row)
    const locked = await itemIsLocked(trx, item)
    if (locked && Object.keys(lockedItemEditErrors(item, values)).length) throw new Refusal('not_allowed')
    let options: ItemOption[]
    if (values.type === 'scale') options = locked ? item.options : scaleOptions(event.locales)
    else if (values.type === 'text') options = []
    else options = values.options.map((o, i) => ({ code: locked ? item.options[i]!.code : o.code, label: o.label }))
    await trx
      .updateTable('event_item')
      .set({ type: values.type, title_i18n: JSON.stringify(values.title), options: JSON.stringify(options), updated_at: now })
      .where('id', '=', itemId)
      .execute()
    await recordAudit(trx, { actor, action: 'event.item_updated', entity: 'event_item', entityId: itemId, detail: { event: event.id, type: values.type, locked } }, now)
  })
}

/** Only an item nobody has voted on, that is not open, may be removed. */
export async function removeItem(db: DB, event: EventRecord, itemId: string, actor: string, now = Date.now()) {
  await changeEvent(db, event.id, async (trx) => {
    const item = await trx.selectFrom('event_item').select(['state']).where('id', '=', itemId).where('event_id', '=', event.id).executeTakeFirst()
    if (!item) throw new Refusal('not_found')
    const votes = await trx.selectFrom('event_vote').select('id').where('item_id', '=', itemId).limit(1).executeTakeFirst()
    if (item.state === 'open' || votes) throw new Refusal('not_allowed')
    await trx.updateTable('congress_commitment').set({ vote_item_id: null }).where('vote_item_id', '=', itemId).execute()
    await trx.updateTable('event').set({ current_item_id: null }).where('id', '=', event.id).where('current_item_id', '=', itemId).execute()
    await trx.deleteFrom('event_item').where('id', '=', itemId).execute()
    await recordAudit(trx, { actor, action: 'event.item_removed', entity: 'event_item', entityId: itemId, detail: { event: event.id } }, now)
  })
}

export async function moveItem(db: DB, event: EventRecord, itemId: string, direction: 'up' | 'down') {
  await changeEvent(db, event.id, async (trx) => {
    const items = await trx.selectFrom('event_item').select(['id', 'position']).where('event_id', '=', event.id).orderBy('position').orderBy('created_at').execute()
    const index = items.findIndex((i) => i.id === itemId)
    const other = direction === 'up' ? index - 1 : index + 1
    if (index < 0 || other < 0 || other >= items.length) return
    ;[items[index], items[other]] = [items[other]!, items[index]!]
    for (const [position, item] of items.entries()) {
      await trx.updateTable('event_item').set({ position: position + 1 }).where('id', '=', item.id).execute()
    }
  })
}

export const ITEM_ACTIONS = ['open', 'close', 'reveal', 'hide', 'reset', 'show', 'clear'] as const
export type ItemAction = (typeof ITEM_ACTIONS)[number]

/**
 * The presenter's controls. open: the item becomes the one on screen and takes
 * votes (any other open item closes); close: no more votes; reveal/hide: the
 * results on the screen and phones; reset: the item's votes are deleted and a
 * new round starts (votes sent for the old round are refused); show: put a
 * (closed) item on the screen without opening it; clear: nothing on screen.
 * An ended event opens nothing (Refusal 'ended'): start it again first.
 */
export async function controlItem(db: DB, event: EventRecord, itemId: string, action: ItemAction, actor: string, now = Date.now()) {
  return changeEvent(db, event.id, async (trx, _seq, status) => {
    const item = await trx.selectFrom('event_item').select(['id', 'state', 'round']).where('id', '=', itemId).where('event_id', '=', event.id).executeTakeFirst()
    if (!item && action !== 'clear') throw new Refusal('not_found')
    if (action === 'open' && status === 'ended') throw new Refusal('ended')
    let deleted = 0
    switch (action) {
      case 'open':
        await trx
          .updateTable('event_item')
          .set({ state: 'closed', closed_at: now, updated_at: now })
          .where('event_id', '=', event.id)
          .where('state', '=', 'open')
          .where('id', '!=', itemId)
          .execute()
        await trx.updateTable('event_item').set({ state: 'open', opened_at: now, closed_at: null, updated_at: now }).where('id', '=', itemId).execute()
        await trx.updateTable('event').set({ current_item_id: itemId, updated_at: now }).where('id', '=', event.id).execute()
        // Opening the first item starts the event.
        await trx.updateTable('event').set({ status: 'live' }).where('id', '=', event.id).where('status', '=', 'scheduled').execute()
        break
      case 'close':
        if (item!.state === 'open') await trx.updateTable('event_item').set({ state: 'closed', closed_at: now, updated_at: now }).where('id', '=', itemId).execute()
        break
      case 'reveal':
      case 'hide':
        await trx.updateTable('event_item').set({ results_visible: action === 'reveal' ? 1 : 0, updated_at: now }).where('id', '=', itemId).execute()
        break
      case 'reset': {
        const result = await trx.deleteFrom('event_vote').where('item_id', '=', itemId).executeTakeFirst()
        deleted = Number(result.numDeletedRows)
        await trx
          .updateTable('event_item')
          .set({ state: 'draft', results_visible: 0, round: Number(item!.round) + 1, opened_at: null, closed_at: null, updated_at: now })
          .where('id', '=', itemId)
          .execute()
        break
      }
      case 'show':
        await trx.updateTable('event').set({ current_item_id: itemId, updated_at: now }).where('id', '=', event.id).execute()
        break
      case 'clear':
        await trx.updateTable('event').set({ current_item_id: null, updated_at: now }).where('id', '=', event.id).execute()
        break
    }
    await recordAudit(
      trx,
      { actor, action: `event.item_${action}`, entity: 'event_item', entityId: itemId || null, detail: { event: event.id, ...(action === 'reset' ? { votesDeleted: deleted } : {}) } },
      now,
    )
  })
}

// ---------- Votes ----------

export type VoteResult =
  | { status: 'counted'; replaced: boolean; held: boolean; seq: number }
  | { status: 'closed' | 'stale' | 'not_found' | 'ended' }

export async function listBlockedWords(db: DB | Trx): Promise<BlockedWord[]> {
  return db.selectFrom('event_blocked_word').select(['locale', 'word']).orderBy('locale').orderBy('word').execute()
}

type VoteArgs = { eventId: string; itemId: string; round: number; deviceHash: string; locale: string; value: VoteValue; isSynthetic?: boolean; now?: number }

interface QueuedVote {
  args: VoteArgs
  resolve: (result: VoteResult) => void
  reject: (error: unknown) => void
}

/** Votes waiting for their event's next commit, per database handle and event. */
const voteQueues = new WeakMap<DB, Map<string, { votes: QueuedVote[]; running: boolean }>>()
const MAX_BATCH = 500

/**
 * One vote per device per item: the first vote inserts, a later one from the
 * same device replaces it (the unique index on item and device makes a second
 * row impossible, whatever arrives at once). Refused, and not stored, when the
 * item is not open or the vote was made for an earlier round (before a reset).
 *
 * Group commit: votes for one event that arrive while its previous commit is
 * being written wait for the next, and are written together in one
 * transaction (one fsync on SQLite, one lock on the event row on PostgreSQL),
 * each still checked on its own. An idle room commits each vote at once.
 */
export function castVote(db: DB, args: VoteArgs): Promise<VoteResult> {
  let queues = voteQueues.get(db)
  if (!queues) {
    queues = new Map()
    voteQueues.set(db, queues)
  }
  let queue = queues.get(args.eventId)
  if (!queue) {
    queue = { votes: [], running: false }
    queues.set(args.eventId, queue)
  }
  const q = queue
  return new Promise<VoteResult>((resolve, reject) => {
    q.votes.push({ args, resolve, reject })
    if (!q.running) {
      q.running = true
      // setImmediate: votes that arrived in the same turn of the event loop share the first commit too.
      setImmediate(() => void drainVotes(db, args.eventId, q))
    }
  })
}

async function drainVotes(db: DB, eventId: string, queue: { votes: QueuedVote[]; running: boolean }) {
  while (queue.votes.length) {
    const batch = queue.votes.splice(0, MAX_BATCH)
    try {
      const results = await commitVotes(db, eventId, batch.map((v) => v.args))
      batch.forEach((vote, i) => vote.resolve(results[i]!))
    } catch (error) {
      for (const vote of batch) vote.reject(error)
    }
  }
  queue.running = false
}

class NothingCounted extends Error {}

async function commitVotes(db: DB, eventId: string, votes: VoteArgs[]): Promise<VoteResult[]> {
  const blocked = votes.some((v) => v.value.kind === 'text') ? await listBlockedWords(db) : []
  const results: VoteResult[] = votes.map(() => ({ status: 'not_found' }))
  try {
    const { seq } = await changeEvent(db, eventId, async (trx, seq, status) => {
      // An ended event takes no votes, even on an item left open by an older version or by hand.
      if (status === 'ended') {
        votes.forEach((_, i) => (results[i] = { status: 'ended' }))
        throw new NothingCounted()
      }
      const items = new Map<string, { state: string; round: number } | null>()
      let counted = 0
      for (const [i, args] of votes.entries()) {
        if (!items.has(args.itemId)) {
          const row = await trx.selectFrom('event_item').select(['state', 'round']).where('id', '=', args.itemId).where('event_id', '=', eventId).executeTakeFirst()
          items.set(args.itemId, row ? { state: row.state, round: Number(row.round) } : null)
        }
        const item = items.get(args.itemId)
        if (!item) continue
        if (item.state !== 'open') {
          results[i] = { status: 'closed' }
          continue
        }
        if (item.round !== args.round) {
          results[i] = { status: 'stale' }
          continue
        }
        const now = args.now ?? Date.now()
        const value = args.value
        const text = value.kind === 'text' ? value.text : null
        const reason = text === null ? null : holdReason(text, blocked)
        const columns = {
          locale: args.locale,
          option_code: value.kind === 'option' ? value.code : null,
          option_codes: value.kind === 'codes' ? JSON.stringify(value.codes) : null,
          text_value: text,
          moderation: text === null ? null : reason ? 'held' : 'pending',
          held_reason: reason,
          shown_text: null,
          moderated_by: null,
          moderated_at: null,
          updated_at: now,
        }
        const existing = await trx.selectFrom('event_vote').select('id').where('item_id', '=', args.itemId).where('device_hash', '=', args.deviceHash).executeTakeFirst()
        await trx
          .insertInto('event_vote')
          .values({
            id: crypto.randomUUID(),
            event_id: eventId,
            item_id: args.itemId,
            device_hash: args.deviceHash,
            is_synthetic: args.isSynthetic ? 1 : 0,
            created_at: now,
            ...columns,
          })
          .onConflict((oc) => oc.columns(['item_id', 'device_hash']).doUpdateSet(columns))
          .execute()
        results[i] = { status: 'counted', replaced: Boolean(existing), held: Boolean(reason), seq }
        counted++
      }
      // Nothing to store: roll back, so the event's seq does not move and no screen is told.
      if (!counted) throw new NothingCounted()
    })
    return results.map((r) => (r.status === 'counted' ? { ...r, seq } : r))
  } catch (error) {
    if (error instanceof NothingCounted) return results
    if (error instanceof Refusal) return votes.map(() => ({ status: 'not_found' }))
    throw error
  }
}

/** This device's vote on an item, to show it back (and pre-fill a change). */
export async function deviceVote(db: DB, itemId: string, deviceHash: string): Promise<VoteValue | null> {
  const row = await db
    .selectFrom('event_vote')
    .select(['option_code', 'option_codes', 'text_value'])
    .where('item_id', '=', itemId)
    .where('device_hash', '=', deviceHash)
    .executeTakeFirst()
  if (!row) return null
  if (row.option_code) return { kind: 'option', code: row.option_code }
  if (row.option_codes) return { kind: 'codes', codes: json<string[]>(row.option_codes, []) }
  return { kind: 'text', text: row.text_value ?? '' }
}

/** Votes per item (devices), for the presenter's list. */
export async function voteCounts(db: DB, eventId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('event_vote')
    .select(['item_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('event_id', '=', eventId)
    .groupBy('item_id')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.item_id, Number(r.n)]))
}
