import fs from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { expect, test } from '@playwright/test'
import { DEMO_CONGRESS_CODE, DEMO_MAYOR_CODE, DEMO_POLL_CODE } from '../../db/seed/demo-events.ts'
import { languageName, t, type Lng } from './helpers.ts'

// The home page is where a newcomer starts: open consultations, and the events
// they can join, ask a question at, or read the charter of.

const eventsStrings = (lng: Lng) => JSON.parse(fs.readFileSync(new URL(`../../locales/${lng}/events.json`, import.meta.url), 'utf8')) as { kinds: Record<string, string> }

for (const lng of ['en', 'bn'] as const) {
  test(`the home page lists live, coming and past events with what to do at each (${lng})`, async ({ page }) => {
    await page.goto(`/?lng=${lng}`)
    const main = page.locator('main')
    await expect(main.getByRole('heading', { level: 2, name: t(lng, 'common', 'home.events_heading') })).toBeVisible()
    await expect(main.getByText(t(lng, 'common', 'home.live_now')).first()).toBeVisible()
    await expect(main.getByText(eventsStrings(lng).kinds.congress, { exact: true }).first()).toBeVisible()

    // The demo's live poll: its join link leads to the event, in the resident's language.
    // (Other browser tests add events of their own, so each link is found by its address.)
    const join = main.locator(`a[href="/join/${DEMO_POLL_CODE}"]`)
    await expect(join).toHaveText(t(lng, 'common', 'home.action_join'))
    await join.click()
    await expect(page).toHaveURL(new RegExp(`/events/${DEMO_POLL_CODE}`))
    await expect(page.locator('html')).toHaveAttribute('lang', lng)

    // The Ask the Mayor session takes questions before it starts.
    await page.goto(`/?lng=${lng}`)
    const ask = main.locator(`a[href="/events/${DEMO_MAYOR_CODE}/questions"]`)
    await expect(ask).toHaveText(t(lng, 'common', 'home.action_ask'))
    await ask.click()
    await expect(page).toHaveURL(new RegExp(`/events/${DEMO_MAYOR_CODE}/questions$`))

    // The congress charter stays on the home page long after the congress.
    await page.goto(`/?lng=${lng}`)
    const charter = main.locator(`a[href="/events/${DEMO_CONGRESS_CODE}/charter"]`)
    await expect(charter).toHaveText(t(lng, 'common', 'home.action_charter'))
    await charter.click()
    await expect(page).toHaveURL(new RegExp(`/events/${DEMO_CONGRESS_CODE}/charter$`))
    // Commitments are shown in the reader's language when they were given one for the vote.
    const commitment = { en: 'Run women-led safety walks in every ward twice a year', bn: 'প্রতিটি ওয়ার্ডে বছরে দুবার নারীদের নেতৃত্বে নিরাপত্তা পদযাত্রা (সেফটি ওয়াক) করা' }[lng]
    await expect(main.getByText(commitment, { exact: true })).toHaveAttribute('lang', lng)

    // Anyone given a code in the hall can join from here too.
    await page.goto(`/?lng=${lng}`)
    await page.getByRole('link', { name: t(lng, 'common', 'home.join_with_code_link') }).click()
    await expect(page).toHaveURL(/\/join$/)
  })
}

test('the language switcher draws বাংলা with its own 1 KB font on an English page, and lists all four languages', async ({ page }) => {
  await page.goto('/?lng=en')
  const switcher = page.locator('.hys-language-switcher')
  for (const lng of ['en', 'bn', 'so', 'ur'] as const) await expect(switcher).toContainText(languageName(lng))
  // The font is inline in the stylesheet; a Content-Security-Policy that refused it would leave boxes instead of letters.
  const status = await page.evaluate(async () => {
    await document.fonts.load('16px "HYS Language Name"', 'বাংলা').catch(() => undefined)
    const face = [...document.fonts].find((f) => f.family.replace(/["']/g, '') === 'HYS Language Name')
    return face ? face.status : 'missing'
  })
  expect(status).toBe('loaded')
  // The full Bengali font is not fetched for an English page.
  const fonts = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.includes('.woff')))
  expect(fonts).toEqual([])
})

test('the home page has no WCAG 2.2 AA violations (en, ur)', async ({ page }) => {
  for (const lng of ['en', 'ur'] as const) {
    await page.goto(`/?lng=${lng}`)
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
    expect(results.passes.length).toBeGreaterThan(0)
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
  }
})
