import { describe, expect, it } from 'vitest'
import { demoSurvey } from '../../db/seed/demo-survey.ts'
import { findQuestion, type Question } from '~/features/surveys/definition.ts'
import { answerErrorText, echoValues, firstInputId, parseAnswer } from '~/features/surveys/validate-answer.ts'

const q = (key: string) => findQuestion(demoSurvey, key)!
const form = (entries: [string, string][]) => {
  const data = new FormData()
  for (const [k, v] of entries) data.append(k, v)
  return data
}
const WARDS = ['E05009317', 'E05009318']

describe('answer validation per question type', () => {
  it('single choice: a known option, required, unknown code, two values', () => {
    expect(parseAnswer(q('connection'), form([['answer', 'over_10']]))).toEqual({ ok: true, value: 'over_10' })
    expect(parseAnswer(q('connection'), form([]))).toMatchObject({ ok: false, error: { key: 'errors.required_choice', field: 'answer-1' } })
    expect(parseAnswer(q('connection'), form([['answer', 'hacked']]))).toMatchObject({ ok: false, error: { key: 'errors.invalid_option' } })
    expect(parseAnswer(q('connection'), form([['answer', 'over_10'], ['answer', '1_5']]))).toMatchObject({ ok: false, error: { key: 'errors.choose_one' } })
    // optional question left empty is fine
    expect(parseAnswer(q('needed_help'), form([]))).toEqual({ ok: true, value: undefined })
  })

  it('multiple choice keeps option order, refuses "None of these" with others', () => {
    expect(parseAnswer(q('wellbeing'), form([['answer', 'loneliness'], ['answer', 'cost_of_living']]))).toEqual({
      ok: true,
      value: ['cost_of_living', 'loneliness'],
    })
    expect(parseAnswer(q('wellbeing'), form([['answer', 'none']]))).toEqual({ ok: true, value: ['none'] })
    expect(parseAnswer(q('wellbeing'), form([['answer', 'none'], ['answer', 'housing']]))).toMatchObject({
      ok: false,
      error: { key: 'errors.exclusive_option' },
    })
    expect(parseAnswer(q('wellbeing'), form([['answer', 'x']]))).toMatchObject({ ok: false, error: { key: 'errors.invalid_option' } })
  })

  it('agreement scale: five points plus don\'t know', () => {
    for (const code of ['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree', 'dont_know']) {
      expect(parseAnswer(q('safe_day'), form([['answer', code]]))).toEqual({ ok: true, value: code })
    }
    expect(parseAnswer(q('safe_day'), form([['answer', 'very']]))).toMatchObject({ ok: false, error: { key: 'errors.invalid_option' } })
  })

  it('free text is trimmed and limited in characters, not bytes', () => {
    expect(parseAnswer(q('one_change'), form([['answer', '  More buses  ']]))).toEqual({ ok: true, value: 'More buses' })
    const bengali500 = 'আ'.repeat(500)
    expect(parseAnswer(q('one_change'), form([['answer', bengali500]]))).toEqual({ ok: true, value: bengali500 })
    expect(parseAnswer(q('one_change'), form([['answer', 'a'.repeat(501)]]))).toMatchObject({
      ok: false,
      error: { key: 'errors.too_long', values: { max: 500 } },
    })
  })

  it('whole number within min and max, in Latin or Bengali digits', () => {
    expect(parseAnswer(q('children'), form([['answer', '3']]))).toEqual({ ok: true, value: 3 })
    expect(parseAnswer(q('children'), form([['answer', '৩']]))).toEqual({ ok: true, value: 3 })
    expect(parseAnswer(q('children'), form([['answer', '0']]))).toEqual({ ok: true, value: 0 })
    expect(parseAnswer(q('children'), form([['answer', '2.5']]))).toMatchObject({ ok: false, error: { key: 'errors.whole_number' } })
    expect(parseAnswer(q('children'), form([['answer', 'two']]))).toMatchObject({ ok: false, error: { key: 'errors.whole_number' } })
    expect(parseAnswer(q('children'), form([['answer', '21']]))).toMatchObject({
      ok: false,
      error: { key: 'errors.number_range', values: { min: 0, max: 20 } },
    })
    expect(parseAnswer(q('children'), form([['answer', '-1']]))).toMatchObject({ ok: false, error: { key: 'errors.number_range' } })
  })

  it('ward must be one of the wards', () => {
    expect(parseAnswer(q('ward'), form([['answer', 'E05009317']]), WARDS)).toEqual({ ok: true, value: 'E05009317' })
    expect(parseAnswer(q('ward'), form([['answer', 'E99999999']]), WARDS)).toMatchObject({ ok: false, error: { key: 'errors.invalid_option' } })
  })

  it('ranking: in order, no gaps, no repeats, up to three', () => {
    expect(parseAnswer(q('priorities'), form([['rank-1', 'safe_homes'], ['rank-2', 'work_income']]))).toEqual({
      ok: true,
      value: ['safe_homes', 'work_income'],
    })
    expect(parseAnswer(q('priorities'), form([]))).toMatchObject({ ok: false, error: { key: 'errors.required_ranking', field: 'rank-1' } })
    expect(parseAnswer(q('priorities'), form([['rank-2', 'safe_homes']]))).toMatchObject({ ok: false, error: { key: 'errors.rank_gap', field: 'rank-1' } })
    expect(parseAnswer(q('priorities'), form([['rank-1', 'safe_homes'], ['rank-2', 'safe_homes']]))).toMatchObject({
      ok: false,
      error: { key: 'errors.rank_duplicate', field: 'rank-2' },
    })
    expect(parseAnswer(q('priorities'), form([['rank-1', 'nope']]))).toMatchObject({ ok: false, error: { key: 'errors.invalid_option' } })
    // a fourth place is not part of the question and is ignored
    expect(parseAnswer(q('priorities'), form([['rank-1', 'safe_homes'], ['rank-4', 'clean_green']]))).toEqual({ ok: true, value: ['safe_homes'] })
  })
})

const grid = (required: boolean) => ({ ...q('area_statements'), required }) as Extract<Question, { type: 'grid' }>
const date = (extra: Partial<Extract<Question, { type: 'date' }>> = {}) => ({ ...q('congress_date'), ...extra }) as Extract<Question, { type: 'date' }>
const dateForm = (day: string, month: string, year: string) => form([['answer-day', day], ['answer-month', month], ['answer-year', year]])

describe('grid: each statement rated on the agreement scale', () => {
  it('keeps the rated statements, by statement code', () => {
    expect(parseAnswer(grid(false), form([['statement-1', 'agree'], ['statement-3', 'dont_know']]))).toEqual({
      ok: true,
      value: { get_on_well: 'agree', safe_public_spaces: 'dont_know' },
    })
  })

  it('optional: any subset, including none', () => {
    expect(parseAnswer(grid(false), form([]))).toEqual({ ok: true, value: undefined })
    expect(parseAnswer(grid(false), form([['statement-2', '']]))).toEqual({ ok: true, value: undefined })
    expect(parseAnswer(grid(false), form([['statement-2', 'disagree']]))).toEqual({ ok: true, value: { influence_decisions: 'disagree' } })
  })

  it('required: every statement, the error on the first unrated statement\'s first radio', () => {
    expect(firstInputId(grid(true))).toBe('statement-1-1')
    expect(parseAnswer(grid(true), form([]))).toMatchObject({ ok: false, error: { key: 'errors.required_grid', field: 'statement-1-1' } })
    expect(parseAnswer(grid(true), form([['statement-1', 'agree'], ['statement-3', 'agree']]))).toMatchObject({
      ok: false,
      error: { key: 'errors.required_grid', field: 'statement-2-1' },
    })
    expect(parseAnswer(grid(true), form([['statement-1', 'agree'], ['statement-2', 'neither'], ['statement-3', 'strongly_disagree']]))).toEqual({
      ok: true,
      value: { get_on_well: 'agree', influence_decisions: 'neither', safe_public_spaces: 'strongly_disagree' },
    })
  })

  it('refuses codes off the scale and two answers to one statement, at that statement', () => {
    expect(parseAnswer(grid(false), form([['statement-1', 'agree'], ['statement-2', 'very']]))).toMatchObject({
      ok: false,
      error: { key: 'errors.invalid_option', field: 'statement-2-1' },
    })
    expect(parseAnswer(grid(false), form([['statement-3', 'agree'], ['statement-3', 'disagree']]))).toMatchObject({
      ok: false,
      error: { key: 'errors.choose_one', field: 'statement-3-1' },
    })
    // The same radio sent twice is one answer; a statement that does not exist is ignored.
    expect(parseAnswer(grid(false), form([['statement-1', 'agree'], ['statement-1', 'agree'], ['statement-4', 'agree']]))).toEqual({
      ok: true,
      value: { get_on_well: 'agree' },
    })
  })

  it('shows back what was chosen, statement by statement', () => {
    expect(echoValues(grid(true), form([['statement-3', 'agree'], ['statement-1', 'neither']]))).toEqual(['neither', '', 'agree'])
  })
})

describe('date: GOV.UK date input', () => {
  it('gives YYYY-MM-DD, in Latin, Bengali or Arabic-Indic digits, with spaces and leading zeros', () => {
    expect(parseAnswer(date(), dateForm('14', '11', '2023'))).toEqual({ ok: true, value: '2023-11-14' })
    expect(parseAnswer(date(), dateForm('৫', '০৩', '২০২৪'))).toEqual({ ok: true, value: '2024-03-05' })
    expect(parseAnswer(date(), dateForm('٥', '٣', '٢٠٢٤'))).toEqual({ ok: true, value: '2024-03-05' })
    expect(parseAnswer(date(), dateForm(' 05 ', '3', ' 2 024'))).toEqual({ ok: true, value: '2024-03-05' })
  })

  it('empty: fine when optional, an error on the day when required', () => {
    expect(parseAnswer(date(), dateForm('', ' ', ''))).toEqual({ ok: true, value: undefined })
    expect(parseAnswer(date(), form([]))).toEqual({ ok: true, value: undefined })
    expect(parseAnswer(date({ required: true }), form([]))).toMatchObject({ ok: false, error: { key: 'errors.required_date', field: 'answer-day' } })
  })

  it('names the missing parts and points at the first of them', () => {
    const missing = (d: string, m: string, y: string) => parseAnswer(date(), dateForm(d, m, y))
    expect(missing('14', '', '2024')).toMatchObject({ ok: false, error: { key: 'errors.date_missing_month', field: 'answer-month', highlight: ['answer-month'] } })
    expect(missing('', '11', '2024')).toMatchObject({ ok: false, error: { key: 'errors.date_missing_day', field: 'answer-day' } })
    expect(missing('14', '11', '')).toMatchObject({ ok: false, error: { key: 'errors.date_missing_year', field: 'answer-year' } })
    expect(missing('', '', '2024')).toMatchObject({ ok: false, error: { key: 'errors.date_missing_day_month', highlight: ['answer-day', 'answer-month'] } })
    expect(missing('', '11', '')).toMatchObject({ ok: false, error: { key: 'errors.date_missing_day_year', field: 'answer-day' } })
    expect(missing('14', '', '')).toMatchObject({ ok: false, error: { key: 'errors.date_missing_month_year', field: 'answer-month' } })
  })

  it('refuses dates that do not exist, and knows leap years', () => {
    const real = (d: string, m: string, y: string) => parseAnswer(date({ earliest: undefined }), dateForm(d, m, y))
    expect(real('31', '2', '2024')).toMatchObject({ ok: false, error: { key: 'errors.date_real', field: 'answer-day' } })
    expect(real('29', '2', '2023')).toMatchObject({ ok: false, error: { key: 'errors.date_real' } })
    expect(real('29', '2', '2024')).toEqual({ ok: true, value: '2024-02-29' })
    expect(real('29', '2', '2000')).toEqual({ ok: true, value: '2000-02-29' })
    expect(real('29', '2', '1900')).toMatchObject({ ok: false, error: { key: 'errors.date_real' } })
    expect(real('31', '4', '2024')).toMatchObject({ ok: false, error: { key: 'errors.date_real' } })
    expect(real('0', '4', '2024')).toMatchObject({ ok: false, error: { key: 'errors.date_real' } })
    expect(real('1', '13', '2024')).toMatchObject({ ok: false, error: { key: 'errors.date_real', field: 'answer-month' } })
    expect(real('1', 'March', '2024')).toMatchObject({ ok: false, error: { key: 'errors.date_real', field: 'answer-month' } })
    expect(real('-1', '3', '2024')).toMatchObject({ ok: false, error: { key: 'errors.date_real', field: 'answer-day' } })
    expect(real('1.5', '3', '2024')).toMatchObject({ ok: false, error: { key: 'errors.date_real' } })
    expect(real('1', '3', '24')).toMatchObject({ ok: false, error: { key: 'errors.date_year_digits', field: 'answer-year', values: { digits: 4 } } })
    expect(real('1', '3', '20245')).toMatchObject({ ok: false, error: { key: 'errors.date_real', field: 'answer-year' } })
    expect(real('1', '3', '0999')).toMatchObject({ ok: false, error: { key: 'errors.date_real', field: 'answer-year' } })
  })

  it('keeps to earliest and latest, both days included', () => {
    const ranged = date({ earliest: '2023-11-14', latest: '2024-12-31' })
    expect(parseAnswer(ranged, dateForm('14', '11', '2023'))).toEqual({ ok: true, value: '2023-11-14' })
    expect(parseAnswer(ranged, dateForm('31', '12', '2024'))).toEqual({ ok: true, value: '2024-12-31' })
    expect(parseAnswer(ranged, dateForm('13', '11', '2023'))).toMatchObject({ ok: false, error: { key: 'errors.date_too_early', values: { date: '2023-11-14' } } })
    expect(parseAnswer(ranged, dateForm('1', '1', '2025'))).toMatchObject({ ok: false, error: { key: 'errors.date_too_late', values: { date: '2024-12-31' } } })
  })

  it('keeps what was typed, to show it again', () => {
    expect(echoValues(date(), dateForm('31', 'Feb', '২০২৪'))).toEqual(['31', 'Feb', '২০২৪'])
  })

  it('writes the date in an error message in the reader\'s language', () => {
    const parsed = parseAnswer(date(), dateForm('1', '1', '2020'))
    if (parsed.ok) throw new Error('expected an error')
    const t = (key: string, values?: Record<string, string | number>) => `${key} ${JSON.stringify(values)}`
    expect(answerErrorText(parsed.error, t, 'en')).toBe('errors.date_too_early {"date":"14 November 2023"}')
    expect(answerErrorText(parsed.error, t, 'bn')).toContain('১৪')
  })
})
