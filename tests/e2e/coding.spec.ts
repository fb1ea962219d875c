import { expect, test, type Page } from '@playwright/test'
import { scan } from './axe.ts'
import en from '../../locales/en/coding.json' with { type: 'json' }
import bn from '../../locales/bn/coding.json' with { type: 'json' }
import { createUser, signIn } from './staff-helpers.ts'

// Free-text coding for analysts, at a phone's size: the codebook (seeded with
// the calls to action), a suggestion accepted under a new name, answers coded
// with the keyboard and without, bulk coding by search, a sample coded blind
// by a second analyst (in Bengali), and the agreement report. axe on every page.

const DEMO_TITLE = /See the results A Tower Hamlets for All/

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''))
const pattern = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{\w+\\\}\\\}/g, '.+'))

/** Chooses the option whose text matches (option texts here are long, or carry an email). */
async function selectByText(page: Page, selectId: string, text: RegExp) {
  const value = await page.locator(`#${selectId} option`, { hasText: text }).first().getAttribute('value')
  await page.locator(`#${selectId}`).selectOption(value!)
}

/** Keyboard shortcuts work once the page has hydrated, which is when they are announced. */
async function hydrated(page: Page) {
  await expect(page.getByTestId('shortcuts')).toBeVisible()
}

async function progress(page: Page) {
  const match = (await page.getByTestId('progress').innerText()).match(/([\d,]+) of ([\d,]+) coded/)
  return { coded: Number(match![1]!.replace(/,/g, '')), total: Number(match![2]!.replace(/,/g, '')) }
}

test.describe.configure({ mode: 'serial' })

let themes = ''
let sampleUrl = ''
const acceptedName = `Night safety ${Date.now().toString(36)}`
let secondAnalyst: { email: string; password: string }

test('an analyst opens the codebook, accepts a suggestion, codes answers with and without the keyboard, and bulk-codes by search', async ({ page }) => {
  test.setTimeout(180_000)
  secondAnalyst = createUser('analyst')
  await signIn(page, createUser('analyst'), '/admin/consultations')
  await page.getByRole('link', { name: DEMO_TITLE }).click()
  await page.getByRole('link', { name: en.nav.themes }).click()
  themes = new URL(page.url()).pathname
  expect(page.viewportSize()!.width).toBeLessThanOrEqual(400)

  // The codebook: the five calls to action, and the demo's accepted suggestions.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.codebook.heading)
  const codebook = page.getByTestId('codebook')
  for (const cta of ['CTA1', 'CTA2', 'CTA3', 'CTA4', 'CTA5']) await expect(codebook.getByRole('heading', { name: new RegExp(`^${cta}: `) })).toBeVisible()
  await expect(codebook).toContainText('Youth clubs and services')
  await scan(page, 'codebook')

  // Adding a theme with no name is refused with an error summary.
  await page.getByRole('button', { name: en.codebook.add }).click()
  await page.getByRole('button', { name: en.theme.add_submit }).click()
  await expect(page.locator('.govuk-error-summary')).toContainText(en.errors.required)
  await expect(page).toHaveTitle(/^Error: /)
  await scan(page, 'add theme (error)')

  // Editing a theme: the form is filled in.
  await page.goto(themes)
  await codebook.getByRole('link', { name: /^CTA4: / }).click()
  await expect(page.getByLabel(en.theme.name)).toHaveValue(/^CTA4: /)
  await expect(page.getByLabel(en.theme.cta)).toHaveValue('CTA4')
  await scan(page, 'edit theme')

  // Suggestions, worked out on request.
  await page.goto(`${themes}/suggest`)
  await page.getByRole('button', { name: en.suggest.submit }).click()
  await expect(page.getByTestId('suggestion-CTA3')).toContainText(pattern(en.suggest.lexicon_matches_other))
  const cluster = page.getByTestId(/^suggestion-cluster-/).first()
  await expect(cluster.getByRole('listitem').first()).toBeVisible()
  await scan(page, 'suggestions')
  await cluster.getByLabel(en.suggest.name_label).fill(acceptedName)
  await cluster.getByRole('button', { name: new RegExp(`^${en.suggest.accept}`) }).click()
  await expect(page.locator('.govuk-notification-banner--success')).toContainText(acceptedName)
  await page.goto(themes)
  await expect(codebook.getByRole('heading', { name: new RegExp(acceptedName) })).toContainText(en.origin.suggested)

  // The coding screen: two answers with the keyboard…
  await page.goto(`${themes}/code`)
  await expect(page.getByTestId('shortcuts')).toBeVisible() // JavaScript is running: the shortcuts are announced
  await scan(page, 'coding screen')
  const before = await progress(page)
  expect(before.coded).toBeLessThan(before.total)
  await expect(page.getByRole('checkbox').first()).toHaveAttribute('aria-keyshortcuts', '1')
  for (const digit of ['1', '3']) {
    const url = page.url()
    await hydrated(page)
    await page.keyboard.press(digit)
    await expect(page.locator(`#themes-${digit}`)).toBeChecked()
    await page.keyboard.press('Enter')
    await expect(page).not.toHaveURL(url)
    await expect(page).toHaveURL(/saved=1/)
  }
  // …j and k move between answers without saving…
  const here = page.url()
  await hydrated(page)
  await page.keyboard.press('j')
  await expect(page).not.toHaveURL(here)
  await hydrated(page)
  await page.keyboard.press('k')
  await expect(page).toHaveURL(new RegExp(`response=${new URL(here).searchParams.get('response')}`))
  // …one by clicking…
  await page.locator('label[for="themes-2"]').click()
  await page.getByRole('button', { name: en.code.save_next }).click()
  await expect(page).toHaveURL(/saved=1/)
  // …and one by theme number: "/" goes to the box, where any theme's number (past the ninth too) and Enter save.
  const last = await page.locator('input[name="themes"]').count()
  const numbered = page.url()
  await hydrated(page)
  await page.keyboard.press('/')
  await expect(page.locator('#numbers')).toBeFocused()
  await page.keyboard.type(String(last))
  await page.keyboard.press('Enter')
  await expect(page).not.toHaveURL(numbered)
  await expect(page).toHaveURL(/saved=1/)
  expect((await progress(page)).coded).toBe(before.coded + 4)

  // Bulk coding: search, see the count, code all matches in one post.
  await page.goto(`${themes}/bulk`)
  await page.getByLabel(en.bulk.search_label).fill('youth')
  await page.getByRole('button', { name: en.bulk.search, exact: true }).click()
  const heading = page.getByTestId('bulk-count')
  await expect(heading).toContainText('youth')
  const found = Number((await heading.innerText()).match(/^([\d,]+)/)![1]!.replace(/,/g, ''))
  expect(found).toBeGreaterThan(1)
  await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(found)
  await scan(page, 'bulk coding')
  // The lexicons never give "youth" answers CTA4 (work and income), so every match is newly coded.
  await selectByText(page, 'theme', /^CTA4: /)
  await page.getByRole('button', { name: en.bulk.apply }).click()
  await expect(page.locator('.govuk-notification-banner--success')).toContainText(fill(en.bulk.applied_other, { count: found, theme: 'CTA4: ' }).split('”')[0]!)

  // Double coding: draw a sample for a second analyst; until both have coded, no figures.
  await page.goto(`${themes}/samples`)
  await scan(page, 'double coding')
  await page.getByLabel(en.samples.size).fill('5')
  await page.getByLabel(en.samples.seed).fill('5')
  await selectByText(page, 'secondCoder', new RegExp(secondAnalyst.email.replace(/[.]/g, '\\.')))
  await page.getByRole('button', { name: en.samples.draw }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.agreement.heading)
  await expect(page.getByTestId('agreement-pending')).toBeVisible()
  sampleUrl = new URL(page.url()).pathname
  await scan(page, 'agreement (not yet coded)')

  // The demo's own sample has figures on first start.
  await page.goto(`${themes}/samples`)
  await page.getByRole('link', { name: /^30 answers/ }).click()
  await expect(page.getByTestId('alpha')).toContainText('α =')
  await expect(page.getByTestId('kappa-table')).toContainText('Youth clubs and services')
  await scan(page, 'agreement (demo sample)')
})

test('a second analyst codes the sample blind, in Bengali, and then sees kappa', async ({ page }) => {
  test.setTimeout(120_000)
  await signIn(page, secondAnalyst, '/admin/consultations')
  await page.goto(`${sampleUrl}?lng=bn`)
  await expect(page.locator('html')).toHaveAttribute('lang', 'bn')
  await expect(page.getByText(bn.agreement.hidden_until_done)).toBeVisible()
  await page.getByRole('link', { name: bn.samples.code_now }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(bn.code.heading_second)
  await expect(page.getByText(bn.code.blind_note)).toBeVisible()
  await expect(page.getByTestId('shortcuts')).toBeVisible()
  await scan(page, 'blind coding (bn)')
  for (let i = 0; i < 5; i++) {
    // Blind: nothing is ticked, whatever the first coding said.
    await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(0)
    if (i % 2 === 0) {
      await hydrated(page)
      await page.keyboard.press(String(1 + (i % 3)))
      await page.keyboard.press('Enter')
    } else {
      await page.getByRole('button', { name: bn.code.none }).click()
    }
    await expect(page).toHaveURL(i < 4 ? /saved=1/ : /finished=1/)
  }
  await expect(page.locator('.govuk-notification-banner--success')).toContainText(bn.code.finished)
  await page.goto(sampleUrl)
  await expect(page.getByRole('heading', { name: bn.agreement.kappa_heading })).toBeVisible()
  await expect(page.getByTestId('kappa-table')).toBeVisible()
  await expect(page.getByRole('heading', { name: bn.agreement.alpha_heading })).toBeVisible()
  await scan(page, 'agreement (bn)')
})

test('the coding screen works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } })
  const page = await context.newPage()
  await signIn(page, createUser('analyst'), themes)
  await page.goto(`${themes}/code`)
  await expect(page.getByTestId('shortcuts')).toHaveCount(0)
  const before = await progress(page)
  // Saving with nothing ticked is refused with an error summary.
  await page.getByRole('button', { name: en.code.save_next }).click()
  await expect(page.locator('.govuk-error-summary')).toContainText(en.errors.choose_theme)
  await page.getByRole('button', { name: en.code.none }).click()
  await expect(page).toHaveURL(/saved=1/)
  expect((await progress(page)).coded).toBe(before.coded + 1)
  await context.close()
})
