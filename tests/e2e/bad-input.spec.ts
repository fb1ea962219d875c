import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test'
import {
  CLOSED_SLUG,
  OTHER_SURVEY_KEY,
  REFERENCE_PATTERN,
  base,
  decodeHtml,
  errorSummaryLinks,
  escapeRegExp,
  h1Of,
  locationOf,
  originOf,
  postForm,
  qPath,
  questionHeading,
  t,
  titleOf,
  type Lng,
} from './helpers.ts'

// What the server does with input a browser form would never send: made-up
// codes, oversized text, out-of-range numbers, wrong addresses, cross-site
// posts and double submits. Plain HTTP, as a script or an attacker would send it.

let origin = ''
test.beforeEach(({}, testInfo) => {
  origin = originOf(testInfo)
})

async function get(request: APIRequestContext, url: string): Promise<APIResponse> {
  const response = await request.get(url, { maxRedirects: 0 })
  expect(response.status(), `GET ${url} must never be a server error`).toBeLessThan(500)
  return response
}

async function post(request: APIRequestContext, url: string, fields: [string, string][] | Record<string, string> = {}) {
  return postForm(request, url, fields, { origin })
}

/** A 400 page in the GOV.UK error pattern: "Error:" title, a summary linking to the field, the message by the field. */
async function expectValidationError(response: APIResponse, { href, text, lng = 'en' }: { href: string; text: string; lng?: Lng }) {
  expect(response.status()).toBe(400)
  const html = await response.text()
  expect(titleOf(html).startsWith(`${t(lng, 'common', 'error_prefix')} `), `title "${titleOf(html)}" starts with the error prefix`).toBe(true)
  expect(html).toContain('class="govuk-error-summary"')
  expect(decodeHtml(html)).toContain(t(lng, 'common', 'error_summary_title'))
  expect(errorSummaryLinks(html)).toEqual([[href, text]])
  const message = /<p id="[^"]*-error" class="govuk-error-message">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? ''
  expect(decodeHtml(message.replace(/<[^>]+>/g, ''))).toContain(text)
  return html
}

async function expectNotFoundPage(response: APIResponse) {
  expect(response.status()).toBe(404)
  const html = await response.text()
  expect(h1Of(html)).toBe(t('en', 'common', 'errors.not_found_title'))
  expect(html).toContain(t('en', 'common', 'errors.not_found_title'))
}

/** A draft with every required question answered, held by this request context's cookies. */
async function answerRequired(request: APIRequestContext) {
  const steps: [string, [string, string][]][] = [
    ['connection', [['answer', '1_5'], ['intent', 'continue']]],
    ['priorities', [['rank-1', 'safe_homes'], ['rank-2', 'work_income'], ['intent', 'continue']]],
    ['safe_day', [['answer', 'agree'], ['intent', 'continue']]],
  ]
  for (const [key, fields] of steps) {
    const response = await post(request, qPath(key), fields)
    expect(response.status(), `answering ${key}`).toBe(302)
  }
}

test('cross-site posts are refused with 403 and change nothing', async ({ request }) => {
  const evil = await postForm(request, qPath('connection'), { answer: '1_5', intent: 'continue' }, { origin: 'http://evil.example' })
  expect(evil.status()).toBe(403)
  expect(evil.headers()['set-cookie'] ?? '').not.toContain('hys_session')

  // No Origin, but a cross-site Referer: refused too.
  const viaReferer = await request.post(qPath('connection'), {
    form: { answer: '1_5', intent: 'continue' },
    headers: { Referer: 'http://evil.example/page' },
    maxRedirects: 0,
  })
  expect(viaReferer.status()).toBe(403)

  // Nothing was saved: the start page offers no draft to continue.
  const start = await get(request, base)
  expect(start.status()).toBe(200)
  expect(decodeHtml(await start.text())).not.toContain(t('en', 'common', 'start.continue_draft_link'))

  // The same post from this site is accepted.
  const same = await post(request, qPath('connection'), { answer: '1_5', intent: 'continue' })
  expect(same.status()).toBe(302)
  expect(locationOf(same)).toBe(qPath('ward'))

  // Submitting a response from another site is refused as well.
  const submit = await postForm(request, `${base}/check`, {}, { origin: 'http://evil.example' })
  expect(submit.status()).toBe(403)
})

test('an option code that is not offered is a 400 with an error summary', async ({ request }) => {
  const invalid = t('en', 'survey', 'errors.invalid_option')
  await expectValidationError(await post(request, qPath('connection'), { answer: 'lives_on_the_moon', intent: 'continue' }), { href: '#answer-1', text: invalid })
  await expectValidationError(await post(request, qPath('safe_day'), { answer: 'very_much' }), { href: '#answer-1', text: invalid })
  await expectValidationError(await post(request, qPath('wellbeing'), [['answer', 'housing'], ['answer', 'aliens']]), { href: '#answer-1', text: invalid })
  await expectValidationError(await post(request, qPath('priorities'), { 'rank-1': 'safe_homes', 'rank-2': 'free_cake' }), { href: '#rank-2', text: invalid })
  // Two answers to a one-answer question.
  await expectValidationError(await post(request, qPath('needed_help'), [['answer', 'yes'], ['answer', 'no']]), {
    href: '#answer-1',
    text: t('en', 'survey', 'errors.choose_one'),
  })
  // An exclusive option with another one.
  await expectValidationError(await post(request, qPath('wellbeing'), [['answer', 'housing'], ['answer', 'none']]), {
    href: '#answer-1',
    text: t('en', 'survey', 'errors.exclusive_option'),
  })
  // The same choice twice in a ranking.
  await expectValidationError(await post(request, qPath('priorities'), { 'rank-1': 'safe_homes', 'rank-2': 'safe_homes' }), {
    href: '#rank-2',
    text: t('en', 'survey', 'errors.rank_duplicate'),
  })
  // None of these created a draft.
  expect(decodeHtml(await (await get(request, base)).text())).not.toContain(t('en', 'common', 'start.continue_draft_link'))

  // The ward question is asked only once the resident says they live here; then a made-up ward is refused too.
  expect((await post(request, qPath('connection'), { answer: 'over_10', intent: 'continue' })).status()).toBe(302)
  await expectValidationError(await post(request, qPath('ward'), { answer: 'E05999999' }), { href: '#answer', text: invalid })
})

test('a tampered option in the browser form is refused and shown as an error', async ({ page }) => {
  await page.goto(qPath('connection'))
  await page.getByRole('radio').first().evaluate((input: HTMLInputElement) => {
    input.value = 'tampered'
    input.checked = true
  })
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(qPath('connection'))),
    page.getByRole('button', { name: t('en', 'survey', 'continue'), exact: true }).click(),
  ])
  expect(response.status()).toBe(400)
  await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(t('en', 'common', 'error_prefix'))}`))
  await expect(page.locator('.govuk-error-summary').getByRole('link', { name: t('en', 'survey', 'errors.invalid_option'), exact: true })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: questionHeading('connection'), exact: true })).toBeVisible()
})

test('text over 500 characters is a 400, and the text is kept', async ({ request }) => {
  const tooLong = t('en', 'survey', 'errors.too_long', { max: 500 })
  const longText = `${'Safer streets. '.repeat(33)}abcdef` // 501 characters
  expect([...longText].length).toBe(501)
  const html = await expectValidationError(await post(request, qPath('one_change'), { answer: longText, intent: 'continue' }), { href: '#answer', text: tooLong })
  expect(decodeHtml(html)).toContain(longText)

  // Characters, not bytes: 501 Bengali letters are too many, 500 are fine.
  await expectValidationError(await post(request, qPath('one_change'), { answer: 'আ'.repeat(501) }), { href: '#answer', text: tooLong })
  const bengali = await post(request, qPath('one_change'), { answer: 'আ'.repeat(500), intent: 'continue' })
  expect(bengali.status()).toBe(302)
  expect(locationOf(bengali)).toBe(`${base}/check`)
  // Exactly 500 is allowed.
  const fits = await post(request, qPath('one_change'), { answer: longText.slice(0, 500), intent: 'continue' })
  expect(fits.status()).toBe(302)
})

test('a number out of range or not whole is a 400', async ({ request }) => {
  const range = t('en', 'survey', 'errors.number_range', { min: 0, max: 20 })
  const whole = t('en', 'survey', 'errors.whole_number')
  const html = await expectValidationError(await post(request, qPath('children'), { answer: '99', intent: 'continue' }), { href: '#answer', text: range })
  expect(html).toMatch(/<input[^>]*id="answer"[^>]*value="99"/)
  await expectValidationError(await post(request, qPath('children'), { answer: '-1' }), { href: '#answer', text: range })
  await expectValidationError(await post(request, qPath('children'), { answer: '21' }), { href: '#answer', text: range })
  await expectValidationError(await post(request, qPath('children'), { answer: '2.5' }), { href: '#answer', text: whole })
  await expectValidationError(await post(request, qPath('children'), { answer: 'two' }), { href: '#answer', text: whole })
  await expectValidationError(await post(request, qPath('children'), { answer: '99999999999999999999' }), { href: '#answer', text: whole })
  for (const ok of ['0', '20']) {
    const response = await post(request, qPath('children'), { answer: ok, intent: 'continue' })
    expect(response.status(), `children = ${ok}`).toBe(302)
    expect(locationOf(response)).toBe(qPath('one_change'))
  }
})

test('answers already saved stay intact after tampered and bad posts, on Continue and on Save', async ({ request }) => {
  await answerRequired(request)
  const more: [string, [string, string][]][] = [
    ['wellbeing', [['answer', 'housing'], ['answer', 'loneliness'], ['intent', 'continue']]],
    ['children', [['answer', '3'], ['intent', 'continue']]],
    ['one_change', [['answer', 'Keep the library open late'], ['intent', 'continue']]],
  ]
  for (const [key, fields] of more) expect((await post(request, qPath(key), fields)).status(), `answering ${key}`).toBe(302)

  // What "Check your answers" shows is what is stored.
  const answersShown = async () => {
    const check = await get(request, `${base}/check`)
    expect(check.status()).toBe(200)
    return decodeHtml(/<dl class="govuk-summary-list[\s\S]*?<\/dl>/.exec(await check.text())?.[0] ?? '')
  }
  const before = await answersShown()
  expect(before).toContain('Keep the library open late')

  const attacks: [string, [string, string][], number][] = []
  for (const intent of ['continue', 'save']) {
    attacks.push(
      [qPath('connection'), [['answer', 'lives_on_the_moon'], ['intent', intent]], 400],
      [qPath('connection'), [['answer', '1_5'], ['answer', 'over_10'], ['intent', intent]], 400],
      [qPath('priorities'), [['rank-1', 'safe_homes'], ['rank-2', 'safe_homes'], ['intent', intent]], 400],
      [qPath('priorities'), [['rank-2', 'safe_homes'], ['intent', intent]], 400],
      [qPath('safe_day'), [['answer', 'very_much'], ['intent', intent]], 400],
      [qPath('wellbeing'), [['answer', 'housing'], ['answer', 'none'], ['intent', intent]], 400],
      [qPath('children'), [['answer', '99'], ['intent', intent]], 400],
      [qPath('children'), [['answer', 'two'], ['intent', intent]], 400],
      [qPath('one_change'), [['answer', 'x'.repeat(501)], ['intent', intent]], 400],
      [qPath(OTHER_SURVEY_KEY), [['answer', 'More police on the streets'], ['intent', intent]], 404],
      [`/c/${CLOSED_SLUG}/q/${OTHER_SURVEY_KEY}`, [['answer', 'More police on the streets'], ['intent', intent]], 410],
    )
  }
  for (const [url, fields, status] of attacks) {
    const response = await post(request, url, fields)
    expect(response.status(), `${url} ${JSON.stringify(fields).slice(0, 80)}`).toBe(status)
  }
  expect(await answersShown()).toBe(before)
})

test('a question key from another survey is a 404 page', async ({ request }) => {
  await expectNotFoundPage(await get(request, qPath(OTHER_SURVEY_KEY)))
  await expectNotFoundPage(await post(request, qPath(OTHER_SURVEY_KEY), { answer: 'More police on the streets', intent: 'continue' }))
  await expectNotFoundPage(await get(request, qPath('not_a_question')))
})

test('an unknown consultation is a 404 page', async ({ request, page }) => {
  await expectNotFoundPage(await get(request, '/c/nope'))
  await expectNotFoundPage(await get(request, '/c/nope/q/connection'))
  await expectNotFoundPage(await post(request, '/c/nope/q/connection', { answer: '1_5' }))
  await expectNotFoundPage(await get(request, '/no/such/page'))

  // In the browser: the translated page inside the layout.
  const response = await page.goto('/c/nope?lng=bn')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: t('bn', 'common', 'errors.not_found_title'), exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: t('bn', 'common', 'home_link'), exact: true })).toBeVisible()
})

test('the closed consultation refuses answers with 410', async ({ request, page }) => {
  const closedQuestion = `/c/${CLOSED_SLUG}/q/${OTHER_SURVEY_KEY}`
  const closedTitle = t('en', 'common', 'errors.closed_title')
  const viewed = await get(request, closedQuestion)
  expect(viewed.status()).toBe(410)
  expect(h1Of(await viewed.text())).toBe(closedTitle)

  const answered = await post(request, closedQuestion, { answer: 'More police on the streets', intent: 'continue' })
  expect(answered.status()).toBe(410)
  expect(h1Of(await answered.text())).toBe(closedTitle)

  const submitted = await post(request, `/c/${CLOSED_SLUG}/check`)
  expect(submitted.status()).toBe(410)

  // Its start page still explains it, without a way in.
  const start = await page.goto(`/c/${CLOSED_SLUG}`)
  expect(start?.status()).toBe(200)
  await expect(page.getByRole('button', { name: t('en', 'common', 'start.start_now') })).toHaveCount(0)
  const [beforeDate, afterDate] = t('en', 'common', 'errors.closed_body', { date: '\u0000' }).split('\u0000')
  await expect(page.locator('.govuk-inset-text')).toContainText(beforeDate!.trim())
  await expect(page.locator('.govuk-inset-text')).toContainText(afterDate!.trim())

  const inBrowser = await page.goto(closedQuestion)
  expect(inBrowser?.status()).toBe(410)
  await expect(page.getByRole('heading', { level: 1, name: closedTitle, exact: true })).toBeVisible()
})

test('a wrong resume code is a 400 with the message in the resident language', async ({ request }) => {
  for (const lng of ['en', 'bn', 'ur'] as const) {
    const response = await post(request, `/resume?lng=${lng}`, { code: 'ZZZZ-ZZZZ-ZZ' })
    const html = await expectValidationError(response, { href: '#code', text: t(lng, 'survey', 'errors.resume_invalid'), lng })
    expect(html).toContain(`<html lang="${lng}"`)
    // What was typed is kept.
    expect(html).toMatch(/<input[^>]*id="code"[^>]*value="ZZZZ-ZZZZ-ZZ"/)
  }
  await expectValidationError(await post(request, '/resume?lng=en', { code: 'not a code at all' }), { href: '#code', text: t('en', 'survey', 'errors.resume_invalid') })
  await expectValidationError(await post(request, '/resume?lng=en', { code: '   ' }), { href: '#code', text: t('en', 'survey', 'errors.resume_required') })
  await expectValidationError(await post(request, '/resume?lng=en', { code: 'X'.repeat(5000) }), { href: '#code', text: t('en', 'survey', 'errors.resume_invalid') })
})

test('an expired resume code is a 400 with the translated "expired" message, and the draft is gone', async ({ request }) => {
  const saved = await post(request, qPath('connection'), { answer: '1_5', intent: 'save' })
  expect(saved.status()).toBe(302)
  expect(locationOf(saved)).toMatch(/\/saved$/)
  const page = await get(request, `${base}/saved`)
  const code = /data-testid="resume-code"[^>]*>([^<]+)</.exec(await page.text())?.[1]?.trim() ?? ''
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/)
  // The draft's expiry date passes (the server's file: it stores only the code's SHA-256).
  const db = new Database('tests/.tmp/e2e.db')
  try {
    db.pragma('busy_timeout = 5000')
    const hash = crypto.createHash('sha256').update(code).digest('hex')
    expect(db.prepare('update response set expires_at = ? where resume_code_hash = ?').run(Date.now() - 1000, hash).changes).toBe(1)
  } finally {
    db.close()
  }
  const html = await expectValidationError(await post(request, '/resume?lng=bn', { code }), { href: '#code', text: t('bn', 'survey', 'errors.resume_expired'), lng: 'bn' })
  expect(html).toContain('<html lang="bn"')
  // The expired draft and its answers were deleted: the code now finds nothing.
  await expectValidationError(await post(request, '/resume?lng=en', { code }), { href: '#code', text: t('en', 'survey', 'errors.resume_invalid') })
})

test('submitting with a required answer missing is a 400 linking to the question', async ({ request }) => {
  const first = await post(request, qPath('connection'), { answer: 'over_10', intent: 'continue' })
  expect(first.status()).toBe(302)
  const response = await post(request, `${base}/check`)
  expect(response.status()).toBe(400)
  const html = await response.text()
  expect(errorSummaryLinks(html)).toEqual([[`${qPath('priorities')}?change=1`, t('en', 'survey', 'errors.missing_required')]])
  // Still a draft: the check page is shown, not a confirmation.
  expect((await get(request, `${base}/check`)).status()).toBe(200)
  expect((await get(request, `${base}/confirmation`)).status()).toBe(302)
})

test('submitting check answers twice gives one reference', async ({ request }) => {
  await answerRequired(request)

  const first = await post(request, `${base}/check`)
  expect(first.status()).toBe(302)
  expect(locationOf(first)).toBe(`${base}/equality`)
  const confirmation = await get(request, `${base}/confirmation`)
  expect(confirmation.status()).toBe(200)
  const reference = /data-testid="reference">([^<]+)</.exec(await confirmation.text())?.[1] ?? ''
  expect(reference).toMatch(REFERENCE_PATTERN)

  // The second (and third) post redirects; nothing new is submitted.
  for (let attempt = 2; attempt <= 3; attempt++) {
    const again = await post(request, `${base}/check`)
    expect(again.status(), `submit #${attempt}`).toBe(302)
    expect(locationOf(again)).toBe(`${base}/equality`)
    const after = await get(request, `${base}/confirmation`)
    expect(/data-testid="reference">([^<]+)</.exec(await after.text())?.[1]).toBe(reference)
  }
  // The check page now sends the resident to the confirmation.
  const check = await get(request, `${base}/check`)
  expect(check.status()).toBe(302)
  expect(locationOf(check)).toBe(`${base}/confirmation`)
})

test('a double tap (two submits at once) gives one reference', async ({ playwright }, testInfo) => {
  const request = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL })
  try {
    await answerRequired(request)
    const both = await Promise.all([post(request, `${base}/check`), post(request, `${base}/check`)])
    for (const response of both) {
      expect(response.status()).toBe(302)
      expect(locationOf(response)).toBe(`${base}/equality`)
    }
    const confirmation = await get(request, `${base}/confirmation`)
    expect(confirmation.status()).toBe(200)
    expect(/data-testid="reference">([^<]+)</.exec(await confirmation.text())?.[1]).toMatch(REFERENCE_PATTERN)
  } finally {
    await request.dispose()
  }
})

/** A submitted response held by this request context, on the equality questions. */
async function submitted(request: APIRequestContext) {
  await answerRequired(request)
  const response = await post(request, `${base}/check`)
  expect(response.status()).toBe(302)
  expect(locationOf(response)).toBe(`${base}/equality`)
}

test('an equality answer that is not offered is a 400 with an error summary', async ({ request }) => {
  // Before a response is submitted, the equality questions are not there to answer.
  const early = await post(request, `${base}/equality/age_band`, { answer: '25_34' })
  expect(early.status()).toBe(302)
  expect(locationOf(early)).toBe(base)

  await submitted(request)
  const invalid = t('en', 'survey', 'errors.invalid_option')
  await expectValidationError(await post(request, `${base}/equality/age_band`, { answer: 'age_999' }), { href: '#answer-1', text: invalid })
  // A detailed group that does not belong to the broad group chosen.
  expect((await post(request, `${base}/equality/ethnic_group_broad`, { answer: 'white' })).status()).toBe(302)
  await expectValidationError(await post(request, `${base}/equality/ethnic_group`, { answer: 'asian_bangladeshi' }), { href: '#answer-1', text: invalid })
  // An equality question that does not exist.
  await expectNotFoundPage(await post(request, `${base}/equality/shoe_size`, { answer: '9' }))
})

test('an equality description over 200 characters is a 400 that points to the description and keeps what was posted', async ({ request }) => {
  await submitted(request)
  expect((await post(request, `${base}/equality/ethnic_group_broad`, { answer: 'white' })).status()).toBe(302)
  const description = 'd'.repeat(201)
  const response = await post(request, `${base}/equality/ethnic_group`, { answer: 'white_other', describe: description })
  expect(response.status()).toBe(400)
  const html = await response.text()
  const text = t('en', 'survey', 'errors.describe_too_long')
  expect(titleOf(html).startsWith(`${t('en', 'common', 'error_prefix')} `)).toBe(true)
  expect(errorSummaryLinks(html).map(([, linkText]) => linkText)).toEqual([text])
  // GOV.UK pattern: the summary links to the field with the problem, and what the resident posted is kept.
  expect.soft(errorSummaryLinks(html)[0]?.[0], 'error summary link target').toBe('#describe')
  const checkedTag = [...html.matchAll(/<input[^>]*>/g)].map((m) => m[0]).find((tag) => /\schecked(=""|\s|\/?>)/.test(tag))
  const checked = checkedTag ? (/value="([^"]*)"/.exec(checkedTag)?.[1] ?? '(no value)') : '(none)'
  expect.soft(checked, 'the chosen option is still selected').toBe('white_other')
  const describeValue = /<input[^>]*id="describe"[^>]*value="([^"]*)"/.exec(html)?.[1] ?? '(no describe box)'
  expect.soft(describeValue.length, 'the description typed is still there (its length)').toBe(description.length)
})

test('a body over the size limit gets the translated "too large" page', async ({ request }) => {
  const huge = 'a'.repeat(300 * 1024)
  for (const lng of ['en', 'bn'] as const) {
    const response = await post(request, `${qPath('one_change')}?lng=${lng}`, { answer: huge, intent: 'continue' })
    expect(response.status()).toBe(413)
    const html = await response.text()
    expect(html).toContain(`<html lang="${lng}"`)
    expect(h1Of(html)).toBe(t(lng, 'common', 'errors.too_large_title'))
  }
})

test('a form body the server cannot read is a client error, not a 500', async ({ request }) => {
  const url = qPath('connection')
  const attempts: [string, () => Promise<APIResponse>][] = [
    ['multipart without a boundary', () => request.post(url, { data: 'answer=1_5', headers: { Origin: origin, 'Content-Type': 'multipart/form-data' }, maxRedirects: 0 })],
    ['multipart that is not multipart', () => request.post(url, { data: 'garbage', headers: { Origin: origin, 'Content-Type': 'multipart/form-data; boundary=zz' }, maxRedirects: 0 })],
    ['JSON', () => request.post(url, { data: '{"answer":"1_5"}', headers: { Origin: origin, 'Content-Type': 'application/json' }, maxRedirects: 0 })],
    ['plain text', () => request.post(url, { data: 'answer=1_5', headers: { Origin: origin, 'Content-Type': 'text/plain' }, maxRedirects: 0 })],
    ['PUT with no body', () => request.put(url, { headers: { Origin: origin }, maxRedirects: 0 })],
  ]
  for (const [name, send] of attempts) {
    const response = await send()
    expect.soft(Math.floor(response.status() / 100), `${name}: expected a 4xx status, got ${response.status()}`).toBe(4)
  }
})
