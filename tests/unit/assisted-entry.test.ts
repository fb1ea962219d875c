import { describe, expect, it } from 'vitest'
import {
  answeredQuestions,
  canonicalAnswer,
  compareEntries,
  describeCondition,
  fieldPrefix,
  isAssistedMethod,
  NOTE_MAX_LENGTH,
  parseEntry,
  resolveAnswers,
  scopedForm,
} from '~/features/assisted/entry.ts'
import { findQuestion, parseSurveyDefinition, type SurveyDefinition } from '~/features/surveys/definition.ts'
import { demoSurvey } from '../../db/seed/demo-survey.ts'

// The one-page entry form: each question's fields prefixed, read back by the
// survey's own validators; skip logic drops answers to questions not asked;
// two entries of a paper form compared question by question.

const parsedSurvey = parseSurveyDefinition(demoSurvey)
if (!parsedSurvey.ok) throw new Error(parsedSurvey.problems.join('; '))
const survey: SurveyDefinition = parsedSurvey.definition
const WARDS = ['E05009317', 'E05009318']

function form(entries: [string, string][]) {
  const data = new FormData()
  for (const [name, value] of entries) data.append(name, value)
  return data
}
const q = (key: string, name: string, value: string): [string, string] => [`${fieldPrefix(key)}${name}`, value]

/** The smallest complete entry of the demo survey: its four required questions. */
const required: [string, string][] = [q('connection', 'answer', 'over_10'), q('priorities', 'rank-1', 'safe_homes'), q('safe_day', 'answer', 'agree')]

describe('assisted entry: reading the one-page form', () => {
  it('reads every question through its prefixed fields', () => {
    const parsed = parseEntry(
      survey,
      form([
        ...required,
        q('ward', 'answer', WARDS[0]!),
        q('priorities', 'rank-2', 'mental_health'),
        q('area_statements', 'statement-1', 'agree'),
        q('area_statements', 'statement-3', 'disagree'),
        q('congress_date', 'answer-day', '14'),
        q('congress_date', 'answer-month', '11'),
        q('congress_date', 'answer-year', '2023'),
        q('wellbeing', 'answer', 'cost_of_living'),
        q('wellbeing', 'answer', 'housing'),
        q('children', 'answer', '২'),
        q('one_change', 'answer', '  More buses  '),
        ['interviewer_note', 'Resident asked for a large print copy.'],
      ]),
      WARDS,
    )
    expect(parsed.errors).toEqual([])
    expect(parsed.answers).toEqual({
      connection: 'over_10',
      ward: WARDS[0],
      priorities: ['safe_homes', 'mental_health'],
      safe_day: 'agree',
      area_statements: { get_on_well: 'agree', safe_public_spaces: 'disagree' },
      congress_date: '2023-11-14',
      wellbeing: ['cost_of_living', 'housing'],
      children: 2,
      one_change: 'More buses',
    })
    expect(parsed.note).toBe('Resident asked for a large print copy.')
    expect(parsed.dropped).toEqual([])
  })

  it('gives each error the prefixed id of the field to fix, numbered as on the form', () => {
    const parsed = parseEntry(
      survey,
      form([q('priorities', 'rank-2', 'safe_homes'), q('children', 'answer', '99'), q('congress_date', 'answer-day', '31'), q('congress_date', 'answer-month', '2')]),
      WARDS,
    )
    expect(parsed.errors.map((e) => (e.kind === 'answer' ? [e.number, e.id, e.error.key] : [e.id]))).toEqual([
      [1, 'q-connection-answer-1', 'errors.required_choice'],
      [3, 'q-priorities-rank-1', 'errors.rank_gap'],
      [4, 'q-safe_day-answer-1', 'errors.required_choice'],
      [6, 'q-congress_date-answer-year', 'errors.date_missing_year'],
      [11, 'q-children-answer', 'errors.number_range'],
    ])
    // What was typed is kept, to be shown again.
    expect(parsed.echo.children).toEqual(['99'])
    expect(parsed.echo.priorities).toEqual(['', 'safe_homes', ''])
    expect(parsed.echo.congress_date).toEqual(['31', '2', ''])
  })

  it('drops answers to questions skip logic hides, and lists them', () => {
    const parsed = parseEntry(
      survey,
      form([
        q('connection', 'answer', 'not_resident'),
        q('ward', 'answer', WARDS[1]!),
        q('priorities', 'rank-1', 'work_income'),
        q('safe_day', 'answer', 'neither'),
        q('needed_help', 'answer', 'no'),
        q('help_sources', 'answer', 'food_bank'),
      ]),
      WARDS,
    )
    expect(parsed.errors).toEqual([])
    expect(parsed.answers).not.toHaveProperty('ward')
    expect(parsed.answers).not.toHaveProperty('help_sources')
    expect(parsed.dropped).toEqual(['ward', 'help_sources'])
  })

  it('does not hold a hidden question to its rules (required or not, valid or not)', () => {
    const strict: SurveyDefinition = {
      ...survey,
      questions: survey.questions.map((question) => (question.key === 'help_sources' ? { ...question, required: true } : question)),
    }
    const parsed = parseEntry(strict, form([...required, q('needed_help', 'answer', 'no'), q('help_sources', 'answer', 'not-an-option')]), WARDS)
    expect(parsed.errors).toEqual([])
    expect(parsed.dropped).toEqual(['help_sources'])
    const asked = parseEntry(strict, form([...required, q('needed_help', 'answer', 'yes')]), WARDS)
    expect(asked.errors.map((e) => e.id)).toEqual(['q-help_sources-answer-1'])
  })

  it('limits the interviewer note to 1000 characters (counted as characters, not bytes)', () => {
    expect(parseEntry(survey, form([...required, ['interviewer_note', 'ব'.repeat(NOTE_MAX_LENGTH)]]), WARDS).errors).toEqual([])
    const long = parseEntry(survey, form([...required, ['interviewer_note', 'x'.repeat(NOTE_MAX_LENGTH + 1)]]), WARDS)
    expect(long.errors).toEqual([{ kind: 'note', id: 'interviewer_note', key: 'errors.note_too_long', max: NOTE_MAX_LENGTH }])
    expect(parseEntry(survey, form([...required, ['interviewer_note', '  \r\n ']]), WARDS).note).toBeNull()
  })

  it('reads only its own question from the shared form', () => {
    const data = form([q('connection', 'answer', 'under_1'), q('needed_help', 'answer', 'yes')])
    expect(scopedForm(data, 'connection').getAll('answer')).toEqual(['under_1'])
    expect(scopedForm(data, 'needed_help').getAll('answer')).toEqual(['yes'])
  })

  it('knows the assisted methods', () => {
    expect(['phone', 'face_to_face', 'event', 'paper'].every(isAssistedMethod)).toBe(true)
    expect(isAssistedMethod('online')).toBe(false)
    expect(isAssistedMethod('import')).toBe(false)
  })
})

describe('assisted entry: comparing two entries of a paper form', () => {
  const first = { connection: 'over_10', priorities: ['safe_homes', 'work_income'], wellbeing: ['housing', 'cost_of_living'], one_change: 'More  buses', area_statements: { get_on_well: 'agree' } }

  it('finds no difference where the answers mean the same', () => {
    const second = { connection: 'over_10', priorities: ['safe_homes', 'work_income'], wellbeing: ['cost_of_living', 'housing'], one_change: ' More buses', area_statements: { get_on_well: 'agree' } }
    expect(compareEntries(survey, first, second)).toEqual([])
  })

  it('flags each question that differs, in survey order, with both values', () => {
    const second = { connection: '6_10', priorities: ['work_income', 'safe_homes'], wellbeing: ['housing'], children: 3, area_statements: { get_on_well: 'agree', influence_decisions: 'dont_know' } }
    expect(compareEntries(survey, first, second)).toEqual([
      { questionKey: 'connection', first: 'over_10', second: '6_10' },
      { questionKey: 'priorities', first: ['safe_homes', 'work_income'], second: ['work_income', 'safe_homes'] },
      { questionKey: 'area_statements', first: { get_on_well: 'agree' }, second: { get_on_well: 'agree', influence_decisions: 'dont_know' } },
      { questionKey: 'wellbeing', first: ['housing', 'cost_of_living'], second: ['housing'] },
      { questionKey: 'children', first: undefined, second: 3 },
      { questionKey: 'one_change', first: 'More  buses', second: undefined },
    ])
  })

  it('treats an empty answer as no answer', () => {
    const question = findQuestion(survey, 'wellbeing')!
    expect(canonicalAnswer(question, [])).toBeNull()
    expect(canonicalAnswer(findQuestion(survey, 'one_change')!, '   ')).toBeNull()
  })
})

describe('assisted entry: resolving the differences', () => {
  const current = { connection: 'over_10', priorities: ['safe_homes'], safe_day: 'agree', needed_help: 'no' }
  const mismatches = compareEntries(survey, current, { connection: 'over_10', priorities: ['safe_homes'], safe_day: 'disagree', needed_help: 'yes', help_sources: ['council'] })

  it('takes the chosen value for each question', () => {
    const result = resolveAnswers(survey, current, mismatches, { safe_day: 'second', needed_help: 'second', help_sources: 'second' })
    expect(result).toEqual({ ok: true, answers: { ...current, safe_day: 'disagree', needed_help: 'yes', help_sources: ['council'] }, dropped: [] })
  })

  it('applies skip logic again: a choice can hide a later answer', () => {
    const result = resolveAnswers(survey, current, mismatches, { safe_day: 'first', needed_help: 'first', help_sources: 'second' })
    expect(result).toEqual({ ok: true, answers: current, dropped: ['help_sources'] })
  })

  it('needs a choice for every difference', () => {
    expect(resolveAnswers(survey, current, mismatches, { safe_day: 'first' })).toEqual({ ok: false, reason: 'unchosen', questionKey: 'needed_help' })
  })

  it('refuses choices that leave a required question unanswered', () => {
    const gap = compareEntries(survey, current, { connection: 'over_10', priorities: ['safe_homes'], needed_help: 'no' })
    expect(resolveAnswers(survey, current, gap, { safe_day: 'second' })).toEqual({ ok: false, reason: 'missing', questionKey: 'safe_day' })
  })
})

describe('assisted entry: skip rules in words', () => {
  it('names the question and the answer that decide', () => {
    const scale = (code: string) => `scale:${code}`
    expect(describeCondition(survey, findQuestion(survey, 'ward')!, 'en', scale)).toEqual({
      operator: 'not_equals',
      number: 1,
      title: 'How long have you lived in Tower Hamlets?',
      value: 'I do not live here, but I work or study here',
    })
    expect(describeCondition(survey, findQuestion(survey, 'help_sources')!, 'bn', scale)).toMatchObject({ operator: 'equals', number: 8, value: 'হ্যাঁ' })
    expect(describeCondition(survey, findQuestion(survey, 'connection')!, 'en', scale)).toBeNull()
  })

  it('lists answered questions with their numbers', () => {
    expect(answeredQuestions(survey, { safe_day: 'agree', wellbeing: [] }).map((a) => [a.number, a.question.key])).toEqual([[4, 'safe_day']])
  })
})
