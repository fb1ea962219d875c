import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../db/connection.ts'
import { ORIGIN, setCookies, startInProcessApp, type InProcessApp } from '../support/in-process-app.ts'
import bnEvents from '../../locales/bn/events.json' with { type: 'json' }
import enEvents from '../../locales/en/events.json' with { type: 'json' }

// Bad input from the room, through the production build (SQLite): each case is
// refused with a clear, translated message and never counted. Votes after the
// item closes, a replayed or forged device cookie, a flood from one device, a
// join code that does not exist, a text over the limit, and a stream that
// reconnects with Last-Event-ID and catches up.

let app: InProcessApp
let db: DB
let code: string
let eventId: string
let choiceItem: string
let textItem: string
// The feature's code is imported after startInProcessApp has set the configuration it reads once.
let events: typeof import('~/features/events/events.server.ts')

beforeAll(async () => {
  app = await startInProcessApp('events-bad-input')
  events = await import('~/features/events/events.server.ts')
  const { createSqliteDb } = await import('../../db/connection.ts')
  db = createSqliteDb(app.dbFile)
  const created = await events.createEvent(
    db,
    { kind: 'poll', title: { en: 'Bad input' }, startsAt: Date.now(), venue: 'Hall', locales: ['en', 'bn'], ctaCodes: [], questionsOpenAt: null, questionsCloseAt: null, theme: null },
    'test',
  )
  code = created.code
  eventId = created.id
  const event = (await events.getEvent(db, eventId))!
  choiceItem = await events.addItem(db, event, { type: 'single', title: { en: 'Which?' }, options: [{ code: 'o1', label: { en: 'One' } }, { code: 'o2', label: { en: 'Two' } }] }, 'test')
  textItem = await events.addItem(db, event, { type: 'text', title: { en: 'In a few words?' }, options: [] }, 'test')
  await events.controlItem(db, event, choiceItem, 'open', 'test')
  await events.controlItem(db, event, choiceItem, 'reveal', 'test')
}, 120_000)
afterAll(async () => {
  await db?.destroy()
  app?.cleanup()
})

const context = { clientIp: '198.51.100.20', cspNonce: 'n', requestId: 'r' }
const get = (path: string, headers: Record<string, string> = {}) => app.handler(new Request(`${ORIGIN}${path}`, { headers: { Host: 'localhost', ...headers } }), context)
const vote = async (fields: Record<string, string>, cookie: string | null, lng = 'en') => {
  const response = await app.handler(
    new Request(`${ORIGIN}/events/${code}/vote?lng=${lng}`, {
      method: 'POST',
      headers: { Origin: ORIGIN, Host: 'localhost', Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
      body: new URLSearchParams(fields).toString(),
    }),
    context,
  )
  return { status: response.status, json: (await response.json()) as { ok: boolean; error?: string; message: string; outcome?: string; seq?: number }, response }
}
/** A phone joins: the event page gives it a signed device cookie. */
const join = async () => {
  const page = await get(`/events/${code}`)
  expect(page.status).toBe(200)
  return setCookies(page).get('hys_device')!
}
const rows = (item: string) => db.selectFrom('event_vote').select(['device_hash', 'option_code', 'text_value']).where('item_id', '=', item).execute()

describe('bad input from the room is refused and never counted', () => {
  it('a join code that does not exist: a clear message, and no stream or vote for it', async () => {
    const hop = await get('/join/ACDEFH')
    expect(hop.status).toBe(302)
    const page = await get(hop.headers.get('Location')!)
    expect(page.status).toBe(404)
    expect(await page.text()).toContain(enEvents.join.errors.code_unknown.replace('{{code}}', 'ACDEFH'))
    // Six characters with some that codes never use: no such event, not a format error.
    const mistyped = await get('/join?code=ZZZ+ZZZ')
    expect(mistyped.status).toBe(404)
    expect(await mistyped.text()).toContain(enEvents.join.errors.code_unknown.replace('{{code}}', 'ZZZ ZZZ'))
    const tooShort = await get('/join?code=ACD')
    expect(tooShort.status).toBe(400)
    expect(await tooShort.text()).toContain(enEvents.join.errors.code_invalid)
    expect((await get('/events/ACDEFH/stream')).status).toBe(404)
    expect((await vote({ item: choiceItem, round: '1', choice: 'o1' }, await join())).status).toBe(200)
    const elsewhere = await app.handler(
      new Request(`${ORIGIN}/events/ACDEFH/vote`, { method: 'POST', headers: { Origin: ORIGIN, Host: 'localhost', Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'item=x&round=1&choice=o1' }),
      context,
    )
    expect(elsewhere.status).toBe(404)
    expect(await elsewhere.json()).toMatchObject({ ok: false, error: 'not_found' })
  })

  it('a replayed cookie is the same phone: its vote replaces, never adds; a forged or missing one is refused', async () => {
    const cookie = await join()
    const before = (await rows(choiceItem)).length
    expect((await vote({ item: choiceItem, round: '1', choice: 'o1' }, cookie)).json).toMatchObject({ ok: true, outcome: 'counted' })
    // The same cookie copied to another phone (or the request replayed): a change, not a second vote.
    expect((await vote({ item: choiceItem, round: '1', choice: 'o2' }, cookie)).json).toMatchObject({ ok: true, outcome: 'changed' })
    expect((await vote({ item: choiceItem, round: '1', choice: 'o2' }, cookie)).json).toMatchObject({ ok: true, outcome: 'changed' })
    expect(await rows(choiceItem)).toHaveLength(before + 1)

    const [id] = decodeURIComponent(cookie.slice('hys_device='.length)).split('.')
    for (const forged of [`hys_device=${id}.not-our-signature`, `hys_device=${'A'.repeat(22)}.${'B'.repeat(43)}`, 'hys_device=forged']) {
      const refused = await vote({ item: choiceItem, round: '1', choice: 'o1' }, forged)
      expect(refused.status).toBe(403)
      expect(refused.json).toMatchObject({ ok: false, error: 'bad_device', message: enEvents.vote_errors.bad_device })
      // No new cookie comes with a refusal (a script would get a fresh phone each time): the page gives one.
      expect(refused.response.headers.get('Set-Cookie')).toBeNull()
    }
    const missing = await vote({ item: choiceItem, round: '1', choice: 'o1' }, null, 'bn')
    expect(missing.status).toBe(400)
    expect(missing.json.message).toBe(bnEvents.vote_errors.no_device)
    expect(await rows(choiceItem)).toHaveLength(before + 1)
  })

  it('a flood from one device: refused with 429 after the per-device limit, still one vote', async () => {
    const cookie = await join()
    const statuses: number[] = []
    for (let i = 0; i < 35; i++) statuses.push((await vote({ item: choiceItem, round: '1', choice: i % 2 ? 'o1' : 'o2' }, cookie)).status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(30)
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429])
    const refused = await vote({ item: choiceItem, round: '1', choice: 'o1' }, cookie)
    expect(refused.json.message).toBe(enEvents.vote_errors.too_many)
    expect(refused.response.headers.get('Retry-After')).toBe('60')
    const hash = (await db.selectFrom('event_vote').select(['device_hash', 'option_code']).where('item_id', '=', choiceItem).orderBy('updated_at', 'desc').limit(1).executeTakeFirstOrThrow())
    // The 30th accepted vote (o1) is the one kept; nothing refused changed it.
    expect(hash.option_code).toBe('o1')
    expect((await rows(choiceItem)).filter((r) => r.device_hash === hash.device_hash)).toHaveLength(1)
  })

  it('a stream that reconnects with Last-Event-ID catches up at once when behind, and waits for the next change when current', async () => {
    const { seq } = (await events.getEvent(db, eventId))!
    // Behind: the current state straight away, with its id.
    const behind = await openStream(String(seq - 1))
    const first = await behind.nextFrame()
    expect(first.id).toBe(seq)
    expect(first.data.item).toMatchObject({ id: choiceItem, state: 'open', revealed: true })
    await behind.close()
    // Current: nothing is repeated; the first frame is the next change (a vote cast while it listens).
    const current = await openStream(String(seq))
    const cookie = await join()
    const cast = await vote({ item: choiceItem, round: '1', choice: 'o2' }, cookie)
    const next = await current.nextFrame()
    expect(next.id).toBeGreaterThan(seq)
    expect(next.id).toBeGreaterThanOrEqual(cast.json.seq!)
    expect(next.data.item.total).toBe(first.data.item.total + 1)
    await current.close()
    // The stream tells the browser how soon to reconnect.
    expect(current.preamble).toMatch(/^retry: \d+$/m)
  })

  it('an answer over the limit, and any vote after the item closes, are refused and not stored', async () => {
    const event = (await events.getEvent(db, eventId))!
    await events.controlItem(db, event, textItem, 'open', 'test')
    const cookie = await join()
    const long = await vote({ item: textItem, round: '1', text: 'x'.repeat(281) }, cookie)
    expect(long.status).toBe(400)
    expect(long.json).toMatchObject({ ok: false, error: 'text_too_long', message: enEvents.vote_errors.text_too_long })
    expect(await rows(textItem)).toEqual([])
    expect((await vote({ item: textItem, round: '1', text: 'Markets' }, cookie)).json).toMatchObject({ ok: true, outcome: 'held' })

    // Opening the text item closed the choice item: a vote for it now is refused.
    const countBefore = (await rows(choiceItem)).length
    const late = await vote({ item: choiceItem, round: '1', choice: 'o1' }, await join(), 'bn')
    expect(late.status).toBe(409)
    expect(late.json).toMatchObject({ ok: false, error: 'closed', message: bnEvents.vote_errors.closed })
    await events.controlItem(db, event, textItem, 'close', 'test')
    const lateText = await vote({ item: textItem, round: '1', text: 'Too late' }, cookie)
    expect(lateText.status).toBe(409)
    expect(await rows(choiceItem)).toHaveLength(countBefore)
    expect((await rows(textItem)).map((r) => r.text_value)).toEqual(['Markets'])
  })
})

/** Reads Server-Sent Events frames from the app's stream response, as a browser would. */
async function openStream(lastEventId: string) {
  const response = await get(`/events/${code}/stream`, { 'Last-Event-ID': lastEventId, Accept: 'text/event-stream' })
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toMatch(/^text\/event-stream/)
  const reader = response.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  const stream = {
    preamble: '',
    async nextFrame(): Promise<{ id: number; data: { item: { id: string; state: string; revealed: boolean; total: number } } }> {
      for (;;) {
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const id = /^id: (\d+)$/m.exec(block)?.[1]
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (id && data) return { id: Number(id), data: JSON.parse(data) }
          stream.preamble += `${block}\n`
        }
        const { value, done } = await reader.read()
        if (done) throw new Error('the stream ended')
        buffer += decoder.decode(value, { stream: true })
      }
    },
    close: () => reader.cancel(),
  }
  return stream
}
