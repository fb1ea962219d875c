import { describe, expect, it } from 'vitest'
import { demoSurvey } from '../../db/seed/demo-survey.ts'
import {
  firstMissingRequired,
  isVisible,
  keepVisibleAnswers,
  nextQuestion,
  previousQuestion,
  resumePoint,
  visibleQuestions,
} from '~/features/surveys/skip-logic.ts'

const keys = (qs: { key: string }[]) => qs.map((q) => q.key)

describe('skip logic', () => {
  it('hides a question until the earlier answer matches (equals)', () => {
    expect(isVisible(demoSurvey, 'help_sources', {})).toBe(false)
    expect(isVisible(demoSurvey, 'help_sources', { needed_help: 'no' })).toBe(false)
    expect(isVisible(demoSurvey, 'help_sources', { needed_help: 'yes' })).toBe(true)
  })

  it('not_equals needs an answer that differs', () => {
    expect(isVisible(demoSurvey, 'ward', {})).toBe(false)
    expect(isVisible(demoSurvey, 'ward', { connection: 'over_10' })).toBe(true)
    expect(isVisible(demoSurvey, 'ward', { connection: 'not_resident' })).toBe(false)
  })

  it('moves to the next visible question and back', () => {
    expect(nextQuestion(demoSurvey, 'connection', { connection: 'not_resident' })?.key).toBe('priorities')
    expect(nextQuestion(demoSurvey, 'connection', { connection: 'over_10' })?.key).toBe('ward')
    expect(nextQuestion(demoSurvey, 'needed_help', { needed_help: 'no' })?.key).toBe('young_listened')
    expect(nextQuestion(demoSurvey, 'needed_help', { needed_help: 'yes' })?.key).toBe('help_sources')
    expect(nextQuestion(demoSurvey, 'one_change', {})).toBeNull()
    expect(previousQuestion(demoSurvey, 'young_listened', { needed_help: 'no' })?.key).toBe('needed_help')
    expect(previousQuestion(demoSurvey, 'connection', {})).toBeNull()
  })

  it('drops answers to questions that became hidden', () => {
    const answers = { connection: 'not_resident', ward: 'E05009317', needed_help: 'no', help_sources: ['council'] }
    expect(keepVisibleAnswers(demoSurvey, answers)).toEqual({ connection: 'not_resident', needed_help: 'no' })
  })

  it('a hidden answer never satisfies a later condition', () => {
    const survey = structuredClone(demoSurvey)
    // q3 depends on ward, which is hidden for non-residents
    survey.questions.push({ key: 'ward_follow_up', type: 'text', required: false, maxLength: 10, ctas: ['CTA3'], title: { en: 'x' }, showIf: { question: 'ward', operator: 'answered' } })
    expect(isVisible(survey, 'ward_follow_up', { connection: 'over_10', ward: 'E05009317' })).toBe(true)
    expect(isVisible(survey, 'ward_follow_up', { connection: 'not_resident', ward: 'E05009317' })).toBe(false)
  })

  it('a grid counts as answered when at least one statement is rated; a date when it has one', () => {
    const survey = structuredClone(demoSurvey)
    survey.questions.push(
      { key: 'area_more', type: 'text', required: false, maxLength: 10, ctas: ['CTA1'], title: { en: 'x' }, showIf: { question: 'area_statements', operator: 'answered' } },
      { key: 'congress_more', type: 'text', required: false, maxLength: 10, ctas: ['CTA1'], title: { en: 'y' }, showIf: { question: 'congress_date', operator: 'answered' } },
    )
    expect(isVisible(survey, 'area_more', {})).toBe(false)
    expect(isVisible(survey, 'area_more', { area_statements: {} })).toBe(false)
    expect(isVisible(survey, 'area_more', { area_statements: { influence_decisions: 'agree' } })).toBe(true)
    expect(isVisible(survey, 'congress_more', {})).toBe(false)
    expect(isVisible(survey, 'congress_more', { congress_date: '2023-11-14' })).toBe(true)
    // Where to resume: an empty grid is still to be answered.
    const answered = { connection: 'not_resident', priorities: ['safe_homes'], safe_day: 'agree' }
    expect(resumePoint(demoSurvey, { ...answered, area_statements: {} })).toBe('area_statements')
    expect(resumePoint(demoSurvey, { ...answered, area_statements: { get_on_well: 'agree' } })).toBe('congress_date')
  })

  it('a grid or a date never equals a value', () => {
    const survey = structuredClone(demoSurvey) as any
    // Not allowed by the schema; the engine must still not match on "[object Object]".
    survey.questions.push({ key: 'odd', type: 'text', required: false, maxLength: 10, ctas: ['CTA1'], title: { en: 'z' }, showIf: { question: 'area_statements', operator: 'not_equals', value: 'agree' } })
    expect(isVisible(survey, 'odd', { area_statements: { get_on_well: 'agree' } })).toBe(false)
  })

  it('finds the first required question left unanswered, and where to resume', () => {
    expect(firstMissingRequired(demoSurvey, {})?.key).toBe('connection')
    expect(firstMissingRequired(demoSurvey, { connection: 'over_10', priorities: ['safe_homes'] })?.key).toBe('safe_day')
    expect(firstMissingRequired(demoSurvey, { connection: 'over_10', priorities: ['safe_homes'], safe_day: 'agree' })).toBeNull()
    expect(resumePoint(demoSurvey, { connection: 'not_resident' })).toBe('priorities')
  })

  it('lists the visible questions in survey order', () => {
    expect(keys(visibleQuestions(demoSurvey, { connection: 'not_resident', needed_help: 'yes' }))).toEqual([
      'connection',
      'priorities',
      'safe_day',
      'area_statements',
      'congress_date',
      'wellbeing',
      'needed_help',
      'help_sources',
      'young_listened',
      'children',
      'one_change',
    ])
  })
})
