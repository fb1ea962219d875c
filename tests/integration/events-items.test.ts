import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addItem, castVote, controlItem, getEvent, getItem, itemIsLocked, listItems, moveItem, Refusal, removeItem, updateItem, type EventRecord } from '~/features/events/events.server.ts'
import type { ItemFormValues } from '~/features/events/event-form.ts'
import { createTestEvent, eventFormValues } from '../support/events.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

// The presenter's prepared items on SQLite and PostgreSQL: a draft can be
// edited in every way, reordered and removed; once opened or voted on, only
// its wording can change and it cannot be removed, so no vote changes meaning.

const choice = (title: string, labels: string[]): ItemFormValues => ({
  type: 'single',
  title: { en: title },
  options: labels.map((label, i) => ({ code: `o${i + 1}`, label: { en: label } })),
})

describe.each(ENGINES)('preparing items on %s', (engine: Engine) => {
  let t: TestDb
  let event: EventRecord
  beforeEach(async () => {
    t = await createTestDb({ engine })
    event = await createTestEvent(t.db, eventFormValues({ title: { en: 'Items test' } }))
  })
  afterEach(async () => {
    await t.cleanup()
  })
  const refused = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(Refusal)
    return (error as Refusal).reason
  }

  it('a draft nobody voted on takes any change: type, title per language, options', async () => {
    const id = await addItem(t.db, event, choice('Which day?', ['Monday', 'Tuesday']), 'test')
    await updateItem(t.db, event, id, { type: 'multiple', title: { en: 'Which days?', bn: 'কোন দিনগুলো?' }, options: choice('', ['Mon', 'Tue', 'Wed']).options }, 'officer')
    expect(await getItem(t.db, event.id, id)).toMatchObject({
      type: 'multiple',
      title: { en: 'Which days?', bn: 'কোন দিনগুলো?' },
      options: [
        { code: 'o1', label: { en: 'Mon' } },
        { code: 'o2', label: { en: 'Tue' } },
        { code: 'o3', label: { en: 'Wed' } },
      ],
    })
    await updateItem(t.db, event, id, { type: 'scale', title: { en: 'Agree?' }, options: [] }, 'officer')
    expect((await getItem(t.db, event.id, id))!.options.map((o) => o.code)).toEqual(['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree'])
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'detail']).where('action', '=', 'event.item_updated').execute()
    expect(audit).toHaveLength(2)
    expect(audit[0]).toMatchObject({ actor: 'officer' })
  })

  it('an item with votes keeps its type and options: only the wording changes, and it cannot be removed', async () => {
    const id = await addItem(t.db, event, choice('Which day?', ['Monday', 'Tuesday']), 'test')
    await controlItem(t.db, event, id, 'open', 'test')
    await castVote(t.db, { eventId: event.id, itemId: id, round: 1, deviceHash: 'phone-a', locale: 'en', value: { kind: 'option', code: 'o2' } })
    await controlItem(t.db, event, id, 'close', 'test')
    expect(await itemIsLocked(t.db, (await getItem(t.db, event.id, id))!)).toBe(true)

    expect(await refused(updateItem(t.db, event, id, { ...choice('Which day?', ['Monday', 'Tuesday']), type: 'multiple' }, 'officer'))).toBe('not_allowed')
    expect(await refused(updateItem(t.db, event, id, choice('Which day?', ['Monday', 'Tuesday', 'Friday']), 'officer'))).toBe('not_allowed')
    expect(await refused(removeItem(t.db, event, id, 'officer'))).toBe('not_allowed')
    expect((await getItem(t.db, event.id, id))!.options.map((o) => o.label.en)).toEqual(['Monday', 'Tuesday'])

    // A typo and a translation: allowed; the vote still points at the same option.
    await updateItem(t.db, event, id, { type: 'single', title: { en: 'Which day suits you?', bn: 'কোন দিন আপনার সুবিধা?' }, options: choice('', ['Monday', 'Tuesday evening']).options }, 'officer')
    const item = (await getItem(t.db, event.id, id))!
    expect(item).toMatchObject({ title: { en: 'Which day suits you?' }, state: 'closed' })
    expect(item.options).toEqual([
      { code: 'o1', label: { en: 'Monday' } },
      { code: 'o2', label: { en: 'Tuesday evening' } },
    ])
    expect(await t.db.selectFrom('event_vote').select('option_code').where('item_id', '=', id).execute()).toEqual([{ option_code: 'o2' }])
  })

  it('an item that has been opened is locked even without votes; a reset one is a draft again', async () => {
    const id = await addItem(t.db, event, choice('Which?', ['A', 'B']), 'test')
    await controlItem(t.db, event, id, 'open', 'test')
    expect(await refused(updateItem(t.db, event, id, choice('Which?', ['A', 'B', 'C']), 'officer'))).toBe('not_allowed')
    expect(await refused(removeItem(t.db, event, id, 'officer'))).toBe('not_allowed')
    await controlItem(t.db, event, id, 'reset', 'test')
    await updateItem(t.db, event, id, choice('Which?', ['A', 'B', 'C']), 'officer')
    expect((await getItem(t.db, event.id, id))!.options).toHaveLength(3)
  })

  it("a congress commitment's vote keeps its answers (the decision counts their codes), even as a draft", async () => {
    const options = ['support', 'oppose', 'abstain'].map((code) => ({ code, label: { en: code } }))
    const id = await addItem(t.db, event, { type: 'single', title: { en: 'We will open youth hubs' }, options, commitmentId: 'commitment-1' }, 'test')
    const item = (await getItem(t.db, event.id, id))!
    expect(item.state).toBe('draft')
    expect(await itemIsLocked(t.db, item)).toBe(true)
    expect(await refused(updateItem(t.db, event, id, choice('We will open youth hubs', ['Yes', 'No']), 'officer'))).toBe('not_allowed')
    await updateItem(t.db, event, id, { type: 'single', title: { en: 'We will open two youth hubs' }, options: options.map((o) => ({ ...o, code: 'ignored' })) }, 'officer')
    expect((await getItem(t.db, event.id, id))!.options.map((o) => o.code)).toEqual(['support', 'oppose', 'abstain'])
  })

  it('moves items up and down and removes a draft (taking it off the screen)', async () => {
    const a = await addItem(t.db, event, choice('A?', ['1', '2']), 'test')
    const b = await addItem(t.db, event, choice('B?', ['1', '2']), 'test')
    const c = await addItem(t.db, event, choice('C?', ['1', '2']), 'test')
    const order = async () => (await listItems(t.db, event.id)).map((i) => i.title.en)
    await moveItem(t.db, event, c, 'up')
    expect(await order()).toEqual(['A?', 'C?', 'B?'])
    await moveItem(t.db, event, a, 'down')
    expect(await order()).toEqual(['C?', 'A?', 'B?'])
    // Past either end: nothing moves.
    await moveItem(t.db, event, c, 'up')
    await moveItem(t.db, event, b, 'down')
    expect(await order()).toEqual(['C?', 'A?', 'B?'])
    await controlItem(t.db, event, b, 'show', 'test')
    await removeItem(t.db, event, b, 'officer')
    expect(await order()).toEqual(['C?', 'A?'])
    expect((await getEvent(t.db, event.id))!.currentItemId).toBeNull()
    expect(await refused(removeItem(t.db, event, b, 'officer'))).toBe('not_found')
  })
})
