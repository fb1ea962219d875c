import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addItem, castVote, controlItem, getEvent, getItem, onEventChange, Refusal, setEventStatus, type EventRecord } from '~/features/events/events.server.ts'
import { loadSnapshots } from '~/features/events/snapshot.server.ts'
import { addBlockedWord, listModerationQueue, moderateAnswer } from '~/features/events/moderation.server.ts'
import { DEMO_CONGRESS_CODE, DEMO_POLL_CODE } from '../../db/seed/demo-events.ts'
import { createTestEvent, eventFormValues } from '../support/events.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

// Votes in the room on a real database, SQLite and PostgreSQL: one vote per
// device per item (the unique index decides, whatever arrives at once), no
// vote on an item that is not open, none for an earlier round.

describe.each(ENGINES)('votes in the room on %s', (engine: Engine) => {
  let t: TestDb
  let event: EventRecord
  let itemId: string
  beforeEach(async () => {
    t = await createTestDb({ engine })
    event = await createTestEvent(t.db, eventFormValues({ title: { en: 'Test poll', bn: 'পরীক্ষা' } }))
    itemId = await addItem(t.db, event, { type: 'single', title: { en: 'Which?' }, options: [{ code: 'o1', label: { en: 'One' } }, { code: 'o2', label: { en: 'Two' } }] }, 'test')
  })
  afterEach(async () => {
    await t.cleanup()
  })

  const vote = (device: string, code: string, round = 1) =>
    castVote(t.db, { eventId: event.id, itemId, round, deviceHash: device, locale: 'en', value: { kind: 'option', code } })
  const rows = () => t.db.selectFrom('event_vote').selectAll().where('item_id', '=', itemId).execute()

  it('refuses votes before the item opens and after it closes, and stores nothing', async () => {
    expect(await vote('device-a', 'o1')).toEqual({ status: 'closed' })
    await controlItem(t.db, event, itemId, 'open', 'test')
    expect((await vote('device-a', 'o1')).status).toBe('counted')
    await controlItem(t.db, event, itemId, 'close', 'test')
    expect(await vote('device-b', 'o2')).toEqual({ status: 'closed' })
    expect(await vote('device-a', 'o2')).toEqual({ status: 'closed' })
    const stored = await rows()
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({ device_hash: 'device-a', option_code: 'o1', method: 'event', event_id: event.id })
  })

  it('one vote per device per item: a changed vote replaces the earlier one', async () => {
    await controlItem(t.db, event, itemId, 'open', 'test')
    const first = await vote('device-a', 'o1')
    const second = await vote('device-a', 'o2')
    await vote('device-b', 'o2')
    expect(first).toMatchObject({ status: 'counted', replaced: false })
    expect(second).toMatchObject({ status: 'counted', replaced: true })
    const stored = await rows()
    expect(stored.map((r) => [r.device_hash, r.option_code]).sort()).toEqual([
      ['device-a', 'o2'],
      ['device-b', 'o2'],
    ])
    const snapshots = await loadSnapshots(t.db, event.id)
    expect(snapshots!.views.presenter.item).toMatchObject({ total: 2, counts: { o1: 0, o2: 2 } })
  })

  it('a burst of votes from one device (a replayed request) leaves exactly one vote', async () => {
    await controlItem(t.db, event, itemId, 'open', 'test')
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => vote('device-replay', i % 2 ? 'o1' : 'o2')))
    expect(results.every((r) => r.status === 'counted')).toBe(true)
    expect(await rows()).toHaveLength(1)
    const snapshots = await loadSnapshots(t.db, event.id)
    expect(snapshots!.views.presenter.item!.total).toBe(1)
  })

  it('many devices at once: every vote counted once', async () => {
    await controlItem(t.db, event, itemId, 'open', 'test')
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => vote(`device-${i}`, i < 25 ? 'o1' : 'o2')))
    expect(results.filter((r) => r.status === 'counted')).toHaveLength(40)
    const snapshots = await loadSnapshots(t.db, event.id)
    expect(snapshots!.views.presenter.item).toMatchObject({ total: 40, counts: { o1: 25, o2: 15 } })
  })

  it('the database itself refuses a second row for the same device and item', async () => {
    const row = { event_id: event.id, item_id: itemId, device_hash: 'device-a', locale: 'en', option_code: 'o1', created_at: 1, updated_at: 1 }
    await t.db.insertInto('event_vote').values({ id: 'v1', ...row }).execute()
    await expect(t.db.insertInto('event_vote').values({ id: 'v2', ...row }).execute()).rejects.toThrow(/unique|UNIQUE/)
  })

  it('reset deletes the votes and starts a new round: a vote made for the old round is refused', async () => {
    await controlItem(t.db, event, itemId, 'open', 'test')
    await vote('device-a', 'o1')
    await controlItem(t.db, event, itemId, 'reset', 'test')
    expect(await rows()).toHaveLength(0)
    const item = await getItem(t.db, event.id, itemId)
    expect(item).toMatchObject({ state: 'draft', round: 2, resultsVisible: false })
    await controlItem(t.db, event, itemId, 'open', 'test')
    expect(await vote('device-a', 'o1', 1)).toEqual({ status: 'stale' })
    expect((await vote('device-a', 'o1', 2)).status).toBe('counted')
    const audit = await t.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'event.item_reset').executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail)).toMatchObject({ votesDeleted: 1 })
  })

  it('an ended event opens no item and counts no vote, even on an item left open; opened again, it does', async () => {
    await controlItem(t.db, event, itemId, 'open', 'test')
    expect((await vote('device-a', 'o1')).status).toBe('counted')
    await setEventStatus(t.db, event, 'ended', 'test')
    expect((await getItem(t.db, event.id, itemId))!.state).toBe('closed')
    const refused = await controlItem(t.db, event, itemId, 'open', 'test').catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(Refusal)
    expect((refused as Refusal).reason).toBe('ended')
    expect((await getItem(t.db, event.id, itemId))!.state).toBe('closed')
    // An item open by hand (or by an older version) in an ended event still takes no vote.
    await t.db.updateTable('event_item').set({ state: 'open' }).where('id', '=', itemId).execute()
    expect(await vote('device-b', 'o2')).toEqual({ status: 'ended' })
    expect(await rows()).toHaveLength(1)
    await setEventStatus(t.db, event, 'live', 'test')
    await controlItem(t.db, event, itemId, 'open', 'test')
    expect((await vote('device-b', 'o2')).status).toBe('counted')
  })

  it('opening an item closes the one open before, puts it on screen and starts the event', async () => {
    const other = await addItem(t.db, event, { type: 'scale', title: { en: 'Agree?' }, options: [] }, 'test')
    await controlItem(t.db, event, itemId, 'open', 'test')
    await controlItem(t.db, event, other, 'open', 'test')
    expect((await getItem(t.db, event.id, itemId))!.state).toBe('closed')
    const scale = (await getItem(t.db, event.id, other))!
    expect(scale.options.map((o) => o.code)).toEqual(['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree'])
    expect(scale.options[0]!.label).toMatchObject({ en: 'Strongly agree', bn: 'দৃঢ়ভাবে একমত' })
    expect(await getEvent(t.db, event.id)).toMatchObject({ currentItemId: other, status: 'live' })
  })

  it('phones and the screen see counts only once revealed; the presenter always; every change bumps seq and tells listeners', async () => {
    const seen: number[] = []
    const stop = onEventChange((id, seq) => id === event.id && seen.push(seq))
    try {
      await controlItem(t.db, event, itemId, 'open', 'test')
      await vote('device-a', 'o1')
      let snapshots = (await loadSnapshots(t.db, event.id))!
      expect(snapshots.views.participant.item).toEqual({ id: itemId, round: 1, state: 'open', type: 'single', revealed: false, total: 1 })
      expect(snapshots.views.screen.item!.counts).toBeUndefined()
      expect(snapshots.views.presenter.item!.counts).toEqual({ o1: 1, o2: 0 })
      await controlItem(t.db, event, itemId, 'reveal', 'test')
      snapshots = (await loadSnapshots(t.db, event.id))!
      expect(snapshots.views.participant.item!.counts).toEqual({ o1: 1, o2: 0 })
      expect(snapshots.seq).toBe(seen[seen.length - 1])
      expect(seen).toEqual([...seen].sort((a, b) => a - b))
      expect(seen.length).toBe(3)
    } finally {
      stop()
    }
  })

  it('open text: held back by a blocked word or personal details, shown only once a moderator approves (edited)', async () => {
    expect(['added', 'exists']).toContain(await addBlockedWord(t.db, { locale: 'en', word: 'Scum' }, 'test'))
    const textItem = await addItem(t.db, event, { type: 'text', title: { en: 'In a few words?' }, options: [] }, 'test')
    await controlItem(t.db, event, textItem, 'open', 'test')
    await controlItem(t.db, event, textItem, 'reveal', 'test')
    const say = (device: string, text: string) => castVote(t.db, { eventId: event.id, itemId: textItem, round: 1, deviceHash: device, locale: 'en', value: { kind: 'text', text } })
    expect(await say('d1', 'Cheaper rents please')).toMatchObject({ status: 'counted', held: false })
    expect(await say('d2', 'They are scum')).toMatchObject({ status: 'counted', held: true })
    expect(await say('d3', 'Ring me on 07700 900123 about rents')).toMatchObject({ status: 'counted', held: true })
    let snapshots = (await loadSnapshots(t.db, event.id))!
    expect(snapshots.views.screen.item).toMatchObject({ total: 3, words: [], answers: [] })
    expect(snapshots.views.presenter.pending).toBe(3)
    const queue = await listModerationQueue(t.db, event.id)
    expect(queue.map((q) => q.heldReason)).toEqual(['blocked_word', 'personal_details', null])
    const personal = queue.find((q) => q.heldReason === 'personal_details')!
    expect(await moderateAnswer(t.db, event, personal.id, { action: 'approve', edited: '  ' }, 'mod')).toEqual({ status: 'error', error: 'edit_empty' })
    await moderateAnswer(t.db, event, personal.id, { action: 'approve', edited: 'Ring me about rents' }, 'mod')
    await moderateAnswer(t.db, event, queue.find((q) => q.heldReason === 'blocked_word')!.id, { action: 'reject' }, 'mod')
    await moderateAnswer(t.db, event, queue.find((q) => q.heldReason === null)!.id, { action: 'approve' }, 'mod')
    snapshots = (await loadSnapshots(t.db, event.id))!
    expect(snapshots.views.screen.item!.answers!.sort()).toEqual(['Cheaper rents please', 'Ring me about rents'])
    expect(JSON.stringify(snapshots.views.screen)).not.toContain('07700')
    expect(JSON.stringify(snapshots.views.screen)).not.toContain('scum')
    expect(snapshots.views.screen.item!.words).toContainEqual(['rents', 2])
    expect(snapshots.views.presenter.pending).toBe(0)
    // A changed answer goes back to the queue.
    await say('d1', 'Cheaper rents and more homes')
    expect((await loadSnapshots(t.db, event.id))!.views.presenter.pending).toBe(1)
  })

  it('the demo: a live poll with votes in the room and the 2023 congress, all synthetic', async () => {
    const poll = await t.db.selectFrom('event').selectAll().where('code', '=', DEMO_POLL_CODE).executeTakeFirstOrThrow()
    expect(poll).toMatchObject({ status: 'live', is_synthetic: 1 })
    const snapshots = (await loadSnapshots(t.db, poll.id))!
    expect(snapshots.views.participant.item!.total).toBeGreaterThan(50)
    const congress = await t.db.selectFrom('event').selectAll().where('code', '=', DEMO_CONGRESS_CODE).executeTakeFirstOrThrow()
    expect(new Date(Number(congress.starts_at)).toISOString().slice(0, 10)).toBe('2023-11-14')
    const votes = await t.db.selectFrom('event_vote').select(['is_synthetic', 'method']).execute()
    expect(votes.every((v) => v.is_synthetic === 1 && v.method === 'event')).toBe(true)
  })
})
