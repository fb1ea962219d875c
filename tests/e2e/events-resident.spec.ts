import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { expect, test, type Browser, type Page } from '@playwright/test'
import bnEvents from '../../locales/bn/events.json' with { type: 'json' }
import enEvents from '../../locales/en/events.json' with { type: 'json' }
import { createUser, signIn } from './staff-helpers.ts'

// What a resident does at an event, on a phone (360 x 740): the whole flow
// without JavaScript (join by code, vote, send a question, upvote one), the
// Ask the Mayor list kept up to date live on phones and on the projector, and
// phone-sized screenshots of the pages in English and Bengali
// (tests/.tmp/screenshots/, for a person to look at).

const e = enEvents
const SHOTS = 'tests/.tmp/screenshots'

type Seeded = { id: string; code: string; itemId: string | null; questions: { id: string; text: string }[] }

/** An event made with the app's own functions (tests/e2e/seed-event.ts), in the test server's database. */
function seedEvent(spec: Record<string, unknown>): Seeded {
  const out = execFileSync('npx', ['tsx', 'tests/e2e/seed-event.ts', JSON.stringify(spec)], { env: { ...process.env, DATABASE_URL: 'tests/.tmp/e2e.db' }, encoding: 'utf8' })
  return JSON.parse(out.trim().split('\n').pop()!) as Seeded
}

const MAYOR = {
  kind: 'ask_mayor',
  title: { en: 'Ask the Mayor: Bow (test)', bn: 'মেয়রকে জিজ্ঞাসা করুন: বো (পরীক্ষা)' },
  locales: ['en', 'bn'],
  ctaCodes: ['CTA3', 'CTA5'],
  live: true,
  item: {
    title: { en: 'How safe do you feel in Bow at night?', bn: 'রাতে বো-তে আপনি কতটা নিরাপদ বোধ করেন?' },
    options: [
      { code: 'o1', label: { en: 'Very safe', bn: 'খুব নিরাপদ' } },
      { code: 'o2', label: { en: 'Fairly safe', bn: 'মোটামুটি নিরাপদ' } },
      { code: 'o3', label: { en: 'Not safe', bn: 'নিরাপদ নয়' } },
    ],
    reveal: true,
  },
}

async function phone(browser: Browser, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 } })
  return { context, page: await context.newPage() }
}

const votes = (n: number) => (n === 1 ? e.results.votes_one : e.results.votes_other).replace('{{count}}', String(n))

test('without JavaScript, on a phone: join by code, vote, change the vote, send a question and upvote one', async ({ browser }) => {
  test.setTimeout(120_000)
  const event = seedEvent({ ...MAYOR, questions: [{ text: 'Will the canal towpath get lights?', upvotes: 2 }] })
  const { context, page } = await phone(browser, false)

  // Join: the code as a person types it, lower case with a space.
  await page.goto('/join')
  await page.getByLabel(e.join.title).fill(`${event.code.slice(0, 3).toLowerCase()} ${event.code.slice(3)}`)
  await page.getByRole('button', { name: e.join.submit }).click()
  await expect(page).toHaveURL(new RegExp(`/events/${event.code}$`))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(e.participant.heading)
  await expect(page.locator('[data-live-status]')).toHaveText(e.live.no_script)
  // What the event works on.
  await expect(page.getByRole('heading', { name: e.participant.ctas_heading })).toBeVisible()

  // Vote, with an error first (nothing chosen), then a change: one vote, replaced.
  await page.getByRole('button', { name: e.vote.send }).click()
  await expect(page).toHaveTitle(/^Error:/)
  await expect(page.getByRole('alert')).toContainText(e.vote_errors.choose_one)
  await page.getByLabel('Fairly safe', { exact: true }).check()
  await page.getByRole('button', { name: e.vote.send }).click()
  await expect(page.getByText(e.vote_outcome.counted)).toBeVisible()
  await expect(page.locator('[data-live-total]')).toHaveText(votes(1))
  await page.getByLabel('Not safe', { exact: true }).check()
  await page.getByRole('button', { name: e.vote.change }).click()
  await expect(page.getByText(e.vote_outcome.changed)).toBeVisible()
  await expect(page.locator('[data-option="o3"] [data-live-count]')).toHaveText(votes(1))
  await expect(page.locator('[data-live-total]')).toHaveText(votes(1))
  await expect(page.getByLabel('Not safe', { exact: true })).toBeChecked()

  // Ask the Mayor: a question (too long first: kept in the box), then an upvote and taking it back.
  await page.getByRole('link', { name: e.participant.questions_link }).click()
  await page.getByLabel(e.questions.ask_label).fill('Why?'.repeat(126))
  await page.getByRole('button', { name: e.questions.ask_submit }).click()
  await expect(page).toHaveTitle(/^Error:/)
  await expect(page.getByRole('alert')).toContainText(e.questions.errors.too_long)
  await expect(page.getByLabel(e.questions.ask_label)).toHaveValue('Why?'.repeat(126))
  await page.getByLabel(e.questions.ask_label).fill('When will Roman Road market get more bins?')
  await page.getByRole('button', { name: e.questions.ask_submit }).click()
  await expect(page.getByText(e.questions.sent)).toBeVisible()
  await expect(page.locator('li').filter({ hasText: 'Roman Road market' })).toContainText(e.questions.yours_pending)
  const towpath = page.locator('[data-question]').filter({ hasText: 'canal towpath' })
  await expect(towpath.locator('[data-live-votes]')).toHaveText(votes(2))
  await towpath.getByRole('button', { name: e.questions.upvote }).click()
  await expect(page.getByText(e.questions.upvoted).first()).toBeVisible()
  await expect(towpath.locator('[data-live-votes]')).toHaveText(votes(3))
  await expect(towpath.getByRole('button', { name: e.questions.unvote })).toHaveAttribute('aria-pressed', 'true')
  await towpath.getByRole('button', { name: e.questions.unvote }).click()
  await expect(page.getByText(e.questions.unvoted).first()).toBeVisible()
  await expect(towpath.locator('[data-live-votes]')).toHaveText(votes(2))
  await context.close()
})

test("Ask the Mayor stays up to date without a reload: new questions, the order by upvotes and each question's state, on phones and the projector", async ({ browser }) => {
  test.setTimeout(150_000)
  const event = seedEvent({ ...MAYOR, item: undefined, questions: [{ text: 'Can the library open later?' }, { text: 'Will Bow get a youth club?', pending: true }] })
  const [library, youth] = event.questions

  const staffContext = await browser.newContext({ viewport: { width: 1024, height: 768 } })
  const staff = await staffContext.newPage()
  await signIn(staff, createUser('moderator'))
  const screen = await staffContext.newPage()
  await screen.setViewportSize({ width: 1280, height: 720 })
  await screen.goto(`/events/${event.code}/screen?lng=en`)
  await expect(screen.locator('[data-live-status]')).toHaveText(e.live.connected)
  await expect(screen.locator('.hys-queue__text')).toHaveText(['Can the library open later?'])

  const a = await phone(browser)
  await a.page.goto(`/events/${event.code}/questions`)
  const b = await phone(browser)
  await b.page.goto(`/events/${event.code}/questions`)
  for (const p of [a.page, b.page, screen]) {
    await expect(p.locator('[data-live-status]')).toHaveText(e.live.connected)
    await p.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))
  }
  const listed = (p: Page) => p.locator('[data-live-question-list] [data-question-text]')
  await expect(listed(a.page)).toHaveText(['Can the library open later?'])

  // A moderator approves the youth club question: it appears on the phones, with a working upvote button.
  await staff.goto(`/admin/events/${event.id}/moderation`)
  await staff.locator('section').filter({ hasText: 'youth club' }).getByRole('button', { name: e.moderation.approve }).click()
  await expect(staff.getByText(e.moderation.done_approve)).toBeVisible()
  await expect(listed(a.page)).toHaveText(['Can the library open later?', 'Will Bow get a youth club?'])
  const youthOnB = b.page.locator(`[data-question="${youth!.id}"]`)
  await youthOnB.getByRole('button', { name: e.questions.upvote }).click()
  await expect(youthOnB.locator('[data-upvote-message]')).toHaveText(e.questions.upvoted)
  await expect(youthOnB.getByRole('button', { name: e.questions.unvote })).toBeVisible()
  // The order follows the upvotes, everywhere.
  await expect(listed(a.page)).toHaveText(['Will Bow get a youth club?', 'Can the library open later?'])
  await expect(a.page.locator(`[data-question="${youth!.id}"] [data-live-votes]`)).toHaveText(votes(1))
  await expect(screen.locator('.hys-queue__text')).toHaveText(['Will Bow get a youth club?', 'Can the library open later?'])
  // Phone A votes for the other one; B's button state survives the reorder.
  await a.page.locator(`[data-question="${library!.id}"]`).getByRole('button', { name: e.questions.upvote }).click()
  await expect(a.page.locator(`[data-question="${library!.id}"] [data-live-votes]`)).toHaveText(votes(1))
  await expect(youthOnB.getByRole('button', { name: e.questions.unvote })).toHaveAttribute('aria-pressed', 'true')

  // Being answered, then answered: the tag moves, answered questions go below; the projector's queue empties.
  await staff.goto(`/admin/events/${event.id}/questions`)
  await staff.getByRole('region', { name: /youth club/ }).getByRole('button', { name: e.mayor.set_answering }).click()
  await expect(a.page.locator(`[data-question="${youth!.id}"] [data-question-answering]`)).toBeVisible()
  await expect(screen.locator('.hys-queue__item--answering')).toContainText('youth club')
  await staff.getByRole('region', { name: /youth club/ }).getByRole('button', { name: new RegExp(`^${e.mayor.set_answered}`) }).click()
  await expect(screen.locator('.hys-queue__text')).toHaveText(['Can the library open later?'])
  await expect(listed(a.page)).toHaveText(['Can the library open later?'])
  await expect(a.page.locator('[data-live-question-done] li')).toHaveText([`${e.questions.state.answered} Will Bow get a youth club? ${votes(1)}`])
  await staff.getByRole('region', { name: /library open later/ }).getByRole('button', { name: new RegExp(`^${e.mayor.set_answered}`) }).click()
  // The last waiting question answered: nothing left on the projector, and it says so.
  await expect(screen.locator('.hys-queue__item')).toHaveCount(0)
  await expect(screen.locator('.hys-queue__empty')).toHaveText(e.questions.none_yet)
  await expect(a.page.locator('[data-live-question-none]')).toHaveText(e.questions.none_waiting)
  await expect(a.page.locator('[data-live-question-list]')).toBeHidden()
  await expect(a.page.locator('[data-live-question-done] li')).toHaveCount(2)
  for (const p of [a.page, b.page, screen]) expect(await p.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)
  await a.context.close()
  await b.context.close()
  await staffContext.close()
})

test('phone-sized screenshots of the event page, Ask the Mayor and the projector, in English and Bengali', async ({ browser }) => {
  test.setTimeout(120_000)
  const event = seedEvent({
    ...MAYOR,
    questions: [
      { text: 'Will the canal towpath get lights?', upvotes: 7 },
      { text: 'Can the library on Roman Road open until 8pm?', upvotes: 3 },
      { text: 'What is the council doing about fly-tipping on Fairfield Road?', upvotes: 1 },
    ],
  })
  fs.mkdirSync(SHOTS, { recursive: true })
  const { context, page } = await phone(browser)
  // A few votes so the results show.
  for (const choice of ['Fairly safe', 'Not safe', 'Fairly safe']) {
    const voter = await phone(browser)
    await voter.page.goto(`/events/${event.code}`)
    await voter.page.getByLabel(choice, { exact: true }).check()
    await voter.page.getByRole('button', { name: e.vote.send }).click()
    await expect(voter.page.locator('[data-vote-message]')).toHaveText(e.vote_outcome.counted)
    await voter.context.close()
  }
  for (const [lng, messages] of [
    ['en', enEvents],
    ['bn', bnEvents],
  ] as const) {
    await page.goto(`/events/${event.code}?lng=${lng}`)
    await expect(page.locator('[data-live-status]')).toHaveText(messages.live.connected)
    await page.screenshot({ path: `${SHOTS}/event-participant-${lng}.png`, fullPage: true })
    await page.goto(`/events/${event.code}/questions?lng=${lng}`)
    await expect(page.locator('[data-live-status]')).toHaveText(messages.live.connected)
    await page.screenshot({ path: `${SHOTS}/event-questions-${lng}.png`, fullPage: true })
    await page.goto(`/events/${event.code}/screen?lng=${lng}`)
    await expect(page.locator('[data-live-status]')).toHaveText(messages.live.connected)
    await page.screenshot({ path: `${SHOTS}/event-projector-${lng}.png`, fullPage: true })
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.screenshot({ path: `${SHOTS}/event-projector-wide-${lng}.png` })
    await page.setViewportSize({ width: 360, height: 740 })
  }
  // The projector's counts are in each of the event's languages.
  await expect(page.locator('[data-live-total] [data-live-lang]')).toHaveCount(2)
  await context.close()
})
