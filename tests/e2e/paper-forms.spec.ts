import Database from 'better-sqlite3'
import fs from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { scan } from './axe.ts'
import enPaper from '../../locales/en/paper.json' with { type: 'json' }
import bnPaper from '../../locales/bn/paper.json' with { type: 'json' }
import bnEquality from '../../locales/bn/equality.json' with { type: 'json' }
import { SLUG } from './helpers.ts'
import { createUser, signIn } from './staff-helpers.ts'

// An officer prints paper forms of the demo consultation: two copies in
// Bengali, each with its own form number and QR code, skip instructions in
// words and a detachable equality page; then downloads the same as a PDF.

const FORM_NUMBER = /^P-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/

async function openPaperPage(page: Page) {
  const row = new Database('tests/.tmp/e2e.db', { readonly: true }).prepare('select id from consultation where slug = ?').get(SLUG) as { id: string }
  await page.goto(`/admin/consultations/${row.id}`)
  await page.getByRole('link', { name: enPaper.link }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(enPaper.options.title.replace(/\{\{title\}\}.*/, ''))
  return row.id
}

test('an officer prints two copies in Bengali and downloads them as a PDF', async ({ page }) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1024, height: 900 })
  await signIn(page, createUser('officer'))
  const id = await openPaperPage(page)
  await scan(page, 'paper forms options')

  // A wrong number of copies is explained, and the page stays accessible.
  await page.getByLabel(enPaper.options.copies).fill('0')
  await page.getByRole('button', { name: enPaper.options.print }).click()
  await expect(page.locator('.govuk-error-summary')).toContainText(enPaper.errors.copies_range)
  await scan(page, 'paper forms options with errors')

  await page.getByLabel('বাংলা', { exact: true }).check()
  await page.getByLabel(enPaper.options.copies).fill('2')
  await page.getByRole('button', { name: enPaper.options.print }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enPaper.print.title)

  // Two copies, each with its own form number and QR code, in Bengali.
  const copies = page.locator('article.paper-copy')
  await expect(copies).toHaveCount(2)
  const numbers = await copies.evaluateAll((articles) => articles.map((a) => a.getAttribute('data-form-number') ?? ''))
  expect(numbers[0]).toMatch(FORM_NUMBER)
  expect(numbers[1]).toMatch(FORM_NUMBER)
  expect(numbers[0]).not.toBe(numbers[1])
  await expect(page.locator('.paper')).toHaveAttribute('lang', 'bn')
  const qrs = await page.locator('article.paper-copy .paper-sheet:first-child img.paper-qr').evaluateAll((images) =>
    images.map((img) => ({ src: (img as HTMLImageElement).src, width: (img as HTMLImageElement).naturalWidth })),
  )
  expect(qrs).toHaveLength(2)
  for (const qr of qrs) {
    expect(qr.src).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(qr.width).toBeGreaterThan(0)
  }
  expect(qrs[0]!.src).not.toBe(qrs[1]!.src)
  for (const [index, number] of numbers.entries()) {
    await expect(copies.nth(index).locator('.paper-id__number').first()).toHaveText(number)
  }

  // Skip logic in words next to the answers: "No" at question 8 goes to question 10.
  const first = copies.first()
  await expect(first.locator('.paper-skip').filter({ hasText: bnPaper.skip.answered.replace('{{answers}}', '“না”').replace('{{n}}', '১০') })).toHaveCount(1)
  await expect(first.locator('.paper-only-if').filter({ hasText: bnPaper.only_if.equals.replace('{{n}}', '৮').replace('{{answer}}', '“হ্যাঁ”') })).toHaveCount(1)

  // The equality questions on a page of their own, optional, with the same form number.
  for (const [index, number] of numbers.entries()) {
    const equality = copies.nth(index).locator('.paper-equality')
    await expect(equality).toHaveCount(1)
    await expect(equality.getByRole('heading', { level: 2 })).toHaveText(bnPaper.equality.title)
    await expect(equality.locator('.paper-id__number')).toHaveText(number)
    expect(await equality.evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page')
    await expect(equality.getByText(bnEquality.questions.sex.options.prefer_not_to_say, { exact: true })).toHaveCount(8)
  }
  expect(await copies.nth(1).evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page')

  // When printed, only the forms: no site header, language links, footer or instructions.
  await page.emulateMedia({ media: 'print' })
  for (const selector of ['.hys-header', '.hys-language-switcher', '.govuk-footer', '.paper-screen-only']) {
    await expect(page.locator(selector).first()).toBeHidden()
  }
  await expect(first.locator('.paper-question').first()).toBeVisible()
  await page.emulateMedia({ media: 'screen' })

  // Every printed number is recorded, with the printing audited.
  const db = new Database('tests/.tmp/e2e.db', { readonly: true })
  const rows = db.prepare(`select form_number, locale from paper_form where form_number in (?, ?)`).all(...numbers) as { form_number: string; locale: string }[]
  expect(rows.map((r) => r.locale)).toEqual(['bn', 'bn'])
  const audit = db.prepare(`select detail from audit_log where action = 'paper.printed' and entity_id = ? order by at desc limit 1`).get(id) as { detail: string }
  expect(JSON.parse(audit.detail)).toMatchObject({ copies: 2, locale: 'bn', format: 'print' })
  db.close()

  // The same copies as a PDF.
  await page.getByRole('link', { name: enPaper.print.more }).click()
  await page.getByLabel('বাংলা', { exact: true }).check()
  await page.getByLabel(enPaper.options.copies).fill('2')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: enPaper.options.pdf }).click()])
  expect(download.suggestedFilename()).toBe(`paper-forms-${SLUG}-bn.pdf`)
  const pdf = fs.readFileSync((await download.path())!)
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  expect(pdf.length).toBeGreaterThan(10_000)
})
