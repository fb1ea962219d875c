import crypto from 'node:crypto'
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test'
import enAuth from '../../locales/en/auth.json' with { type: 'json' }
import enBuilder from '../../locales/en/builder.json' with { type: 'json' }
import { createUser, type Role } from './staff-helpers.ts'

// Staff accounts: every staff page checks the role on the server. Users are
// made with the documented command, against the database the test server uses.
const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`
const ROLES: Role[] = ['admin', 'officer', 'analyst', 'moderator']

async function signedIn(role: Role, user = createUser(role)): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { Origin: ORIGIN } })
  const response = await context.post('/sign-in', { form: { email: user.email, password: user.password, redirectTo: '/admin' }, maxRedirects: 0 })
  expect(response.status(), `sign in as ${role}`).toBe(302)
  return context
}

test.describe.configure({ mode: 'serial' })

test('each role can reach exactly the staff pages and actions it needs (permission matrix)', async () => {
  test.setTimeout(120_000)
  const anonymous = await playwrightRequest.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { Origin: ORIGIN } })
  const admin = await signedIn('admin')
  const consultationsPage = await (await admin.get('/admin/consultations')).text()
  const exportPath = consultationsPage.match(/href="(\/admin\/consultations\/[^"]+\/responses\.csv)"/)![1]!

  // route kind → roles allowed
  const matrix: { name: string; call: (c: APIRequestContext) => Promise<number>; allowed: Role[] }[] = [
    { name: 'staff home', call: async (c) => (await c.get('/admin', { maxRedirects: 0 })).status(), allowed: ROLES },
    { name: 'consultations', call: async (c) => (await c.get('/admin/consultations', { maxRedirects: 0 })).status(), allowed: ['admin', 'officer', 'analyst'] },
    { name: 'responses export', call: async (c) => (await c.get(exportPath, { maxRedirects: 0 })).status(), allowed: ['admin', 'analyst'] },
    { name: 'users', call: async (c) => (await c.get('/admin/users', { maxRedirects: 0 })).status(), allowed: ['admin'] },
    {
      name: 'create a user',
      call: async (c) => (await c.post('/admin/users', { form: { email: 'x@y.example', name: '', role: 'admin', password: 'x' }, maxRedirects: 0 })).status(),
      allowed: ['admin'],
    },
    { name: 'audit log', call: async (c) => (await c.get('/admin/audit', { maxRedirects: 0 })).status(), allowed: ['admin'] },
    { name: 'frameworks', call: async (c) => (await c.get('/admin/frameworks', { maxRedirects: 0 })).status(), allowed: ['admin'] },
    {
      name: 'edit a framework',
      call: async (c) => (await c.post('/admin/frameworks', { form: { intent: 'create', code: '' }, maxRedirects: 0 })).status(),
      allowed: ['admin'],
    },
    {
      name: 'upload a survey',
      call: async (c) => (await c.post(exportPath.replace('/responses.csv', '/survey'), { form: { intent: 'upload', definition: '' }, maxRedirects: 0 })).status(),
      allowed: ['admin', 'officer'],
    },
    { name: 'survey builder', call: async (c) => (await c.get(exportPath.replace('/responses.csv', '/survey'), { maxRedirects: 0 })).status(), allowed: ['admin', 'officer'] },
    { name: 'add a question', call: async (c) => (await c.get(exportPath.replace('/responses.csv', '/survey/new?type=grid'), { maxRedirects: 0 })).status(), allowed: ['admin', 'officer'] },
    {
      name: 'edit a question',
      call: async (c) => (await c.post(exportPath.replace('/responses.csv', '/survey/questions/connection'), { form: { base: 'stale:0', title: '' }, maxRedirects: 0 })).status(),
      allowed: ['admin', 'officer'],
    },
    {
      name: 'set a skip rule',
      call: async (c) => (await c.post(exportPath.replace('/responses.csv', '/survey/questions/ward/condition'), { form: { base: 'stale:0', on: 'ward' }, maxRedirects: 0 })).status(),
      allowed: ['admin', 'officer'],
    },
    { name: 'translation editor', call: async (c) => (await c.get(exportPath.replace('/responses.csv', '/survey/translations/bn'), { maxRedirects: 0 })).status(), allowed: ['admin', 'officer'] },
    { name: 'translation workbook', call: async (c) => (await c.get(exportPath.replace('/responses.csv', '/survey/translations/bn.xlsx'), { maxRedirects: 0 })).status(), allowed: ['admin', 'officer'] },
    {
      name: 'translate the start page',
      call: async (c) => (await c.post(exportPath.replace('/responses.csv', '/start-page/bn'), { form: { base: '0', title: 'x' }, maxRedirects: 0 })).status(),
      allowed: ['admin', 'officer'],
    },
    { name: 'new consultation form', call: async (c) => (await c.get('/admin/consultations/new', { maxRedirects: 0 })).status(), allowed: ['admin', 'officer'] },
    {
      name: 'create a consultation',
      call: async (c) => (await c.post('/admin/consultations/new', { form: { title: '' }, maxRedirects: 0 })).status(),
      allowed: ['admin', 'officer'],
    },
  ]
  const contexts: Record<Role, APIRequestContext> = {
    admin,
    officer: await signedIn('officer'),
    analyst: await signedIn('analyst'),
    moderator: await signedIn('moderator'),
  }
  const problems: string[] = []
  for (const row of matrix) {
    const anon = await row.call(anonymous)
    if (anon !== 302) problems.push(`anonymous ${row.name}: ${anon}, expected 302 to sign in`)
    for (const role of ROLES) {
      const status = await row.call(contexts[role])
      const allowed = row.allowed.includes(role)
      // Allowed: 200 (or 400/409 for the deliberately invalid or stale form); refused: 403.
      const ok = allowed ? [200, 400, 409].includes(status) : status === 403
      if (!ok) problems.push(`${role} ${row.name}: ${status}, expected ${allowed ? '200/400/409' : '403'}`)
    }
  }
  expect(problems).toEqual([])
})

test('sign-in sends people back where they were going, and a cross-site post is refused', async ({ page }) => {
  const user = createUser('analyst')
  await page.goto('/admin/consultations')
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fadmin%2Fconsultations/)
  await page.getByLabel(enAuth.sign_in.email).fill(user.email)
  await page.getByLabel(enAuth.sign_in.password).fill('not the password at all')
  await page.getByRole('button', { name: enAuth.sign_in.submit }).click()
  await expect(page).toHaveTitle(/^Error:/)
  await expect(page.locator('.govuk-error-summary')).toContainText(enAuth.errors.wrong)
  await page.getByLabel(enAuth.sign_in.password).fill(user.password)
  await page.getByRole('button', { name: enAuth.sign_in.submit }).click()
  await expect(page).toHaveURL(/\/admin\/consultations$/)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enAuth.admin.consultations)

  const evil = await playwrightRequest.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { Origin: 'http://evil.example' } })
  expect((await evil.post('/sign-in', { form: { email: user.email, password: user.password }, maxRedirects: 0 })).status()).toBe(403)
})

test('five wrong passwords lock the account with a clear message, even for the right password', async () => {
  const user = createUser('officer')
  const context = await playwrightRequest.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { Origin: ORIGIN } })
  for (let i = 0; i < 4; i++) {
    const html = await (await context.post('/sign-in', { form: { email: user.email, password: `wrong-${i}-password` } })).text()
    expect(html).toContain(enAuth.errors.wrong)
  }
  const fifth = await (await context.post('/sign-in', { form: { email: user.email, password: 'wrong-5-password' } })).text()
  expect(fifth).toContain(enAuth.errors.locked.split('{{')[0]!.trim())
  const right = await context.post('/sign-in', { form: { email: user.email, password: user.password }, maxRedirects: 0 })
  expect(right.status()).toBe(400)
  expect(await right.text()).toContain(enAuth.errors.locked.split('{{')[0]!.trim())
})

test('signing out everywhere ends every session of that person', async () => {
  const user = createUser('moderator')
  const phone = await signedIn('moderator', user)
  const laptop = await signedIn('moderator', user)
  expect((await laptop.get('/admin', { maxRedirects: 0 })).status()).toBe(200)
  expect((await phone.post('/sign-out', { form: { scope: 'everywhere' }, maxRedirects: 0 })).status()).toBe(302)
  expect((await laptop.get('/admin', { maxRedirects: 0 })).status()).toBe(302)
  expect((await phone.get('/admin', { maxRedirects: 0 })).status()).toBe(302)
})

test('an administrator adds a user under the password rules, and the audit log records it', async () => {
  const admin = await signedIn('admin')
  const email = `new-${crypto.randomBytes(3).toString('hex')}@staff.example`
  const weak = await admin.post('/admin/users', { form: { email, name: 'New Officer', role: 'officer', password: 'Password123456!' } })
  expect(weak.status()).toBe(400)
  const weakHtml = await weak.text()
  expect(weakHtml).toContain(enAuth.errors.password_common)
  expect(weakHtml).not.toContain('Password123456!')
  const good = await admin.post('/admin/users', { form: { email, name: 'New Officer', role: 'officer', password: 'lantern orchard velvet minaret' } })
  expect(good.status()).toBe(200)
  const audit = await (await admin.get('/admin/audit?entity=user')).text()
  expect(audit).toContain('user.created')
  expect(audit).toContain(email)
})

test('an analyst downloads the responses as CSV with a byte order mark, one row per response', async () => {
  const analyst = await signedIn('analyst')
  const page = await (await analyst.get('/admin/consultations')).text()
  const exportPath = page.match(/href="(\/admin\/consultations\/[^"]+\/responses\.csv)"/)![1]!
  const response = await analyst.get(exportPath)
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toContain('text/csv')
  const body = await response.body()
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = body.toString('utf8').split('\r\n').filter(Boolean)
  expect(lines[0]).toContain('reference,channel,language,ward_code,submitted_at,connection')
  expect(lines.length).toBeGreaterThan(240)
})

test('an officer creates a consultation, is told why it cannot open yet, and duplicates, opens and closes one by hand', async ({ page }) => {
  test.setTimeout(90_000)
  const user = createUser('officer')
  await page.goto('/sign-in?redirectTo=%2Fadmin%2Fconsultations%2Fnew')
  await page.getByLabel(enAuth.sign_in.email).fill(user.email)
  await page.getByLabel(enAuth.sign_in.password).fill(user.password)
  await page.getByRole('button', { name: enAuth.sign_in.submit }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enAuth.consultation.new)

  // Nothing filled in: errors for each field, nothing saved.
  await page.getByRole('button', { name: enAuth.consultation.save }).click()
  await expect(page).toHaveTitle(/^Error:/)
  await expect(page.locator('.govuk-error-summary')).toContainText(enAuth.errors.field_required)

  const slug = `bow-library-${crypto.randomBytes(3).toString('hex')}`
  await page.getByLabel(enAuth.consultation.title).fill('Bow library: opening hours')
  await page.getByLabel(enAuth.consultation.slug).fill(slug)
  await page.getByLabel(enAuth.consultation.summary).fill('Which hours suit you?')
  await page.getByLabel(enAuth.consultation.purpose).fill('Set new opening hours.')
  await page.getByLabel(enAuth.consultation.what_can_change).fill('The hours on each day.')
  await page.getByLabel(enAuth.consultation.how_used).fill('Read by the library team.')
  await page.getByLabel(enAuth.consultation.how_decided).fill('The library board decides.')
  for (const [prefix, day, month, year, time] of [['opens', '1', '3', '2027', '09:00'], ['closes', '31', '4', '2027', '17:00']] as const) {
    const group = page.getByRole('group', { name: enAuth.consultation[prefix] })
    await group.getByLabel(enAuth.consultation.day).fill(day)
    await group.getByLabel(enAuth.consultation.month).fill(month)
    await group.getByLabel(enAuth.consultation.year).fill(year)
    await group.getByLabel(enAuth.consultation.time).fill(time)
  }
  await page.getByLabel('বাংলা').check()
  await page.getByRole('button', { name: enAuth.consultation.save }).click()
  // 31 April does not exist: the date is refused, everything typed is kept.
  await expect(page.locator('.govuk-error-summary')).toContainText(enAuth.errors.date_invalid)
  await expect(page.getByLabel(enAuth.consultation.title)).toHaveValue('Bow library: opening hours')
  await page.getByRole('group', { name: enAuth.consultation.closes }).getByLabel(enAuth.consultation.day).fill('30')
  await page.getByRole('button', { name: enAuth.consultation.save }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bow library: opening hours')

  // No survey and no Bengali texts yet: opening is refused with the list of what is missing.
  await page.getByRole('button', { name: enAuth.consultation.open_now }).click()
  await expect(page.locator('#missing')).toContainText('survey')
  await expect(page.locator('#missing')).toContainText('consultation.title')

  // A survey is uploaded as JSON: a broken file is explained and nothing is saved; a valid one is saved as version 1.
  await page.getByRole('link', { name: enAuth.survey.link }).click()
  await expect(page.getByText(enBuilder.overview.empty)).toBeVisible()
  await page.getByLabel(enBuilder.overview.json_upload).setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"schemaVersion": 1, "locales": ["en"], "questions": [{"key": "q1", "type": "slider"}]}') })
  await page.getByRole('button', { name: enBuilder.overview.json_save }).click()
  await expect(page).toHaveTitle(/^Error:/)
  await expect(page.locator('#problems')).toContainText('questions.0')
  await expect(page.getByText(enBuilder.overview.empty)).toBeVisible()
  const { demoSurvey } = await import('../../db/seed/demo-survey.ts')
  await page.getByLabel(enBuilder.overview.json_upload).setInputFiles({ name: 'survey.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(demoSurvey)) })
  await page.getByRole('button', { name: enBuilder.overview.json_save }).click()
  await expect(page.locator('.govuk-notification-banner')).toContainText(enBuilder.saved.same_version.replace('{{version}}', '1'))

  // The demo consultation, duplicated, is complete in both its languages: it opens and closes by hand.
  await page.goto('/admin/consultations')
  await page.getByRole('link', { name: /Manage A Tower Hamlets for All/ }).first().click()
  await page.getByRole('button', { name: enAuth.consultation.duplicate }).click()
  await expect(page.locator('#slug')).toHaveValue(/a-tower-hamlets-for-all-your-priorities-copy/)
  await page.getByRole('button', { name: enAuth.consultation.open_now }).click()
  await expect(page.getByRole('button', { name: enAuth.consultation.close_now })).toBeVisible()
  await page.getByRole('button', { name: enAuth.consultation.close_now }).click()
  await expect(page.getByRole('button', { name: enAuth.consultation.open_now })).toBeVisible()
  await page.getByRole('button', { name: enAuth.consultation.archive }).click()
  await expect(page).toHaveURL(/\/admin\/consultations$/)
})

test('an administrator translates a call to action and adds a framework for another partnership', async ({ page }) => {
  const user = createUser('admin')
  await page.goto('/sign-in?redirectTo=%2Fadmin%2Fframeworks')
  await page.getByLabel(enAuth.sign_in.email).fill(user.email)
  await page.getByLabel(enAuth.sign_in.password).fill(user.password)
  await page.getByRole('button', { name: enAuth.sign_in.submit }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enAuth.admin.frameworks)
  const cta1 = page.getByRole('group', { name: /^CTA1:/ })
  await cta1.getByLabel('Soomaali').fill('Tower Hamlets waa degmo cadaalad ah oo qof walba loo dhan yahay')
  await cta1.locator('xpath=ancestor::form').getByRole('button', { name: enAuth.framework.save }).click()
  await expect(page.locator('.govuk-notification-banner')).toContainText(enAuth.framework.saved)
  await expect(page.getByRole('group', { name: /^CTA1:/ }).getByLabel('Soomaali')).toHaveValue(/^Tower Hamlets waa degmo/)

  await page.getByLabel(enAuth.framework.code).fill('east-london-health')
  await page.getByLabel(enAuth.framework.name).fill('East London health plan')
  await page.getByLabel(enAuth.framework.vision).fill('Healthier lives for everyone')
  await page.getByLabel(enAuth.framework.ctas).fill('H1 Faster GP appointments')
  await page.getByRole('button', { name: enAuth.framework.create }).click()
  await expect(page.locator('.govuk-error-summary')).toContainText(enAuth.errors.ctas_invalid)
  await expect(page.getByLabel(enAuth.framework.name)).toHaveValue('East London health plan')
  await page.getByLabel(enAuth.framework.ctas).fill('H1 | Faster GP appointments')
  await page.getByRole('button', { name: enAuth.framework.create }).click()
  await expect(page.getByRole('heading', { name: 'East London health plan' })).toBeVisible()
  await page.goto('/admin/consultations/new')
  await expect(page.getByLabel(enAuth.consultation.framework).locator('option')).toHaveText([/Tower Hamlets Partnership Plan/, 'East London health plan'])
})

test('an officer previews the survey as a resident in Bengali at phone size, and nothing is saved', async ({ page }) => {
  const { demoSurvey } = await import('../../db/seed/demo-survey.ts')
  const bnSurvey = (await import('../../locales/bn/survey.json', { with: { type: 'json' } })).default
  const user = createUser('officer')
  await page.goto('/sign-in?redirectTo=%2Fadmin%2Fconsultations')
  await page.getByLabel(enAuth.sign_in.email).fill(user.email)
  await page.getByLabel(enAuth.sign_in.password).fill(user.password)
  await page.getByRole('button', { name: enAuth.sign_in.submit }).click()
  await page.getByRole('link', { name: /Manage A Tower Hamlets for All/ }).first().click()
  await page.getByRole('link', { name: enAuth.preview.link }).click()
  await page.getByRole('navigation', { name: enAuth.preview.language }).getByRole('link', { name: 'বাংলা' }).click()
  const frame = page.locator('.hys-phone-frame')
  await expect(frame).toHaveAttribute('lang', 'bn')
  await expect(frame.getByRole('heading', { level: 1 })).toContainText(demoSurvey.questions[0]!.title.bn!)
  expect((await frame.boundingBox())!.width).toBeLessThanOrEqual(360)
  // Question 4 is the agreement scale: its answers are in Bengali too.
  for (let i = 0; i < 3; i++) await page.getByRole('link', { name: enAuth.preview.next }).click()
  await expect(frame.getByLabel(bnSurvey.scale.strongly_agree)).toBeVisible()
  // A question with skip logic says when it is shown.
  await page.goto(page.url().replace(/q=\d+/, 'q=2'))
  await expect(page.locator('.govuk-inset-text')).toContainText(demoSurvey.questions[0]!.title.bn!)
  // Read only: nothing on the page can send an answer.
  await expect(page.locator('main form[method="post"]')).toHaveCount(0)
})
