import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addItem, castVote, controlItem, type EventRecord } from '~/features/events/events.server.ts'
import type { EventFormValues } from '~/features/events/event-form.ts'
import { listModerationQueue, moderateAnswer, moderateQuestion } from '~/features/events/moderation.server.ts'
import { listPublicAnswers, listQuestions, setUpvote, submitQuestion, writeAnswer } from '~/features/events/questions.server.ts'
import { EVENT_RETENTION_DAYS } from '~/features/events/retention.server.ts'
import { loadSnapshots } from '~/features/events/snapshot.server.ts'
import { runRetention } from '~/features/responses/data-protection.server.ts'
import { createTestEvent, eventFormValues } from '../support/events.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

// The retention job (npm run data:retention) on events, on SQLite and
// PostgreSQL: EVENT_RETENTION_DAYS after an event's date its device hashes are
// replaced by markers that link to nothing and residents' own words are
// redacted; counts, upvote totals and what a moderator approved for the public
// (in its moderated form) stay.

const DAY = 86_400_000
const STARTS = Date.UTC(2027, 2, 1, 18, 0)
const values = (over: Partial<EventFormValues>) => eventFormValues({ title: { en: 'Retention test' }, startsAt: STARTS, locales: ['en'], ...over })

describe.each(ENGINES)('event data protection on %s', (engine: Engine) => {
  let t: TestDb
  beforeEach(async () => {
    t = await createTestDb({ engine })
  })
  afterEach(async () => {
    await t.cleanup()
  })

  async function event(over: Partial<EventFormValues>): Promise<EventRecord> {
    return createTestEvent(t.db, values(over))
  }

  it(`removes device hashes and redacts open text ${EVENT_RETENTION_DAYS} days after the event, keeping the counts and what was approved`, async () => {
    const poll = await event({})
    const choice = await addItem(t.db, poll, { type: 'single', title: { en: 'Which?' }, options: [{ code: 'o1', label: { en: 'One' } }, { code: 'o2', label: { en: 'Two' } }] }, 'test')
    const text = await addItem(t.db, poll, { type: 'text', title: { en: 'In a few words?' }, options: [] }, 'test')
    await controlItem(t.db, poll, choice, 'open', 'test')
    for (const [device, code] of [['phone-a', 'o1'], ['phone-b', 'o2'], ['phone-c', 'o2']] as const) {
      await castVote(t.db, { eventId: poll.id, itemId: choice, round: 1, deviceHash: device, locale: 'en', value: { kind: 'option', code } })
    }
    await controlItem(t.db, poll, text, 'open', 'test')
    const say = (device: string, words: string) => castVote(t.db, { eventId: poll.id, itemId: text, round: 1, deviceHash: device, locale: 'en', value: { kind: 'text', text: words } })
    await say('phone-a', 'Ring Ayesha on 07700 900123 about the rents')
    await say('phone-b', 'Cheaper rents')
    await say('phone-c', 'Something rude')
    const queue = await listModerationQueue(t.db, poll.id)
    const byText = (start: string) => queue.find((q) => q.text.startsWith(start))!.id
    await moderateAnswer(t.db, poll, byText('Ring'), { action: 'approve', edited: 'Something about the rents' }, 'mod')
    await moderateAnswer(t.db, poll, byText('Cheaper'), { action: 'approve' }, 'mod')
    await moderateAnswer(t.db, poll, byText('Something rude'), { action: 'reject' }, 'mod')

    const mayor = await event({ kind: 'ask_mayor', questionsOpenAt: STARTS - 7 * DAY, questionsCloseAt: STARTS - DAY })
    const ask = async (device: string, words: string) => {
      const r = await submitQuestion(t.db, { event: mayor, deviceHash: device, locale: 'en', text: words, now: STARTS - 2 * DAY })
      if (r.status !== 'received') throw new Error(r.status)
      return r.id
    }
    const edited = await ask('asker-1', 'I am Ayesha at 12 Cable Street: when will the damp be fixed?')
    const rejected = await ask('asker-2', 'My neighbour at number 4 is a criminal')
    await moderateQuestion(t.db, mayor, edited, { action: 'approve', edited: 'When will the damp be fixed?' }, 'mod')
    await moderateQuestion(t.db, mayor, rejected, { action: 'reject' }, 'mod')
    for (const device of ['phone-a', 'phone-b', 'phone-c']) await setUpvote(t.db, { event: mayor, questionId: edited, deviceHash: device, on: true, now: STARTS - 2 * DAY })
    await writeAnswer(t.db, mayor, edited, { text: 'In the spring.', publish: true }, 'officer')

    const before = (await loadSnapshots(t.db, poll.id))!.views.presenter.item
    const ourEvents = [poll.id, mayor.id]
    const devices = async () => [
      ...(await t.db.selectFrom('event_vote').select('device_hash').where('event_id', 'in', ourEvents).execute()),
      ...(await t.db.selectFrom('event_question').select('device_hash').where('event_id', 'in', ourEvents).execute()),
      ...(await t.db.selectFrom('event_upvote').select('device_hash').where('event_id', 'in', ourEvents).execute()),
    ].map((r) => r.device_hash)

    // A day before the period ends: nothing changes.
    await runRetention(t.db, STARTS + (EVENT_RETENTION_DAYS - 1) * DAY)
    expect((await devices()).filter((d) => d.startsWith('phone-') || d.startsWith('asker-'))).toHaveLength(11)

    const after = STARTS + (EVENT_RETENTION_DAYS + 1) * DAY
    const result = await runRetention(t.db, after)
    expect(result.eventsAnonymised).toBeGreaterThanOrEqual(2)

    // No device hash is left, and no two rows share a marker: nothing links one phone's votes.
    const left = await devices()
    expect(left).toHaveLength(11)
    expect(left.every((d) => d.startsWith('erased:'))).toBe(true)
    expect(new Set(left).size).toBe(left.length)

    // Residents' own words are gone; approved answers keep only their moderated form.
    const texts = await t.db.selectFrom('event_vote').select(['text_value', 'shown_text', 'moderation']).where('item_id', '=', text).execute()
    expect(texts.every((v) => v.text_value === '[redacted]')).toBe(true)
    expect(texts.map((v) => v.shown_text).sort()).toEqual(['Cheaper rents', 'Something about the rents', null])
    const stored = JSON.stringify(await t.db.selectFrom('event_question').selectAll().where('event_id', '=', mayor.id).execute()) + JSON.stringify(texts)
    for (const personal of ['07700', 'Ayesha', 'Cable Street', 'number 4', 'rude']) expect(stored).not.toContain(personal)

    // What people saw stays: counts, upvotes, the public answer.
    expect((await loadSnapshots(t.db, poll.id))!.views.presenter.item).toEqual(before)
    expect((await listQuestions(t.db, mayor.id, { statuses: ['approved'] })).map((q) => [q.text, q.votes])).toEqual([['When will the damp be fixed?', 3]])
    expect((await listPublicAnswers(t.db, mayor.id)).map((a) => a.text)).toEqual(['When will the damp be fixed?'])

    // Written to the audit log, without the texts; running again changes nothing.
    const audit = await t.db.selectFrom('audit_log').select(['entity_id', 'detail']).where('action', '=', 'event.anonymised').where('entity_id', 'in', ourEvents).execute()
    expect(audit.map((a) => [a.entity_id, JSON.parse(a.detail)]).sort()).toEqual(
      [
        [poll.id, { votes: 6, questions: 0, upvotes: 0 }],
        [mayor.id, { votes: 0, questions: 2, upvotes: 3 }],
      ].sort(),
    )
    await runRetention(t.db, after + DAY)
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'event.anonymised').where('entity_id', 'in', ourEvents).execute()).toHaveLength(2)
    expect(await devices()).toEqual(left)
  })

  it('leaves an event within its period alone', async () => {
    const poll = await event({ startsAt: STARTS })
    const item = await addItem(t.db, poll, { type: 'text', title: { en: 'Words?' }, options: [] }, 'test')
    await controlItem(t.db, poll, item, 'open', 'test')
    await castVote(t.db, { eventId: poll.id, itemId: item, round: 1, deviceHash: 'phone-a', locale: 'en', value: { kind: 'text', text: 'Markets' } })
    await runRetention(t.db, STARTS + 10 * DAY)
    expect(await t.db.selectFrom('event_vote').select(['device_hash', 'text_value']).where('item_id', '=', item).execute()).toEqual([{ device_hash: 'phone-a', text_value: 'Markets' }])
  })
})
