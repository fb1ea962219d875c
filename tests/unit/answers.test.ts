import { describe, expect, it } from 'vitest'
import { demoSurvey } from '../../db/seed/demo-survey.ts'
import { findQuestion } from '~/features/surveys/definition.ts'
import { answerToFormValues, answerToRows, isAnswered, rowsToAnswers, type Answers } from '~/features/surveys/answers.ts'
import { formatAnswer, formatIsoDate } from '~/features/surveys/format-answer.ts'

const q = (key: string) => findQuestion(demoSurvey, key)!
const scaleT = (key: string) => `[${key}]`

describe('answers as rows and back', () => {
  it('stores a grid as one row per rated statement, at the statement\'s place, named by item_code', () => {
    const rows = answerToRows(q('area_statements'), { safe_public_spaces: 'disagree', get_on_well: 'agree' })
    expect(rows).toEqual([
      { question_key: 'area_statements', position: 0, item_code: 'get_on_well', option_code: 'agree', number_value: null, text_value: null },
      { question_key: 'area_statements', position: 2, item_code: 'safe_public_spaces', option_code: 'disagree', number_value: null, text_value: null },
    ])
    // Codes that are not statements (or live on Object.prototype) make no rows.
    expect(answerToRows(q('area_statements'), { constructor: 'agree', nope: 'agree' })).toEqual([])
  })

  it('stores a date as its ISO text', () => {
    expect(answerToRows(q('congress_date'), '2023-11-14')).toEqual([
      { question_key: 'congress_date', position: 0, item_code: null, option_code: null, number_value: null, text_value: '2023-11-14' },
    ])
  })

  it('reads every type back as it was given', () => {
    const answers: Answers = {
      connection: 'over_10',
      priorities: ['work_income', 'safe_homes'],
      safe_day: 'agree',
      area_statements: { get_on_well: 'strongly_agree', influence_decisions: 'dont_know', safe_public_spaces: 'neither' },
      congress_date: '2024-02-29',
      wellbeing: ['housing', 'loneliness'],
      children: 0,
      one_change: 'আরও পার্ক',
    }
    const rows = demoSurvey.questions.filter((x) => answers[x.key] !== undefined).flatMap((x) => answerToRows(x, answers[x.key]!))
    // Stored rows come back in any order.
    expect(rowsToAnswers(demoSurvey.questions, [...rows].reverse())).toEqual(answers)
  })

  it('ignores rows of statements the grid does not have, and a date redacted by anonymisation', () => {
    const row = { question_key: 'area_statements', position: 7, item_code: 'gone', option_code: 'agree', number_value: null, text_value: null }
    const redacted = { question_key: 'congress_date', position: 0, item_code: null, option_code: null, number_value: null, text_value: '[redacted]' }
    expect(rowsToAnswers(demoSurvey.questions, [row, redacted])).toEqual({})
  })

  it('a grid is answered when one statement is rated', () => {
    expect(isAnswered({})).toBe(false)
    expect(isAnswered({ get_on_well: '' })).toBe(false)
    expect(isAnswered({ get_on_well: 'agree' })).toBe(true)
    expect(isAnswered('2023-11-14')).toBe(true)
  })

  it('gives the form a grid\'s rating per statement and a date\'s day, month and year', () => {
    expect(answerToFormValues(q('area_statements'), { safe_public_spaces: 'agree' })).toEqual(['', '', 'agree'])
    expect(answerToFormValues(q('congress_date'), '2023-03-05')).toEqual(['5', '3', '2023'])
  })
})

describe('answers as words', () => {
  it('a grid: a line per rated statement, in statement order, in the content language', () => {
    const value = { safe_public_spaces: 'disagree', get_on_well: 'agree' }
    expect(formatAnswer(q('area_statements'), value, 'en', scaleT, [])).toEqual([
      'People from different backgrounds get on well together: [scale.agree]',
      'I feel safe using the parks and public spaces: [scale.disagree]',
    ])
    expect(formatAnswer(q('area_statements'), value, 'bn', scaleT, [])[0]).toBe('বিভিন্ন পটভূমির মানুষ একে অপরের সাথে ভালোভাবে মিলেমিশে থাকে: [scale.agree]')
  })

  it('numbers and ranking places: written with Intl in the reader\'s language', () => {
    expect(formatAnswer(q('children'), 2, 'en', scaleT, [], 'en')).toEqual(['2'])
    expect(formatAnswer(q('children'), 12, 'bn', scaleT, [], 'bn')).toEqual(['১২'])
    // The survey content may be English while the reader reads Bengali: numbers follow the reader.
    expect(formatAnswer(q('children'), 20, 'en', scaleT, [], 'bn')).toEqual(['২০'])
    expect(formatAnswer(q('children'), 1500, 'en', scaleT, [], 'en')).toEqual(['1,500'])
    const ranking = formatAnswer(q('priorities'), ['work_income', 'clean_green'], 'bn', scaleT, [], 'bn')
    expect(ranking[0]).toMatch(/^১\. /)
    expect(ranking[1]).toMatch(/^২\. /)
    expect(formatAnswer(q('priorities'), ['work_income'], 'en', scaleT, [], 'en')[0]).toMatch(/^1\. /)
  })

  it('a date: the London calendar date in the reader\'s language', () => {
    expect(formatIsoDate('2023-11-14', 'en')).toBe('14 November 2023')
    // Summer time does not move the day.
    expect(formatIsoDate('2024-07-01', 'en')).toBe('1 July 2024')
    expect(formatIsoDate('2023-11-14', 'bn')).toContain('১৪')
    expect(formatIsoDate('2023-11-14', 'ur')).toContain('2023')
    expect(formatAnswer(q('congress_date'), '2024-02-29', 'en', scaleT, [], 'en')).toEqual(['29 February 2024'])
    expect(formatAnswer(q('congress_date'), '2024-02-29', 'en', scaleT, [], 'bn')[0]).toContain('২৯')
    expect(formatIsoDate('not a date', 'en')).toBe('not a date')
  })
})
