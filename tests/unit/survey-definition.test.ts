import { describe, expect, it } from 'vitest'
import { demoSurvey } from '../../db/seed/demo-survey.ts'
import { QUESTION_TYPES, missingTranslations, parseSurveyDefinition } from '~/features/surveys/definition.ts'

const base = () => structuredClone(demoSurvey) as any
const byKey = (survey: any, key: string) => survey.questions.find((q: { key: string }) => q.key === key)

describe('survey definition schema', () => {
  it('accepts the demo survey, which uses every question type and links each question to a call to action', () => {
    const result = parseSurveyDefinition(demoSurvey)
    expect(result.ok).toBe(true)
    const types = new Set(demoSurvey.questions.map((q) => q.type))
    expect([...types].sort()).toEqual([...QUESTION_TYPES].sort())
    expect(demoSurvey.questions.length).toBeGreaterThanOrEqual(8)
    for (const q of demoSurvey.questions) expect(q.ctas.length).toBeGreaterThan(0)
  })

  it('has the demo survey fully translated into Bengali', () => {
    expect(missingTranslations(demoSurvey, 'bn')).toEqual([])
  })

  it('lists each missing translation by path', () => {
    const survey = base()
    delete survey.questions[0].title.bn
    delete survey.questions[0].options[1].label.bn
    expect(missingTranslations(survey, 'bn')).toEqual(['connection.title', 'connection.options.1_5'])
  })

  it('rejects a duplicate question key, naming it', () => {
    const survey = base()
    survey.questions[1].key = 'connection'
    const result = parseSurveyDefinition(survey)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.join('\n')).toContain('question key "connection" is used twice')
  })

  it('rejects skip logic that points forwards or at a missing question', () => {
    const forwards = base()
    forwards.questions[0].showIf = { question: 'children', operator: 'answered' }
    const r1 = parseSurveyDefinition(forwards)
    expect(r1.ok).toBe(false)
    if (!r1.ok) expect(r1.problems.join('\n')).toMatch(/must point backwards: "children" comes after "connection"/)

    const missing = base()
    missing.questions[3].showIf = { question: 'nowhere', operator: 'answered' }
    const r2 = parseSurveyDefinition(missing)
    expect(r2.ok).toBe(false)
    if (!r2.ok) expect(r2.problems.join('\n')).toContain('missing question "nowhere"')
  })

  it('rejects a condition on an option that does not exist', () => {
    const survey = base()
    byKey(survey, 'help_sources').showIf = { question: 'needed_help', operator: 'equals', value: 'maybe' }
    const result = parseSurveyDefinition(survey)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.join('\n')).toContain('"maybe" is not an answer to "needed_help"')
  })

  it('rejects a question without English text, a bad option code, min above max and an exclusive single option', () => {
    const survey = base()
    survey.questions[0].title = { bn: 'শুধু বাংলা' }
    byKey(survey, 'needed_help').options[0].code = 'Has Spaces'
    byKey(survey, 'children').min = 30
    byKey(survey, 'needed_help').options[1].exclusive = true
    const result = parseSurveyDefinition(survey)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      const text = result.problems.join('\n')
      expect(text).toContain('questions.0.title: needs an English (en) text')
      expect(text).toContain('option codes are lower case')
      expect(text).toContain('min must not be more than max')
      expect(text).toContain('only multiple choice options can be exclusive')
    }
  })

  it('rejects an unknown question type and a question with no call to action', () => {
    const survey = base()
    survey.questions[0].type = 'slider'
    survey.questions[1].ctas = []
    const result = parseSurveyDefinition(survey)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.join('\n')).toContain('link each question to at least one call to action')
  })
  it('checks grid statements and date ranges', () => {
    const survey = base()
    const grid = byKey(survey, 'area_statements')
    grid.statements[1].code = grid.statements[0].code
    byKey(survey, 'congress_date').latest = '2023-01-01'
    const result = parseSurveyDefinition(survey)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      const text = result.problems.join('\n')
      expect(text).toContain(`statement code "${grid.statements[0].code}" is used twice`)
      expect(text).toContain('earliest must not be after latest')
    }
  })

  it('allows only "answered" in skip logic on a grid or a date question', () => {
    for (const target of ['area_statements', 'congress_date']) {
      const answered = base()
      byKey(answered, 'one_change').showIf = { question: target, operator: 'answered' }
      expect(parseSurveyDefinition(answered).ok).toBe(true)
      const equals = base()
      byKey(equals, 'one_change').showIf = { question: target, operator: 'equals', value: 'agree' }
      const result = parseSurveyDefinition(equals)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.problems.join('\n')).toContain(`"equals" cannot be used with a ${byKey(equals, target).type} question`)
    }
  })

  it('lists a missing statement translation by path', () => {
    const survey = base()
    delete byKey(survey, 'area_statements').statements[2].label.bn
    expect(missingTranslations(survey, 'bn')).toEqual(['area_statements.statements.safe_public_spaces'])
  })
})
