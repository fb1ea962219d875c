import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  addNote,
  addTable,
  decideCommitment,
  facilitatorToken,
  listTables,
  loadCharter,
  putCommitmentToVote,
  removeNote,
  removeTable,
  renewFacilitatorLink,
  updateCharterEntry,
  updateTable,
  verifyFacilitatorToken,
} from '~/features/events/congress.server.ts'
import { castVote, getEvent, getItem, Refusal, setEventStatus, type EventRecord } from '~/features/events/events.server.ts'
import type { EventFormValues } from '~/features/events/event-form.ts'
import { moderateQuestion } from '~/features/events/moderation.server.ts'
import { listPublicAnswers, listQuestions, mergeQuestion, QUESTIONS_PER_DEVICE, questionWindow, setAnswerState, setUpvote, submitQuestion, writeAnswer } from '~/features/events/questions.server.ts'
import { loadSnapshots } from '~/features/events/snapshot.server.ts'
import { createTestEvent, eventFormValues } from '../support/events.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

// Ask the Mayor and the partnership congress on SQLite and PostgreSQL.

const NOW = Date.UTC(2027, 2, 1, 12, 0)
const base = (over: Partial<EventFormValues>) =>
  eventFormValues({ kind: 'ask_mayor', title: { en: 'Ask the Mayor (test)' }, startsAt: NOW + 86_400_000, questionsOpenAt: NOW - 86_400_000, questionsCloseAt: NOW + 3_600_000, ...over })

describe.each(ENGINES)('Ask the Mayor on %s', (engine: Engine) => {
  let t: TestDb
  let event: EventRecord
  beforeEach(async () => {
    t = await createTestDb({ engine })
    event = await createTestEvent(t.db, base({}))
  })
  afterEach(async () => {
    await t.cleanup()
  })

  const ask = (device: string, text: string, now = NOW) => submitQuestion(t.db, { event, deviceHash: device, locale: 'en', text, now })
  const approve = async (id: string) => moderateQuestion(t.db, event, id, { action: 'approve', ctaCode: 'CTA3' }, 'mod')

  it('takes questions only while the form is open or the event is live, and at most a few per device', async () => {
    expect(questionWindow(event, NOW)).toBe('before')
    expect(questionWindow(event, NOW + 7_200_000)).toBe('closed')
    expect(await ask('d1', 'Too late?', NOW + 7_200_000)).toEqual({ status: 'closed' })
    expect(await ask('d1', '   ')).toEqual({ status: 'empty' })
    expect(await ask('d1', 'x'.repeat(501))).toEqual({ status: 'too_long' })
    for (let i = 0; i < QUESTIONS_PER_DEVICE; i++) expect((await ask('d1', `Question ${i}`)).status).toBe('received')
    expect(await ask('d1', 'One more')).toEqual({ status: 'too_many' })
    const stored = await t.db.selectFrom('event_question').select(['status', 'phase', 'method']).where('event_id', '=', event.id).execute()
    expect(stored).toHaveLength(QUESTIONS_PER_DEVICE)
    expect(stored.every((q) => q.status === 'pending' && q.phase === 'before' && q.method === 'event')).toBe(true)
  })

  it('one upvote per device per question; the queue orders by upvotes; merging moves upvotes without counting a device twice', async () => {
    const q1 = await ask('asker-1', 'When will the damp be fixed?')
    const q2 = await ask('asker-2', 'What about youth clubs?')
    const dup = await ask('asker-3', 'When is the damp going to be fixed??')
    if (q1.status !== 'received' || q2.status !== 'received' || dup.status !== 'received') throw new Error('not received')
    // Not approved yet: nobody can upvote it.
    expect(await setUpvote(t.db, { event, questionId: q1.id, deviceHash: 'p1', on: true, now: NOW })).toEqual({ status: 'not_found' })
    for (const id of [q1.id, q2.id, dup.id]) await approve(id)
    const up = (device: string, id: string) => setUpvote(t.db, { event, questionId: id, deviceHash: device, on: true, now: NOW })
    expect(await up('p1', q2.id)).toEqual({ status: 'ok', changed: true })
    expect(await up('p1', q2.id)).toEqual({ status: 'ok', changed: false })
    await Promise.all(['p1', 'p1', 'p1'].map((d) => up(d, q2.id)))
    await up('p2', q2.id)
    await up('p1', q1.id)
    await up('p3', dup.id)
    await up('p4', dup.id)
    await up('p1', dup.id)
    let queue = await listQuestions(t.db, event.id, { statuses: ['approved'] })
    expect(queue.map((q) => [q.id, q.votes])).toEqual([
      [dup.id, 3],
      [q2.id, 2],
      [q1.id, 1],
    ])
    await mergeQuestion(t.db, event, dup.id, q1.id, 'mod')
    queue = await listQuestions(t.db, event.id, { statuses: ['approved'] })
    // q1: p1 (had upvoted both: counted once), p3, p4.
    expect(queue.map((q) => [q.id, q.votes])).toEqual([
      [q1.id, 3],
      [q2.id, 2],
    ])
    const merged = await t.db.selectFrom('event_question').select(['status', 'merged_into']).where('id', '=', dup.id).executeTakeFirstOrThrow()
    expect(merged).toEqual({ status: 'merged', merged_into: q1.id })
    // Taking an upvote back.
    expect(await setUpvote(t.db, { event, questionId: q2.id, deviceHash: 'p2', on: false, now: NOW })).toEqual({ status: 'ok', changed: true })
    expect((await listQuestions(t.db, event.id, { statuses: ['approved'], deviceHash: 'p1' })).find((q) => q.id === q2.id)).toMatchObject({ votes: 1, mine: true })
  })

  it('the question being answered tops the screen; answered ones leave the queue; published answers are public', async () => {
    const ids: string[] = []
    for (const [i, text] of ['First?', 'Second?', 'Third?'].entries()) {
      const r = await ask(`a${i}`, text)
      if (r.status !== 'received') throw new Error('not received')
      ids.push(r.id)
      await approve(r.id)
    }
    await setUpvote(t.db, { event, questionId: ids[1]!, deviceHash: 'x', on: true, now: NOW })
    await setAnswerState(t.db, event, ids[2]!, 'answering', 'mod')
    let screen = (await loadSnapshots(t.db, event.id))!.views.screen.questions!
    expect(screen.map((q) => [q.text, q.state])).toEqual([
      ['Third?', 'answering'],
      ['Second?', 'queued'],
      ['First?', 'queued'],
    ])
    await setAnswerState(t.db, event, ids[1]!, 'answering', 'mod')
    screen = (await loadSnapshots(t.db, event.id))!.views.screen.questions!
    expect(screen.map((q) => q.text)).toEqual(['Second?', 'First?'])
    await setAnswerState(t.db, event, ids[0]!, 'follow_up', 'mod')
    expect(await writeAnswer(t.db, event, ids[0]!, { text: ' ', publish: true }, 'officer')).toEqual({ status: 'error', error: 'answer_empty' })
    await writeAnswer(t.db, event, ids[0]!, { text: 'A written answer.', publish: false }, 'officer')
    expect((await listPublicAnswers(t.db, event.id)).find((q) => q.id === ids[0])!.answer).toBeNull()
    await writeAnswer(t.db, event, ids[0]!, { text: 'A written answer.', publish: true }, 'officer')
    const published = (await listPublicAnswers(t.db, event.id)).find((q) => q.id === ids[0])!
    expect(published).toMatchObject({ answer: 'A written answer.', answerState: 'follow_up', ctaCode: 'CTA3' })
  })

  it("phones on the questions page get every approved question's text, in the queue's order, with its state; the event page's phones get none", async () => {
    const ids: string[] = []
    for (const [i, text] of ['Bins?', 'Buses?', 'Parks?', 'Held back?'].entries()) {
      // A second apart: equal votes keep the order they were sent in.
      const r = await ask(`a${i}`, text, NOW + i * 1000)
      if (r.status !== 'received') throw new Error('not received')
      ids.push(r.id)
      if (i < 3) await approve(r.id)
    }
    const phones = async () => (await loadSnapshots(t.db, event.id))!.views.questions.questions!.map((q) => [q.text, q.votes, q.state])
    expect(await phones()).toEqual([
      ['Bins?', 0, 'queued'],
      ['Buses?', 0, 'queued'],
      ['Parks?', 0, 'queued'],
    ])
    for (const device of ['x', 'y']) await setUpvote(t.db, { event, questionId: ids[2]!, deviceHash: device, on: true, now: NOW })
    await setUpvote(t.db, { event, questionId: ids[1]!, deviceHash: 'x', on: true, now: NOW })
    await setAnswerState(t.db, event, ids[0]!, 'answering', 'mod')
    expect(await phones()).toEqual([
      ['Bins?', 0, 'answering'],
      ['Parks?', 2, 'queued'],
      ['Buses?', 1, 'queued'],
    ])
    await setAnswerState(t.db, event, ids[0]!, 'answered', 'mod')
    await setAnswerState(t.db, event, ids[2]!, 'follow_up', 'mod')
    expect(await phones()).toEqual([
      ['Buses?', 1, 'queued'],
      ['Bins?', 0, 'answered'],
      ['Parks?', 2, 'follow_up'],
    ])
    const snapshots = (await loadSnapshots(t.db, event.id))!
    expect(snapshots.views.participant.questions).toBeUndefined()
    expect(snapshots.views.questions.item).toEqual(snapshots.views.participant.item)
  })
})

describe.each(ENGINES)('the partnership congress on %s', (engine: Engine) => {
  let t: TestDb
  let event: EventRecord
  beforeEach(async () => {
    t = await createTestDb({ engine })
    event = await createTestEvent(t.db, base({ kind: 'congress', title: { en: 'Congress (test)' }, questionsOpenAt: null, questionsCloseAt: null, theme: { en: 'Safety' } }))
  })
  afterEach(async () => {
    await t.cleanup()
  })

  it('tables, a live vote on a proposed commitment, the decision and the charter', async () => {
    expect(await addTable(t.db, event, { name: ' ', facilitator: 'F', ctaCode: 'CTA9' }, ['CTA3'], 'officer')).toEqual({
      status: 'error',
      errors: { name: 'table_name', cta: 'table_cta' },
    })
    const table = await addTable(t.db, event, { name: 'Safer streets', facilitator: 'Facilitator A', ctaCode: 'CTA3' }, ['CTA3'], 'officer')
    if (table.status !== 'ok') throw new Error('no table')
    const token = facilitatorToken(table.id, 1, 'x'.repeat(40))
    expect(verifyFacilitatorToken(token, 'x'.repeat(40))).toEqual({ tableId: table.id, version: 1 })
    expect(verifyFacilitatorToken(token, 'y'.repeat(40))).toBeNull()
    expect(verifyFacilitatorToken(`${table.id}.forged`, 'x'.repeat(40))).toBeNull()
    await addNote(t.db, { eventId: event.id, tableId: table.id, kind: 'issue', text: 'Dark underpasses', actor: 'facilitator' })
    expect(await addNote(t.db, { eventId: event.id, tableId: table.id, kind: 'commitment', text: 'x'.repeat(501), actor: 'facilitator' })).toEqual({ status: 'error', error: 'note_too_long' })
    const proposal = await addNote(t.db, { eventId: event.id, tableId: table.id, kind: 'commitment', text: 'Light every underpass', actor: 'facilitator' })
    if (proposal.status !== 'ok') throw new Error('no proposal')
    const itemId = await putCommitmentToVote(t.db, event, proposal.id, 'officer')
    const live = (await getEvent(t.db, event.id))!
    expect(live).toMatchObject({ currentItemId: itemId, status: 'live' })
    for (const [device, code] of [['d1', 'support'], ['d2', 'support'], ['d3', 'oppose'], ['d1', 'support']] as const) {
      await castVote(t.db, { eventId: event.id, itemId, round: 1, deviceHash: device, locale: 'en', value: { kind: 'option', code } })
    }
    await decideCommitment(t.db, event, proposal.id, 'agreed', 'officer')
    expect(await updateCharterEntry(t.db, event, proposal.id, { owners: '', status: 'sideways' }, 'officer')).toEqual({
      status: 'error',
      errors: { owners: 'owners_required', status: 'status_invalid' },
    })
    await updateCharterEntry(t.db, event, proposal.id, { owners: 'Tower Hamlets Council\nMetropolitan Police, Tower Hamlets Council', status: 'in_progress' }, 'officer')
    const charter = await loadCharter(t.db, event.id)
    expect(charter).toHaveLength(1)
    expect(charter[0]).toMatchObject({
      text: 'Light every underpass',
      title: expect.objectContaining({ en: 'Light every underpass' }),
      tableName: 'Safer streets',
      ctaCode: 'CTA3',
      owners: ['Tower Hamlets Council', 'Metropolitan Police'],
      status: 'in_progress',
      votes: { total: 3, counts: { support: 2, oppose: 1, abstain: 0 }, suggested: 'agreed' },
    })
    const tables = await listTables(t.db, event.id)
    expect(tables[0]!.issues.map((i) => i.text)).toEqual(['Dark underpasses'])
  })

  const newTable = async (name = 'Safer streets') => {
    const table = await addTable(t.db, event, { name, facilitator: 'Facilitator A', ctaCode: 'CTA3' }, ['CTA3', 'CTA4'], 'officer')
    if (table.status !== 'ok') throw new Error('no table')
    return table.id
  }
  const audit = (action: string) => t.db.selectFrom('audit_log').select(['actor', 'entity_id', 'detail']).where('action', '=', action).execute()

  it('a new facilitator link revokes the old one; a link made before versions is version 1', async () => {
    const secret = 'x'.repeat(40)
    const tableId = await newTable()
    const first = facilitatorToken(tableId, 1, secret)
    expect(await renewFacilitatorLink(t.db, event, tableId, 'officer')).toBe(2)
    const [table] = await listTables(t.db, event.id)
    expect(table!.tokenVersion).toBe(2)
    // The old link still verifies as version 1, which is no longer the table's: the page refuses it.
    expect(verifyFacilitatorToken(first, secret)).toEqual({ tableId, version: 1 })
    expect(verifyFacilitatorToken(facilitatorToken(tableId, 2, secret), secret)).toEqual({ tableId, version: 2 })
    // A version changed by hand breaks the signature.
    expect(verifyFacilitatorToken(first.replace('.1.', '.2.'), secret)).toBeNull()
    expect(verifyFacilitatorToken(first.replace('.1.', '.01.'), secret)).toBeNull()
    const crypto = await import('node:crypto')
    const legacy = `${tableId}.${crypto.createHmac('sha256', secret).update(`hys-facilitator:${tableId}`).digest('base64url').slice(0, 24)}`
    expect(verifyFacilitatorToken(legacy, secret)).toEqual({ tableId, version: 1 })
    expect(await audit('event.table_link_renewed')).toEqual([{ actor: 'officer', entity_id: tableId, detail: JSON.stringify({ event: event.id, version: 2 }) }])
  })

  it('an officer edits a table (checked like a new one) and removes only a table with no notes', async () => {
    const tableId = await newTable()
    expect(await updateTable(t.db, event, tableId, { name: '', facilitator: 'B', ctaCode: 'CTA9' }, ['CTA3', 'CTA4'], 'officer')).toEqual({
      status: 'error',
      errors: { name: 'table_name', cta: 'table_cta' },
    })
    expect(await updateTable(t.db, event, tableId, { name: ' Safer streets and parks ', facilitator: 'Facilitator A', ctaCode: 'CTA4' }, ['CTA3', 'CTA4'], 'officer')).toEqual({ status: 'ok' })
    expect((await listTables(t.db, event.id))[0]).toMatchObject({ name: 'Safer streets and parks', facilitator: 'Facilitator A', ctaCode: 'CTA4' })
    expect(JSON.parse((await audit('event.table_updated'))[0]!.detail)).toEqual({ event: event.id, changed: ['name', 'cta_code'] })

    const busy = await newTable('Busy table')
    await addNote(t.db, { eventId: event.id, tableId: busy, kind: 'issue', text: 'Dark underpasses', actor: 'facilitator' })
    await expect(removeTable(t.db, event, busy, 'officer')).rejects.toMatchObject({ reason: 'not_allowed' })
    await removeTable(t.db, event, tableId, 'officer')
    expect((await listTables(t.db, event.id)).map((x) => x.name)).toEqual(['Busy table'])
    expect(await audit('event.table_removed')).toEqual([{ actor: 'officer', entity_id: tableId, detail: JSON.stringify({ event: event.id, name: 'Safer streets and parks' }) }])
    await expect(removeTable(t.db, event, tableId, 'officer')).rejects.toBeInstanceOf(Refusal)
  })

  it('takes no notes, and removes none, once the event has ended', async () => {
    const tableId = await newTable()
    const issue = await addNote(t.db, { eventId: event.id, tableId, kind: 'issue', text: 'Before the end', actor: 'facilitator' })
    if (issue.status !== 'ok') throw new Error('no issue')
    await setEventStatus(t.db, event, 'ended', 'officer')
    expect(await addNote(t.db, { eventId: event.id, tableId, kind: 'commitment', text: 'After the end', actor: 'facilitator' })).toEqual({ status: 'error', error: 'event_ended' })
    await expect(removeNote(t.db, { eventId: event.id, tableId, kind: 'issue', id: issue.id, actor: 'facilitator' })).rejects.toMatchObject({ reason: 'ended' })
    const [table] = await listTables(t.db, event.id)
    expect(table!.issues.map((i) => i.text)).toEqual(['Before the end'])
    expect(table!.commitments).toEqual([])
  })

  it("a commitment's live vote is titled in the language it was written in, and in the wording given for other languages", async () => {
    const tableId = await newTable()
    const inBengali = await addNote(t.db, { eventId: event.id, tableId, kind: 'commitment', text: 'প্রতিটি আন্ডারপাসে আলো', actor: 'facilitator', locale: 'bn' })
    const inEnglish = await addNote(t.db, { eventId: event.id, tableId, kind: 'commitment', text: 'Light every underpass', actor: 'facilitator', locale: 'en' })
    if (inBengali.status !== 'ok' || inEnglish.status !== 'ok') throw new Error('no commitment')
    const first = await putCommitmentToVote(t.db, event, inBengali.id, 'officer')
    expect((await getItem(t.db, event.id, first))!.title).toEqual({ bn: 'প্রতিটি আন্ডারপাসে আলো' })
    const second = await putCommitmentToVote(t.db, event, inEnglish.id, 'officer', Date.now(), { en: '', bn: '  প্রতিটি আন্ডারপাসে আলো জ্বালানো  ' })
    expect((await getItem(t.db, event.id, second))!.title).toEqual({ en: 'Light every underpass', bn: 'প্রতিটি আন্ডারপাসে আলো জ্বালানো' })
  })
})
