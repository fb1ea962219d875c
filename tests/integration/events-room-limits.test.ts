import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../db/connection.ts'
import { ORIGIN, leakIn, setCookies, startInProcessApp, type InProcessApp } from '../support/in-process-app.ts'
import bnEvents from '../../locales/bn/events.json' with { type: 'json' }
import enEvents from '../../locales/en/events.json' with { type: 'json' }
import { DEMO_MAYOR_CODE, DEMO_POLL_CODE } from '../../db/seed/demo-events.ts'

// The room's limits through the production build, with the address limits on
// (RATE_LIMIT_DISABLED=false): new device cookies per address per event
// (here 3 an hour, to test it), a refused post that never hands out a device
// cookie, an unknown join code answered in the resident's language on every
// endpoint the page's script calls, and an ended event that opens no vote.

const LIMIT = 3
let app: InProcessApp
let db: DB
let code: string
let eventId: string
let itemId: string
let officerCookie = ''
let events: typeof import('~/features/events/events.server.ts')

beforeAll(async () => {
  app = await startInProcessApp('events-room-limits', { RATE_LIMIT_DISABLED: 'false', EVENT_DEVICES_PER_ADDRESS: String(LIMIT) })
  events = await import('~/features/events/events.server.ts')
  const { createSqliteDb } = await import('../../db/connection.ts')
  const { createUser } = await import('~/features/auth/auth.server.ts')
  db = createSqliteDb(app.dbFile)
  const created = await events.createEvent(
    db,
    { kind: 'poll', title: { en: 'Room limits' }, startsAt: Date.now(), venue: 'Hall', locales: ['en', 'bn'], ctaCodes: [], questionsOpenAt: null, questionsCloseAt: null, theme: null },
    'test',
  )
  code = created.code
  eventId = created.id
  const event = (await events.getEvent(db, eventId))!
  itemId = await events.addItem(db, event, { type: 'single', title: { en: 'Which?' }, options: [{ code: 'o1', label: { en: 'One' } }, { code: 'o2', label: { en: 'Two' } }] }, 'test')
  await events.controlItem(db, event, itemId, 'open', 'test')
  await createUser(db, { email: 'officer@limits.example', name: 'Officer', role: 'officer', password: 'lantern orchard velvet' })
  const signedIn = await send('/sign-in', { ip: '192.0.2.200', form: { email: 'officer@limits.example', password: 'lantern orchard velvet', redirectTo: '/admin' } })
  officerCookie = [...setCookies(signedIn.response).values()].join('; ')
}, 120_000)
afterAll(async () => {
  await db?.destroy()
  app?.cleanup()
})

/** Text as React writes it into HTML. */
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;')

async function send(path: string, { ip = '198.51.100.1', cookie, form, accept }: { ip?: string; cookie?: string; form?: Record<string, string>; accept?: string } = {}) {
  const headers: Record<string, string> = { Host: 'localhost', ...(cookie ? { Cookie: cookie } : {}), ...(accept ? { Accept: accept } : {}) }
  if (form) Object.assign(headers, { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' })
  const response = await app.handler(
    new Request(`${ORIGIN}${path}`, { method: form ? 'POST' : 'GET', headers, body: form ? new URLSearchParams(form).toString() : undefined }),
    { clientIp: ip, cspNonce: 'n', requestId: 'r' },
  )
  const text = await response.text()
  expect(response.status, `${path}: ${text.slice(0, 200)}`).toBeLessThan(500)
  expect(leakIn(text)).toBeNull()
  return { status: response.status, text, response, deviceCookie: setCookies(response).get('hys_device') ?? null }
}

describe('new device cookies are limited per address and event', () => {
  it(`gives at most ${LIMIT} new phones an hour to one address for one event; others, and phones that have one, are unaffected`, async () => {
    const ip = '203.0.113.10'
    const given: string[] = []
    for (let i = 0; i < LIMIT; i++) {
      const page = await send(`/events/${code}`, { ip })
      expect(page.status).toBe(200)
      expect(page.deviceCookie).toMatch(/^hys_device=[A-Za-z0-9_-]{22}\./)
      given.push(page.deviceCookie!)
    }
    expect(new Set(given).size).toBe(LIMIT)
    // One more phone from the same address: the page, without a cookie and without the vote form, saying why.
    const refused = await send(`/events/${code}`, { ip })
    expect(refused.status).toBe(200)
    expect(refused.deviceCookie).toBeNull()
    expect(refused.text).toContain('data-device-limited')
    expect(refused.text).toContain(html(enEvents.participant.device_limited))
    expect(refused.text).not.toContain('data-vote-form')
    // In Bengali too.
    expect((await send(`/events/${code}?lng=bn`, { ip })).text).toContain(html(bnEvents.participant.device_limited))
    // The phones that joined still vote, from the same address.
    const page = await send(`/events/${code}`, { ip, cookie: given[0] })
    expect(page.text).toContain('data-vote-form')
    const vote = await send(`/events/${code}/vote`, { ip, cookie: given[0], accept: 'application/json', form: { item: itemId, round: '1', choice: 'o1' } })
    expect(JSON.parse(vote.text)).toMatchObject({ ok: true, outcome: 'counted' })
    // Another address, and another event from the same address, have their own allowance.
    expect((await send(`/events/${code}`, { ip: '203.0.113.11' })).deviceCookie).not.toBeNull()
    expect((await send(`/events/${DEMO_POLL_CODE}`, { ip })).deviceCookie).not.toBeNull()
    // The questions page counts against the same allowance, and says so instead of its forms.
    for (let i = 0; i < LIMIT; i++) expect((await send(`/events/${DEMO_MAYOR_CODE}/questions`, { ip: '203.0.113.12' })).deviceCookie).not.toBeNull()
    const questions = await send(`/events/${DEMO_MAYOR_CODE}/questions`, { ip: '203.0.113.12' })
    expect(questions.deviceCookie).toBeNull()
    expect(questions.text).toContain(html(enEvents.participant.device_limited))
    expect(questions.text).not.toContain('data-upvote-form')
  })

  it('a refused vote, question or upvote never hands out a device cookie', async () => {
    const ip = '203.0.113.20'
    const forged = 'hys_device=AAAAAAAAAAAAAAAAAAAAAA.not-our-signature'
    for (const cookie of [undefined, forged]) {
      const json = await send(`/events/${code}/vote`, { ip, cookie, accept: 'application/json', form: { item: itemId, round: '1', choice: 'o1' } })
      expect(json.status).toBe(cookie ? 403 : 400)
      expect(json.deviceCookie).toBeNull()
      expect(JSON.parse(json.text).message).toBe(cookie ? enEvents.vote_errors.bad_device : enEvents.vote_errors.no_device)
      // The page's own form (no JavaScript): the error on the page, and still no cookie.
      const page = await send(`/events/${code}`, { ip, cookie, form: { item: itemId, round: '1', choice: 'o1' } })
      expect(page.status).toBe(cookie ? 403 : 400)
      expect(page.deviceCookie).toBeNull()
      expect(page.text).toContain(html(cookie ? enEvents.vote_errors.bad_device : enEvents.vote_errors.no_device))
      const ask = await send(`/events/${DEMO_MAYOR_CODE}/questions`, { ip, cookie, form: { intent: 'ask', text: 'A question' } })
      expect(ask.deviceCookie).toBeNull()
      expect(ask.text).toContain(html(enEvents.questions.errors.no_device))
      const upvote = await send(`/events/${DEMO_MAYOR_CODE}/upvote`, { ip, cookie, accept: 'application/json', form: { intent: 'upvote', question: 'x' } })
      expect(upvote.deviceCookie).toBeNull()
      expect(JSON.parse(upvote.text).message).toBe(enEvents.questions.errors.no_device)
    }
    // None of that used up the address's allowance of new phones.
    for (let i = 0; i < LIMIT; i++) expect((await send(`/events/${code}`, { ip })).deviceCookie).not.toBeNull()
    expect(await db.selectFrom('event_vote').select('id').where('item_id', '=', itemId).execute()).toHaveLength(1)
  })
})

describe('an unknown join code on the endpoints the page script calls', () => {
  it('is answered with a translated JSON message (vote, upvote, stream), or for a plain form post with the join page saying so', async () => {
    for (const [lng, messages] of [
      ['en', enEvents],
      ['bn', bnEvents],
    ] as const) {
      const message = messages.join.errors.code_unknown.replace('{{code}}', 'ACDEFH')
      const vote = await send(`/events/ACDEFH/vote?lng=${lng}`, { accept: 'application/json', form: { item: 'x', round: '1', choice: 'o1' } })
      expect(vote.status).toBe(404)
      expect(vote.response.headers.get('Content-Type')).toMatch(/^application\/json/)
      expect(JSON.parse(vote.text)).toEqual({ ok: false, error: 'not_found', message })
      const upvote = await send(`/events/ACDEFH/upvote?lng=${lng}`, { accept: 'application/json', form: { intent: 'upvote', question: 'x' } })
      expect(upvote.status).toBe(404)
      expect(JSON.parse(upvote.text)).toMatchObject({ ok: false, message })
      const stream = await send(`/events/ACDEFH/stream?lng=${lng}`, { accept: 'text/event-stream' })
      expect(stream.status).toBe(404)
      expect(JSON.parse(stream.text)).toMatchObject({ ok: false, message })
    }
    // Upvotes only exist for Ask the Mayor: a poll's code is not found there either.
    const poll = await send(`/events/${code}/upvote`, { accept: 'application/json', form: { intent: 'upvote', question: 'x' } })
    expect(poll.status).toBe(404)
    expect(JSON.parse(poll.text).message).toBe(enEvents.join.errors.code_unknown.replace('{{code}}', code))
    // Without JavaScript: on to the join page, which says so in the resident's language, as a 404.
    const plain = await send('/events/ACDEFH/vote?lng=bn', { form: { item: 'x', round: '1', choice: 'o1' } })
    expect(plain.status).toBe(303)
    const location = plain.response.headers.get('Location')!
    expect(location).toBe('/join?code=ACDEFH&lng=bn')
    const page = await send(location)
    expect(page.status).toBe(404)
    expect(page.text).toContain(html(bnEvents.join.errors.code_unknown.replace('{{code}}', 'ACDEFH')))
    // The event page's own form posts keep their translated 404 page.
    const form = await send('/events/ACDEFH?lng=bn', { form: { item: 'x', round: '1', choice: 'o1' } })
    expect(form.status).toBe(404)
    expect(form.text).toMatch(/<html lang="bn"/)
  })
})

describe('an ended event', () => {
  it('opens no vote: the presenter is told why, in their language; votes are refused with a clear message', async () => {
    const other = await events.createEvent(
      db,
      { kind: 'poll', title: { en: 'Ended poll' }, startsAt: Date.now(), venue: 'Hall', locales: ['en'], ctaCodes: [], questionsOpenAt: null, questionsCloseAt: null, theme: null },
      'test',
    )
    const event = (await events.getEvent(db, other.id))!
    const item = await events.addItem(db, event, { type: 'single', title: { en: 'After the end?' }, options: [{ code: 'o1', label: { en: 'Yes' } }, { code: 'o2', label: { en: 'No' } }] }, 'test')
    await events.addItem(db, event, { type: 'scale', title: { en: 'The next one' }, options: [] }, 'test')
    await events.controlItem(db, event, item, 'open', 'test')
    const phone = (await send(`/events/${other.code}`, { ip: '203.0.113.30' })).deviceCookie!
    await events.setEventStatus(db, (await events.getEvent(db, other.id))!, 'ended', 'test')

    const present = `/admin/events/${other.id}/present`
    for (const intent of ['open', 'next']) {
      const refused = await send(present, { ip: '192.0.2.200', cookie: officerCookie, form: { intent, item } })
      expect(refused.status).toBe(409)
      expect(refused.text).toContain(html(enEvents.present.ended_refused))
      expect(refused.text).toMatch(/<title>Error: /)
    }
    expect((await events.getItem(db, other.id, item))!.state).toBe('closed')
    const vote = await send(`/events/${other.code}/vote`, { ip: '203.0.113.30', cookie: phone, accept: 'application/json', form: { item, round: '1', choice: 'o1' } })
    expect(vote.status).toBe(409)
    expect(JSON.parse(vote.text)).toMatchObject({ ok: false, error: 'ended', message: enEvents.vote_errors.ended })
    expect(await db.selectFrom('event_vote').select('id').where('item_id', '=', item).execute()).toEqual([])
    // Opened again on purpose, the event takes votes again.
    await send(present, { ip: '192.0.2.200', cookie: officerCookie, form: { intent: 'start' } })
    expect((await send(present, { ip: '192.0.2.200', cookie: officerCookie, form: { intent: 'open', item } })).status).toBe(303)
  })
})
