import crypto from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import enAuth from '../../locales/en/auth.json' with { type: 'json' }
import enBuilder from '../../locales/en/builder.json' with { type: 'json' }
import enTranslate from '../../locales/en/translate.json' with { type: 'json' }
import { t } from './helpers.ts'
import { createConsultation, createUser, signIn } from './staff-helpers.ts'

// The survey builder end to end: an officer builds a five-question survey
// with a skip rule, translates it into Bengali, previews and opens it; a
// resident answers in Bengali on a phone; the officer's next edit makes version 2.

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]))

interface NewQuestion {
  type: keyof typeof enBuilder.types
  key: string
  title: string
  cta: string
  required?: boolean
  options?: string[]
  extra?: Record<string, string>
}

async function addQuestion(page: Page, surveyUrl: string, question: NewQuestion) {
  await page.goto(surveyUrl)
  await page.getByRole('button', { name: enBuilder.overview.add }).click()
  await page.getByRole('radio', { name: enBuilder.types[question.type], exact: true }).check()
  await page.getByRole('button', { name: enBuilder.continue }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fill(enBuilder.editor.new_title, { type: enBuilder.types[question.type] }))
  await page.getByLabel(enBuilder.editor.key).fill(question.key)
  await page.getByLabel(enBuilder.editor.title, { exact: true }).fill(question.title)
  if (question.required) await page.getByLabel(enBuilder.editor.required).check()
  await page.getByRole('group', { name: enBuilder.editor.ctas }).getByLabel(new RegExp(`^${question.cta}:`)).check()
  for (const [index, label] of (question.options ?? []).entries()) await page.locator(`#option-${index + 1}-label`).fill(label)
  for (const [field, value] of Object.entries(question.extra ?? {})) await page.locator(`#${field}`).fill(value)
  await page.getByRole('button', { name: enBuilder.editor.save }).click()
  await expect(page.locator('.govuk-notification-banner')).toContainText(enBuilder.saved.added)
}

const BENGALI: Record<string, string> = {
  'uses_library.title': 'আপনি কি বো লাইব্রেরি ব্যবহার করেন?',
  'uses_library.options.yes': 'হ্যাঁ',
  'uses_library.options.no': 'না',
  'what_for.title': 'আপনি এটি কী কাজে ব্যবহার করেন?',
  'evenings.title': 'লাইব্রেরি সন্ধ্যায় আরও দেরি পর্যন্ত খোলা রাখা উচিত',
  'home_ward.title': 'আপনি কোন ওয়ার্ডে থাকেন?',
  'visits.title': 'গত মাসে আপনি কতবার গিয়েছিলেন?',
}

const START_PAGE_BENGALI: Record<string, string> = {
  title: 'লাইব্রেরি খোলার সময়',
  summary: 'লাইব্রেরি খোলার সময় নিয়ে আপনার মতামত জানান।',
  purpose: 'কী বদলাবে তা ঠিক করতে।',
  whatCanChange: 'যা কিছু জিজ্ঞেস করা হয়েছে সবকিছু।',
  howAnswersUsed: 'প্রতিটি উত্তর দল পড়ে দেখে।',
  howDecisionMade: 'পার্টনারশিপ বোর্ড প্রকাশ্যে সিদ্ধান্ত নেয়।',
}

/** The survey's texts and the start page, side by side with the English, into Bengali. */
async function translateIntoBengali(page: Page, surveyUrl: string, consultationUrl: string) {
  await page.goto(surveyUrl)
  await expect(page.getByTestId('translation-counts')).toContainText(fill(enBuilder.overview.translated, { translated: 0, total: 7 }))
  await page.getByRole('link', { name: new RegExp(`^${enBuilder.overview.translate}`) }).click()
  for (const [id, text] of Object.entries(BENGALI)) {
    await expect(page.locator(`[id="translation-${id}"]`)).toHaveAttribute('lang', 'bn')
    await page.locator(`[id="translation-${id}"]`).fill(text)
  }
  await page.getByRole('button', { name: enTranslate.save, exact: true }).click()
  await expect(page.locator('.govuk-notification-banner')).toContainText(enTranslate.saved.title)
  await page.goto(surveyUrl)
  await expect(page.getByTestId('translation-counts')).toContainText(fill(enBuilder.overview.translated, { translated: 7, total: 7 }))
  await page.getByRole('link', { name: new RegExp(`^${fill(enTranslate.start_page.link, { done: 0, total: 6 })}`) }).click()
  for (const [field, text] of Object.entries(START_PAGE_BENGALI)) await page.locator(`#${field}`).fill(text)
  await page.getByRole('button', { name: enTranslate.start_page.save }).click()
  await expect(page.locator('.govuk-notification-banner')).toContainText(enTranslate.start_page.saved)
  await expect(page.getByTestId('start-page-progress')).toContainText(fill(enTranslate.start_page.progress, { done: 6, total: 6, language: 'Bengali' }))
  await page.goto(consultationUrl)
}

function card(page: Page, key: string) {
  return page.locator(`#question-${key}`)
}

test('an officer builds, translates, previews and opens a survey; a resident answers it in Bengali; the next edit makes version 2', async ({ page, browser }) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 360, height: 740 })
  await signIn(page, createUser('officer'))
  const slug = `library-hours-${crypto.randomBytes(3).toString('hex')}`
  await createConsultation(page, { title: 'Library opening hours', slug, languages: ['বাংলা'] })
  const consultationUrl = page.url().replace(/[?#].*$/, '')
  await page.getByRole('link', { name: enAuth.survey.link }).click()
  const surveyUrl = page.url().replace(/[?#].*$/, '')
  await expect(page.getByText(enBuilder.overview.empty)).toBeVisible()

  // A question with a problem is refused with every mistake explained, and what was typed is kept.
  await page.getByRole('button', { name: enBuilder.overview.add }).click()
  await page.getByRole('button', { name: enBuilder.continue }).click()
  await expect(page).toHaveTitle(/^Error:/)
  await expect(page.locator('.govuk-error-summary')).toContainText(enBuilder.errors.type_required)
  await page.goto(`${surveyUrl}/new?type=single`)
  await page.getByLabel(enBuilder.editor.title, { exact: true }).fill('Do you use Bow library?')
  await page.locator('#option-1-label').fill('Yes')
  await page.getByRole('button', { name: enBuilder.editor.save }).click()
  await expect(page).toHaveTitle(/^Error:/)
  await expect(page.locator('.govuk-error-summary')).toContainText(enBuilder.errors.ctas_required)
  await expect(page.locator('.govuk-error-summary')).toContainText(enBuilder.errors.options_min)
  await expect(page.getByLabel(enBuilder.editor.title, { exact: true })).toHaveValue('Do you use Bow library?')

  // Five questions of five types.
  const questions: NewQuestion[] = [
    { type: 'single', key: 'uses_library', title: 'Do you use Bow library?', cta: 'CTA2', required: true, options: ['Yes', 'No'] },
    { type: 'text', key: 'what_for', title: 'What do you use it for?', cta: 'CTA2', extra: { maxLength: '300' } },
    { type: 'scale', key: 'evenings', title: 'The library should open later in the evening', cta: 'CTA4', required: true },
    { type: 'ward', key: 'home_ward', title: 'Which ward do you live in?', cta: 'CTA3' },
    { type: 'number', key: 'visits', title: 'How many times did you visit last month?', cta: 'CTA2', extra: { min: '0', max: '31' } },
  ]
  for (const question of questions) await addQuestion(page, surveyUrl, question)
  await expect(page.getByTestId('survey-status')).toContainText(fill(enBuilder.overview.status, { version: 1, questions: 5, responses: 0 }))

  // Reorder without JavaScript: the ward question moves up above the scale.
  await card(page, 'home_ward').getByRole('button', { name: new RegExp(`^${enBuilder.overview.move_up}`) }).click()
  await expect(page.locator('#questions > li').nth(2)).toHaveAttribute('id', 'question-home_ward')

  // A skip rule, built with the form: "What do you use it for?" only for library users.
  await card(page, 'what_for').getByRole('link', { name: new RegExp(`^${enBuilder.overview.add_rule}`) }).click()
  await expect(page.getByRole('radio')).toHaveCount(1) // only earlier questions are offered
  await page.getByRole('radio', { name: '1. Do you use Bow library?' }).check()
  await page.getByRole('button', { name: enBuilder.continue }).click()
  await page.getByRole('button', { name: enBuilder.condition_page.save }).click()
  await expect(page.locator('.govuk-error-summary')).toContainText(enBuilder.errors.operator_required)
  await page.getByRole('radio', { name: enBuilder.operators.equals, exact: true }).check()
  await page.getByRole('radio', { name: 'Yes', exact: true }).check()
  await page.getByRole('button', { name: enBuilder.condition_page.save }).click()
  await expect(page.locator('.govuk-notification-banner')).toContainText(enBuilder.saved.rule_saved)
  await expect(card(page, 'what_for')).toContainText(fill(enBuilder.condition.equals, { question: '1. Do you use Bow library?', value: 'Yes' }))

  // The rule cannot be broken: the dependent question cannot move above its question, nor that question be removed.
  await card(page, 'what_for').getByRole('button', { name: new RegExp(`^${enBuilder.overview.move_up}`) }).click()
  await expect(page.locator('.govuk-error-summary')).toContainText(fill(enBuilder.errors.move_breaks_rule, { question: 'What do you use it for?', depends: 'Do you use Bow library?' }))
  await page.goto(surveyUrl)
  await card(page, 'uses_library').getByRole('link', { name: new RegExp(`^${enBuilder.overview.remove}`) }).click()
  await page.getByRole('button', { name: enBuilder.remove.confirm }).click()
  await expect(page.locator('.govuk-error-summary')).toContainText(fill(enBuilder.errors.remove_breaks_rule, { question: 'What do you use it for?' }))

  // Opening is refused while Bengali is incomplete, naming what is missing.
  await page.goto(consultationUrl)
  await page.getByRole('button', { name: enAuth.consultation.open_now }).click()
  await expect(page.locator('#missing')).toContainText('uses_library.title')

  await translateIntoBengali(page, surveyUrl, consultationUrl)

  // Preview in Bengali at phone size: the first question in Bengali, and nothing saved.
  await page.goto(`${consultationUrl}/preview?in=bn`)
  await expect(page.getByRole('heading', { level: 1, name: BENGALI['uses_library.title'] })).toBeVisible()

  await page.goto(consultationUrl)
  await page.getByRole('button', { name: enAuth.consultation.open_now }).click()
  await expect(page.getByRole('button', { name: enAuth.consultation.close_now })).toBeVisible()

  // A resident answers in Bengali on a phone, in a browser of their own.
  const resident = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const phone = await resident.newPage()
  await phone.goto(`/c/${slug}?lng=bn`)
  await phone.getByRole('button', { name: t('bn', 'common', 'start.start_now') }).click()
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(BENGALI['uses_library.title'])
  await phone.getByRole('radio', { name: BENGALI['uses_library.options.yes'], exact: true }).check()
  await phone.getByRole('button', { name: t('bn', 'survey', 'continue'), exact: true }).click()
  // Yes: the dependent question is asked.
  await expect(phone.getByRole('heading', { level: 1 })).toContainText(BENGALI['what_for.title'])
  await phone.getByRole('textbox').fill('বাচ্চাদের জন্য বই ধার করি')
  await phone.getByRole('button', { name: t('bn', 'survey', 'continue'), exact: true }).click()
  await expect(phone.getByRole('heading', { level: 1 })).toContainText(BENGALI['home_ward.title'])
  await phone.getByRole('button', { name: t('bn', 'survey', 'continue'), exact: true }).click()
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(BENGALI['evenings.title'])
  await phone.getByRole('radio', { name: t('bn', 'survey', 'scale.agree'), exact: true }).check()
  await phone.getByRole('button', { name: t('bn', 'survey', 'continue'), exact: true }).click()
  await expect(phone.getByRole('heading', { level: 1 })).toContainText(BENGALI['visits.title'])
  await phone.getByRole('textbox').fill('৪')
  await phone.getByRole('button', { name: t('bn', 'survey', 'continue'), exact: true }).click()
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(t('bn', 'survey', 'check.title'))
  await phone.getByRole('button', { name: t('bn', 'survey', 'check.submit'), exact: true }).click()
  await expect(phone.getByRole('heading', { level: 1 })).toHaveText(t('bn', 'equality', 'intro.title'))
  await resident.close()

  // The officer changes a question of the answered survey: told first, then version 2 is made.
  await page.goto(`${surveyUrl}/questions/evenings`)
  await expect(page.getByTestId('version-notice')).toContainText(fill(enBuilder.version_notice, { responses: 1, version: 1, next: 2 }))
  await page.getByLabel(enBuilder.editor.hint, { exact: false }).fill('For example, until 8pm on weekdays')
  await page.getByRole('button', { name: enBuilder.editor.save }).click()
  await expect(page.locator('.govuk-notification-banner')).toContainText(fill(enBuilder.saved.new_version, { version: 2 }))
  await expect(page.getByTestId('survey-status')).toContainText(fill(enBuilder.overview.status, { version: 2, questions: 5, responses: 0 }))
})

test('two officers editing the same question: the second is told who saved first, and keeps what they typed', async ({ browser }) => {
  test.setTimeout(90_000)
  const [first, second] = [await browser.newPage(), await browser.newPage()]
  await signIn(first, createUser('officer'))
  const slug = `market-stalls-${crypto.randomBytes(3).toString('hex')}`
  await createConsultation(first, { title: 'Market stalls', slug })
  await first.getByRole('link', { name: enAuth.survey.link }).click()
  const surveyUrl = first.url().replace(/[?#].*$/, '')
  await addQuestion(first, surveyUrl, { type: 'single', key: 'stall', title: 'Do you run a stall?', cta: 'CTA4', options: ['Yes', 'No'] })

  const secondOfficer = createUser('officer')
  await signIn(second, secondOfficer)
  await first.goto(`${surveyUrl}/questions/stall`)
  await second.goto(`${surveyUrl}/questions/stall`)
  await first.getByLabel(enBuilder.editor.title, { exact: true }).fill('Do you run a market stall?')
  await first.getByRole('button', { name: enBuilder.editor.save }).click()
  await expect(first.locator('.govuk-notification-banner')).toContainText(enBuilder.saved.edited)

  await second.getByLabel(enBuilder.editor.title, { exact: true }).fill('Do you own or run a stall?')
  await second.getByRole('button', { name: enBuilder.editor.save }).click()
  await expect(second).toHaveTitle(/^Error:/)
  await expect(second.locator('.govuk-error-summary')).toContainText(enBuilder.errors.conflict.split('{{by}}')[0]!)
  await expect(second.getByLabel(enBuilder.editor.title, { exact: true })).toHaveValue('Do you own or run a stall?')
  // Nothing was overwritten: the first officer's wording stands until the second saves again on purpose.
  await second.goto(surveyUrl)
  await expect(card(second, 'stall')).toContainText('Do you run a market stall?')
})
