import { expect, test, type Locator, type Page } from '@playwright/test'
import {
  base,
  checkAnswerRow,
  chooseEquality,
  chooseRadio,
  chooseScale,
  clickContinue,
  consultationTitle,
  escapeRegExp,
  expectCheckPage,
  expectConfirmation,
  expectEqualityPage,
  expectQuestionPage,
  fillDate,
  dateInput,
  gridRadio,
  languageName,
  OPTIONAL_AFTER_SAFE_DAY,
  statementLabel,
  optionLabel,
  qPath,
  questionHeading,
  questionTitle,
  rankSelect,
  RESUME_CODE_PATTERN,
  submitResponse,
  answerRequiredOnly,
  t,
  type Lng,
} from './helpers.ts'
import { formatIsoDate } from '../../app/features/surveys/format-answer.ts'

// The resident's path through the demo survey, as a person on a phone would take it.

async function chooseWard(page: Page, index: number, lng: Lng = 'en'): Promise<string> {
  const select = page.getByRole('combobox', { name: questionHeading('ward', lng), exact: true })
  await select.selectOption({ index })
  const name = (await select.locator('option:checked').textContent())?.trim() ?? ''
  expect(name).not.toBe('')
  expect(name).not.toBe(t(lng, 'survey', 'ward.choose'))
  return name
}

function checkbox(page: Page, key: string, code: string, lng: Lng = 'en') {
  return page.getByRole('checkbox', { name: optionLabel(key, code, lng), exact: true })
}

function backLink(page: Page, lng: Lng = 'en') {
  return page.getByRole('link', { name: t(lng, 'common', 'back'), exact: true })
}

async function box(locator: Locator) {
  const found = await locator.boundingBox()
  if (!found) throw new Error('not on the page')
  return found
}

function languageLink(page: Page, target: Lng, uiLng: Lng) {
  return page
    .getByRole('navigation', { name: t(uiLng, 'common', 'language_switcher_label') })
    .getByRole('link', { name: languageName(target), exact: true })
}

test('completes the demo survey in English, with a validation error, a change, skip logic and the two-step ethnic group', async ({ page }) => {
  // Home page lists the open consultation.
  await page.goto('/')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.getByRole('heading', { level: 1, name: t('en', 'common', 'home.title'), exact: true })).toBeVisible()
  await page.getByRole('link', { name: consultationTitle('en'), exact: true }).click()

  // Start page.
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(base)}$`))
  await expect(page.getByRole('heading', { level: 1, name: consultationTitle('en'), exact: true })).toBeVisible()
  await page.getByRole('button', { name: t('en', 'common', 'start.start_now') }).click()

  // connection: required, so Continue with no answer is an error.
  await expectQuestionPage(page, 'connection')
  await clickContinue(page)
  await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(t('en', 'common', 'error_prefix'))} ${escapeRegExp(questionTitle('connection'))}`))
  const summary = page.locator('.govuk-error-summary')
  await expect(summary).toBeVisible()
  await expect(summary.getByRole('heading', { name: t('en', 'common', 'error_summary_title') })).toBeVisible()
  const required = t('en', 'survey', 'errors.required_choice')
  const summaryLink = summary.getByRole('link', { name: required, exact: true })
  await expect(summaryLink).toHaveAttribute('href', '#answer-1')
  await expect(page.locator('#answer-error')).toContainText(required)
  await expect(page.getByRole('group', { name: questionHeading('connection') })).toHaveAttribute('aria-describedby', /answer-error/)
  // The summary link takes the resident to the first answer.
  await summaryLink.click()
  await expect(page.getByRole('radio', { name: optionLabel('connection', 'under_1'), exact: true })).toBeFocused()
  await chooseRadio(page, 'connection', 'over_10')
  await clickContinue(page)

  // ward (shown because the resident lives here).
  await expectQuestionPage(page, 'ward')
  const ward = await chooseWard(page, 1)
  await clickContinue(page)

  // priorities: a gap in the ranking is an error, and what was chosen is kept.
  await expectQuestionPage(page, 'priorities')
  await rankSelect(page, 1).selectOption({ label: optionLabel('priorities', 'mental_health') })
  await rankSelect(page, 3).selectOption({ label: optionLabel('priorities', 'clean_green') })
  await clickContinue(page)
  await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(t('en', 'common', 'error_prefix'))}`))
  const gap = t('en', 'survey', 'errors.rank_gap', { place: 2 })
  await expect(page.locator('.govuk-error-summary').getByRole('link', { name: gap })).toHaveAttribute('href', '#rank-2')
  await expect(page.locator('#answer-error')).toContainText(gap)
  await expect(rankSelect(page, 1)).toHaveValue('mental_health')
  await expect(rankSelect(page, 2)).toHaveValue('')
  await expect(rankSelect(page, 3)).toHaveValue('clean_green')
  await rankSelect(page, 2).selectOption({ label: optionLabel('priorities', 'safe_homes') })
  await clickContinue(page)

  // safe_day: agreement scale.
  await expectQuestionPage(page, 'safe_day')
  await chooseScale(page, 'agree')
  await clickContinue(page)

  // area_statements: a grid, optional, so rating two of the three statements is enough.
  await expectQuestionPage(page, 'area_statements')
  for (const code of ['get_on_well', 'influence_decisions', 'safe_public_spaces']) {
    await expect(page.getByRole('group', { name: statementLabel('area_statements', code), exact: true }).getByRole('radio')).toHaveCount(6)
  }
  await gridRadio(page, 'area_statements', 'get_on_well', 'agree').check()
  await gridRadio(page, 'area_statements', 'safe_public_spaces', 'strongly_disagree').check()
  await expect(gridRadio(page, 'area_statements', 'get_on_well', 'agree')).toBeChecked()
  await clickContinue(page)

  // congress_date: a date that does not exist, then a missing month; what was typed is kept.
  await expectQuestionPage(page, 'congress_date')
  await expect(dateInput(page, 'day')).toHaveAttribute('inputmode', 'numeric')
  await fillDate(page, ['31', '2', '2024'])
  await clickContinue(page)
  await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(t('en', 'common', 'error_prefix'))}`))
  const notReal = t('en', 'survey', 'errors.date_real')
  await expect(page.locator('.govuk-error-summary').getByRole('link', { name: notReal, exact: true })).toHaveAttribute('href', '#answer-day')
  await expect(page.locator('#answer-error')).toContainText(notReal)
  await expect(dateInput(page, 'day')).toHaveValue('31')
  await expect(dateInput(page, 'month')).toHaveValue('2')
  await expect(dateInput(page, 'year')).toHaveValue('2024')
  await fillDate(page, ['2', '', '2024'])
  await clickContinue(page)
  const noMonth = t('en', 'survey', 'errors.date_missing_month')
  const noMonthLink = page.locator('.govuk-error-summary').getByRole('link', { name: noMonth, exact: true })
  await expect(noMonthLink).toHaveAttribute('href', '#answer-month')
  await expect(dateInput(page, 'month')).toHaveClass(/govuk-input--error/)
  await expect(dateInput(page, 'day')).not.toHaveClass(/govuk-input--error/)
  await noMonthLink.click()
  await expect(dateInput(page, 'month')).toBeFocused()
  // Before the first congress is out of range.
  await fillDate(page, ['1', '11', '2023'])
  await clickContinue(page)
  await expect(page.locator('#answer-error')).toContainText(t('en', 'survey', 'errors.date_too_early', { date: '14 November 2023' }))
  await fillDate(page, ['2', '3', '2024'])
  await clickContinue(page)

  // wellbeing: 'None of these' is exclusive.
  await expectQuestionPage(page, 'wellbeing')
  await checkbox(page, 'wellbeing', 'cost_of_living').check()
  await checkbox(page, 'wellbeing', 'loneliness').check()
  await checkbox(page, 'wellbeing', 'none').check()
  await expect(checkbox(page, 'wellbeing', 'none')).toBeChecked()
  await expect(checkbox(page, 'wellbeing', 'cost_of_living')).not.toBeChecked()
  await expect(checkbox(page, 'wellbeing', 'loneliness')).not.toBeChecked()
  await checkbox(page, 'wellbeing', 'housing').check()
  await expect(checkbox(page, 'wellbeing', 'none')).not.toBeChecked()
  await checkbox(page, 'wellbeing', 'none').check()
  await expect(checkbox(page, 'wellbeing', 'housing')).not.toBeChecked()
  await clickContinue(page)

  // needed_help = no: help_sources is skipped.
  await expectQuestionPage(page, 'needed_help')
  await chooseRadio(page, 'needed_help', 'no')
  await clickContinue(page)
  await expectQuestionPage(page, 'young_listened')
  // Typing its address does not show the hidden question either.
  await page.goto(qPath('help_sources'))
  await expectQuestionPage(page, 'young_listened')
  await backLink(page).click()
  await expectQuestionPage(page, 'needed_help')
  await expect(page.getByRole('radio', { name: optionLabel('needed_help', 'no'), exact: true })).toBeChecked()
  // needed_help = yes: help_sources is asked next.
  await chooseRadio(page, 'needed_help', 'yes')
  await clickContinue(page)
  await expectQuestionPage(page, 'help_sources')
  await checkbox(page, 'help_sources', 'food_bank').check()
  await checkbox(page, 'help_sources', 'family').check()
  await clickContinue(page)

  await expectQuestionPage(page, 'young_listened')
  await chooseScale(page, 'disagree')
  await clickContinue(page)

  await expectQuestionPage(page, 'children')
  await page.getByRole('textbox', { name: questionHeading('children'), exact: true }).fill('2')
  await clickContinue(page)

  await expectQuestionPage(page, 'one_change')
  const change = 'More youth clubs open in the evenings.'
  await page.getByRole('textbox', { name: questionHeading('one_change'), exact: true }).fill(change)
  await clickContinue(page)

  // Check your answers.
  await expectCheckPage(page)
  await expect(checkAnswerRow(page, 'connection')).toContainText(optionLabel('connection', 'over_10'))
  await expect(checkAnswerRow(page, 'ward')).toContainText(ward)
  const priorities = checkAnswerRow(page, 'priorities')
  await expect(priorities).toContainText(`1. ${optionLabel('priorities', 'mental_health')}`)
  await expect(priorities).toContainText(`2. ${optionLabel('priorities', 'safe_homes')}`)
  await expect(priorities).toContainText(`3. ${optionLabel('priorities', 'clean_green')}`)
  await expect(checkAnswerRow(page, 'safe_day')).toContainText(t('en', 'survey', 'scale.agree'))
  const area = checkAnswerRow(page, 'area_statements')
  await expect(area.getByRole('listitem')).toHaveText([
    `${statementLabel('area_statements', 'get_on_well')}: ${t('en', 'survey', 'scale.agree')}`,
    `${statementLabel('area_statements', 'safe_public_spaces')}: ${t('en', 'survey', 'scale.strongly_disagree')}`,
  ])
  await expect(checkAnswerRow(page, 'congress_date')).toContainText('2 March 2024')
  await expect(checkAnswerRow(page, 'wellbeing')).toContainText(optionLabel('wellbeing', 'none'))
  await expect(checkAnswerRow(page, 'wellbeing')).not.toContainText(optionLabel('wellbeing', 'housing'))
  await expect(checkAnswerRow(page, 'needed_help')).toContainText(optionLabel('needed_help', 'yes'))
  await expect(checkAnswerRow(page, 'help_sources')).toContainText(optionLabel('help_sources', 'food_bank'))
  await expect(checkAnswerRow(page, 'help_sources')).toContainText(optionLabel('help_sources', 'family'))
  await expect(checkAnswerRow(page, 'young_listened')).toContainText(t('en', 'survey', 'scale.disagree'))
  await expect(checkAnswerRow(page, 'children')).toContainText('2')
  await expect(checkAnswerRow(page, 'one_change')).toContainText(change)

  // A Change link goes to the question and back to this page.
  await page.getByRole('link', { name: `${t('en', 'survey', 'check.change')} ${questionTitle('children')}`, exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(qPath('children'))}\\?change=1$`))
  await expectQuestionPage(page, 'children')
  const children = page.getByRole('textbox', { name: questionHeading('children'), exact: true })
  await expect(children).toHaveValue('2')
  await children.fill('3')
  await clickContinue(page)
  await expectCheckPage(page)
  await expect(checkAnswerRow(page, 'children')).toContainText('3')
  await expect(checkAnswerRow(page, 'one_change')).toContainText(change)

  // Changing the grid: the saved ratings are checked, and a third one is added.
  await page.getByRole('link', { name: `${t('en', 'survey', 'check.change')} ${questionTitle('area_statements')}`, exact: true }).click()
  await expectQuestionPage(page, 'area_statements')
  await expect(gridRadio(page, 'area_statements', 'get_on_well', 'agree')).toBeChecked()
  await expect(gridRadio(page, 'area_statements', 'safe_public_spaces', 'strongly_disagree')).toBeChecked()
  await gridRadio(page, 'area_statements', 'influence_decisions', 'neither').check()
  await clickContinue(page)
  await expectCheckPage(page)
  await expect(checkAnswerRow(page, 'area_statements').getByRole('listitem')).toHaveCount(3)
  await expect(checkAnswerRow(page, 'area_statements')).toContainText(`${statementLabel('area_statements', 'influence_decisions')}: ${t('en', 'survey', 'scale.neither')}`)
  // The date comes back as typed.
  await page.getByRole('link', { name: `${t('en', 'survey', 'check.change')} ${questionTitle('congress_date')}`, exact: true }).click()
  await expectQuestionPage(page, 'congress_date')
  await expect(dateInput(page, 'day')).toHaveValue('2')
  await expect(dateInput(page, 'month')).toHaveValue('3')
  await expect(dateInput(page, 'year')).toHaveValue('2024')
  await clickContinue(page)
  await expectCheckPage(page)

  await submitResponse(page)

  // Equality questions: the two-step ethnic group.
  await page.getByRole('button', { name: t('en', 'equality', 'intro.answer') }).click()
  await expectEqualityPage(page, 'age_band')
  await chooseEquality(page, 'age_band', '35_49')
  await clickContinue(page)
  await expectEqualityPage(page, 'sex')
  await expect(page.getByRole('radio', { name: t('en', 'equality', 'questions.sex.options.prefer_not_to_say'), exact: true })).toBeVisible()
  await chooseEquality(page, 'sex', 'prefer_not_to_say')
  await clickContinue(page)
  await expectEqualityPage(page, 'gender_identity')
  await chooseEquality(page, 'gender_identity', 'yes')
  await clickContinue(page)
  await expectEqualityPage(page, 'sexual_orientation')
  await chooseEquality(page, 'sexual_orientation', 'prefer_not_to_say')
  await clickContinue(page)
  await expectEqualityPage(page, 'ethnic_group_broad')
  await chooseEquality(page, 'ethnic_group_broad', 'asian')
  await clickContinue(page)
  await expectEqualityPage(page, 'ethnic_group')
  // Only the backgrounds of the chosen group are offered.
  const detailed = (code: string) => page.getByRole('radio', { name: t('en', 'equality', `questions.ethnic_group.options.${code}`), exact: true })
  await expect(detailed('asian_bangladeshi')).toBeVisible()
  await expect(detailed('asian_indian')).toBeVisible()
  await expect(detailed('white_irish')).toHaveCount(0)
  await expect(detailed('black_african')).toHaveCount(0)
  await expect(detailed('prefer_not_to_say')).toBeVisible()
  await detailed('asian_bangladeshi').check()
  await clickContinue(page)
  await expectEqualityPage(page, 'religion')
  await chooseEquality(page, 'religion', 'muslim')
  await clickContinue(page)
  await expectEqualityPage(page, 'long_term_condition')
  await chooseEquality(page, 'long_term_condition', 'no')
  await clickContinue(page)

  // activity_limitation is not asked after 'No'.
  const reference = await expectConfirmation(page)

  // Going back to the check page after submitting shows the same confirmation.
  await page.goto(`${base}/check`)
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(base)}/confirmation$`))
  await expect(page.getByTestId('reference')).toHaveText(reference)
})

test('completes the demo survey in Bengali', async ({ page }) => {
  const lng: Lng = 'bn'
  await page.goto(`${base}?lng=bn`)
  await expect(page.locator('html')).toHaveAttribute('lang', 'bn')
  await expect(page.getByRole('heading', { level: 1, name: consultationTitle(lng), exact: true })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: consultationTitle(lng), exact: true })).toHaveAttribute('lang', 'bn')
  await page.getByRole('button', { name: t(lng, 'common', 'start.start_now') }).click()

  await expectQuestionPage(page, 'connection', lng)
  await expect(page.locator('html')).toHaveAttribute('lang', 'bn')
  // Bengali question text from the demo survey.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(questionTitle('connection', 'bn'))
  // A missing answer gives the error in the resident's language.
  await clickContinue(page, lng)
  await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(t(lng, 'common', 'error_prefix'))}`))
  await expect(page.locator('.govuk-error-summary').getByRole('link', { name: t(lng, 'survey', 'errors.required_choice') })).toBeVisible()
  await chooseRadio(page, 'connection', 'not_resident', lng)
  await clickContinue(page, lng)

  // Not a resident: the ward question is skipped.
  await expectQuestionPage(page, 'priorities', lng)
  await rankSelect(page, 1, lng).selectOption({ label: optionLabel('priorities', 'children_thrive', lng) })
  await rankSelect(page, 2, lng).selectOption({ label: optionLabel('priorities', 'fair_inclusive', lng) })
  await clickContinue(page, lng)

  await expectQuestionPage(page, 'safe_day', lng)
  await chooseScale(page, 'strongly_agree', lng)
  await clickContinue(page, lng)

  // The grid's statements are in Bengali, and so is the scale.
  await expectQuestionPage(page, 'area_statements', lng)
  await gridRadio(page, 'area_statements', 'influence_decisions', 'disagree', lng).check()
  await clickContinue(page, lng)

  // The date typed in Bengali digits.
  await expectQuestionPage(page, 'congress_date', lng)
  await fillDate(page, ['১৪', '১১', '২০২৩'], lng)
  await clickContinue(page, lng)

  await expectQuestionPage(page, 'wellbeing', lng)
  await page.getByRole('checkbox', { name: optionLabel('wellbeing', 'none', lng), exact: true }).check()
  await clickContinue(page, lng)

  await expectQuestionPage(page, 'needed_help', lng)
  await chooseRadio(page, 'needed_help', 'yes', lng)
  await clickContinue(page, lng)

  await expectQuestionPage(page, 'help_sources', lng)
  await page.getByRole('checkbox', { name: optionLabel('help_sources', 'faith_group', lng), exact: true }).check()
  await clickContinue(page, lng)

  await expectQuestionPage(page, 'young_listened', lng)
  await chooseScale(page, 'agree', lng)
  await clickContinue(page, lng)

  await expectQuestionPage(page, 'children', lng)
  // Bengali digits are whole numbers too.
  await page.getByRole('textbox', { name: questionHeading('children', lng), exact: true }).fill('২')
  await clickContinue(page, lng)

  await expectQuestionPage(page, 'one_change', lng)
  const text = 'সন্ধ্যায় আরও খোলা যুব ক্লাব।'
  await page.getByRole('textbox', { name: questionHeading('one_change', lng), exact: true }).fill(text)
  await clickContinue(page, lng)

  await expectCheckPage(page, lng)
  await expect(page.locator('html')).toHaveAttribute('lang', 'bn')
  await expect(checkAnswerRow(page, 'connection', lng)).toContainText(optionLabel('connection', 'not_resident', lng))
  await expect(page.getByText(questionTitle('ward', lng), { exact: true })).toHaveCount(0)
  // Ranking places and numbers are written in Bengali digits.
  await expect(checkAnswerRow(page, 'priorities', lng).locator('.govuk-summary-list__value li')).toHaveText([
    `১. ${optionLabel('priorities', 'children_thrive', lng)}`,
    `২. ${optionLabel('priorities', 'fair_inclusive', lng)}`,
  ])
  await expect(checkAnswerRow(page, 'safe_day', lng)).toContainText(t(lng, 'survey', 'scale.strongly_agree'))
  await expect(checkAnswerRow(page, 'area_statements', lng)).toContainText(
    `${statementLabel('area_statements', 'influence_decisions', lng)}: ${t(lng, 'survey', 'scale.disagree')}`,
  )
  await expect(checkAnswerRow(page, 'congress_date', lng)).toContainText(formatIsoDate('2023-11-14', lng))
  await expect(checkAnswerRow(page, 'wellbeing', lng)).toContainText(optionLabel('wellbeing', 'none', lng))
  await expect(checkAnswerRow(page, 'help_sources', lng)).toContainText(optionLabel('help_sources', 'faith_group', lng))
  await expect(checkAnswerRow(page, 'children', lng).locator('.govuk-summary-list__value')).toHaveText('২')
  await expect(checkAnswerRow(page, 'one_change', lng)).toContainText(text)
  await submitResponse(page, lng)

  await page.getByRole('button', { name: t(lng, 'equality', 'intro.answer') }).click()
  await expectEqualityPage(page, 'age_band', lng)
  await chooseEquality(page, 'age_band', 'under_16', lng)
  await clickContinue(page, lng)
  // Under 16: the gender identity and sexual orientation questions are not asked.
  await expectEqualityPage(page, 'sex', lng)
  await chooseEquality(page, 'sex', 'female', lng)
  await clickContinue(page, lng)
  await expectEqualityPage(page, 'ethnic_group_broad', lng)
  await chooseEquality(page, 'ethnic_group_broad', 'prefer_not_to_say', lng)
  await clickContinue(page, lng)
  // No broad group: no detailed question.
  await expectEqualityPage(page, 'religion', lng)
  await chooseEquality(page, 'religion', 'prefer_not_to_say', lng)
  await clickContinue(page, lng)
  await expectEqualityPage(page, 'long_term_condition', lng)
  await chooseEquality(page, 'long_term_condition', 'yes', lng)
  await clickContinue(page, lng)
  // 'Yes' brings the follow-up question.
  await expectEqualityPage(page, 'activity_limitation', lng)
  await chooseEquality(page, 'activity_limitation', 'a_little', lng)
  await clickContinue(page, lng)

  await expectConfirmation(page, lng)
  await expect(page.locator('html')).toHaveAttribute('lang', 'bn')
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('completes the demo survey with plain HTML forms', async ({ page }) => {
    await page.goto(base)
    // No scripts ran: the page still works.
    await expect(page.getByRole('heading', { level: 1, name: consultationTitle('en'), exact: true })).toBeVisible()
    await page.getByRole('button', { name: t('en', 'common', 'start.start_now') }).click()

    await expectQuestionPage(page, 'connection')
    await clickContinue(page)
    await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(t('en', 'common', 'error_prefix'))}`))
    await expect(page.locator('.govuk-error-summary')).toContainText(t('en', 'survey', 'errors.required_choice'))
    await chooseRadio(page, 'connection', '1_5')
    await clickContinue(page)

    await expectQuestionPage(page, 'ward')
    const ward = await chooseWard(page, 3)
    await clickContinue(page)

    await expectQuestionPage(page, 'priorities')
    await rankSelect(page, 1).selectOption({ label: optionLabel('priorities', 'work_income') })
    await clickContinue(page)

    await expectQuestionPage(page, 'safe_day')
    await chooseScale(page, 'dont_know')
    await clickContinue(page)

    // Plain radios and text boxes: the grid and the date work without scripts.
    await expectQuestionPage(page, 'area_statements')
    await gridRadio(page, 'area_statements', 'safe_public_spaces', 'dont_know').check()
    await clickContinue(page)
    await expectQuestionPage(page, 'congress_date')
    await fillDate(page, ['', '5', '2024'])
    await clickContinue(page)
    await expect(page.locator('.govuk-error-summary')).toContainText(t('en', 'survey', 'errors.date_missing_day'))
    await expect(dateInput(page, 'month')).toHaveValue('5')
    await fillDate(page, ['', '', ''])
    await clickContinue(page)

    // Without the script, both boxes can be ticked: the server refuses the mix and keeps the ticks.
    await expectQuestionPage(page, 'wellbeing')
    await page.getByRole('checkbox', { name: optionLabel('wellbeing', 'work'), exact: true }).check()
    await page.getByRole('checkbox', { name: optionLabel('wellbeing', 'none'), exact: true }).check()
    await clickContinue(page)
    await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(t('en', 'common', 'error_prefix'))}`))
    await expect(page.locator('.govuk-error-summary')).toContainText(t('en', 'survey', 'errors.exclusive_option'))
    await expect(page.getByRole('checkbox', { name: optionLabel('wellbeing', 'work'), exact: true })).toBeChecked()
    await expect(page.getByRole('checkbox', { name: optionLabel('wellbeing', 'none'), exact: true })).toBeChecked()
    await page.getByRole('checkbox', { name: optionLabel('wellbeing', 'none'), exact: true }).uncheck()
    await clickContinue(page)

    await expectQuestionPage(page, 'needed_help')
    await chooseRadio(page, 'needed_help', 'no')
    await clickContinue(page)
    await expectQuestionPage(page, 'young_listened')
    await clickContinue(page)
    await expectQuestionPage(page, 'children')
    await page.getByRole('textbox', { name: questionHeading('children'), exact: true }).fill('0')
    await clickContinue(page)
    await expectQuestionPage(page, 'one_change')
    await clickContinue(page)

    await expectCheckPage(page)
    await expect(checkAnswerRow(page, 'ward')).toContainText(ward)
    await expect(checkAnswerRow(page, 'wellbeing')).toContainText(optionLabel('wellbeing', 'work'))
    await expect(checkAnswerRow(page, 'one_change')).toContainText(t('en', 'survey', 'check.not_answered'))
    await expect(checkAnswerRow(page, 'area_statements')).toContainText(`${statementLabel('area_statements', 'safe_public_spaces')}: ${t('en', 'survey', 'scale.dont_know')}`)
    await expect(checkAnswerRow(page, 'congress_date')).toContainText(t('en', 'survey', 'check.not_answered'))
    await expect(page.getByText(questionTitle('help_sources'), { exact: true })).toHaveCount(0)
    await submitResponse(page)

    // Answer one equality question, then leave the rest.
    await page.getByRole('button', { name: t('en', 'equality', 'intro.answer') }).click()
    await expectEqualityPage(page, 'age_band')
    await chooseEquality(page, 'age_band', 'prefer_not_to_say')
    await clickContinue(page)
    await expectEqualityPage(page, 'sex')
    await backLink(page).click()
    await expectEqualityPage(page, 'age_band')
    await expect(page.getByRole('radio', { name: t('en', 'equality', 'questions.age_band.options.prefer_not_to_say'), exact: true })).toBeChecked()
    await backLink(page).click()
    await page.getByRole('link', { name: t('en', 'equality', 'intro.skip'), exact: true }).click()
    await expectConfirmation(page)
  })
})

test('switching language mid-survey keeps the answers given so far', async ({ page }) => {
  await page.goto(`${base}?lng=en`)
  await page.getByRole('button', { name: t('en', 'common', 'start.start_now') }).click()
  await expectQuestionPage(page, 'connection')
  await chooseRadio(page, 'connection', '6_10')
  await clickContinue(page)
  await expectQuestionPage(page, 'ward')
  const ward = await chooseWard(page, 2)
  await clickContinue(page)

  // Third question: switch to Bengali with the language switcher.
  await expectQuestionPage(page, 'priorities')
  await languageLink(page, 'bn', 'en').click()
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(qPath('priorities'))}\\?lng=bn$`))
  await expect(page.locator('html')).toHaveAttribute('lang', 'bn')
  await expectQuestionPage(page, 'priorities', 'bn')
  // The current language is marked, not linked.
  await expect(
    page.getByRole('navigation', { name: t('bn', 'common', 'language_switcher_label') }).getByRole('link', { name: languageName('bn'), exact: true }),
  ).toHaveCount(0)

  // Back: the earlier answers are still there, now in Bengali.
  await backLink(page, 'bn').click()
  await expectQuestionPage(page, 'ward', 'bn')
  await expect(page.getByRole('combobox', { name: questionHeading('ward', 'bn'), exact: true }).locator('option:checked')).toHaveText(ward)
  await backLink(page, 'bn').click()
  await expectQuestionPage(page, 'connection', 'bn')
  await expect(page.getByRole('radio', { name: optionLabel('connection', '6_10', 'bn'), exact: true })).toBeChecked()

  // The check page shows both answers in Bengali, and the unanswered ones as such.
  await page.goto(`${base}/check`)
  await expectCheckPage(page, 'bn')
  await expect(page.locator('html')).toHaveAttribute('lang', 'bn')
  await expect(checkAnswerRow(page, 'connection', 'bn')).toContainText(optionLabel('connection', '6_10', 'bn'))
  await expect(checkAnswerRow(page, 'ward', 'bn')).toContainText(ward)
  await expect(checkAnswerRow(page, 'priorities', 'bn')).toContainText(t('bn', 'survey', 'check.not_answered'))

  // And back to English on the same page.
  await languageLink(page, 'en', 'bn').click()
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(base)}/check\\?lng=en$`))
  await expectCheckPage(page, 'en')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(checkAnswerRow(page, 'connection', 'en')).toContainText(optionLabel('connection', '6_10', 'en'))
})

test('save and come back later continues in another browser with the resume code', async ({ page, browser }, testInfo) => {
  await page.goto(base)
  await page.getByRole('button', { name: t('en', 'common', 'start.start_now') }).click()
  await expectQuestionPage(page, 'connection')
  await chooseRadio(page, 'connection', 'under_1')
  await clickContinue(page)
  await expectQuestionPage(page, 'ward')
  const ward = await chooseWard(page, 5)
  await page.getByRole('button', { name: t('en', 'survey', 'save_for_later'), exact: true }).click()

  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(base)}/saved$`))
  await expect(page.getByRole('heading', { level: 1, name: t('en', 'survey', 'saved.title'), exact: true })).toBeVisible()
  const code = (await page.getByTestId('resume-code').textContent())?.trim() ?? ''
  expect(code).toMatch(RESUME_CODE_PATTERN)
  await expect(page.getByRole('link', { name: new RegExp(`/resume\\?code=${escapeRegExp(code)}$`) })).toBeVisible()

  // Another device: a new browser context with no cookies.
  const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: { width: 360, height: 740 } })
  try {
    const page2 = await other.newPage()
    await page2.goto('/')
    await page2.getByRole('link', { name: t('en', 'common', 'home.resume_link'), exact: true }).first().click()
    await expect(page2).toHaveURL(/\/resume$/)
    // A wrong code first.
    const codeBox = page2.getByRole('textbox', { name: t('en', 'survey', 'resume.label'), exact: true })
    await codeBox.fill('AAAA-BBBB-CC')
    await page2.getByRole('button', { name: t('en', 'survey', 'resume.submit'), exact: true }).click()
    await expect(page2).toHaveTitle(new RegExp(`^${escapeRegExp(t('en', 'common', 'error_prefix'))}`))
    await expect(page2.locator('.govuk-error-summary')).toContainText(t('en', 'survey', 'errors.resume_invalid'))
    await expect(codeBox).toHaveValue('AAAA-BBBB-CC')
    // The real code, typed as people do: lower case.
    await codeBox.fill(code.toLowerCase())
    await page2.getByRole('button', { name: t('en', 'survey', 'resume.submit'), exact: true }).click()

    await expect(page2).toHaveURL(new RegExp(`${escapeRegExp(base)}$`))
    await page2.getByRole('link', { name: t('en', 'common', 'start.continue_draft_link'), exact: true }).click()
    // Carries on at the first unanswered question.
    await expectQuestionPage(page2, 'priorities')
    await backLink(page2).click()
    await expectQuestionPage(page2, 'ward')
    await expect(page2.getByRole('combobox', { name: questionHeading('ward'), exact: true }).locator('option:checked')).toHaveText(ward)
    await backLink(page2).click()
    await expectQuestionPage(page2, 'connection')
    await expect(page2.getByRole('radio', { name: optionLabel('connection', 'under_1'), exact: true })).toBeChecked()

    // Finish on the second device.
    await page2.goto(qPath('priorities'))
    await rankSelect(page2, 1).selectOption({ label: optionLabel('priorities', 'clean_green') })
    await clickContinue(page2)
    await expectQuestionPage(page2, 'safe_day')
    await chooseScale(page2, 'strongly_disagree')
    await clickContinue(page2)
    for (const key of OPTIONAL_AFTER_SAFE_DAY) {
      await expectQuestionPage(page2, key)
      await clickContinue(page2)
    }
    await expectCheckPage(page2)
    await expect(checkAnswerRow(page2, 'connection')).toContainText(optionLabel('connection', 'under_1'))
    await expect(checkAnswerRow(page2, 'ward')).toContainText(ward)
    await submitResponse(page2)
    await page2.getByRole('link', { name: t('en', 'equality', 'intro.skip'), exact: true }).click()
    await expectConfirmation(page2)
  } finally {
    await other.close()
  }
})

test('a draft saved in Bengali carries on in Bengali on a device where no language was chosen, and in the chosen one where it was', async ({ page, browser }, testInfo) => {
  await page.goto(`${base}?lng=bn`)
  await page.getByRole('button', { name: t('bn', 'common', 'start.start_now') }).click()
  await expectQuestionPage(page, 'connection', 'bn')
  await chooseRadio(page, 'connection', 'under_1', 'bn')
  await page.getByRole('button', { name: t('bn', 'survey', 'save_for_later'), exact: true }).click()
  const code = (await page.getByTestId('resume-code').textContent())?.trim() ?? ''
  expect(code).toMatch(RESUME_CODE_PATTERN)

  for (const [chosen, expected] of [[null, 'bn'], ['en', 'en']] as const) {
    const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: { width: 360, height: 740 }, locale: 'en-GB' })
    try {
      const page2 = await other.newPage()
      // A resident who picked English on this device keeps English.
      if (chosen) await page2.goto(`/?lng=${chosen}`)
      await page2.goto(`/resume?code=${encodeURIComponent(code)}`)
      await expect(page2.locator('html')).toHaveAttribute('lang', chosen ?? 'en')
      await page2.getByRole('button', { name: t(chosen ?? 'en', 'survey', 'resume.submit'), exact: true }).click()
      await expect(page2.locator('html')).toHaveAttribute('lang', expected)
      await expect(page2.getByRole('link', { name: t(expected, 'common', 'start.continue_draft_link'), exact: true })).toBeVisible()
    } finally {
      await other.close()
    }
  }
})

async function saveForLater(page: Page, lng: Lng = 'en') {
  await page.getByRole('button', { name: t(lng, 'survey', 'save_for_later'), exact: true }).click()
}

async function expectSavedPage(page: Page, lng: Lng = 'en'): Promise<string> {
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(base)}/saved(\\?lng=${lng})?$`))
  await expect(page.getByRole('heading', { level: 1, name: t(lng, 'survey', 'saved.title'), exact: true })).toBeVisible()
  const code = (await page.getByTestId('resume-code').textContent())?.trim() ?? ''
  expect(code).toMatch(RESUME_CODE_PATTERN)
  return code
}

test('"Save and come back later" on a required question not answered yet saves the draft; a bad answer is still refused', async ({ page }) => {
  await page.goto(base)
  await page.getByRole('button', { name: t('en', 'common', 'start.start_now') }).click()
  await expectQuestionPage(page, 'connection')
  // Required, and nothing chosen: saving is not answering, so no error.
  await saveForLater(page)
  await expectSavedPage(page)
  await page.getByRole('link', { name: t('en', 'survey', 'saved.continue_now'), exact: true }).click()
  await expectQuestionPage(page, 'connection')
  await expect(page.getByRole('radio', { checked: true })).toHaveCount(0)

  await chooseRadio(page, 'connection', '6_10')
  await clickContinue(page)
  await expectQuestionPage(page, 'ward')
  await clickContinue(page)
  await expectQuestionPage(page, 'priorities')
  // A second choice with no first one is a bad answer, on Save as on Continue: the error, and what was chosen stays.
  await rankSelect(page, 2).selectOption({ label: optionLabel('priorities', 'clean_green') })
  await saveForLater(page)
  await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(t('en', 'common', 'error_prefix'))}`))
  await expect(page.locator('.govuk-error-summary')).toContainText(t('en', 'survey', 'errors.rank_gap', { place: 1 }))
  await expect(rankSelect(page, 2).locator('option:checked')).toHaveText(optionLabel('priorities', 'clean_green'))
  // The answer saved before is intact.
  await page.goto(`${base}/check`)
  await expect(checkAnswerRow(page, 'connection')).toContainText(optionLabel('connection', '6_10'))
  await expect(checkAnswerRow(page, 'priorities')).toContainText(t('en', 'survey', 'check.not_answered'))
})

test('the resume code stays on the saved page when the resident switches language, and goes once they move on', async ({ page }) => {
  await page.goto(base)
  await page.getByRole('button', { name: t('en', 'common', 'start.start_now') }).click()
  await chooseRadio(page, 'connection', 'under_1')
  await saveForLater(page)
  const code = await expectSavedPage(page)

  for (const [target, from] of [['bn', 'en'], ['ur', 'bn'], ['so', 'ur']] as const) {
    await languageLink(page, target, from).click()
    await expect(page.locator('html')).toHaveAttribute('lang', target)
    expect(await expectSavedPage(page, target)).toBe(code)
    await expect(page.getByRole('link', { name: new RegExp(`/resume\\?code=${escapeRegExp(code)}$`) })).toBeVisible()
  }
  // The expiry date was written in Bengali digits on the Bengali page; checked here on a fresh Bengali view.
  await languageLink(page, 'bn', 'so').click()
  expect(await expectSavedPage(page, 'bn')).toBe(code)
  await expect(page.locator('.govuk-warning-text__text')).toContainText(/[০-৯]/)
  await expect(page.locator('.govuk-warning-text__text')).not.toContainText(/[0-9]/)
  await languageLink(page, 'so', 'bn').click()
  // A reload of the same page keeps it too.
  await page.reload()
  expect(await expectSavedPage(page, 'so')).toBe(code)

  // Once the resident moves on, the page no longer shows it: back to the survey.
  await page.getByRole('link', { name: t('so', 'survey', 'saved.continue_now'), exact: true }).click()
  await expectQuestionPage(page, 'ward', 'so')
  await page.goto(`${base}/saved`)
  await expect(page).toHaveURL(new RegExp(`${escapeRegExp(base)}$`))
  await expect(page.getByTestId('resume-code')).toHaveCount(0)
})

test('the deletion code stays on the confirmation page when the resident switches language', async ({ page }) => {
  await answerRequiredOnly(page)
  await submitResponse(page)
  await page.getByRole('link', { name: t('en', 'equality', 'intro.skip'), exact: true }).click()
  const reference = await expectConfirmation(page)
  const code = (await page.getByTestId('deletion-code').textContent())?.trim() ?? ''
  expect(code).toMatch(RESUME_CODE_PATTERN)

  await languageLink(page, 'bn', 'en').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'bn')
  expect(await expectConfirmation(page, 'bn')).toBe(reference)
  await expect(page.getByTestId('deletion-code')).toHaveText(code)
  await expect(page.getByText(t('bn', 'survey', 'confirmation.deletion_body'), { exact: true })).toBeVisible()

  await languageLink(page, 'ur', 'bn').click()
  expect(await expectConfirmation(page, 'ur')).toBe(reference)
  await expect(page.getByTestId('deletion-code')).toHaveText(code)
})

test('the error summary takes focus, and its link moves focus to the field', async ({ page }) => {
  await page.goto(qPath('connection'))
  await clickContinue(page)
  const summary = page.locator('.govuk-error-summary')
  await expect(summary).toBeFocused()
  await summary.getByRole('link', { name: t('en', 'survey', 'errors.required_choice'), exact: true }).click()
  await expect(page.getByRole('radio', { name: optionLabel('connection', 'under_1'), exact: true })).toBeFocused()
})

test.describe('the error summary without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('takes focus from the page itself (autofocus)', async ({ page }) => {
    await page.goto(qPath('priorities'))
    await clickContinue(page)
    await expect(page).toHaveTitle(new RegExp(`^${escapeRegExp(t('en', 'common', 'error_prefix'))}`))
    await expect(page.locator('.govuk-error-summary')).toBeFocused()
  })
})

/** The four languages, in order, each named in itself; the page's own language is the current one. */
async function expectLanguageSwitcher(page: Page, lng: Lng, where: string) {
  const nav = page.getByRole('navigation', { name: t(lng, 'common', 'language_switcher_label') })
  await expect(nav.getByRole('listitem'), `the language switcher on ${where}`).toHaveText(['English', 'বাংলা', 'Soomaali', 'اردو'])
  await expect(nav.locator('[aria-current="true"]'), `the current language on ${where}`).toHaveText(languageName(lng))
  await expect(nav.getByRole('link'), `links to the other languages on ${where}`).toHaveCount(3)
}

test('every resident page offers English, বাংলা, Soomaali and اردو', async ({ page }) => {
  const lng: Lng = 'so'
  const visit = async (url: string, where: string) => {
    await page.goto(url)
    await expectLanguageSwitcher(page, lng, where)
  }
  await visit(`/?lng=${lng}`, 'the home page')
  await visit(base, 'the start page')
  await visit(`${base}/privacy`, 'the privacy notice')
  await visit(qPath('connection'), 'a question page')
  await clickContinue(page, lng)
  await expectLanguageSwitcher(page, lng, 'a question page with an error')
  await saveForLater(page, lng)
  await expectSavedPage(page, lng)
  await expectLanguageSwitcher(page, lng, 'the saved page')
  await visit('/resume', 'the resume page')
  await visit('/delete', 'the delete page')
  await visit('/no/such/page', 'the page not found')
  await answerRequiredOnly(page, lng)
  await expectLanguageSwitcher(page, lng, 'check your answers')
  await submitResponse(page, lng)
  await expectLanguageSwitcher(page, lng, 'the equality intro')
  await page.getByRole('button', { name: t(lng, 'equality', 'intro.answer') }).click()
  await expectEqualityPage(page, 'age_band', lng)
  await expectLanguageSwitcher(page, lng, 'an equality question')
  await visit(`${base}/confirmation`, 'the confirmation page')
})

test('a question not translated into Somali or Urdu says so, and is shown in English', async ({ page }) => {
  for (const lng of ['so', 'ur'] as const) {
    await page.goto(`${qPath('connection')}?lng=${lng}`)
    await expectQuestionPage(page, 'connection', lng)
    await expect(page.locator('main .govuk-inset-text')).toHaveText(t(lng, 'common', 'language_fallback_note'))
    // The question itself is English, marked as such for screen readers.
    await expect(page.getByRole('heading', { level: 1 }).locator('span[lang="en"]')).toHaveText(questionTitle('connection', 'en'))
  }
  // Bengali has the survey's own text: no note.
  await page.goto(`${qPath('connection')}?lng=bn`)
  await expectQuestionPage(page, 'connection', 'bn')
  await expect(page.getByText(t('bn', 'common', 'language_fallback_note'), { exact: true })).toHaveCount(0)
})

test('Urdu is shown right to left', async ({ page }) => {
  await page.goto(`${base}?lng=ur`)
  const html = page.locator('html')
  await expect(html).toHaveAttribute('dir', 'rtl')
  await expect(html).toHaveAttribute('lang', 'ur')
  // The demo survey has no Urdu text: the content says so, and is marked as English.
  await expect(page.getByText(t('ur', 'common', 'start.content_fallback', { language: languageName('ur') }), { exact: true })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: consultationTitle('ur'), exact: true })).toHaveAttribute('lang', 'en')

  // The start button's arrow follows the text: on its left, pointing left.
  const start = page.getByRole('button', { name: t('ur', 'common', 'start.start_now') })
  const arrow = start.locator('.govuk-button__start-icon')
  expect(await arrow.evaluate((el) => getComputedStyle(el).transform)).toBe('matrix(-1, 0, 0, 1, 0, 0)')
  const startText = await start.evaluate((el) => {
    const range = document.createRange()
    range.selectNodeContents(el.firstChild!)
    return range.getBoundingClientRect().left
  })
  expect((await box(arrow)).x + (await box(arrow)).width).toBeLessThanOrEqual(startText)

  await start.click()
  await expectQuestionPage(page, 'connection', 'ur')
  await expect(html).toHaveAttribute('dir', 'rtl')
  await expect(page.getByRole('button', { name: t('ur', 'survey', 'continue'), exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: t('ur', 'survey', 'save_for_later'), exact: true })).toBeVisible()
  // The back link, its chevron and the radios sit at the right edge; each label is on its radio's left.
  const content = await box(page.locator('main'))
  const right = (b: { x: number; width: number }) => b.x + b.width
  const back = backLink(page, 'ur')
  expect(right(await box(back))).toBeCloseTo(right(content), 0)
  expect(await back.evaluate((el) => getComputedStyle(el, '::before').left)).not.toBe('3px')
  for (const radio of await page.locator('.govuk-radios__item').all()) {
    const label = await box(radio.locator('label'))
    const input = await box(radio.locator('input'))
    expect(right(input)).toBeCloseTo(right(content), 0)
    expect(right(label)).toBeLessThanOrEqual(input.x + 1)
  }
  // The error summary's links line up with its title (no browser list indent on the right).
  await clickContinue(page, 'ur')
  const summary = page.locator('.govuk-error-summary')
  expect(right(await box(summary.locator('li')))).toBeCloseTo(right(await box(summary.locator('h2'))), 0)

  // The date's day box comes first, at the right edge.
  await page.goto(qPath('congress_date'))
  const day = await box(dateInput(page, 'day', 'ur'))
  expect(right(day)).toBeCloseTo(right(await box(page.locator('.govuk-date-input'))), 0)
  expect(day.x).toBeGreaterThan((await box(dateInput(page, 'year', 'ur'))).x)

  // The saved page's warning: the "!" on the right of its text.
  await page.goto(qPath('connection'))
  await page.getByRole('button', { name: t('ur', 'survey', 'save_for_later'), exact: true }).click()
  await expectSavedPage(page, 'ur')
  const icon = await box(page.locator('.govuk-warning-text__icon'))
  expect(right(icon)).toBeCloseTo(right(content), 0)
  // A circle, not stretched by the taller line height of Urdu text.
  expect(icon.height).toBeCloseTo(icon.width, 0)
  const warningText = await page.locator('.govuk-warning-text__text').evaluate((el) => {
    const range = document.createRange()
    range.selectNodeContents(el)
    return range.getBoundingClientRect().right
  })
  expect(warningText).toBeLessThanOrEqual(icon.x)
  await page.getByRole('link', { name: t('ur', 'survey', 'saved.continue_now'), exact: true }).click()
  await expectQuestionPage(page, 'connection', 'ur')

  // Switching to English turns the page left to right again.
  await languageLink(page, 'en', 'ur').click()
  await expectQuestionPage(page, 'connection', 'en')
  await expect(html).toHaveAttribute('dir', 'ltr')
  await expect(html).toHaveAttribute('lang', 'en')
})
