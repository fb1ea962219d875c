import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { expect, test, type Page } from '@playwright/test'
import { scan } from './axe.ts'
import bnImports from '../../locales/bn/imports.json' with { type: 'json' }
import enImports from '../../locales/en/imports.json' with { type: 'json' }
import { createUser, signIn } from './staff-helpers.ts'

// Importing partners' files in the browser: the CSV template, a file with one
// bad row (reported by row and column, nothing imported), the corrected file
// imported as a batch, an admin's rollback, a 50 MB file refused in the
// officer's language, and WCAG 2.2 AA (axe-core) on each state of the page.

const DB_FILE = 'tests/.tmp/e2e.db'
const BENGALI = 'আমাদের এলাকায় আরও সবুজ জায়গা চাই, "পার্ক" এবং বাজার'

/** The import page of the demo consultation, reached as an officer would. */
async function openImportPage(page: Page) {
  await page.goto('/admin/consultations')
  await page.getByRole('link', { name: /Manage A Tower Hamlets for All/ }).first().click()
  await page.getByRole('link', { name: enImports.link }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enImports.heading)
  return page.url().replace(/[?#].*$/, '')
}

function importedRows(batchId: string) {
  const db = new Database(DB_FILE, { readonly: true })
  try {
    const responses = db.prepare(`select external_id, channel, locale, status from response where batch_id = ? order by external_id`).all(batchId) as Record<string, string>[]
    const text = db.prepare(`select a.text_value from answer a join response r on r.id = a.response_id where r.batch_id = ? and a.question_key = 'one_change'`).all(batchId) as { text_value: string }[]
    return { responses, texts: text.map((t) => t.text_value) }
  } finally {
    db.close()
  }
}

test('an officer imports a partner file, fixing a bad row first; an admin rolls it back', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000)
  const officer = createUser('officer')
  const admin = createUser('admin')
  await signIn(page, officer, '/admin/consultations')
  const importUrl = await openImportPage(page)
  await scan(page, 'import page')

  // The CSV template: UTF-8 with a byte order mark, one column per question.
  const downloading = page.waitForEvent('download')
  await page.getByRole('link', { name: enImports.templates.csv }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^a-tower-hamlets-for-all-your-priorities-import-v\d+\.csv$/)
  const template = fs.readFileSync((await download.path())!, 'utf8')
  expect(template.charCodeAt(0)).toBe(0xfeff)
  const headers = template.replace(/^\uFEFF/, '').trim().split(',')
  expect(headers.slice(0, 5)).toEqual(['external_id', 'method', 'language', 'submitted_at', 'connection'])

  const suffix = Date.now().toString(36)
  const row = (id: string, cells: Record<string, string>) => headers.map((h) => (h === 'external_id' ? id : (cells[h] ?? ''))).map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c))
  const answers = { connection: 'over_10', 'priorities.1': 'safe_homes', safe_day: 'agree', one_change: BENGALI }
  const file = (children: string) =>
    Buffer.from(
      `\uFEFF${[headers, row(`E2E-${suffix}-1`, { ...answers, method: 'event', language: 'bn' }), row(`E2E-${suffix}-2`, { ...answers, children }), row(`E2E-${suffix}-3`, answers)]
        .map((cells) => cells.join(','))
        .join('\r\n')}\r\n`,
    )
  const batchesBefore = await page.getByTestId('import-batch').count()

  // One bad row: the problem by row and column, and nothing imported.
  await page.getByLabel(enImports.upload.label).setInputFiles({ name: 'partner.csv', mimeType: 'text/csv', buffer: file('99') })
  await page.getByRole('button', { name: enImports.upload.submit }).click()
  await expect(page).toHaveTitle(/^Error: /)
  await expect(page.locator('.govuk-error-summary')).toContainText('The file has 1 problem. Nothing has been imported.')
  const problem = page.getByTestId('import-problem')
  await expect(problem).toHaveCount(1)
  await expect(problem.locator('td')).toHaveText(['3', 'children', '99 is not from 0 to 20'])
  await expect(page.getByTestId('import-batch')).toHaveCount(batchesBefore)
  await scan(page, 'import page with problems')

  // Corrected: imported as one batch.
  await page.getByLabel(enImports.upload.label).setInputFiles({ name: 'partner.csv', mimeType: 'text/csv', buffer: file('2') })
  await page.getByRole('button', { name: enImports.upload.submit }).click()
  await expect(page.locator('.govuk-notification-banner--success')).toContainText('3 responses were imported from partner.csv.')
  const batchId = new URL(page.url()).searchParams.get('imported')!
  expect(batchId).toBeTruthy()
  const batch = page.getByTestId('import-batch').first()
  await expect(batch.getByRole('heading')).toHaveText('partner.csv')
  await expect(batch).toContainText('Test officer')
  await expect(batch).toContainText(enImports.batches.imported)
  await scan(page, 'import page after an import')
  const stored = importedRows(batchId)
  expect(stored.responses).toEqual([
    { external_id: `E2E-${suffix}-1`, channel: 'event', locale: 'bn', status: 'submitted' },
    { external_id: `E2E-${suffix}-2`, channel: 'paper', locale: 'en', status: 'submitted' },
    { external_id: `E2E-${suffix}-3`, channel: 'paper', locale: 'en', status: 'submitted' },
  ])
  expect(stored.texts).toEqual([BENGALI, BENGALI, BENGALI])

  // The same file again: every id is refused as already imported.
  await page.getByLabel(enImports.upload.label).setInputFiles({ name: 'partner.csv', mimeType: 'text/csv', buffer: file('2') })
  await page.getByRole('button', { name: enImports.upload.submit }).click()
  await expect(page.locator('.govuk-error-summary')).toContainText('The file has 3 problems. Nothing has been imported.')
  await expect(page.getByTestId('import-problem').first().locator('td').nth(2)).toHaveText(`The external_id “E2E-${suffix}-1” has already been imported for this consultation`)

  // An officer cannot roll back: no link, and the server refuses the post.
  await expect(page.getByRole('link', { name: new RegExp(enImports.batches.roll_back) })).toHaveCount(0)
  const refused = await page.request.post(importUrl, { form: { intent: 'rollback', batch: batchId }, headers: { Origin: baseURL! } })
  expect(refused.status()).toBe(403)
  expect(importedRows(batchId).responses).toHaveLength(3)

  // An admin can, after confirming.
  const adminContext = await browser.newContext()
  const adminPage = await adminContext.newPage()
  await signIn(adminPage, admin, '/admin/consultations')
  await adminPage.goto(importUrl)
  await adminPage.getByRole('link', { name: `${enImports.batches.roll_back} ${enImports.batches.roll_back_hidden.replace('{{file}}', 'partner.csv')}` }).first().click()
  await expect(adminPage.getByRole('heading', { name: enImports.confirm.heading.replace('{{file}}', 'partner.csv') })).toBeVisible()
  await expect(adminPage.locator('#confirm')).toContainText('This deletes the 3 responses imported from this file')
  await scan(adminPage, 'rollback confirmation')
  await adminPage.getByRole('button', { name: enImports.confirm.submit }).click()
  await expect(adminPage.locator('.govuk-notification-banner--success')).toContainText('The 3 responses imported from partner.csv have been deleted.')
  await expect(adminPage.getByTestId('import-batch').first()).toContainText(/Rolled back on .* by Test admin/)
  await scan(adminPage, 'import page after a rollback')
  expect(importedRows(batchId).responses).toEqual([])
  await adminContext.close()
})

test('a 50 MB file is refused with a clear message in the officer\'s language', async ({ page }) => {
  test.setTimeout(120_000)
  await signIn(page, createUser('officer'), '/admin/consultations')
  const importUrl = await openImportPage(page)
  await page.goto(`${importUrl}?lng=bn`)
  const big = path.resolve('tests/.tmp/import-50mb.csv')
  fs.mkdirSync(path.dirname(big), { recursive: true })
  fs.writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 'a,'))
  try {
    await page.getByLabel(bnImports.upload.label).setInputFiles(big)
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes('/import'))
    await page.getByRole('button', { name: bnImports.upload.submit }).click()
    const response = await answered
    expect(response.status()).toBe(413)
    const message = bnImports.file.too_large.replace('{{max}}', '২০')
    await expect(page.locator('.govuk-error-summary')).toContainText(message)
    await expect(page.locator('#file-error')).toContainText(message)
    expect(await page.content()).not.toMatch(/at [\w.]+ \(.*:\d+:\d+\)/)
    await scan(page, 'import page refusing a large file')
  } finally {
    fs.rmSync(big, { force: true })
  }
})
