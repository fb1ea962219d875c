import fs from 'node:fs'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { demoSurvey } from '../../db/seed/demo-survey.ts'
import { findQuestion } from '~/features/surveys/definition.ts'
import { createI18n } from '~/features/i18n/create-i18n.ts'
import { QuestionField, type QuestionFieldProps } from '~/features/surveys/question-field.tsx'

// The grid and date fields as residents (and the officer's preview) get them: server-rendered HTML.
const messages = (lng: string) => ({
  survey: JSON.parse(fs.readFileSync(`locales/${lng}/survey.json`, 'utf8')),
  common: JSON.parse(fs.readFileSync(`locales/${lng}/common.json`, 'utf8')),
})
function render(props: Partial<QuestionFieldProps> & { question: QuestionFieldProps['question'] }, lng = 'en') {
  const i18n = createI18n(lng, messages(lng))
  const field = createElement(QuestionField, { contentLocale: lng === 'bn' ? 'bn' : 'en', values: [], wards: [], ...props })
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, field))
}
const q = (key: string) => findQuestion(demoSurvey, key)!

describe('grid field', () => {
  it('is the question as the h1, then a fieldset per statement with the six scale radios', () => {
    const html = render({ question: q('area_statements'), values: ['agree', '', 'dont_know'] })
    expect(html).toMatch(/<legend class="govuk-fieldset__legend govuk-fieldset__legend--l"><h1 class="govuk-fieldset__heading">/)
    expect(html.match(/<fieldset/g)).toHaveLength(4)
    expect(html).toContain('People from different backgrounds get on well together</span></legend>')
    expect(html.match(/type="radio"/g)).toHaveLength(18)
    expect(html).toContain('id="statement-2-1" name="statement-2" type="radio" value="strongly_agree"')
    expect(html).toMatch(/id="statement-1-2" name="statement-1" type="radio" checked="" value="agree"/)
    expect(html).toMatch(/id="statement-3-6" name="statement-3" type="radio" checked="" value="dont_know"/)
    expect(html.match(/checked=""/g)).toHaveLength(2)
  })

  it('ties an error to the statement it is about', () => {
    const html = render({ question: q('area_statements'), error: { field: 'statement-2-1', text: 'Select an answer for each statement' } })
    expect(html).toContain('govuk-form-group govuk-form-group--error')
    expect(html).toContain('id="answer-error"')
    expect(html.match(/<fieldset class="govuk-fieldset" aria-describedby="answer-error">/g)).toHaveLength(1)
  })

  it('shows statements in Bengali with the scale in Bengali', () => {
    const html = render({ question: q('area_statements') }, 'bn')
    expect(html).toContain('lang="bn"')
    expect(html).toContain(messages('bn').survey.scale.agree)
  })
})

describe('date field', () => {
  it('is a GOV.UK date input: day, month and year, numeric, with the typed values', () => {
    const html = render({ question: q('congress_date'), values: ['31', '2', '2024'] })
    expect(html).toContain('<fieldset class="govuk-fieldset" role="group" aria-describedby="answer-hint answer-date-hint">')
    for (const [part, width, value] of [['day', 2, '31'], ['month', 2, '2'], ['year', 4, '2024']] as const) {
      expect(html).toContain(`<label class="govuk-label govuk-date-input__label" for="answer-${part}">`)
      expect(html).toContain(
        `class="govuk-input govuk-date-input__input govuk-input--width-${width}" id="answer-${part}" name="answer-${part}" type="text" inputMode="numeric" spellcheck="false" autoComplete="off" value="${value}"`,
      )
    }
    // The example falls inside the range, and the range is written out.
    expect(html).toContain('For example, 27 3 2024.<br/>Enter a date on or after 14 November 2023.')
  })

  it('marks only the inputs with the problem', () => {
    const html = render({ question: q('congress_date'), values: ['2', '', '2024'], error: { field: 'answer-month', text: 'Date must include a month', highlight: ['answer-month'] } })
    expect(html.match(/govuk-input--error/g)).toHaveLength(1)
    expect(html).toMatch(/govuk-input--error" id="answer-month"/)
    const all = render({ question: q('congress_date'), error: { field: 'answer-day', text: 'Enter a date' } })
    expect(all.match(/govuk-input--error/g)).toHaveLength(3)
  })

  it('writes the example and the range in Bengali digits and words', () => {
    const html = render({ question: { ...q('congress_date'), latest: '2028-03-31' } as QuestionFieldProps['question'] }, 'bn')
    expect(html).toContain('২৭ ৩ ২০২৪')
    expect(html).toContain('১৪ নভেম্বর, ২০২৩')
    expect(html).toContain('৩১ মার্চ, ২০২৮')
  })
})

describe('numbers in hints', () => {
  it('are written with Intl in the reader\'s language: the number range and the character limit', () => {
    const number = render({ question: q('children') }, 'bn')
    expect(number).toContain(`${'০'} থেকে ${'২০'}-এর মধ্যে`)
    expect(render({ question: q('children') }, 'en')).toContain('from 0 to 20')
    const text = render({ question: q('one_change') }, 'bn')
    expect(text).toContain('সর্বোচ্চ ৫০০টি অক্ষর')
    expect(text).not.toContain('500টি')
  })
})
