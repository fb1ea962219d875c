import { expect, request as playwrightRequest, test } from '@playwright/test'
import { scan } from './axe.ts'
import en from '../../locales/en/analysis.json' with { type: 'json' }
import { createUser, signIn, type Role } from './staff-helpers.ts'

// The results pages for analysts, at a phone's size (playwright.config.ts):
// a chart with its data table, a language filter, a cross-tab, weighting, the
// respondent profile; the same page without JavaScript; and the roles that
// must not see results.

const ORIGIN = `http://localhost:${process.env.E2E_PORT ?? 3100}`
const DEMO_TITLE = /See the results A Tower Hamlets for All/

test.describe.configure({ mode: 'serial' })

let dashboard = ''

test('an analyst reads the dashboard on a phone: a chart and its table, a language filter, a cross-tab, weighting', async ({ page }) => {
  test.setTimeout(120_000)
  const analyst = createUser('analyst')
  await signIn(page, analyst, '/admin/consultations')
  await page.getByRole('link', { name: DEMO_TITLE }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.dashboard.heading)
  dashboard = new URL(page.url()).pathname
  expect(page.viewportSize()!.width).toBeLessThanOrEqual(400)

  // A question's chart, its text alternative and its data table.
  const question = page.locator('#q-safe_day')
  const chart = question.getByRole('img')
  await expect(chart).toBeVisible()
  await expect(chart).toHaveAccessibleName(/The largest group is/)
  // With JavaScript, recharts draws the chart once the page has loaded.
  await expect(question.locator('[data-chart="recharts"] svg.recharts-surface')).toBeVisible()
  const table = question.getByRole('table')
  await expect(table).toContainText('Strongly agree')
  await expect(table.getByRole('columnheader', { name: en.table.count })).toBeVisible()
  // Small numbers are suppressed (the demo has wards with fewer than 10 responses).
  await expect(page.locator('#responses-by-ward').getByRole('table')).toContainText('fewer than 10')
  await scan(page, 'dashboard')

  // Filter by language (a GET form).
  await page.getByLabel(en.filters.language, { exact: true }).selectOption('bn')
  await page.getByRole('button', { name: en.filters.apply }).click()
  await expect(page).toHaveURL(/language=bn/)
  await expect(page.getByTestId('matching')).toContainText(/of [\d,]+ in total/) // the demo's 240, plus any a parallel test has just sent
  await expect(page.getByTestId('matching')).toContainText('বাংলা')

  // A cross-tab of two questions, keeping the filter.
  await page.getByLabel(en.crosstab.rows, { exact: true }).selectOption('q.safe_day')
  await page.getByLabel(en.crosstab.columns, { exact: true }).selectOption('q.needed_help')
  await page.getByRole('button', { name: en.crosstab.submit }).click()
  await expect(page).toHaveURL(/rows=q\.safe_day.*columns=q\.needed_help|columns=q\.needed_help.*rows=q\.safe_day/)
  await expect(page).toHaveURL(/language=bn/)
  const crossTab = page.getByTestId('crosstab')
  await expect(crossTab).toBeVisible()
  await expect(crossTab.getByRole('rowheader', { name: 'Strongly agree' })).toBeVisible()
  await expect(crossTab.getByRole('columnheader', { name: en.crosstab.total })).toBeVisible()
  await scan(page, 'dashboard with a filter and a cross-tab')

  // Weighting to census margins.
  await page.getByRole('link', { name: en.nav.weighting }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.weighting.heading)
  await expect(page.getByTestId('caveat')).toContainText('not a random sample')
  await scan(page, 'weighting form')
  await page.getByRole('button', { name: en.weighting.run }).click()
  const result = page.getByTestId('weighting-result')
  await expect(result).toBeVisible()
  await expect(result.getByRole('definition').first()).toHaveText(en.weighting.yes)
  await expect(result).toContainText(en.weighting.effective_n)
  await expect(result).toContainText(en.weighting.design_effect)
  await expect(result.getByRole('columnheader', { name: en.weighting.weighted_percent }).first()).toBeVisible()
  await scan(page, 'weighting result')

  // Bad input is a message, not an error page.
  await page.getByLabel(en.weighting.cap).fill('lots')
  await page.getByRole('button', { name: en.weighting.run }).click()
  await expect(page.locator('.govuk-error-summary')).toContainText(en.weighting.errors.cap)
  await scan(page, 'weighting with an error')

  // Who responded, beside the census.
  await page.getByRole('link', { name: en.nav.profile }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.profile.heading)
  await expect(page.getByTestId('profile-sex')).toContainText(en.profile.census_percent)
  await expect(page.locator('#profile-sex')).toContainText('TS009')
  // Age beside the census's broad bands, with the band mismatch said plainly.
  const age = page.getByTestId('profile-age_broad')
  await expect(age).toContainText(en.census_categories['16_64'])
  await expect(age).toContainText(en.census_categories['65_plus'])
  await expect(age).toContainText(en.profile.census_percent)
  await expect(page.getByTestId('profile-age_broad-note')).toHaveText(en.census_notes.age_broad)
  await expect(page.locator('#profile-age_broad')).toContainText('census-population-scrolly')
  // The survey's own age bands point to that comparison rather than saying there is no census.
  await expect(page.getByTestId('profile-age_band-compared-as')).toContainText(en.dimensions.age_broad)
  await scan(page, 'who responded')

  // Raking can use the age margin.
  await page.getByRole('link', { name: en.nav.weighting }).click()
  await expect(page.getByRole('checkbox', { name: en.dimensions.age_broad })).toBeVisible()
  await expect(page.locator('#margin-age_broad-hint')).toContainText(en.census_notes.age_broad)
  await page.getByRole('checkbox', { name: en.dimensions.age_broad }).check()
  await page.getByRole('button', { name: en.weighting.run }).click()
  const raked = page.getByTestId('weighting-result')
  await expect(raked).toContainText(en.census_categories['65_plus'])
  await expect(raked.getByRole('definition').first()).toHaveText(en.weighting.yes)

  // Saved for the findings report, which then says how it weighted.
  await page.getByRole('button', { name: en.weighting.save_for_report }).click()
  await expect(page.getByTestId('weighting-saved')).toBeVisible()
  await scan(page, 'weighting saved for the report')
  await page.goto(page.url().replace(/\/weighting.*$/, '/report'))
  await expect(page.getByTestId('report-weighting')).toContainText('raking (iterative proportional fitting)')
  await expect(page.getByTestId('report-weighting')).toContainText(en.dimensions.age_broad)
})

test('the dashboard works without JavaScript: the server draws the charts', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } })
  const page = await context.newPage()
  await signIn(page, createUser('analyst'), '/admin/consultations')
  await page.goto(`${dashboard}?method=online`)
  const question = page.locator('#q-safe_day')
  await expect(question.locator('[data-chart="server"] .hys-bars__bar').first()).toBeVisible()
  await expect(question.getByRole('img')).toHaveAccessibleName(/The largest group is/)
  await expect(question.getByRole('table')).toContainText('Agree')
  await expect(page.getByTestId('matching')).toContainText(/of [\d,]+ in total/) // the demo's 240, plus any a parallel test has just sent
  await context.close()

  // axe needs JavaScript to run, so scan the server-drawn charts with the app's scripts blocked instead.
  const blocked = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const scanPage = await blocked.newPage()
  await signIn(scanPage, createUser('analyst'), '/admin/consultations')
  await scanPage.route('**/assets/**/*.js', (route) => route.abort())
  await scanPage.goto(dashboard)
  await expect(scanPage.locator('#q-safe_day [data-chart="server"]')).toBeVisible()
  await scan(scanPage, 'dashboard with server-drawn charts')
  await blocked.close()
})

test('officers and moderators get 403 on every analysis page and export', async () => {
  expect(dashboard).toMatch(/^\/admin\/consultations\/[^/]+\/analysis$/)
  for (const role of ['officer', 'moderator'] as Role[]) {
    const user = createUser(role)
    const context = await playwrightRequest.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { Origin: ORIGIN } })
    const signedIn = await context.post('/sign-in', { form: { email: user.email, password: user.password, redirectTo: '/admin' }, maxRedirects: 0 })
    expect(signedIn.status(), `sign in as ${role}`).toBe(302)
    for (const path of [dashboard, `${dashboard}/profile`, `${dashboard}/weighting?run=1&margin=ward`, `${dashboard}.xlsx`, `${dashboard}.json`]) {
      expect((await context.get(path, { maxRedirects: 0 })).status(), `${role} ${path}`).toBe(403)
    }
    await context.dispose()
  }
})
