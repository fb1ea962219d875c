import { expect, test } from '@playwright/test'
import { scan } from './axe.ts'
import en from '../../locales/en/findings.json' with { type: 'json' }
import bn from '../../locales/bn/findings.json' with { type: 'json' }
import { CLOSED_SLUG, SLUG } from './helpers.ts'
import { createConsultation, createUser, signIn } from './staff-helpers.ts'

// Findings at a phone's size (playwright.config.ts): an analyst reads the
// call-to-action summary (per consultation and across the plan) and the
// findings report, and downloads its PDF; an officer publishes a "You said,
// we did" entry and a resident reads the public page in Bengali; unpublished
// pages and empty downloads give a clear answer. axe on every new page.

const DEMO_TITLE = /See the results A Tower Hamlets for All/

test.describe.configure({ mode: 'serial' })

let consultationId = ''

test('an analyst reads the call-to-action summary and the findings report on a phone, and downloads the PDF', async ({ page }) => {
  test.setTimeout(180_000)
  await signIn(page, createUser('analyst'), '/admin/consultations')
  await page.getByRole('link', { name: DEMO_TITLE }).click()
  consultationId = new URL(page.url()).pathname.split('/')[3]!
  expect(page.viewportSize()).toEqual({ width: 360, height: 740 })

  await page.getByRole('link', { name: en.nav.calls_to_action }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.cta.heading_page)
  for (const code of ['CTA1', 'CTA2', 'CTA3', 'CTA4', 'CTA5']) await expect(page.getByTestId(`cta-${code}`)).toBeVisible()
  // CTA3's linked questions carry the dashboard's tables; the free-text question points to the themes.
  const cta3 = page.getByTestId('cta-CTA3')
  await expect(cta3.locator('table').first()).toBeVisible()
  await expect(cta3.getByText(en.cta.free_text)).toBeVisible()
  await scan(page, 'calls to action')

  await page.getByRole('link', { name: en.cta.framework_link }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.framework.heading)
  await expect(page.getByRole('heading', { name: en.framework.votes_in_the_room }).first()).toBeVisible()
  await scan(page, 'calls to action across the plan')

  await page.goto(`/admin/consultations/${consultationId}/analysis/report`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.report.heading)
  const report = page.getByTestId('findings-report')
  await expect(report.getByRole('heading', { name: en.report.asked_heading })).toBeVisible()
  await expect(report.getByRole('heading', { name: en.report.method_heading })).toBeVisible()
  await expect(report.getByTestId('report-agreement')).toBeVisible()
  await expect(report.getByRole('heading', { name: en.yswd.staff_heading })).toBeVisible()
  await scan(page, 'findings report')

  const pdf = await page.request.get(`/admin/consultations/${consultationId}/analysis/report.pdf`)
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-')

  // Every download starts with a byte order mark (CSV) or is a real workbook.
  const csv = await page.request.get(`/admin/consultations/${consultationId}/responses.csv`)
  expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
})

test('a consultation nobody has answered gives a message, not an empty download', async ({ page }) => {
  // A new consultation (the demo's closed one has answers): an administrator creates it and downloads.
  await signIn(page, createUser('admin'), '/admin/consultations')
  await createConsultation(page, { title: 'Nobody has answered yet', slug: `nobody-yet-${Date.now()}` })
  const emptyId = new URL(page.url()).pathname.split('/')[3]!
  for (const download of ['responses.csv', 'analysis.xlsx', 'analysis.json']) {
    await page.goto(`/admin/consultations/${emptyId}/${download}`)
    await expect(page).toHaveURL(new RegExp(`/admin/consultations/${emptyId}/analysis/nothing-to-export$`))
    await expect(page.getByTestId('nothing-to-export')).toHaveText(en.exports.nothing)
  }
  await scan(page, 'nothing to export')
  // The demo's closed consultation has results: its dashboard counts its synthetic answers.
  await page.goto('/admin/consultations')
  await page.getByRole('link', { name: /See the results Community safety/ }).click()
  await expect(page.getByTestId('matching')).toContainText(/of 72 in total/)
})

test('an officer publishes a "You said, we did" entry and a resident reads it in Bengali', async ({ page, browser }) => {
  test.setTimeout(120_000)
  expect(consultationId).not.toBe('')
  await signIn(page, createUser('officer'), `/admin/consultations/${consultationId}/you-said-we-did`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.yswd.staff_heading)
  await scan(page, 'you said, we did (staff)')

  // Nothing typed: an error summary, and "Error:" in the title.
  await page.getByRole('button', { name: en.yswd.add }).click()
  await expect(page).toHaveTitle(/^Error:/)
  await expect(page.locator('.govuk-error-summary')).toContainText(en.yswd.errors.said_required)

  const said = 'Residents of Bow asked for a safer crossing by the school.'
  const saidBn = 'বো-এর বাসিন্দারা স্কুলের পাশে একটি নিরাপদ পারাপারের অনুরোধ করেছেন।'
  await page.getByLabel(en.yswd.said_label.replace('{{language}}', en.yswd.language.en)).fill(said)
  await page.getByLabel(en.yswd.did_label.replace('{{language}}', en.yswd.language.en)).fill('A zebra crossing opens outside the school in May.')
  await page.getByText(en.yswd.translations_summary).click()
  await page.getByLabel(en.yswd.said_label.replace('{{language}}', en.yswd.language.bn)).fill(saidBn)
  await page.getByLabel(en.yswd.did_label.replace('{{language}}', en.yswd.language.bn)).fill('মে মাসে স্কুলের সামনে একটি জেব্রা ক্রসিং চালু হবে।')
  await page.getByRole('button', { name: en.yswd.add }).click()
  await expect(page.getByText(en.yswd.done.added)).toBeVisible()
  await expect(page.getByTestId('yswd-entry').filter({ hasText: said })).toBeVisible()
  // The demo is already published: publishing again refreshes it.
  await page.getByRole('button', { name: /^Publish/ }).click()
  await expect(page.getByText(en.yswd.done.published)).toBeVisible()
  await expect(page.getByTestId('published')).toBeVisible()
  await scan(page, 'you said, we did (staff, published)')

  // A resident, no account, in Bengali: the start page links to it.
  const resident = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const phone = await resident.newPage()
  await phone.goto(`/c/${SLUG}?lng=bn`)
  await phone.getByRole('link', { name: bn.public.start_link }).click()
  await expect(phone).toHaveURL(new RegExp(`/c/${SLUG}/you-said-we-did`))
  await expect(phone.locator('html')).toHaveAttribute('lang', 'bn')
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(bn.public.heading)
  await expect(phone.getByText(saidBn)).toBeVisible()
  await expect(phone.getByTestId('yswd-responses')).toBeVisible()
  // Themes made from the calls to action are named in Bengali (the analysts' own stay as written).
  const ctaThemes = phone.locator('th[lang="bn"]').filter({ hasText: /^CTA\d: / })
  expect(await ctaThemes.count()).toBeGreaterThan(0)
  await expect(ctaThemes.first()).toHaveText(/[\u0980-\u09FF]/)
  await scan(phone, 'you said, we did (public, Bengali)')

  // Not published: no page at all.
  const missing = await phone.request.get(`/c/${CLOSED_SLUG}/you-said-we-did`)
  expect(missing.status()).toBe(404)
  await phone.goto(`/c/${CLOSED_SLUG}/you-said-we-did`)
  await scan(phone, 'not published (404)')
  await resident.close()
})

test('officers cannot open the findings pages meant for analysts', async ({ page }) => {
  await signIn(page, createUser('officer'), '/admin')
  for (const path of [`/admin/consultations/${consultationId}/analysis/calls-to-action`, `/admin/consultations/${consultationId}/analysis/report`, `/admin/consultations/${consultationId}/analysis/report.pdf`]) {
    expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(403)
  }
})
