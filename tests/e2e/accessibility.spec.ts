import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import {
  answerRequiredOnly,
  base,
  chooseEquality,
  clickContinue,
  escapeRegExp,
  expectConfirmation,
  expectEqualityPage,
  expectQuestionPage,
  qPath,
  submitResponse,
  t,
  type Lng,
} from './helpers.ts'

// Automated WCAG 2.2 AA checks (axe-core) on every kind of resident page, in
// a left-to-right and a right-to-left language.

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>

function describe(violations: AxeResults['violations']): string {
  return violations
    .map((v) =>
      [
        `- [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.helpUrl})`,
        ...v.nodes.map((n) => `    at ${n.target.join(' ')}\n      ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`),
      ].join('\n'),
    )
    .join('\n')
}

async function expectNoViolations(page: Page, name: string, lng: Lng) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze()
  // Axe really looked at this page (and not a blank one).
  expect(results.passes.length, `${name} (${lng}): axe ran no checks`).toBeGreaterThan(0)
  expect
    .soft(results.violations, `${name} (${lng}) at ${page.url()} has ${results.violations.length} accessibility violation(s):\n${describe(results.violations)}`)
    .toEqual([])
}

// Nine pages, each scanned by axe: more than the default minute on a small machine.
test.describe.configure({ timeout: 180_000 })

for (const lng of ['en', 'ur'] as const) {
  test(`resident pages have no WCAG 2.2 AA violations (${lng})`, async ({ page }) => {
    const html = page.locator('html')

    await test.step('start page', async () => {
      await page.goto(`${base}?lng=${lng}`)
      await expect(html).toHaveAttribute('lang', lng)
      await expect(html).toHaveAttribute('dir', lng === 'ur' ? 'rtl' : 'ltr')
      await expect(page.getByRole('button', { name: t(lng, 'common', 'start.start_now') })).toBeVisible()
      await expectNoViolations(page, 'Start page', lng)
    })

    await test.step('question page', async () => {
      await page.goto(qPath('connection'))
      await expectQuestionPage(page, 'connection', lng)
      await expectNoViolations(page, 'Question page', lng)
    })

    await test.step('question page with a validation error', async () => {
      await clickContinue(page, lng)
      await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(t(lng, 'common', 'error_prefix'))}`))
      await expect(page.locator('.govuk-error-summary')).toContainText(t(lng, 'survey', 'errors.required_choice'))
      await expectNoViolations(page, 'Question page with an error', lng)
    })

    await test.step('saved page (resume code and its expiry warning)', async () => {
      await page.getByRole('button', { name: t(lng, 'survey', 'save_for_later'), exact: true }).click()
      await expect(page).toHaveURL(new RegExp(`${escapeRegExp(base)}/saved$`))
      await expect(page.getByRole('heading', { level: 1, name: t(lng, 'survey', 'saved.title'), exact: true })).toBeVisible()
      await expect(page.getByTestId('resume-code')).toBeVisible()
      await expect(html).toHaveAttribute('dir', lng === 'ur' ? 'rtl' : 'ltr')
      await expectNoViolations(page, 'Saved page', lng)
    })

    await test.step('ranking question page', async () => {
      await page.goto(qPath('priorities'))
      await expectQuestionPage(page, 'priorities', lng)
      await expectNoViolations(page, 'Ranking question page', lng)
    })

    await test.step('check answers', async () => {
      await answerRequiredOnly(page, lng)
      await expectNoViolations(page, 'Check your answers', lng)
    })

    await test.step('equality intro', async () => {
      await submitResponse(page, lng)
      await expectNoViolations(page, 'Equality intro', lng)
    })

    await test.step('equality question', async () => {
      await page.getByRole('button', { name: t(lng, 'equality', 'intro.answer') }).click()
      await expectEqualityPage(page, 'age_band', lng)
      await expectNoViolations(page, 'Equality question', lng)
      await chooseEquality(page, 'age_band', 'prefer_not_to_say', lng)
      await clickContinue(page, lng)
      await expectEqualityPage(page, 'sex', lng)
    })

    await test.step('confirmation', async () => {
      await page.goto(`${base}/confirmation`)
      await expectConfirmation(page, lng)
      await expect(html).toHaveAttribute('dir', lng === 'ur' ? 'rtl' : 'ltr')
      await expectNoViolations(page, 'Confirmation', lng)
    })
  })
}
