import http from 'node:http'
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { scan as scanPage } from './axe.ts'
import bnEvents from '../../locales/bn/events.json' with { type: 'json' }
import enEvents from '../../locales/en/events.json' with { type: 'json' }
import { createUser, signIn } from './staff-helpers.ts'

// Live events, "votes in the room": a presenter, a projector and two phones in
// separate browser contexts (each its own device cookie). Votes reach the
// projector through Server-Sent Events without a reload; a phone without
// JavaScript votes with an ordinary form post; votes after closing, forged
// device cookies, floods and over-long text are refused with a clear message
// and never counted; a dropped stream reconnects and catches up.

const DEMO_POLL = 'DEMA47'
const e = enEvents

async function scan(page: Page, name: string) {
  // axe measures target sizes within the viewport: scanned from the top, as a page is first seen.
  await page.evaluate(() => window.scrollTo(0, 0))
  await scanPage(page, name)
}

function votes(n: number) {
  return n === 1 ? e.results.votes_one.replace('{{count}}', '1') : e.results.votes_other.replace('{{count}}', String(n))
}

/** The count shown for one option on the projector (its English line: the projector shows each event language). */
function optionCount(screen: Page, code: string) {
  return screen.locator(`[data-option="${code}"] [data-live-lang="en"] [data-live-count]`)
}

/** The projector's total, in English (a line follows in each other language of the event). */
function screenTotal(screen: Page, lang = 'en') {
  return screen.locator(`[data-live-total] [data-live-lang="${lang}"]`)
}

async function createPollEvent(page: Page, title: string) {
  await page.goto('/admin/events/new')
  await page.getByLabel(e.kinds.poll, { exact: true }).check()
  await page.getByLabel(e.form.title, { exact: true }).fill(title)
  const when = page.getByRole('group', { name: e.form.starts })
  await when.getByLabel(e.form.day).fill('14')
  await when.getByLabel(e.form.month).fill('11')
  await when.getByLabel(e.form.year).fill('2027')
  await when.getByLabel(e.form.time).fill('18:30')
  await page.getByLabel(e.form.venue).fill('Test hall, Poplar')
  await page.getByRole('button', { name: e.form.create }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  const code = ((await page.locator('.hys-join-code').first().textContent()) ?? '').replace(/\s/g, '')
  expect(code).toMatch(/^[A-Z0-9]{6}$/)
  return { code, manage: page.url().replace(/[?#].*$/, '') }
}

async function addItem(page: Page, manage: string, type: keyof typeof e.types, question: string, options: string[] = []) {
  await page.goto(`${manage}/items/new`)
  await page.getByLabel(e.types[type], { exact: true }).check()
  await page.getByLabel(e.item_form.question_in.replace('{{language}}', 'English')).fill(question)
  if (options.length) await page.getByLabel(e.item_form.options_in.replace('{{language}}', 'English')).fill(options.join('\n'))
  await page.getByRole('button', { name: e.item_form.save }).click()
  await expect(page.getByText(question, { exact: true })).toBeVisible()
}

async function phone(browser: Browser, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...options, viewport: { width: 360, height: 740 } })
  return { context, page: await context.newPage() }
}

/** Reads a Server-Sent Events stream for `ms` with plain node:http (it never ends by itself). */
function readStream(url: string, headers: Record<string, string>, ms: number): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk) => (body += chunk))
      setTimeout(() => {
        request.destroy()
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body })
      }, ms)
    })
    request.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)))
  })
}

test('a presenter runs a poll; votes from two phones appear on the projector without a reload', async ({ browser, baseURL, request }) => {
  test.setTimeout(180_000)
  const officer = createUser('officer')
  const presenterContext = await browser.newContext({ viewport: { width: 1024, height: 768 } })
  const presenter = await presenterContext.newPage()
  await signIn(presenter, officer)
  const { code, manage } = await createPollEvent(presenter, 'Transport in Poplar (test)')
  await addItem(presenter, manage, 'single', 'How do you get to work?', ['Bus', 'Train', 'Cycling'])
  await addItem(presenter, manage, 'text', 'One word for your high street?')

  await presenter.goto(`${manage}/present`)
  await presenter.getByRole('button', { name: e.present.open }).first().click()
  await presenter.getByRole('button', { name: e.present.reveal }).click()
  await expect(presenter.getByText(e.present.results_shown)).toBeVisible()

  // The projector, in its own tab, connected to the stream.
  const screen = await presenterContext.newPage()
  await screen.setViewportSize({ width: 1280, height: 720 })
  await screen.goto(`/events/${code}/screen`)
  await expect(screen.locator('[data-live-status]')).toHaveText(e.live.connected)
  await expect(screen.getByRole('heading', { level: 1 })).toContainText('How do you get to work?')
  await expect(screen.getByText(e.room.screen_note)).toBeVisible()
  await screen.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true))

  // Phone A joins with the code as typed (lower case, a space) and votes with JavaScript.
  const a = await phone(browser)
  await a.page.goto('/join')
  await a.page.getByLabel(e.join.title).fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`)
  await a.page.getByRole('button', { name: e.join.submit }).click()
  await expect(a.page).toHaveURL(new RegExp(`/events/${code}$`))
  await a.page.getByLabel('Train', { exact: true }).check()
  await a.page.getByRole('button', { name: e.vote.send }).click()
  await expect(a.page.locator('[data-vote-message]')).toHaveText(e.vote_outcome.counted)
  await expect(optionCount(screen, 'o2')).toHaveText(votes(1))
  await expect(screenTotal(screen)).toHaveText(votes(1))

  // Phone B has no JavaScript: the same vote with a plain form post and a page reload.
  const b = await phone(browser, { javaScriptEnabled: false })
  await b.page.goto(`/join/${code}`)
  await b.page.getByLabel('Train', { exact: true }).check()
  await b.page.getByRole('button', { name: e.vote.send }).click()
  await expect(b.page.getByText(e.vote_outcome.counted)).toBeVisible()
  await expect(optionCount(screen, 'o2')).toHaveText(votes(2))
  // B changes its mind: the change replaces the vote, it does not add one.
  await b.page.getByLabel('Bus', { exact: true }).check()
  await b.page.getByRole('button', { name: e.vote.change }).click()
  await expect(b.page.getByText(e.vote_outcome.changed)).toBeVisible()
  await expect(optionCount(screen, 'o1')).toHaveText(votes(1))
  await expect(optionCount(screen, 'o2')).toHaveText(votes(1))
  await expect(screenTotal(screen)).toHaveText(votes(2))
  // The projector never reloaded: every change came through the stream.
  expect(await screen.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true)

  // A dropped connection: the projector's stream is cut and cannot reconnect for a while; a vote is
  // cast meanwhile; once the network is back it reconnects (with the last event id) and catches up.
  await screen.route('**/stream**', (route) => route.abort('internetdisconnected'))
  await screen.evaluate(() => window.stop())
  await expect(screen.locator('[data-live-status]')).toHaveText(e.live.reconnecting)
  await a.page.getByLabel('Cycling', { exact: true }).check()
  await a.page.getByRole('button', { name: e.vote.change }).click()
  await expect(a.page.locator('[data-vote-message]')).toHaveText(e.vote_outcome.changed)
  await screen.waitForTimeout(1500)
  await expect(optionCount(screen, 'o3')).toHaveText(votes(0))
  await screen.unroute('**/stream**')
  await expect(optionCount(screen, 'o3')).toHaveText(votes(1), { timeout: 20_000 })
  await expect(optionCount(screen, 'o2')).toHaveText(votes(0))
  await expect(screen.locator('[data-live-status]')).toHaveText(e.live.connected)

  // Bad input from a phone: refused, with the message in the resident's language, never counted.
  const item = await a.page.locator('input[name="item"]').getAttribute('value')
  const origin = new URL(baseURL!).origin
  const flood = []
  // Phone A sends its current vote (Cycling) again and again: at most 30 a minute are accepted, none adds a vote.
  for (let i = 0; i < 32; i++) flood.push(await a.page.request.post(`/events/${code}/vote`, { form: { item: item!, round: '1', choice: 'o3' }, headers: { Origin: origin, Accept: 'application/json' } }))
  const refused = flood.filter((r) => r.status() === 429)
  expect(refused.length).toBeGreaterThan(0)
  expect((await refused[0]!.json()).message).toBe(e.vote_errors.too_many)
  const forged = await request.post(`/events/${code}/vote`, {
    form: { item: item!, round: '1', choice: 'o3' },
    headers: { Origin: origin, Accept: 'application/json', Cookie: 'hys_device=AAAAAAAAAAAAAAAAAAAAAA.not-our-signature' },
  })
  expect(forged.status()).toBe(403)
  expect((await forged.json()).message).toBe(e.vote_errors.bad_device)
  const bengali = await request.post(`/events/${code}/vote?lng=bn`, {
    form: { item: item!, round: '1', choice: 'o3' },
    headers: { Origin: origin, Accept: 'application/json', Cookie: 'hys_device=forged', 'Accept-Language': 'bn' },
  })
  expect((await bengali.json()).message).toMatch(/[\u0980-\u09FF]/)

  // Closing: the phones see it closed; a vote sent now is refused and the count does not move.
  await presenter.bringToFront()
  await presenter.reload()
  await presenter.getByRole('button', { name: e.present.close }).first().click()
  await expect(a.page.getByText(e.participant.closed)).toBeVisible({ timeout: 10_000 })
  const late = await b.context.request.post(`/events/${code}/vote`, { form: { item: item!, round: '1', choice: 'o3' }, headers: { Origin: origin, Accept: 'application/json' } })
  expect(late.status()).toBe(409)
  expect((await late.json()).message).toBe(e.vote_errors.closed)
  await expect(screenTotal(screen)).toHaveText(votes(2))
  await expect(optionCount(screen, 'o1')).toHaveText(votes(1))
  await expect(optionCount(screen, 'o3')).toHaveText(votes(1))

  // Open text: an answer over the limit is refused (and kept in the box, without JavaScript);
  // a good one waits for a moderator and is not on the screen yet.
  await presenter.getByRole('button', { name: e.present.next }).click()
  await expect(screen.getByRole('heading', { level: 1 })).toContainText('One word for your high street?', { timeout: 10_000 })
  await b.page.goto(`/events/${code}`)
  await b.page.getByRole('textbox').fill('x'.repeat(281))
  await b.page.getByRole('button', { name: e.vote.send_text }).click()
  await expect(b.page.getByRole('alert')).toContainText(e.vote_errors.text_too_long)
  await expect(b.page).toHaveTitle(/^Error:/)
  await b.page.getByRole('textbox').fill('Markets')
  await b.page.getByRole('button', { name: e.vote.send_text }).click()
  await expect(b.page.getByText(e.vote_outcome.held)).toBeVisible()
  await expect(screenTotal(screen)).toHaveText(e.results.answers_one.replace('{{count}}', '1'))
  await expect(screen.locator('[data-live-words]')).not.toContainText('markets')

  await a.context.close()
  await b.context.close()
  await presenterContext.close()
})

test('open text waits for a moderator: approved (edited) answers reach the projector live, blocked words are held back', async ({ browser }) => {
  test.setTimeout(150_000)
  const officerContext = await browser.newContext({ viewport: { width: 1024, height: 768 } })
  const officer = await officerContext.newPage()
  await signIn(officer, createUser('officer'))
  const { code, manage } = await createPollEvent(officer, 'High street words (test)')
  await addItem(officer, manage, 'text', 'What would bring you to the high street?')
  await officer.goto(`${manage}/present`)
  await officer.getByRole('button', { name: e.present.open }).first().click()
  await officer.getByRole('button', { name: e.present.reveal }).click()
  const screen = await officerContext.newPage()
  await screen.setViewportSize({ width: 1280, height: 720 })
  await screen.goto(`/events/${code}/screen`)
  await expect(screen.locator('[data-live-status]')).toHaveText(e.live.connected)

  const a = await phone(browser)
  await a.page.goto(`/join/${code}`)
  await a.page.getByRole('textbox').fill('Street food markets, call me on 07700 900123')
  await a.page.getByRole('button', { name: e.vote.send_text }).click()
  await expect(a.page.locator('[data-vote-message]')).toHaveText(e.vote_outcome.held)
  const b = await phone(browser)
  await b.page.goto(`/join/${code}`)
  await b.page.getByRole('textbox').fill('Get rid of the scum')
  await b.page.getByRole('button', { name: e.vote.send_text }).click()
  await expect(b.page.locator('[data-vote-message]')).toHaveText(e.vote_outcome.held)
  await expect(screenTotal(screen)).toHaveText(e.results.answers_other.replace('{{count}}', '2'))
  await expect(screen.locator('[data-live-words] li')).toHaveCount(0)

  const moderatorContext = await browser.newContext()
  const moderator = await moderatorContext.newPage()
  await signIn(moderator, createUser('moderator'))
  await moderator.goto('/admin/events')
  await moderator.getByRole('link', { name: 'High street words (test)' }).click()
  await expect(moderator.getByRole('heading', { level: 1 })).toHaveText(e.moderation.heading)
  const personal = moderator.locator('section').filter({ hasText: '07700 900123' })
  const blocked = moderator.locator('section').filter({ hasText: 'scum' })
  await expect(personal.getByText(e.moderation.held_personal_details)).toBeVisible()
  await expect(blocked.getByText(e.moderation.held_blocked_word)).toBeVisible()
  // Editing out the phone number, then approving: the screen shows the edited text, live.
  await personal.getByLabel(e.moderation.edit_label).fill('Street food markets')
  await personal.getByRole('button', { name: e.moderation.approve }).click()
  await expect(moderator.getByText(e.moderation.done_approve)).toBeVisible()
  await expect(screen.locator('[data-live-words]')).toContainText('markets')
  await expect(screen.locator('[data-live-answers]')).toContainText('Street food markets')
  await expect(screen.locator('[data-live-answers]')).not.toContainText('07700')
  await moderator.locator('section').filter({ hasText: 'scum' }).getByRole('button', { name: e.moderation.reject }).click()
  await expect(moderator.getByText(e.moderation.empty)).toBeVisible()
  await expect(screen.locator('[data-live-words]')).not.toContainText('scum')
  // An answer cannot be emptied instead of rejected.
  await a.page.reload()
  await a.page.getByRole('textbox').fill('Late opening')
  await a.page.getByRole('button', { name: e.vote.send_text }).click()
  await expect(a.page.locator('[data-vote-message]')).toHaveText(e.vote_outcome.held)
  await moderator.reload()
  await moderator.locator('section').filter({ hasText: 'Late opening' }).getByLabel(e.moderation.edit_label).fill('   ')
  await moderator.locator('section').filter({ hasText: 'Late opening' }).getByRole('button', { name: e.moderation.approve }).click()
  await expect(moderator.getByRole('alert')).toContainText(e.errors.edit_empty)
  await scan(moderator, 'moderation queue with an error')
  await moderator.goto('/admin/events/blocked-words')
  await expect(moderator.getByRole('cell', { name: 'scum', exact: true })).toBeVisible()
  await scan(moderator, 'blocked words')
  await a.context.close()
  await b.context.close()
  await moderatorContext.close()
  await officerContext.close()
})

test('Ask the Mayor: questions are moderated, upvoted once per phone, ordered by votes, answered on screen and in writing', async ({ browser }) => {
  test.setTimeout(150_000)
  const MAYOR = 'MAYR47'
  const a = await phone(browser)
  await a.page.goto(`/join/${MAYOR}`)
  await a.page.getByRole('link', { name: e.participant.questions_link }).click()
  await scan(a.page, 'questions')
  await a.page.getByLabel(e.questions.ask_label).fill('x'.repeat(501))
  await a.page.getByRole('button', { name: e.questions.ask_submit }).click()
  await expect(a.page.getByRole('alert')).toContainText(e.questions.errors.too_long)
  await a.page.getByLabel(e.questions.ask_label).fill('Will the Idea Store open on Sundays?')
  await a.page.getByRole('button', { name: e.questions.ask_submit }).click()
  await expect(a.page.getByText(e.questions.sent)).toBeVisible()
  await expect(a.page.getByText(e.questions.yours_pending)).toBeVisible()

  const staffContext = await browser.newContext({ viewport: { width: 1024, height: 768 } })
  const staff = await staffContext.newPage()
  await signIn(staff, createUser('moderator'))
  await staff.goto('/admin/events')
  await staff.getByRole('link', { name: 'Ask the Mayor: Whitechapel (demo)' }).click()
  const entry = staff.locator('section').filter({ hasText: 'Idea Store open on Sundays' })
  await entry.getByLabel(e.moderation.cta_label).selectOption('CTA4')
  await entry.getByRole('button', { name: e.moderation.approve }).click()
  await expect(staff.getByText(e.moderation.done_approve)).toBeVisible()

  // Two phones upvote it; one of them twice (a replayed request): it counts two.
  await a.page.reload()
  const question = a.page.locator('[data-question]').filter({ hasText: 'Idea Store open on Sundays' })
  await expect(question.locator('[data-live-votes]')).toHaveText(votes(0))
  await question.getByRole('button', { name: e.questions.upvote }).click()
  await expect(question.locator('[data-live-votes]')).toHaveText(votes(1))
  const replay = await a.page.request.post(`/events/${MAYOR}/upvote`, {
    form: { intent: 'upvote', question: (await question.getAttribute('data-question'))! },
    headers: { Origin: new URL(a.page.url()).origin, Accept: 'application/json' },
  })
  expect((await replay.json()).votes).toBe(1)
  const b = await phone(browser, { javaScriptEnabled: false })
  await b.page.goto(`/events/${MAYOR}/questions`)
  await b.page.locator('[data-question]').filter({ hasText: 'Idea Store open on Sundays' }).getByRole('button', { name: e.questions.upvote }).click()
  await expect(b.page.getByText(e.questions.upvoted).first()).toBeVisible()
  await expect(b.page.locator('[data-question]').filter({ hasText: 'Idea Store open on Sundays' }).locator('[data-live-votes]')).toHaveText(votes(2))

  // The queue orders by votes; the question being answered goes to the top of the screen.
  const screen = await staffContext.newPage()
  await screen.goto(`/events/${MAYOR}/screen?lng=en`)
  await expect(screen.locator('[data-live-status]')).toHaveText(e.live.connected)
  const texts = await screen.locator('.hys-queue__text').allTextContents()
  expect(texts[0]).toContain('damp')
  await staff.goto(staff.url().replace(/moderation.*$/, 'questions'))
  // Each card is a region named by its question (other cards name it too, in their merge lists).
  await staff.getByRole('region', { name: /Idea Store open on Sundays/ }).getByRole('button', { name: e.mayor.set_answering }).click()
  await expect(screen.locator('.hys-queue__item--answering')).toContainText('Idea Store open on Sundays')
  await expect(screen.locator('.hys-queue__item').first()).toContainText('Idea Store open on Sundays')
  await scan(staff, 'Ask the Mayor queue')
  // Afterwards: a written answer, published on the event's public page.
  const card = staff.getByRole('region', { name: /Idea Store open on Sundays/ })
  await card.getByLabel(e.mayor.answer_label).fill('Yes: from next spring, 11am to 5pm.')
  await card.getByRole('button', { name: e.mayor.publish }).click()
  await a.page.goto(`/events/${MAYOR}/answers`)
  await expect(a.page.locator('section').filter({ hasText: 'Idea Store open on Sundays' })).toContainText('Yes: from next spring, 11am to 5pm.')
  await expect(a.page.getByText(e.room.note)).toBeVisible()
  await scan(a.page, 'written answers')
  await a.context.close()
  await b.context.close()
  await staffContext.close()
})

test('a congress: facilitators record at their tables, commitments go to a live vote, agreed ones form the public charter', async ({ browser }) => {
  test.setTimeout(180_000)
  const officerContext = await browser.newContext({ viewport: { width: 1024, height: 768 } })
  const officer = await officerContext.newPage()
  await signIn(officer, createUser('officer'))
  await officer.goto('/admin/events/new')
  await officer.getByLabel(e.kinds.congress, { exact: true }).check()
  await officer.getByLabel(e.form.title, { exact: true }).fill('Congress on good work (test)')
  const when = officer.getByRole('group', { name: e.form.starts })
  await when.getByLabel(e.form.day).fill('20')
  await when.getByLabel(e.form.month).fill('5')
  await when.getByLabel(e.form.year).fill('2027')
  await when.getByLabel(e.form.time).fill('10:00')
  await officer.getByLabel(e.form.venue).fill('Test town hall')
  await officer.getByRole('button', { name: e.form.create }).click()
  await expect(officer.getByRole('alert')).toContainText(e.errors.theme_required)
  await officer.getByLabel(e.form.theme, { exact: true }).fill('Good work and fair pay')
  await officer.getByRole('button', { name: e.form.create }).click()
  await expect(officer.getByRole('heading', { level: 1 })).toHaveText('Congress on good work (test)')
  const code = ((await officer.locator('.hys-join-code').first().textContent()) ?? '').replace(/\s/g, '')
  await officer.getByRole('link', { name: e.manage.congress_link }).click()
  await officer.getByLabel(e.congress.table_name).fill('Apprenticeships')
  await officer.getByLabel(e.congress.facilitator, { exact: true }).fill('Test facilitator')
  await officer.getByLabel(e.congress.cta).selectOption('CTA4')
  await officer.getByRole('button', { name: e.congress.add_table }).click()
  await expect(officer.getByRole('heading', { name: 'Apprenticeships' })).toBeVisible()
  const link = (await officer.locator('a[href*="/facilitate/"]').first().getAttribute('href'))!

  // The facilitator's tablet: no account, the table's own link.
  const tabletContext = await browser.newContext({ viewport: { width: 800, height: 1280 } })
  const tablet = await tabletContext.newPage()
  await tablet.goto(link)
  await expect(tablet.getByRole('heading', { level: 1 })).toContainText('Apprenticeships')
  await scan(tablet, 'facilitator tablet')
  await tablet.getByLabel(e.facilitate.issue_label).fill('Few apprenticeships reach local young people')
  await tablet.getByRole('button', { name: e.facilitate.add_issue }).click()
  await expect(tablet.getByRole('heading', { name: e.facilitate.saved })).toBeVisible()
  await tablet.getByLabel(e.facilitate.commitment_label).fill('Every partner offers apprenticeships to local young people first')
  await tablet.getByRole('button', { name: e.facilitate.add_commitment }).click()
  await expect(tablet.getByText('Every partner offers apprenticeships')).toBeVisible()
  const bad = await tabletContext.request.get(link.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')))
  expect(bad.status()).toBe(404)

  // Plenary: the commitment goes to a live vote; two phones vote.
  await officer.reload()
  await expect(officer.getByText('Few apprenticeships reach local young people')).toBeVisible()
  await officer.getByRole('button', { name: e.congress.put_to_vote }).click()
  const screen = await officerContext.newPage()
  await screen.goto(`/events/${code}/screen?lng=en`)
  await expect(screen.getByRole('heading', { level: 1 })).toContainText('Every partner offers apprenticeships')
  await expect(screen.getByText(e.commitment_vote.caption).first()).toBeVisible()
  for (const choice of [e.commitment_vote.support, e.commitment_vote.support, e.commitment_vote.oppose]) {
    const p = await phone(browser)
    await p.page.goto(`/join/${code}`)
    await p.page.getByLabel(choice, { exact: true }).check()
    await p.page.getByRole('button', { name: e.vote.send }).click()
    await expect(p.page.locator('[data-vote-message]')).toHaveText(e.vote_outcome.counted)
    await p.context.close()
  }
  await expect(screenTotal(screen)).toHaveText(votes(3))
  // The same total in Bengali, kept up to date by the page's script too.
  await expect(screenTotal(screen, 'bn')).toHaveText(bnEvents.results.votes_other.replace('{{count}}', new Intl.NumberFormat('bn-BD').format(3)))
  await officer.reload()
  await expect(officer.getByText(e.congress.tally.replace('{{support}}', '2').replace('{{oppose}}', '1').replace('{{abstain}}', '0'))).toBeVisible()
  await officer.getByRole('button', { name: e.congress.agree }).click()
  const entry = officer.locator('form[id^="charter-"]')
  await entry.getByLabel(e.congress.owners).fill('Tower Hamlets Council\nEast London Business Alliance')
  await entry.getByLabel(e.congress.status).selectOption('in_progress')
  await entry.getByRole('button', { name: e.congress.update }).click()
  await scan(officer, 'congress')

  const charter = await tabletContext.newPage()
  await charter.goto(`/events/${code}/charter`)
  const item = charter.locator('li').filter({ hasText: 'Every partner offers apprenticeships' })
  await expect(item).toContainText(e.charter_status.in_progress)
  await expect(item).toContainText('Tower Hamlets Council, East London Business Alliance')
  await expect(item).toContainText(e.charter.votes.replace('{{support}}', '2').replace('{{oppose}}', '1').replace('{{abstain}}', '0'))
  await scan(charter, 'charter')
  await charter.goto('/events/CTA347/charter')
  await expect(charter.getByText(e.summary.synthetic)).toBeVisible()
  await expect(charter.locator('li').filter({ hasText: 'hate crime reporting' })).toContainText(e.charter_status.done)
  await tabletContext.close()
  await officerContext.close()
})

test('a presenter edits, reorders and removes prepared questions; one with votes can only be reworded', async ({ browser }) => {
  test.setTimeout(120_000)
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const page = await context.newPage()
  await signIn(page, createUser('officer'))
  const { code, manage } = await createPollEvent(page, 'Market days (test)')
  await addItem(page, manage, 'single', 'Which day for the market?', ['Saturday', 'Sunday'])
  await addItem(page, manage, 'single', 'Which street?', ['Chrisp Street', 'Roman Road'])
  const questions = page.locator('.hys-item-list > li')
  // A control's name: its label, then the question it is for (visually hidden, after a space).
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const named = (label: string, question: string) => new RegExp(`^${escape(label)}\\s*: ${escape(question)}$`)

  // A draft: any change, here a reworded question and a third option.
  await page.getByRole('link', { name: named(e.manage.edit, 'Which day for the market?') }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(e.item_form.edit_title)
  await expect(page.locator('[data-item-locked]')).toHaveCount(0)
  await scan(page, 'edit a draft question')
  await page.getByLabel(e.item_form.question_in.replace('{{language}}', 'English')).fill('Which days for the market?')
  await page.getByLabel(e.item_form.options_in.replace('{{language}}', 'English')).fill('Friday\nSaturday\nSunday')
  await page.getByRole('button', { name: e.item_form.save_changes }).click()
  await expect(questions.first()).toContainText('Which days for the market?')

  // Reorder, then remove a draft.
  await page.getByRole('button', { name: named(e.manage.move_up, 'Which street?') }).click()
  await expect(questions.first()).toContainText('Which street?')
  await page.getByRole('link', { name: named(e.manage.edit, 'Which street?') }).click()
  await page.getByRole('button', { name: e.item_form.remove }).click()
  await expect(questions).toHaveCount(1)
  await expect(page.getByText('Which street?')).toHaveCount(0)

  // Opened and voted on: the page says what can still change, and refuses more.
  await page.goto(`${manage}/present`)
  await page.getByRole('button', { name: e.present.open }).first().click()
  const voter = await phone(browser)
  await voter.page.goto(`/join/${code}`)
  await voter.page.getByLabel('Friday', { exact: true }).check()
  await voter.page.getByRole('button', { name: e.vote.send }).click()
  await expect(voter.page.locator('[data-vote-message]')).toHaveText(e.vote_outcome.counted)
  await page.goto(manage)
  await page.getByRole('link', { name: named(e.manage.edit, 'Which days for the market?') }).click()
  await expect(page.locator('[data-item-locked]')).toHaveText(e.item_form.locked)
  await expect(page.getByRole('button', { name: e.item_form.remove })).toHaveCount(0)
  await scan(page, 'edit a question with votes')
  await page.getByLabel(e.item_form.options_in.replace('{{language}}', 'English')).fill('Friday\nSaturday')
  await page.getByRole('button', { name: e.item_form.save_changes }).click()
  await expect(page).toHaveTitle(/^Error:/)
  await expect(page.getByRole('alert')).toContainText(e.errors.item_locked_options)
  await scan(page, 'edit a question with votes, refused')
  await page.getByLabel(e.item_form.options_in.replace('{{language}}', 'English')).fill('Friday (late)\nSaturday\nSunday')
  await page.getByRole('button', { name: e.item_form.save_changes }).click()
  await expect(questions.first()).toContainText(votes(1))
  // The vote still counts for the same option, now reworded.
  await voter.page.reload()
  await expect(voter.page.getByLabel('Friday (late)', { exact: true })).toBeChecked()
  await voter.context.close()
  await context.close()
})

test('staff roles: officers run events, moderators moderate, analysts have no access', async ({ browser }) => {
  test.setTimeout(90_000)
  const status = async (role: 'analyst' | 'moderator' | 'officer', paths: string[]) => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await signIn(page, createUser(role))
    const out: Record<string, number> = {}
    for (const path of paths) out[path] = (await page.request.get(path, { maxRedirects: 0 })).status()
    await context.close()
    return out
  }
  const paths = ['/admin/events', '/admin/events/new', '/admin/events/blocked-words']
  const analyst = await status('analyst', paths)
  expect(analyst).toEqual({ '/admin/events': 403, '/admin/events/new': 403, '/admin/events/blocked-words': 403 })
  const moderator = await status('moderator', paths)
  expect(moderator).toEqual({ '/admin/events': 200, '/admin/events/new': 403, '/admin/events/blocked-words': 200 })
  const officer = await status('officer', paths)
  expect(officer).toEqual({ '/admin/events': 200, '/admin/events/new': 200, '/admin/events/blocked-words': 200 })
})

test('a stream that reconnects with Last-Event-ID catches up from the database, or waits when it is current', async ({ baseURL }) => {
  const url = `${baseURL}/events/${DEMO_POLL}/stream`
  const fresh = await readStream(url, {}, 1500)
  expect(fresh.status).toBe(200)
  expect(fresh.headers['content-type']).toMatch(/^text\/event-stream/)
  expect(fresh.headers['content-encoding']).toBeUndefined()
  expect(fresh.body).toMatch(/^retry: \d+/m)
  const id = /^id: (\d+)$/m.exec(fresh.body)?.[1]
  expect(id).toBeTruthy()
  const data = JSON.parse(/^data: (.*)$/m.exec(fresh.body)![1]!)
  expect(data.item.total).toBeGreaterThan(0)
  const current = await readStream(url, { 'Last-Event-ID': id! }, 1500)
  expect(current.body).not.toMatch(/^data:/m)
  const behind = await readStream(url, { 'Last-Event-ID': String(Number(id) - 1) }, 1500)
  expect(behind.body).toMatch(new RegExp(`^id: ${id}$`, 'm'))
  const presenter = await readStream(`${url}?view=presenter`, {}, 500)
  expect(presenter.status).toBe(302)
  const unknown = await readStream(`${baseURL}/events/ACDEFH/stream`, {}, 500)
  expect(unknown.status).toBe(404)
})

test('a join code that does not exist is refused with a clear message', async ({ page }) => {
  await page.goto('/join/ACDEFH')
  await expect(page.getByRole('alert')).toContainText(e.join.errors.code_unknown.replace('{{code}}', 'ACDEFH'))
  await page.goto('/join?code=hello&lng=ur')
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
  await expect(page.getByRole('alert')).toBeVisible()
})

test('join, vote and projector pages have no WCAG 2.2 AA violations', async ({ browser }) => {
  test.setTimeout(120_000)
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/join')
  await scan(page, 'join')
  await page.getByRole('button', { name: e.join.submit }).click()
  await scan(page, 'join with an error')
  await page.goto(`/events/${DEMO_POLL}`)
  await expect(page.getByRole('button', { name: e.vote.send })).toBeVisible()
  await scan(page, 'vote')
  await page.getByRole('button', { name: e.vote.send }).click()
  await expect(page.locator('[data-vote-message]')).toHaveText(e.vote_errors.choose_one)
  await scan(page, 'vote with an error')
  await page.goto(`/events/${DEMO_POLL}?lng=ur`)
  await scan(page, 'vote in Urdu (right to left)')
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.goto(`/events/${DEMO_POLL}/screen?lng=en`)
  await expect(page.locator('[data-live-status]')).toHaveText(e.live.connected)
  await scan(page, 'projector')
  await context.close()
})
