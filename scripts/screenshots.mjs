#!/usr/bin/env node
// Phone-sized screenshots of the resident path, for people to look at:
//   node scripts/screenshots.mjs [baseURL] [outDir]
// Uses Debian's Chromium; writes PNGs named <lng>-<step>.png.
import fs from 'node:fs'
import { chromium } from '@playwright/test'

const base = process.argv[2] ?? 'http://localhost:3000'
const out = process.argv[3] ?? 'screenshots'
const slug = 'a-tower-hamlets-for-all-your-priorities'
fs.mkdirSync(out, { recursive: true })

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-background-networking', '--disable-gpu'],
})

for (const lng of (process.env.LANGS ?? 'en,bn,ur').split(',')) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  const shot = async (name) => page.screenshot({ path: `${out}/${lng}-${name}.png`, fullPage: true })
  await page.goto(`${base}/?lng=${lng}`)
  await shot('01-home')
  await page.goto(`${base}/c/${slug}`)
  await shot('02-start')
  await page.goto(`${base}/c/${slug}/q/connection`)
  await page.locator('button[value="continue"]').click()
  await shot('03-error')
  await page.locator('input[value="over_10"]').check()
  await page.locator('button[value="continue"]').click()
  await shot('04-ward')
  await page.locator('select#answer').selectOption({ index: 3 })
  await page.locator('button[value="continue"]').click()
  await shot('05-ranking')
  await page.locator('#rank-1').selectOption('safe_homes')
  await page.locator('#rank-2').selectOption('work_income')
  await page.locator('button[value="continue"]').click()
  await shot('06-scale')
  await page.locator('input[value="agree"]').check()
  await page.locator('button[value="continue"]').click()
  await shot('07-grid')
  await page.locator('button[value="continue"]').click()
  await shot('08-date')
  await page.goto(`${base}/c/${slug}/q/wellbeing`)
  await shot('08-multiple')
  await page.goto(`${base}/c/${slug}/q/one_change`)
  await page.locator('textarea').fill('More youth clubs')
  await shot('08-text')
  await page.locator('button[value="save"]').click()
  await shot('09-saved')
  await page.goto(`${base}/c/${slug}/check`)
  await shot('10-check')
  await page.locator('form[method="post"] button').click()
  await shot('11-equality-intro')
  await page.goto(`${base}/c/${slug}/equality/ethnic_group_broad`)
  await page.locator('input[value="asian"]').check()
  await page.locator('button').filter({ hasNotText: /^$/ }).last().click()
  await shot('12-equality-detail')
  await page.goto(`${base}/c/${slug}/confirmation`)
  await shot('13-confirmation')
  await context.close()
}
await browser.close()
console.log(`Screenshots written to ${out}/`)
