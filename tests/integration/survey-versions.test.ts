import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findConsultationBySlug } from '~/features/consultations/consultations.server.ts'
import { saveSurveyDefinition, surveyStatus } from '~/features/surveys/survey-versions.server.ts'
import { demoSurvey } from '../../db/seed/demo-survey.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

describe.each(ENGINES)('survey versions on %s', (engine: Engine) => {
  let t: TestDb
  beforeEach(async () => {
    t = await createTestDb({ engine, demoResponses: 5 })
  })
  afterEach(async () => {
    await t.cleanup()
  })

  it('refuses malformed JSON and an invalid definition, saving nothing', async () => {
    const demo = (await findConsultationBySlug(t.db, DEMO_SLUG))!
    const notJson = await saveSurveyDefinition(t.db, demo.id, '{ "schemaVersion": 1, ', 'officer')
    expect(notJson.status).toBe('invalid')
    if (notJson.status === 'invalid') expect(notJson.problems[0]).toMatch(/^\(file\): not valid JSON/)
    const loop = structuredClone(demoSurvey) as any
    loop.questions[0].showIf = { question: 'children', operator: 'answered' }
    const invalid = await saveSurveyDefinition(t.db, demo.id, JSON.stringify(loop), 'officer')
    expect(invalid.status).toBe('invalid')
    if (invalid.status === 'invalid') expect(invalid.problems.join('\n')).toContain('skip logic must point backwards')
    expect((await surveyStatus(t.db, demo.id)).versions).toBe(1)
  })

  it('makes a new version once residents have answered, and earlier responses keep theirs', async () => {
    const demo = (await findConsultationBySlug(t.db, DEMO_SLUG))!
    const before = await surveyStatus(t.db, demo.id)
    expect(before.responses).toBe(5)
    const edited = structuredClone(demoSurvey)
    edited.questions[0]!.title.en = 'How long have you lived in the borough?'
    const result = await saveSurveyDefinition(t.db, demo.id, JSON.stringify(edited), 'officer')
    expect(result).toEqual({ status: 'saved', versionNumber: 2, newVersion: true })
    const after = await surveyStatus(t.db, demo.id)
    expect(after.versions).toBe(2)
    expect(after.responses).toBe(0)
    const oldResponses = await t.db.selectFrom('response').select('survey_version_id').where('consultation_id', '=', demo.id).execute()
    expect(new Set(oldResponses.map((r) => r.survey_version_id))).toEqual(new Set([before.current!.id]))
    // With no responses on version 2 yet, saving again changes version 2 in place.
    edited.questions[0]!.title.en = 'How long have you lived in Tower Hamlets, in years?'
    expect(await saveSurveyDefinition(t.db, demo.id, JSON.stringify(edited), 'officer')).toEqual({ status: 'saved', versionNumber: 2, newVersion: false })
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', demo.id).execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['survey.updated', 'survey.version_created'])
  })
})
