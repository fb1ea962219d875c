import fs from 'node:fs'
import { expect, type APIRequestContext, type APIResponse, type Page, type TestInfo } from '@playwright/test'
import { demoConsultationContent, demoSurvey } from '../../db/seed/demo-survey.ts'
import { LANGUAGES } from '../../app/features/i18n/config.ts'

// Shared pieces for the browser tests. Every visible string is read at test
// time from locales/<lng>/*.json or from the demo survey's own text, so the
// tests keep passing while translators change the wording.

export const SLUG = 'a-tower-hamlets-for-all-your-priorities'
export const CLOSED_SLUG = 'community-safety-charter-2023'
export const OTHER_SURVEY_KEY = 'safety_priority'
export const base = `/c/${SLUG}`
export const qPath = (key: string) => `${base}/q/${key}`

/** HYS-XXXX-XXXX in Crockford's base32 (no I, L, O or U). */
export const REFERENCE_PATTERN = /^HYS-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/
/** XXXX-XXXX-XX, same alphabet. */
export const RESUME_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/

export type Lng = 'en' | 'bn' | 'so' | 'ur'
type Ns = 'common' | 'survey' | 'equality'

const cache = new Map<string, Record<string, unknown>>()
function messages(lng: Lng, ns: Ns): Record<string, unknown> {
  const id = `${lng}/${ns}`
  let found = cache.get(id)
  if (!found) {
    // Read fresh from disk (not bundled) so the current translations are used.
    found = JSON.parse(fs.readFileSync(new URL(`../../locales/${lng}/${ns}.json`, import.meta.url), 'utf8')) as Record<string, unknown>
    cache.set(id, found)
  }
  return found
}

/** A UI string from locales/<lng>/<ns>.json, with {{name}} values filled in (English when the key is missing, as the app does). */
export function t(lng: Lng, ns: Ns, key: string, values: Record<string, string | number> = {}): string {
  const lookup = (l: Lng) =>
    key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages(l, ns))
  const raw = lookup(lng) ?? lookup('en')
  if (typeof raw !== 'string') throw new Error(`No string ${lng}/${ns}:${key}`)
  const filled = raw.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ''))
  // Nested strings, as i18next resolves them: $t(namespace:key)
  return filled.replace(/\$t\((\w+):([\w.]+)\)/g, (_, nestedNs: string, nestedKey: string) => t(lng, nestedNs as Ns, nestedKey))
}

export function languageName(lng: Lng): string {
  const found = LANGUAGES.find((l) => l.code === lng)
  if (!found) throw new Error(`Unknown language ${lng}`)
  return found.name
}

// ---------- The demo survey's own text ----------

type Localised = Record<string, string>
interface DemoQuestion {
  key: string
  type: string
  required: boolean
  title: Localised
  options?: { code: string; label: Localised; exclusive?: boolean }[]
  statements?: { code: string; label: Localised }[]
}

export const questions = demoSurvey.questions as unknown as DemoQuestion[]
export const questionKeys = questions.map((q) => q.key)

/** The language the survey content is shown in: the resident's when the demo survey has it, else English. */
export function contentLng(lng: Lng): Lng {
  return demoSurvey.locales.includes(lng) ? lng : 'en'
}

export function question(key: string): DemoQuestion {
  const found = questions.find((q) => q.key === key)
  if (!found) throw new Error(`No demo question ${key}`)
  return found
}

export function questionTitle(key: string, lng: Lng = 'en'): string {
  const q = question(key)
  return q.title[contentLng(lng)] ?? q.title.en!
}

/** The page heading: the title, plus "(optional)" in the UI language for optional questions. */
export function questionHeading(key: string, lng: Lng = 'en'): string {
  const q = question(key)
  return q.required ? questionTitle(key, lng) : `${questionTitle(key, lng)} ${t(lng, 'survey', 'optional')}`
}

export function optionLabel(key: string, code: string, lng: Lng = 'en'): string {
  const option = question(key).options?.find((o) => o.code === code)
  if (!option) throw new Error(`No option ${code} on ${key}`)
  return option.label[contentLng(lng)] ?? option.label.en!
}

export function statementLabel(key: string, code: string, lng: Lng = 'en'): string {
  const statement = question(key).statements?.find((s) => s.code === code)
  if (!statement) throw new Error(`No statement ${code} on ${key}`)
  return statement.label[contentLng(lng)] ?? statement.label.en!
}

export function consultationTitle(lng: Lng = 'en'): string {
  const content = demoConsultationContent as Record<string, { title: string }>
  return (content[contentLng(lng)] ?? content.en!).title
}

export function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

// ---------- Page helpers ----------

export async function expectQuestionPage(page: Page, key: string, lng: Lng = 'en') {
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(qPath(key))}(\\?.*)?$`))
  await expect(page.getByRole('heading', { level: 1, name: questionHeading(key, lng), exact: true })).toBeVisible()
}

export async function clickContinue(page: Page, lng: Lng = 'en') {
  await page.getByRole('button', { name: t(lng, 'survey', 'continue'), exact: true }).click()
}

export async function chooseRadio(page: Page, key: string, code: string, lng: Lng = 'en') {
  await page.getByRole('radio', { name: optionLabel(key, code, lng), exact: true }).check()
}

export async function chooseScale(page: Page, code: string, lng: Lng = 'en') {
  await page.getByRole('radio', { name: t(lng, 'survey', `scale.${code}`), exact: true }).check()
}

/** A grid question: the radio for one point of the scale, inside the statement's own fieldset. */
export function gridRadio(page: Page, key: string, statement: string, code: string, lng: Lng = 'en') {
  return page
    .getByRole('group', { name: statementLabel(key, statement, lng), exact: true })
    .getByRole('radio', { name: t(lng, 'survey', `scale.${code}`), exact: true })
}

/** A date question: the Day, Month or Year box. */
export function dateInput(page: Page, part: 'day' | 'month' | 'year', lng: Lng = 'en') {
  return page.getByRole('textbox', { name: t(lng, 'survey', `date.${part}`), exact: true })
}

export async function fillDate(page: Page, [day, month, year]: [string, string, string], lng: Lng = 'en') {
  await dateInput(page, 'day', lng).fill(day)
  await dateInput(page, 'month', lng).fill(month)
  await dateInput(page, 'year', lng).fill(year)
}

export function rankSelect(page: Page, place: number, lng: Lng = 'en') {
  return page.getByRole('combobox', { name: t(lng, 'survey', `ranking.place_${place}`), exact: true })
}

export async function expectCheckPage(page: Page, lng: Lng = 'en') {
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(base)}/check(\\?.*)?$`))
  await expect(page.getByRole('heading', { level: 1, name: t(lng, 'survey', 'check.title'), exact: true })).toBeVisible()
}

/** The answer shown on "Check your answers" for one question (the row is found by its Change link). */
export function checkAnswerRow(page: Page, key: string, lng: Lng = 'en') {
  return page.locator('.govuk-summary-list__row').filter({ has: page.getByText(questionTitle(key, lng), { exact: true }) })
}

/** The optional questions after safe_day that a resident who needs no help is asked, in order. */
export const OPTIONAL_AFTER_SAFE_DAY = ['area_statements', 'congress_date', 'wellbeing', 'needed_help', 'young_listened', 'children', 'one_change']

/**
 * Answers only what must be answered and passes every optional question,
 * ending on "Check your answers". Starts from the start page.
 */
export async function answerRequiredOnly(page: Page, lng: Lng = 'en') {
  await page.goto(`${base}?lng=${lng}`)
  await page.getByRole('button', { name: t(lng, 'common', 'start.start_now') }).click()
  await expectQuestionPage(page, 'connection', lng)
  await chooseRadio(page, 'connection', '1_5', lng)
  await clickContinue(page, lng)
  await expectQuestionPage(page, 'ward', lng)
  await clickContinue(page, lng)
  await expectQuestionPage(page, 'priorities', lng)
  await rankSelect(page, 1, lng).selectOption({ label: optionLabel('priorities', 'work_income', lng) })
  await clickContinue(page, lng)
  await expectQuestionPage(page, 'safe_day', lng)
  await chooseScale(page, 'neither', lng)
  await clickContinue(page, lng)
  for (const key of OPTIONAL_AFTER_SAFE_DAY) {
    await expectQuestionPage(page, key, lng)
    await clickContinue(page, lng)
  }
  await expectCheckPage(page, lng)
}

/** Submits from "Check your answers" and lands on the equality intro. */
export async function submitResponse(page: Page, lng: Lng = 'en') {
  await page.getByRole('button', { name: t(lng, 'survey', 'check.submit'), exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(base)}/equality$`))
  await expect(page.getByRole('heading', { level: 1, name: t(lng, 'equality', 'intro.title'), exact: true })).toBeVisible()
}

export function equalityHeading(key: string, lng: Lng = 'en') {
  return `${t(lng, 'equality', `questions.${key}.title`)} ${t(lng, 'survey', 'optional')}`
}

export async function expectEqualityPage(page: Page, key: string, lng: Lng = 'en') {
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(base)}/equality/${key}$`))
  await expect(page.getByRole('heading', { level: 1, name: equalityHeading(key, lng), exact: true })).toBeVisible()
}

export async function chooseEquality(page: Page, key: string, code: string, lng: Lng = 'en') {
  await page.getByRole('radio', { name: t(lng, 'equality', `questions.${key}.options.${code}`), exact: true }).check()
}

export async function expectConfirmation(page: Page, lng: Lng = 'en'): Promise<string> {
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(base)}/confirmation(\\?lng=${lng})?$`))
  await expect(page.getByRole('heading', { level: 1, name: t(lng, 'survey', 'confirmation.title'), exact: true })).toBeVisible()
  const reference = (await page.getByTestId('reference').textContent())?.trim() ?? ''
  expect(reference).toMatch(REFERENCE_PATTERN)
  return reference
}

// ---------- HTTP helpers (request fixture) ----------

export function originOf(testInfo: TestInfo): string {
  const baseURL = testInfo.project.use.baseURL
  if (!baseURL) throw new Error('baseURL is not set in playwright.config.ts')
  return new URL(baseURL).origin
}

/** A same-site form post (as a browser sends it), redirects not followed. */
export async function postForm(
  request: APIRequestContext,
  url: string,
  fields: [string, string][] | Record<string, string>,
  { origin, headers = {} }: { origin: string; headers?: Record<string, string> },
): Promise<APIResponse> {
  const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields)).toString()
  const response = await request.post(url, {
    data: body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin, ...headers },
    maxRedirects: 0,
  })
  expect(response.status(), `POST ${url} must never be a server error`).toBeLessThan(500)
  return response
}

export function locationOf(response: APIResponse): string {
  const location = response.headers()['location'] ?? ''
  return location.replace(/^https?:\/\/[^/]+/, '')
}

export function titleOf(html: string): string {
  return decodeHtml(/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '')
}

export function h1Of(html: string): string {
  return decodeHtml((/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '')).trim()
}

export function decodeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** The links in the GOV.UK error summary: [href, text]. */
export function errorSummaryLinks(html: string): [string, string][] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? ''
  return [...summary.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => [decodeHtml(m[1]!), decodeHtml(m[2]!)])
}
