import { describe, expect, it } from 'vitest'
import {
  codeFromLabel,
  formValuesOf,
  moveQuestion,
  putQuestion,
  questionFromForm,
  readQuestionForm,
  removeQuestion,
  setCondition,
  suggestKey,
  type QuestionFormValues,
} from '~/features/surveys/builder.ts'
import { parseSurveyDefinition, type SurveyDefinition } from '~/features/surveys/definition.ts'

const CTAS = ['CTA1', 'CTA2', 'CTA3', 'CTA4', 'CTA5']

// A small survey: q2 is shown only when q1 is "yes".
function survey(): SurveyDefinition {
  const parsed = parseSurveyDefinition({
    schemaVersion: 1,
    locales: ['en', 'bn'],
    questions: [
      {
        key: 'q1',
        type: 'single',
        title: { en: 'Do you use the library?', bn: 'আপনি কি লাইব্রেরি ব্যবহার করেন?' },
        ctas: ['CTA2'],
        options: [
          { code: 'yes', label: { en: 'Yes', bn: 'হ্যাঁ' } },
          { code: 'no', label: { en: 'No', bn: 'না' } },
        ],
      },
      { key: 'q2', type: 'text', title: { en: 'What do you use it for?', bn: 'কী কাজে?' }, ctas: ['CTA2'], showIf: { question: 'q1', operator: 'equals', value: 'yes' } },
      { key: 'q3', type: 'ward', title: { en: 'Which ward do you live in?', bn: 'কোন ওয়ার্ড?' }, ctas: ['CTA3'] },
    ],
  })
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'))
  return parsed.definition
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData()
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v)
  return data
}

describe('survey builder', () => {
  it('suggests a free question key and makes option codes from labels', () => {
    expect(suggestKey(null)).toBe('q1')
    expect(suggestKey(survey())).toBe('q4')
    expect(codeFromLabel('Less than a year!', 'option_1')).toBe('less_than_a_year')
    // Bengali has no ASCII letters: the row number stands in
    expect(codeFromLabel('হ্যাঁ', 'option_1')).toBe('option_1')
  })

  it('builds a new multiple choice question from the form, with blank rows ignored and a "None of these"', () => {
    const values = readQuestionForm(
      form({
        key: 'reasons',
        title: 'Why do you visit?',
        hint: 'Select all that apply',
        required: 'yes',
        ctas: ['CTA2', 'CTA9'],
        'option-1-label': 'To borrow books',
        'option-1-code': '',
        'option-1-ctas': 'CTA2',
        'option-2-label': 'To use a computer',
        'option-2-code': 'computer',
        'option-3-label': 'None of these',
        'option-3-code': 'none',
        'option-4-label': '',
        'option-4-code': '',
        exclusive: 'none',
        maxChoices: '',
      }),
      'multiple',
    )
    const built = questionFromForm(values, 'multiple', null, survey(), CTAS)
    expect(built.ok).toBe(true)
    if (!built.ok) return
    expect(built.question).toEqual({
      key: 'reasons',
      type: 'multiple',
      title: { en: 'Why do you visit?' },
      hint: { en: 'Select all that apply' },
      required: true,
      ctas: ['CTA2'],
      options: [
        { code: 'to_borrow_books', label: { en: 'To borrow books' }, ctas: ['CTA2'] },
        { code: 'computer', label: { en: 'To use a computer' } },
        { code: 'none', label: { en: 'None of these' }, exclusive: true },
      ],
    })
  })

  it('explains every problem with a question form, each linked to its field', () => {
    const values: QuestionFormValues = { ...formValuesOf(null, 'single', 'q1'), key: 'Bad Key', title: '', ctas: [] }
    values.rows[0] = { code: 'a', label: 'Only one', ctas: [], existing: false, remove: false }
    values.rows[1] = { code: 'a', label: 'Same code', ctas: [], existing: false, remove: false }
    const built = questionFromForm(values, 'single', null, survey(), CTAS)
    expect(built.ok).toBe(false)
    if (built.ok) return
    expect(built.errors.map((e) => `${e.field}:${e.key}`)).toEqual([
      'key:errors.key_invalid',
      'title:errors.title_required',
      'ctas:errors.ctas_required',
      'option-2-code:errors.code_taken',
      'option-1-label:errors.options_min',
    ])
    const taken = questionFromForm({ ...formValuesOf(null, 'ward', 'q1'), title: 'Ward?', ctas: ['CTA3'] }, 'ward', null, survey(), CTAS)
    expect(taken.ok ? [] : taken.errors.map((e) => e.key)).toEqual(['errors.key_taken'])
  })

  it('checks limits: min above max, a character limit out of range, an impossible date', () => {
    const number = questionFromForm({ ...formValuesOf(null, 'number', 'n1'), title: 'How many?', ctas: ['CTA1'], min: '10', max: '5' }, 'number', null, null, CTAS)
    expect(number.ok ? [] : number.errors.map((e) => e.key)).toEqual(['errors.min_above_max'])
    const text = questionFromForm({ ...formValuesOf(null, 'text', 't1'), title: 'Tell us', ctas: ['CTA1'], maxLength: '6000' }, 'text', null, null, CTAS)
    expect(text.ok ? [] : text.errors.map((e) => e.key)).toEqual(['errors.max_length'])
    const date = questionFromForm({ ...formValuesOf(null, 'date', 'd1'), title: 'When?', ctas: ['CTA1'], earliest: '2025-02-30' }, 'date', null, null, CTAS)
    expect(date.ok ? [] : date.errors.map((e) => e.key)).toEqual(['errors.date_invalid'])
    const grid = questionFromForm({ ...formValuesOf(null, 'grid', 'g1'), title: 'Agree?', ctas: ['CTA1'] }, 'grid', null, null, CTAS)
    expect(grid.ok ? [] : grid.errors.map((e) => e.key)).toEqual(['errors.statements_min'])
  })

  it('keeps translations of unchanged texts and drops those whose English changed', () => {
    const current = survey()
    const values = formValuesOf(current.questions[0]!, 'single', 'q1')
    values.rows[1]!.label = 'No, never'
    const built = questionFromForm(values, 'single', current.questions[0]!, current, CTAS)
    expect(built.ok).toBe(true)
    if (!built.ok || built.question.type !== 'single') return
    expect(built.stale).toBe(1)
    expect(built.question.title).toEqual({ en: 'Do you use the library?', bn: 'আপনি কি লাইব্রেরি ব্যবহার করেন?' })
    expect(built.question.options.map((o) => o.label)).toEqual([{ en: 'Yes', bn: 'হ্যাঁ' }, { en: 'No, never' }])
    expect(built.question.options.map((o) => o.code)).toEqual(['yes', 'no'])
  })

  it('refuses to remove an answer a later skip rule depends on', () => {
    const current = survey()
    const values = formValuesOf(current.questions[0]!, 'single', 'q1')
    values.rows[0]!.remove = true
    values.rows[2] = { code: 'sometimes', label: 'Sometimes', ctas: [], existing: false, remove: false }
    const built = questionFromForm(values, 'single', current.questions[0]!, current, CTAS)
    expect(built.ok).toBe(true)
    if (!built.ok) return
    const put = putQuestion(current, built.question, ['bn'])
    expect(put.ok ? [] : put.errors.map((e) => e.key)).toEqual(['errors.used_by_rule'])
  })

  it('adds a question at the end and replaces one in place', () => {
    const current = survey()
    const added = putQuestion(current, { key: 'q4', type: 'scale', title: { en: 'Libraries matter' }, required: false, ctas: ['CTA2'] }, ['bn'])
    expect(added.ok && added.definition.questions.map((q) => q.key)).toEqual(['q1', 'q2', 'q3', 'q4'])
    const first = putQuestion(null, { key: 'q1', type: 'ward', title: { en: 'Ward?' }, required: true, ctas: ['CTA3'] }, ['en', 'bn'])
    expect(first.ok && first.definition.locales).toEqual(['en', 'bn'])
  })

  it('moves questions up and down, but never above the question their skip rule depends on', () => {
    const current = survey()
    const down = moveQuestion(current, 'q2', 'down')
    expect(down.ok && down.definition.questions.map((q) => q.key)).toEqual(['q1', 'q3', 'q2'])
    const blocked = moveQuestion(current, 'q2', 'up')
    expect(blocked.ok ? [] : blocked.errors.map((e) => e.key)).toEqual(['errors.move_breaks_rule'])
    const blockedDown = moveQuestion(current, 'q1', 'down')
    expect(blockedDown.ok).toBe(false)
    const top = moveQuestion(current, 'q1', 'up')
    expect(top.ok && top.definition).toEqual(current)
  })

  it('removes a question unless a skip rule depends on it', () => {
    const current = survey()
    const refused = removeQuestion(current, 'q1')
    expect(refused.ok ? [] : refused.errors.map((e) => [e.key, e.values?.question])).toEqual([['errors.remove_breaks_rule', 'What do you use it for?']])
    const removed = removeQuestion(current, 'q2')
    expect(removed.ok && removed.definition.questions.map((q) => q.key)).toEqual(['q1', 'q3'])
  })

  it('sets skip rules only backwards, on a real answer, with an operator that suits the question', () => {
    const current = survey()
    const keys = (r: ReturnType<typeof setCondition>) => (r.ok ? [] : r.errors.map((e) => e.key))
    expect(keys(setCondition(current, 'q1', { question: 'q3', operator: 'answered', value: '' }))).toEqual(['errors.rule_forwards'])
    expect(keys(setCondition(current, 'q3', { question: 'q9', operator: 'answered', value: '' }))).toEqual(['errors.rule_missing'])
    expect(keys(setCondition(current, 'q3', { question: 'q3', operator: 'answered', value: '' }))).toEqual(['errors.rule_self'])
    expect(keys(setCondition(current, 'q3', { question: 'q1', operator: 'includes', value: 'yes' }))).toEqual(['errors.operator_required'])
    expect(keys(setCondition(current, 'q3', { question: 'q1', operator: 'equals', value: '' }))).toEqual(['errors.value_required'])
    expect(keys(setCondition(current, 'q3', { question: 'q1', operator: 'equals', value: 'maybe' }))).toEqual(['errors.value_unknown'])
    const set = setCondition(current, 'q3', { question: 'q1', operator: 'not_equals', value: 'no' })
    expect(set.ok && set.definition.questions[2]!.showIf).toEqual({ question: 'q1', operator: 'not_equals', value: 'no' })
    const answered = setCondition(current, 'q3', { question: 'q2', operator: 'answered', value: 'ignored' })
    expect(answered.ok && answered.definition.questions[2]!.showIf).toEqual({ question: 'q2', operator: 'answered' })
    const cleared = setCondition(current, 'q2', null)
    expect(cleared.ok && 'showIf' in cleared.definition.questions[1]!).toBe(false)
    // every accepted change is still a valid survey
    for (const result of [set, answered, cleared]) expect(result.ok && parseSurveyDefinition(result.definition).ok).toBe(true)
  })
})
