import Database from 'better-sqlite3'
import { expect, test, type Page } from '@playwright/test'
import { scan as scanPage } from './axe.ts'
import enAssisted from '../../locales/en/assisted.json' with { type: 'json' }
import enPaper from '../../locales/en/paper.json' with { type: 'json' }
import { createUser, signIn } from './staff-helpers.ts'
import { REFERENCE_PATTERN, SLUG, questionTitle } from './helpers.ts'

// Assisted entry: an interviewer enters a phone response in Bengali using only
// the keyboard; paper forms are entered once (a second entry of the same form
// number is refused and shows the first); the pages pass axe-core.

const DB_FILE = 'tests/.tmp/e2e.db'
const FORM_NUMBER = /P-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/g
const ONE_FORM_NUMBER = /P-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/

function query<T>(sql: string, ...params: unknown[]): T | undefined {
  const db = new Database(DB_FILE, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).get(...params) as T | undefined
  } finally {
    db.close()
  }
}

const consultationId = () => query<{ id: string }>('select id from consultation where slug = ?', SLUG)!.id
const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''))

const scan = (page: Page, name: string) => scanPage(page, name, { summaries: true })

/** Prints copies of the paper form through the print page and returns their form numbers. */
async function printForms(page: Page, id: string, copies: number, language: string) {
  await page.goto(`/admin/consultations/${id}/paper`)
  await page.getByRole('radio', { name: language, exact: true }).check()
  await page.getByLabel(enPaper.options.copies).fill(String(copies))
  await page.getByRole('button', { name: enPaper.options.print }).click()
  await expect(page.getByText(ONE_FORM_NUMBER).first()).toBeVisible()
  const numbers = [...new Set((await page.content()).match(FORM_NUMBER))]
  expect(numbers).toHaveLength(copies)
  return numbers
}

test('an interviewer enters a phone response in Bengali with the keyboard only', async ({ page }) => {
  test.setTimeout(120_000)
  const user = createUser('officer')
  const id = consultationId()
  await signIn(page, user, `/admin/consultations/${id}/enter`)

  // Step 1: method and language, by keyboard.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enAssisted.enter.choose_title)
  await page.getByRole('radio', { name: enAssisted.methods.phone, exact: true }).focus()
  await page.keyboard.press('Space')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('radio', { name: 'English', exact: true })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('radio', { name: 'বাংলা', exact: true })).toBeChecked()
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: enAssisted.enter.start })).toBeFocused()
  await page.keyboard.press('Enter')

  // Step 2: every question on one page, in Bengali with the English beside each title.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enAssisted.enter.heading)
  await expect(page).toHaveURL(/method=phone/)
  await expect(page).toHaveURL(/lang=bn/)
  const first = page.locator('#question-connection')
  await expect(first.locator('[lang="bn"]').first()).toHaveText(questionTitle('connection', 'bn'))
  await expect(first).toContainText(fill(enAssisted.entry.in_english, { title: questionTitle('connection') }))
  await expect(page.getByText(enAssisted.entry.keyboard_tip)).toBeVisible()

  // Typing an option's number chooses it.
  await page.locator('#q-connection-answer-1').focus()
  await page.keyboard.press('4')
  await expect(page.locator('#q-connection-answer-4')).toBeChecked()

  // Saving now: the required questions left are named in the error summary, and what was chosen stays.
  await page.getByRole('button', { name: enAssisted.entry.save }).focus()
  await page.keyboard.press('Enter')
  const summary = page.locator('.govuk-error-summary')
  await expect(summary).toBeVisible()
  await expect(page).toHaveTitle(/^Error:/)
  await expect(summary.getByRole('link')).toHaveCount(2)
  await expect(summary.getByRole('link').nth(0)).toHaveAttribute('href', '#q-priorities-rank-1')
  await expect(summary.getByRole('link').nth(1)).toHaveAttribute('href', '#q-safe_day-answer-1')
  await expect(summary.getByRole('link').nth(0)).toContainText(fill(enAssisted.errors.question, { n: 3, message: '' }).trim())
  await expect(page.locator('#q-connection-answer-4')).toBeChecked()

  // The error link takes the cursor to the field; then Tab walks the questions in order.
  await summary.getByRole('link').nth(0).focus()
  await page.keyboard.press('Enter')
  await expect(page.locator('#q-priorities-rank-1')).toBeFocused()
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown')
  await expect(page.locator('#q-priorities-rank-1')).toHaveValue('safe_homes')
  await page.keyboard.press('Tab')
  await expect(page.locator('#q-priorities-rank-2')).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.locator('#q-safe_day-answer-1')).toBeFocused()
  await page.keyboard.press('2')
  await expect(page.locator('#q-safe_day-answer-2')).toBeChecked()
  await page.keyboard.press('Tab')
  await expect(page.locator('#q-area_statements-statement-1-1')).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.locator('#q-congress_date-answer-day')).toBeFocused()
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(page.locator('#q-wellbeing-answer-1')).toBeFocused()
  await page.keyboard.press('1')
  await expect(page.locator('#q-wellbeing-answer-1')).toBeChecked()
  for (let i = 0; i < 7; i++) await page.keyboard.press('Tab')
  await expect(page.locator('#q-needed_help-answer-1')).toBeFocused()

  // Skip logic, live: "yes" shows where they got help; "no" collapses it with the reason.
  await page.keyboard.press('1')
  await expect(page.locator('#q-help_sources-answer-1')).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(page.locator('#q-help_sources-answer-1')).toBeFocused()
  await page.keyboard.press('2')
  await expect(page.locator('#q-help_sources-answer-2')).toBeChecked()
  // Back over the two checkboxes (each is its own stop) to the radios.
  await page.keyboard.press('Shift+Tab')
  await page.keyboard.press('Shift+Tab')
  await expect(page.locator('#q-needed_help-answer-1')).toBeFocused()
  await page.keyboard.press('2')
  await expect(page.locator('#q-needed_help-answer-2')).toBeChecked()
  await expect(page.locator('#q-help_sources-answer-1')).toBeHidden()
  await expect(page.locator('#question-help_sources [data-not-asked]')).toBeVisible()
  // A collapsed question is skipped by Tab.
  await page.keyboard.press('Tab')
  await expect(page.locator('#q-young_listened-answer-1')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.locator('#q-children-answer')).toBeFocused()
  await page.keyboard.type('2')
  await page.keyboard.press('Tab')
  await expect(page.locator('#q-one_change-answer')).toBeFocused()
  await page.keyboard.type('আরও বাস')
  await page.keyboard.press('Tab')
  await expect(page.locator('#interviewer_note')).toBeFocused()
  await page.keyboard.type('Resident answered by phone; interpreter not needed.')
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: enAssisted.entry.save })).toBeFocused()
  await page.keyboard.press('Enter')

  // The confirmation: the reference, what skip logic dropped, and straight on to the next.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enAssisted.saved.title)
  const reference = (await page.getByTestId('reference').textContent())!.trim()
  expect(reference).toMatch(REFERENCE_PATTERN)
  await expect(page.getByTestId('dropped')).toContainText(questionTitle('help_sources'))
  const another = page.getByRole('button', { name: enAssisted.saved.another })
  await expect(another).toBeFocused()

  const row = query<{ channel: string; locale: string; status: string; interviewer_note: string; email: string }>(
    `select response.channel, response.locale, response.status, response.interviewer_note, app_user.email
       from response join app_user on app_user.id = response.entered_by where response.reference = ?`,
    reference,
  )
  expect(row).toEqual({ channel: 'phone', locale: 'bn', status: 'submitted', interviewer_note: 'Resident answered by phone; interpreter not needed.', email: user.email })
  const responseId = query<{ id: string }>('select id from response where reference = ?', reference)!.id
  const answers = query<{ keys: string }>(`select group_concat(distinct question_key) as keys from answer where response_id = ?`, responseId)!.keys.split(',').sort()
  expect(answers).toEqual(['children', 'connection', 'needed_help', 'one_change', 'priorities', 'safe_day', 'wellbeing'])

  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enAssisted.enter.heading)
  await expect(page).toHaveURL(/method=phone&lang=bn/)
})

test('a paper form is entered once: the same form number again is refused and shows the first entry', async ({ page, browser }) => {
  test.setTimeout(120_000)
  const user = createUser('officer')
  const id = consultationId()
  await signIn(page, user, `/admin/consultations/${id}`)
  const [formNumber] = await printForms(page, id, 1, 'বাংলা')

  await page.goto(`/admin/consultations/${id}/paper/entry`)
  const numberBox = page.getByLabel(enAssisted.paper.form_number, { exact: true })
  await expect(numberBox).toBeFocused()
  // Typed as people do: lower case, without the dashes.
  await numberBox.fill(formNumber!.toLowerCase().replace(/-/g, ' '))
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('form-number')).toHaveText(formNumber!)
  await expect(page.locator('#question-connection [lang="bn"]').first()).toHaveText(questionTitle('connection', 'bn'))
  await page.locator('#q-connection-answer-2').check()
  await page.locator('#q-priorities-rank-1').selectOption('work_income')
  await page.locator('#q-safe_day-answer-1').check()
  await page.getByRole('button', { name: enAssisted.entry.save }).click()

  // Saved: the cursor is already in the box for the next form.
  await expect(page.getByText(fill(enAssisted.paper.saved_title, { form: formNumber! }))).toBeVisible()
  const next = page.getByLabel(enAssisted.paper.next_form_number)
  await expect(next).toBeFocused()
  const saved = query<{ response_id: string; reference: string; channel: string; locale: string }>(
    `select paper_form.response_id, response.reference, response.channel, response.locale from paper_form join response on response.id = paper_form.response_id where form_number = ?`,
    formNumber,
  )!
  expect(saved).toMatchObject({ channel: 'paper', locale: 'bn' })

  // The same number again (as scanned from the QR code, by a colleague): refused, with the first entry shown.
  const colleague = createUser('officer')
  const other = await browser.newContext()
  const otherPage = await other.newPage()
  await signIn(otherPage, colleague, `/admin/consultations/${id}/paper/entry?form=${formNumber}`)
  const refusal = otherPage.getByTestId('already-entered')
  await expect(refusal).toContainText(fill(enAssisted.paper.already_entered_title, { form: formNumber! }))
  await expect(refusal).toContainText('Test officer')
  await expect(refusal).toContainText(questionTitle('connection'))
  await expect(refusal.getByRole('link', { name: fill(enAssisted.paper.view_first_entry, { reference: saved.reference }) })).toHaveAttribute(
    'href',
    `/admin/consultations/${id}/responses/${saved.response_id}`,
  )
  await expect(otherPage.getByRole('button', { name: enAssisted.entry.save })).toHaveCount(0)
  await other.close()

  // And typed again by the first officer.
  await next.fill(formNumber!)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('already-entered')).toContainText(fill(enAssisted.paper.already_entered_title, { form: formNumber! }))
  const entered = query<{ n: number }>(
    `select count(*) as n from response join app_user on app_user.id = response.entered_by where response.channel = 'paper' and app_user.email in (?, ?)`,
    user.email,
    colleague.email,
  )!
  expect(entered.n).toBe(1)

  // A number that was never printed is refused clearly.
  await page.goto(`/admin/consultations/${id}/paper/entry?form=P-0000-0000`)
  await expect(page.locator('.govuk-error-summary')).toContainText(fill(enAssisted.errors.form_unknown, { form: 'P-0000-0000' }))
})

test('assisted entry pages and the responses list have no WCAG 2.2 AA violations', async ({ page }) => {
  test.setTimeout(180_000)
  const user = createUser('admin')
  const id = consultationId()
  await signIn(page, user, `/admin/consultations/${id}/enter`)
  await scan(page, 'choose method and language')
  await page.getByRole('button', { name: enAssisted.enter.start }).click()
  await expect(page.locator('.govuk-error-summary')).toBeVisible()
  await scan(page, 'choose with errors')
  await page.goto(`/admin/consultations/${id}/enter?method=face_to_face&lang=bn`)
  await scan(page, 'assisted entry (Bengali)')
  await page.getByRole('button', { name: enAssisted.entry.save }).click()
  await expect(page.locator('.govuk-error-summary')).toBeVisible()
  await scan(page, 'assisted entry with errors')
  await page.locator('#q-connection-answer-1').check()
  await page.locator('#q-priorities-rank-1').selectOption('mental_health')
  await page.locator('#q-safe_day-answer-3').check()
  await page.getByRole('button', { name: enAssisted.entry.save }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(enAssisted.saved.title)
  await scan(page, 'response saved')
  await page.goto(`/admin/consultations/${id}/responses`)
  await expect(page.getByTestId('counts-by-method')).toContainText(enAssisted.methods.face_to_face)
  await scan(page, 'responses list')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await page.getByLabel(enAssisted.responses.method).selectOption('face_to_face')
  await page.getByRole('button', { name: enAssisted.responses.apply }).click()
  await expect(page).toHaveURL(/method=face_to_face/)
  await expect(page.getByTestId('responses').locator('tbody tr').first()).toContainText(enAssisted.methods.face_to_face)
  await scan(page, 'responses list, filtered')
  await page.getByTestId('responses').locator('tbody tr a').first().click()
  await scan(page, 'response detail')
  await page.goto(`/admin/consultations/${id}/paper/entry`)
  await scan(page, 'paper entry')
  await page.goto(`/admin/consultations/${id}/paper/verify`)
  await scan(page, 'verify a paper form')
  await page.goto(`/admin/consultations/${id}/paper/review`)
  await scan(page, 'forms to review')
})

test('a second officer verifies a paper form blind; a reviewer picks the right value and the response is updated', async ({ page, browser }) => {
  test.setTimeout(120_000)
  const first = createUser('officer')
  const second = createUser('officer')
  const id = consultationId()
  await signIn(page, first, `/admin/consultations/${id}`)
  const [formNumber] = await printForms(page, id, 1, 'English')
  await page.goto(`/admin/consultations/${id}/paper/entry?form=${formNumber}`)
  await page.locator('#q-connection-answer-4').check()
  await page.locator('#q-priorities-rank-1').selectOption('safe_homes')
  await page.locator('#q-safe_day-answer-1').check()
  await page.getByRole('button', { name: enAssisted.entry.save }).click()
  await expect(page.getByLabel(enAssisted.paper.next_form_number)).toBeFocused()

  // The person who entered it cannot verify it.
  await page.goto(`/admin/consultations/${id}/paper/verify?form=${formNumber}`)
  await expect(page.locator('.govuk-error-summary')).toContainText(fill(enAssisted.errors.own_entry, { form: formNumber! }))

  const context = await browser.newContext()
  const other = await context.newPage()
  await signIn(other, second, `/admin/consultations/${id}/paper/verify?form=${formNumber}`)
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(enAssisted.verify.title)
  // Blind: nothing of the first entry is shown or filled in.
  await expect(other.locator('#q-connection-answer-4')).not.toBeChecked()
  await other.locator('#q-connection-answer-4').check()
  await other.locator('#q-priorities-rank-1').selectOption('safe_homes')
  await other.locator('#q-safe_day-answer-2').check()
  await other.getByRole('button', { name: enAssisted.verify.save }).click()
  await expect(other.getByText(fill(enAssisted.verify.mismatch_title, { form: formNumber! }))).toBeVisible()
  await expect(other.getByLabel(enAssisted.paper.next_form_number)).toBeFocused()
  await other.getByRole('link', { name: fill(enAssisted.review.open, { form: formNumber! }) }).click()
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(fill(enAssisted.review.form_title, { form: formNumber! }))
  const question = other.getByRole('group', { name: new RegExp(questionTitle('safe_day').replace(/[.*+?^${}()|[\]\\"]/g, '.')) })
  await expect(question.getByRole('radio')).toHaveCount(2)
  await other.getByRole('button', { name: enAssisted.review.save }).click()
  await expect(other.locator('.govuk-error-summary')).toContainText(fill(enAssisted.errors.choose_entry, { n: 4 }))
  await scan(other, 'review a form with errors')
  await question.getByRole('radio').nth(1).check()
  await other.getByRole('button', { name: enAssisted.review.save }).click()
  await expect(other.getByText(fill(enAssisted.review.resolved_title, { form: formNumber! }))).toBeVisible()
  await context.close()

  const row = query<{ option_code: string }>(
    `select answer.option_code from answer join paper_form on paper_form.response_id = answer.response_id where paper_form.form_number = ? and answer.question_key = 'safe_day'`,
    formNumber,
  )
  expect(row?.option_code).toBe('agree')
  const audit = query<{ n: number }>(`select count(*) as n from audit_log where action = 'paper.verification_resolved' and detail like ?`, `%${formNumber}%`)
  expect(audit?.n).toBe(1)
  await page.goto(`/admin/consultations/${id}/responses?method=paper`)
  await expect(page.getByTestId('responses')).toContainText(enAssisted.verification.resolved)
})
