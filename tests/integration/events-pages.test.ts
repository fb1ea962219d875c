import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DB } from '../../db/connection.ts'
import { ORIGIN, leakIn, setCookies, startInProcessApp, type InProcessApp } from '../support/in-process-app.ts'
import bnEvents from '../../locales/bn/events.json' with { type: 'json' }
import enEvents from '../../locales/en/events.json' with { type: 'json' }

// Event pages through the production build: the calls to action an event
// works on, shown to residents; the projector's counts in each of the event's
// languages; and the congress tables an officer edits, removes and re-links,
// with facilitator links that stop working when replaced and take no notes
// once the event has ended.

let app: InProcessApp
let db: DB
let officer = ''
let moderator = ''
let events: typeof import('~/features/events/events.server.ts')

beforeAll(async () => {
  app = await startInProcessApp('events-pages')
  events = await import('~/features/events/events.server.ts')
  const { createSqliteDb } = await import('../../db/connection.ts')
  const { createUser } = await import('~/features/auth/auth.server.ts')
  db = createSqliteDb(app.dbFile)
  await createUser(db, { email: 'officer@pages.example', name: 'Officer', role: 'officer', password: 'lantern orchard velvet' })
  const signedIn = await send('/sign-in', { form: { email: 'officer@pages.example', password: 'lantern orchard velvet', redirectTo: '/admin' } })
  officer = [...setCookies(signedIn.response).values()].join('; ')
  await createUser(db, { email: 'moderator@pages.example', name: 'Moderator', role: 'moderator', password: 'lantern orchard velvet' })
  const moderatorIn = await send('/sign-in', { form: { email: 'moderator@pages.example', password: 'lantern orchard velvet', redirectTo: '/admin' } })
  moderator = [...setCookies(moderatorIn.response).values()].join('; ')
}, 120_000)
afterAll(async () => {
  await db?.destroy()
  app?.cleanup()
})

/** Text as React writes it into HTML. */
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;')

async function send(path: string, { cookie, form }: { cookie?: string; form?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { Host: 'localhost', ...(cookie ? { Cookie: cookie } : {}) }
  if (form) Object.assign(headers, { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' })
  const response = await app.handler(new Request(`${ORIGIN}${path}`, { method: form ? 'POST' : 'GET', headers, body: form ? new URLSearchParams(form).toString() : undefined }), {
    clientIp: '198.51.100.7',
    cspNonce: 'n',
    requestId: 'r',
  })
  const text = await response.text()
  expect(response.status, `${path}: ${text.slice(0, 200)}`).toBeLessThan(500)
  expect(leakIn(text)).toBeNull()
  return { status: response.status, text, response }
}

async function newEvent(kind: 'poll' | 'congress', over: { ctaCodes?: string[]; locales?: string[] } = {}) {
  const created = await events.createEvent(
    db,
    {
      kind,
      title: { en: `A ${kind} (test)` },
      startsAt: Date.now(),
      venue: 'Hall',
      locales: over.locales ?? ['en', 'bn'],
      ctaCodes: over.ctaCodes ?? [],
      questionsOpenAt: null,
      questionsCloseAt: null,
      theme: kind === 'congress' ? { en: 'Safety' } : null,
    },
    'test',
  )
  return { ...created, event: (await events.getEvent(db, created.id))! }
}

describe('residents see what an event is about', () => {
  it("lists the event's calls to action on its page, in the resident's language", async () => {
    const { code } = await newEvent('poll', { ctaCodes: ['CTA4', 'CTA2'] })
    const rows = await db.selectFrom('call_to_action').select(['code', 'title_i18n']).where('code', 'in', ['CTA2', 'CTA4', 'CTA1']).execute()
    const title = (ctaCode: string, lang: string) => JSON.parse(rows.find((r) => r.code === ctaCode)!.title_i18n)[lang] as string
    const page = await send(`/events/${code}`)
    expect(page.text).toContain(html(enEvents.participant.ctas_heading))
    // In the plan's order, and only the event's.
    expect(page.text.indexOf(html(title('CTA2', 'en')))).toBeGreaterThan(0)
    expect(page.text.indexOf(html(title('CTA2', 'en')))).toBeLessThan(page.text.indexOf(html(title('CTA4', 'en'))))
    expect(page.text).not.toContain(html(title('CTA1', 'en')))
    const bengali = await send(`/events/${code}?lng=bn`)
    expect(bengali.text).toContain(html(bnEvents.participant.ctas_heading))
    expect(bengali.text).toContain(html(title('CTA4', 'bn')))
    // An event with none says nothing about them.
    expect((await send(`/events/${(await newEvent('poll')).code}`)).text).not.toContain(html(enEvents.participant.ctas_heading))
  })
})

describe('the projector', () => {
  it("shows the total and each option's count and share in each of the event's languages", async () => {
    const { code, event } = await newEvent('poll', { locales: ['en', 'bn'] })
    const item = await events.addItem(db, event, { type: 'single', title: { en: 'Which?', bn: 'কোনটি?' }, options: [{ code: 'o1', label: { en: 'One', bn: 'এক' } }, { code: 'o2', label: { en: 'Two', bn: 'দুই' } }] }, 'test')
    await events.controlItem(db, event, item, 'open', 'test')
    await events.controlItem(db, event, item, 'reveal', 'test')
    for (const [device, choice] of [['a', 'o1'], ['b', 'o1'], ['c', 'o2']]) {
      await events.castVote(db, { eventId: event.id, itemId: item, round: 1, deviceHash: device!, locale: 'en', value: { kind: 'option', code: choice! } })
    }
    const screen = await send(`/events/${code}/screen?lng=en`)
    const bn = (n: number) => new Intl.NumberFormat('bn-BD').format(n)
    const bnVotes = (n: number) => (new Intl.PluralRules('bn-BD').select(n) === 'one' ? bnEvents.results.votes_one : bnEvents.results.votes_other).replace('{{count}}', bn(n))
    // The total: English, then Bengali.
    expect(screen.text).toMatch(new RegExp(`data-live-total="3"><span lang="en" dir="ltr" data-live-lang="en">3 votes</span><span lang="bn" dir="ltr" class="hys-alt-language" data-live-lang="bn">${bnVotes(3)}</span>`))
    // Each option: a line per language with its count and share.
    expect(screen.text).toContain(`<span data-live-count="2">2 votes</span> <span data-live-share="">(67%)</span>`)
    expect(screen.text).toContain(`<span data-live-count="2">${bnVotes(2)}</span> <span data-live-share="">${html(bnEvents.results.share.replace('{{share}}', bn(67)))}</span>`)
    // The page's script gets each language's phrases to keep them up to date.
    expect(screen.text).toContain(html(JSON.stringify(bnEvents.results.votes_other).slice(1, -1)))
    // Phones keep to their own language.
    const phone = await send(`/events/${code}?lng=bn`)
    expect(phone.text).not.toContain('data-live-lang')
  })
})

describe('congress tables through their pages', () => {
  it('an officer edits a table, issues a new facilitator link (the old one stops working) and removes only an empty table', async () => {
    const { id, event } = await newEvent('congress')
    const congress = `/admin/events/${id}/congress`
    expect((await send(congress, { cookie: officer, form: { intent: 'table', name: 'Safer streets', facilitator: 'Facilitator A', cta: 'CTA3' } })).status).toBe(303)
    expect((await send(congress, { cookie: officer, form: { intent: 'table', name: 'Parks', facilitator: 'Facilitator B', cta: 'CTA3' } })).status).toBe(303)
    const [streets, parks] = await db.selectFrom('congress_table').select(['id', 'name']).where('event_id', '=', id).orderBy('position').execute()
    // Officers only: a moderator may neither see nor change a table, its link or its removal.
    for (const path of [`${congress}/tables/${streets!.id}`, `${congress}/tables/${streets!.id}/remove`]) {
      expect((await send(path, { cookie: moderator })).status).toBe(403)
      expect((await send(path, { cookie: moderator, form: { intent: 'renew' } })).status).toBe(403)
      expect((await send(path, { form: { intent: 'renew' } })).status).toBe(302)
    }
    expect((await db.selectFrom('congress_table').select('token_version').where('id', '=', streets!.id).executeTakeFirstOrThrow()).token_version).toBe(1)
    const page = await send(congress, { cookie: officer })
    const oldLink = new RegExp(`/facilitate/(${streets!.id}\\.1\\.[A-Za-z0-9_-]+)`).exec(page.text)![1]!
    expect((await send(`/facilitate/${oldLink}`)).status).toBe(200)

    // Editing: checked like a new table, then saved.
    const edit = `${congress}/tables/${streets!.id}`
    const bad = await send(edit, { cookie: officer, form: { intent: 'save', name: '', facilitator: 'Facilitator A', cta: 'CTA3' } })
    expect(bad.status).toBe(400)
    expect(bad.text).toMatch(/<title>Error: /)
    expect(bad.text).toContain(html(enEvents.errors.table_name))
    expect((await send(edit, { cookie: officer, form: { intent: 'save', name: 'Safer streets at night', facilitator: 'Facilitator C', cta: 'CTA4' } })).status).toBe(303)
    expect(await db.selectFrom('congress_table').select(['name', 'facilitator', 'cta_code']).where('id', '=', streets!.id).executeTakeFirst()).toEqual({
      name: 'Safer streets at night',
      facilitator: 'Facilitator C',
      cta_code: 'CTA4',
    })

    // A new link: the old one (and its QR code) is refused, the new one opens the table.
    const renewed = await send(edit, { cookie: officer, form: { intent: 'renew' } })
    expect(renewed.status).toBe(303)
    const after = await send(renewed.response.headers.get('Location')!.replace(/#.*$/, ''), { cookie: officer })
    expect(after.text).toContain(html(enEvents.table_edit.renewed))
    const newLink = new RegExp(`/facilitate/(${streets!.id}\\.2\\.[A-Za-z0-9_-]+)`).exec(after.text)![1]!
    expect((await send(`/facilitate/${oldLink}`)).status).toBe(404)
    expect((await send(`/facilitate/${oldLink}`, { form: { intent: 'issue', text: 'Sent with the old link' } })).status).toBe(404)
    expect((await send(`/facilitate/${newLink}`)).text).toContain('Safer streets at night')

    // Removing: a confirmation page first; refused once the table has recorded something.
    expect((await send(`/facilitate/${newLink}`, { form: { intent: 'issue', text: 'Dark underpasses' } })).status).toBe(303)
    const notEmpty = await send(`${edit}/remove`, { cookie: officer })
    expect(notEmpty.text).toContain(html(enEvents.table_edit.not_removable))
    expect((await send(`${edit}/remove`, { cookie: officer, form: {} })).status).toBe(409)
    const confirm = await send(`${congress}/tables/${parks!.id}/remove`, { cookie: officer })
    expect(confirm.text).toContain(html(enEvents.table_edit.remove_confirm))
    expect((await send(`${congress}/tables/${parks!.id}/remove`, { cookie: officer, form: {} })).status).toBe(303)
    expect((await db.selectFrom('congress_table').select('name').where('event_id', '=', id).execute()).map((t) => t.name)).toEqual(['Safer streets at night'])

    // Each change is audited, by whom.
    const audit = await db.selectFrom('audit_log').select(['action', 'actor']).where('action', 'in', ['event.table_updated', 'event.table_link_renewed', 'event.table_removed']).execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['event.table_link_renewed', 'event.table_removed', 'event.table_updated'])
    expect(new Set(audit.map((a) => a.actor)).size).toBe(1)
    expect(audit[0]!.actor).not.toBe('test')

    // Once the event has ended, the link shows what was recorded and takes nothing more, saying why.
    await events.setEventStatus(db, event, 'ended', 'test')
    const ended = await send(`/facilitate/${newLink}?lng=bn`)
    expect(ended.text).toContain(html(bnEvents.facilitate.ended))
    expect(ended.text).toContain('Dark underpasses')
    expect(ended.text).not.toContain('name="text"')
    const late = await send(`/facilitate/${newLink}?lng=bn`, { form: { intent: 'commitment', text: 'Too late' } })
    expect(late.status).toBe(409)
    expect(late.text).toContain(html(bnEvents.errors.event_ended))
    expect(await db.selectFrom('congress_commitment').select('id').where('event_id', '=', id).execute()).toEqual([])
  })

  it("puts a commitment to the vote titled in the language it was written in, with the officer's wording for the others", async () => {
    const { id, code, event } = await newEvent('congress', { locales: ['en', 'bn'] })
    const congress = `/admin/events/${id}/congress`
    await send(congress, { cookie: officer, form: { intent: 'table', name: 'Safer streets', facilitator: 'Facilitator A', cta: 'CTA3' } })
    const table = await db.selectFrom('congress_table').select(['id']).where('event_id', '=', id).executeTakeFirstOrThrow()
    const { facilitatorToken } = await import('~/features/events/congress.server.ts')
    // The facilitator's tablet is in Bengali.
    expect((await send(`/facilitate/${facilitatorToken(table.id, 1)}?lng=bn`, { form: { intent: 'commitment', text: 'প্রতিটি আন্ডারপাসে আলো' } })).status).toBe(303)
    const commitment = await db.selectFrom('congress_commitment').select(['id', 'locale']).where('event_id', '=', id).executeTakeFirstOrThrow()
    expect(commitment.locale).toBe('bn')
    const page = await send(congress, { cookie: officer })
    expect(page.text).toContain(html(enEvents.congress.wording_hint.replace('{{language}}', 'বাংলা')))
    const tooLong = await send(congress, { cookie: officer, form: { intent: 'vote', commitment: commitment.id, 'wording-en': 'x'.repeat(501), 'wording-bn': 'প্রতিটি আন্ডারপাসে আলো' } })
    expect(tooLong.status).toBe(400)
    expect(tooLong.text).toContain(html(enEvents.errors.note_too_long))
    expect(await db.selectFrom('event_item').select('id').where('event_id', '=', id).execute()).toEqual([])
    expect((await send(congress, { cookie: officer, form: { intent: 'vote', commitment: commitment.id, 'wording-en': 'Light every underpass', 'wording-bn': 'প্রতিটি আন্ডারপাসে আলো' } })).status).toBe(303)
    const item = (await events.getItem(db, id, (await events.getEvent(db, id))!.currentItemId!))!
    expect(item.title).toEqual({ en: 'Light every underpass', bn: 'প্রতিটি আন্ডারপাসে আলো' })
    const screen = await send(`/events/${code}/screen?lng=en`)
    expect(screen.text).toContain('<span lang="en" dir="ltr">Light every underpass</span><span lang="bn" dir="ltr" class="hys-alt-language">প্রতিটি আন্ডারপাসে আলো</span>')
    // Ended: nothing more is put to the vote, and the officer is told why.
    await events.setEventStatus(db, event, 'ended', 'test')
    const second = await send(`/facilitate/${facilitatorToken(table.id, 1)}`, { form: { intent: 'commitment', text: 'Too late' } })
    expect(second.status).toBe(409)
    const refused = await send(congress, { cookie: officer, form: { intent: 'vote', commitment: commitment.id } })
    expect(refused.status).toBe(409)
    expect(refused.text).toContain(html(enEvents.present.ended_refused))
  })
})
