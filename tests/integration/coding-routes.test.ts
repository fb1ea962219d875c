import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ORIGIN, leakIn, setCookies, startInProcessApp, type InProcessApp } from '../support/in-process-app.ts'

// The coding pages through the real request handler (the production build):
// who may open them, the blind second pass refused to anyone but its coder,
// and bad input answered with a message, never a 500.

let app: InProcessApp
let themes = ''
const cookies: Record<string, string> = {}
const users: Record<string, string> = {}
const SAMPLE_ID = 'sample-for-second'

async function send(path: string, { cookie, form }: { cookie?: string; form?: [string, string][] } = {}) {
  const body = form ? new URLSearchParams(form).toString() : undefined
  const headers: Record<string, string> = { Host: new URL(ORIGIN).host, ...(cookie ? { Cookie: cookie } : {}) }
  if (body !== undefined) Object.assign(headers, { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' })
  const response = await app.handler(new Request(ORIGIN + path, { method: body === undefined ? 'GET' : 'POST', headers, body }), { clientIp: '127.0.0.1', cspNonce: 'x', requestId: 'test' })
  const text = await response.text()
  expect(response.status, `${path}: ${text.slice(0, 300)}`).toBeLessThan(500)
  expect(leakIn(text)).toBeNull()
  return { status: response.status, text, response }
}

beforeAll(async () => {
  app = await startInProcessApp('coding')
  const { createSqliteDb } = await import('../../db/connection.ts')
  const { createUser } = await import('~/features/auth/auth.server.ts')
  const db = createSqliteDb(app.dbFile)
  try {
    for (const [name, role] of [['first', 'analyst'], ['second', 'analyst'], ['officer', 'officer'], ['admin', 'admin']] as const) {
      const email = `${name}@coding.example`
      users[name] = (await createUser(db, { email, name, role, password: 'lantern orchard velvet' })).id
    }
    const consultation = await db.selectFrom('consultation').select('id').where('slug', '=', 'a-tower-hamlets-for-all-your-priorities').executeTakeFirstOrThrow()
    themes = `/admin/consultations/${consultation.id}/analysis/themes`
    await db
      .insertInto('coding_sample')
      .values({ id: SAMPLE_ID, consultation_id: consultation.id, question_key: 'one_change', size: 0, seed: 1, second_coder_id: users.second!, created_by: users.first!, created_at: Date.now() })
      .execute()
  } finally {
    await db.destroy()
  }
  for (const name of ['first', 'second', 'officer', 'admin']) {
    const signedIn = await send('/sign-in', { form: [['email', `${name}@coding.example`], ['password', 'lantern orchard velvet'], ['redirectTo', '/admin']] })
    cookies[name] = [...setCookies(signedIn.response).values()].join('; ')
  }
}, 120_000)

afterAll(() => app?.cleanup())

describe('coding pages through the request handler', () => {
  it('are for analysts and administrators only', async () => {
    const officer = await send(themes, { cookie: cookies.officer })
    expect(officer.status).toBe(403)
    expect((await send(`${themes}/bulk`, { cookie: cookies.officer, form: [['question', 'one_change'], ['theme', 'x'], ['responses', 'y']] })).status).toBe(403)
    const analyst = await send(themes, { cookie: cookies.first })
    expect(analyst.status).toBe(200)
    expect(analyst.text).toContain('CTA1: ')
  })

  it("refuse a sample's blind coding to anyone but its second coder", async () => {
    expect((await send(`${themes}/code?sample=${SAMPLE_ID}`, { cookie: cookies.first })).status).toBe(403)
    expect((await send(`${themes}/code?sample=${SAMPLE_ID}`, { cookie: cookies.first, form: [['responseId', 'r'], ['intent', 'none']] })).status).toBe(403)
    expect((await send(`${themes}/code?sample=${SAMPLE_ID}`, { cookie: cookies.second })).status).toBe(200)
    expect((await send(`${themes}/code?sample=no-such-sample`, { cookie: cookies.second })).status).toBe(404)
  })

  it('answer bad input with a message, never a 500', async () => {
    expect((await send(`${themes}/no-such-theme`, { cookie: cookies.first })).status).toBe(404)
    const noName = await send(`${themes}/new`, { cookie: cookies.first, form: [['name', ''], ['cta', 'CTA9']] })
    expect(noName.status).toBe(400)
    expect(noName.text).toContain('Enter a theme name')
    const bulk = await send(`${themes}/bulk`, { cookie: cookies.first, form: [['question', 'one_change'], ['theme', 'not-a-theme'], ['responses', 'not-an-answer']] })
    expect(bulk.status).toBe(400)
    const code = await send(`${themes}/code?question=one_change`, { cookie: cookies.first, form: [['responseId', 'not-an-answer'], ['intent', 'save'], ['themes', 'not-a-theme']] })
    expect(code.status).toBe(400)
    const sample = await send(`${themes}/samples`, { cookie: cookies.first, form: [['question', 'one_change'], ['size', 'lots'], ['secondCoder', users.first!]] })
    expect(sample.status).toBe(400)
    expect(sample.text).toContain('The sample size must be a whole number')
    const self = await send(`${themes}/samples`, { cookie: cookies.first, form: [['question', 'one_change'], ['size', '5'], ['secondCoder', users.first!]] })
    expect(self.text).toContain('The second analyst must be someone other than you')
    const k = await send(`${themes}/suggest`, { cookie: cookies.first, form: [['question', 'one_change'], ['k', '99'], ['intent', 'suggest']] })
    expect(k.status).toBe(400)
    const tooFew = await send(`${themes}/suggest`, { cookie: cookies.first, form: [['question', 'one_change'], ['k', '3'], ['intent', 'suggest']] })
    expect(tooFew.status).toBe(200) // the demo here has no answers: the page says there are too few
    expect(tooFew.text).toContain('There are too few answers')
  })

  it('code by theme number without JavaScript, protect a quote, and merge themes, each with a message for bad input', async () => {
    const { createSqliteDb } = await import('../../db/connection.ts')
    const db = createSqliteDb(app.dbFile)
    try {
      const consultation = await db.selectFrom('consultation').select('id').where('slug', '=', 'a-tower-hamlets-for-all-your-priorities').executeTakeFirstOrThrow()
      const version = await db.selectFrom('survey_version').select('id').where('consultation_id', '=', consultation.id).orderBy('version_number', 'desc').executeTakeFirstOrThrow()
      const responseId = 'route-test-response'
      await db
        .insertInto('response')
        .values({ id: responseId, consultation_id: consultation.id, survey_version_id: version.id, channel: 'online', locale: 'en', status: 'submitted', created_at: 1, updated_at: 1, submitted_at: 1 })
        .execute()
      await db.insertInto('answer').values({ response_id: responseId, question_key: 'one_change', position: 0, text_value: 'Ask Amina at the youth club about later opening' }).execute()
      const page = await send(`${themes}/code?question=one_change&response=${responseId}`, { cookie: cookies.first })
      expect(page.text).toContain('Theme numbers')
      const themeIds = (await db.selectFrom('theme').select('id').where('consultation_id', '=', consultation.id).where('status', '=', 'active').orderBy('position').orderBy('id').execute()).map((r) => r.id)
      expect(themeIds.length).toBeGreaterThanOrEqual(5)
      const url = `${themes}/code?question=one_change&response=${responseId}`
      const order = themeIds.join(',')
      const wrong = await send(url, { cookie: cookies.first, form: [['responseId', responseId], ['intent', 'save'], ['order', order], ['numbers', '99']] })
      expect(wrong.status).toBe(400)
      expect(wrong.text).toContain('Enter theme numbers from the list')
      expect(wrong.text).toContain('<title>Error: ')
      const typed = await send(url, { cookie: cookies.first, form: [['responseId', responseId], ['intent', 'save'], ['order', order], ['numbers', `${themeIds.length}`]] })
      expect(typed.status).toBe(303)
      expect((await db.selectFrom('coding').select('theme_id').where('response_id', '=', responseId).execute()).map((r) => r.theme_id)).toEqual([themeIds[themeIds.length - 1]])

      const notThere = await send(url, { cookie: cookies.first, form: [['responseId', responseId], ['intent', 'protect'], ['phrases', 'Rukhsana']] })
      expect(notThere.status).toBe(400)
      expect(notThere.text).toContain('Each line must be words that are in the answer')
      expect((await send(url, { cookie: cookies.first, form: [['responseId', responseId], ['intent', 'protect'], ['phrases', 'Amina']] })).status).toBe(303)
      expect(await db.selectFrom('quote_protection').select(['phrases', 'withheld']).where('response_id', '=', responseId).execute()).toEqual([{ phrases: '["Amina"]', withheld: 0 }])
      expect((await send(url, { cookie: cookies.first })).text).toContain('1 phrase taken out of quotes')

      const [from, into] = [themeIds[0]!, themeIds[1]!]
      const noTarget = await send(`${themes}/${from}`, { cookie: cookies.first, form: [['intent', 'merge'], ['into', '']] })
      expect(noTarget.status).toBe(400)
      expect(noTarget.text).toContain('Choose the theme to merge into')
      expect((await send(`${themes}/${from}`, { cookie: cookies.first, form: [['intent', 'merge'], ['into', into]] })).status).toBe(303)
      const codebook = await send(themes, { cookie: cookies.first })
      expect(codebook.text).toMatch(/merged into/)
      expect((await send(`${themes}/${from}`, { cookie: cookies.first })).text).toContain('This theme has been merged into')
      // The one coded answer: an analyst sees the count; an administrator (who cannot switch suppression off) sees it suppressed.
      expect(codebook.text).toContain('1 answer<')
      const forAdmin = await send(themes, { cookie: cookies.admin })
      expect(forAdmin.status).toBe(200)
      expect(forAdmin.text).not.toContain('1 answer<')
      expect(forAdmin.text).toContain('fewer than 10')
    } finally {
      await db.destroy()
    }
  })
})
