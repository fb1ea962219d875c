import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ORIGIN, startInProcessApp, type InProcessApp } from '../support/in-process-app.ts'
import { formatDate } from '~/features/i18n/config.ts'
import bnSurvey from '../../locales/bn/survey.json' with { type: 'json' }
import enSurvey from '../../locales/en/survey.json' with { type: 'json' }

// DRAFT_TTL_DAYS set to 3: a saved draft is kept 3 days, and the saved page says until when, in the resident's language.
const DAY = 86_400_000
const TTL_DAYS = 3
const SLUG = 'a-tower-hamlets-for-all-your-priorities'

let app: InProcessApp
beforeAll(async () => {
  app = await startInProcessApp('draft-expiry', { DRAFT_TTL_DAYS: String(TTL_DAYS) })
  // Migrating, seeding and loading the build takes a while on a busy machine.
}, 120_000)
afterAll(() => app.cleanup())

const request = (path: string, { body, cookie = '' }: { body?: string; cookie?: string } = {}) =>
  app.handler(
    new Request(`${ORIGIN}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { Origin: ORIGIN, Host: 'localhost', 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body,
    }),
    { clientIp: '192.0.2.1', cspNonce: 'n', requestId: 'r' },
  )

function sessionCookie(response: Response) {
  const header = response.headers.getSetCookie().find((c) => c.startsWith('hys_session='))
  expect(header, 'the resident session cookie').toBeTruthy()
  return header!
}

/** The sentence of saved.expires around the date, so the date itself can be read off the page. */
function expiryDateIn(html: string, template: string) {
  const [before, after] = template.split('{{date}}')
  const text = html.replace(/<[^>]+>/g, '')
  const start = text.indexOf(before!)
  expect(start, 'the expiry notice is on the page').toBeGreaterThanOrEqual(0)
  return text.slice(start + before!.length, text.indexOf(after!, start + before!.length))
}

function expiresAtOf(responseCount: number) {
  const db = new Database(app.dbFile, { readonly: true })
  try {
    const rows = db.prepare("select expires_at from response where status = 'draft' order by created_at").all() as { expires_at: number }[]
    expect(rows).toHaveLength(responseCount)
    return Number(rows.at(-1)!.expires_at)
  } finally {
    db.close()
  }
}

describe('draft expiry', () => {
  it('keeps a saved draft DRAFT_TTL_DAYS days and tells the resident that date, in their language', async () => {
    const before = Date.now()
    const saved = await request(`/c/${SLUG}/q/connection`, { body: 'answer=1_5&intent=save' })
    const after = Date.now()
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe(`/c/${SLUG}/saved`)
    const setCookie = sessionCookie(saved)
    // The browser keeps the draft's token as long as the draft is kept.
    expect(setCookie).toContain(`Max-Age=${TTL_DAYS * DAY / 1000}`)
    const cookie = setCookie.split(';')[0]!

    const expiresAt = expiresAtOf(1)
    expect(expiresAt).toBeGreaterThanOrEqual(before + TTL_DAYS * DAY)
    expect(expiresAt).toBeLessThanOrEqual(after + TTL_DAYS * DAY)

    const en = await (await request(`/c/${SLUG}/saved?lng=en`, { cookie })).text()
    expect(expiryDateIn(en, enSurvey.saved.expires)).toBe(formatDate(expiresAt, 'en', { dateStyle: 'full' }))
    const bn = await (await request(`/c/${SLUG}/saved?lng=bn`, { cookie })).text()
    const bnDate = expiryDateIn(bn, bnSurvey.saved.expires)
    expect(bnDate).toBe(formatDate(expiresAt, 'bn', { dateStyle: 'full' }))
    expect(bnDate).toMatch(/[০-৯]/)
  })

  it('moves the expiry on by DRAFT_TTL_DAYS each time an answer is saved', async () => {
    const first = await request(`/c/${SLUG}/q/connection`, { body: 'answer=over_10&intent=continue' })
    expect(first.status).toBe(302)
    const cookie = sessionCookie(first).split(';')[0]!
    const start = expiresAtOf(2)
    await new Promise((resolve) => setTimeout(resolve, 5))
    const before = Date.now()
    expect((await request(`/c/${SLUG}/q/safe_day`, { body: 'answer=agree&intent=continue', cookie })).status).toBe(302)
    const moved = expiresAtOf(2)
    expect(moved).toBeGreaterThan(start)
    expect(moved).toBeGreaterThanOrEqual(before + TTL_DAYS * DAY)
    expect(moved).toBeLessThanOrEqual(Date.now() + TTL_DAYS * DAY)
  })
})
