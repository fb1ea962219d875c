import { describe, expect, it } from 'vitest'
import { demoSurvey } from '../../db/seed/demo-survey.ts'
import { findQuestion } from '~/features/surveys/definition.ts'
import { parseAnswer } from '~/features/surveys/validate-answer.ts'

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
