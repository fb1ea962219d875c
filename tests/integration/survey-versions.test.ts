import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findConsultationBySlug, findCurrentSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { createDraft } from '~/features/responses/responses.server.ts'
import { moveQuestion, setCondition } from '~/features/surveys/builder.ts'
import { editSurvey, saveSurveyDefinition, surveyStatus, type SurveyChange } from '~/features/surveys/survey-versions.server.ts'
import type { SurveyDefinition } from '~/features/surveys/definition.ts'
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
    expect(before).toMatchObject({ answered: 5, submitted: 5, inProgress: 0 })
    const edited = structuredClone(demoSurvey)
    edited.questions[0]!.title.en = 'How long have you lived in the borough?'
    const result = await saveSurveyDefinition(t.db, demo.id, JSON.stringify(edited), 'officer')
    expect(result).toEqual({ status: 'saved', versionNumber: 2, newVersion: true })
    const after = await surveyStatus(t.db, demo.id)
    expect(after.versions).toBe(2)
    expect(after).toMatchObject({ answered: 0, submitted: 0 })
    const oldResponses = await t.db.selectFrom('response').select('survey_version_id').where('consultation_id', '=', demo.id).execute()
    expect(new Set(oldResponses.map((r) => r.survey_version_id))).toEqual(new Set([before.current!.id]))
    // With no responses on version 2 yet, saving again changes version 2 in place.
    edited.questions[0]!.title.en = 'How long have you lived in Tower Hamlets, in years?'
    expect(await saveSurveyDefinition(t.db, demo.id, JSON.stringify(edited), 'officer')).toEqual({ status: 'saved', versionNumber: 2, newVersion: false })
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', demo.id).execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['survey.updated', 'survey.version_created'])
  })

  it('counts a resident part-way through apart from sent responses, and their draft still makes the next change a new version', async () => {
    const demo = (await findConsultationBySlug(t.db, DEMO_SLUG))!
    await t.db.deleteFrom('response').where('consultation_id', '=', demo.id).execute()
    const version = (await findCurrentSurveyVersion(t.db, demo.id))!
    await createDraft(t.db, { consultationId: demo.id, surveyVersionId: version.id, locale: 'bn', token: 'draft-token', ttlDays: 30 })
    expect(await surveyStatus(t.db, demo.id)).toMatchObject({ answered: 1, submitted: 0, inProgress: 1 })
    const edited = structuredClone(demoSurvey)
    edited.questions[0]!.title.en = 'How long have you lived in the borough?'
    // The draft keeps version 1 (it resumes on the version it started), so the change cannot be made in place.
    expect(await saveSurveyDefinition(t.db, demo.id, JSON.stringify(edited), 'officer')).toEqual({ status: 'saved', versionNumber: 2, newVersion: true })
  })

  it('refuses a save from an out-of-date page: two officers editing at once never overwrite each other', async () => {
    const demo = (await findConsultationBySlug(t.db, DEMO_SLUG))!
    await t.db.deleteFrom('response').where('consultation_id', '=', demo.id).execute()
    const opened = (await surveyStatus(t.db, demo.id)).base
    const move = (key: string) => (current: SurveyDefinition | null): SurveyChange => {
      const moved = moveQuestion(current!, key, 'down')
      return moved.ok ? { ok: true, definition: moved.definition, summary: moved.summary } : { ok: false, problems: ['refused'] }
    }
    // Both officers opened the survey at the same revision; the first save wins.
    const [first, second] = [await editSurvey(t.db, demo.id, opened, move('priorities'), 'officer-a'), await editSurvey(t.db, demo.id, opened, move('safe_day'), 'officer-b')]
    expect(first).toEqual({ status: 'saved', versionNumber: 1, newVersion: false })
    expect(second).toMatchObject({ status: 'conflict', by: 'officer-a' })
    const now = await surveyStatus(t.db, demo.id)
    const keys = now.current!.parsed.questions.map((q) => q.key)
    expect(keys.indexOf('priorities')).toBe(keys.indexOf('safe_day') + 1) // only officer A's move
    expect(now.base).not.toBe(opened)
    // With the page reloaded (the new base), officer B's change goes through.
    expect((await editSurvey(t.db, demo.id, now.base, move('wellbeing'), 'officer-b')).status).toBe('saved')
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'detail']).where('entity_id', '=', demo.id).orderBy('at').execute()
    expect(audit.map((a) => [a.actor, JSON.parse(a.detail).change])).toEqual([
      ['officer-a', 'question priorities moved down'],
      ['officer-b', 'question wellbeing moved down'],
    ])
  })

  it('refuses a second new version made from the same answered version', async () => {
    const demo = (await findConsultationBySlug(t.db, DEMO_SLUG))!
    const opened = (await surveyStatus(t.db, demo.id)).base
    const rule = (current: SurveyDefinition | null): SurveyChange => {
      const set = setCondition(current!, 'one_change', { question: 'connection', operator: 'answered', value: '' })
      return set.ok ? { ok: true, definition: set.definition, summary: set.summary } : { ok: false, problems: ['refused'] }
    }
    expect(await editSurvey(t.db, demo.id, opened, rule, 'officer-a')).toEqual({ status: 'saved', versionNumber: 2, newVersion: true })
    expect((await editSurvey(t.db, demo.id, opened, rule, 'officer-b')).status).toBe('conflict')
    expect((await surveyStatus(t.db, demo.id)).versions).toBe(2)
  })

  it('residents get the edited survey at once: an edit in place is never hidden by a cached copy', async () => {
    const demo = (await findConsultationBySlug(t.db, DEMO_SLUG))!
    await t.db.deleteFrom('response').where('consultation_id', '=', demo.id).execute()
    const before = (await findCurrentSurveyVersion(t.db, demo.id))!
    const moved = await editSurvey(t.db, demo.id, (await surveyStatus(t.db, demo.id)).base, (current) => {
      const result = moveQuestion(current!, 'wellbeing', 'down')
      return result.ok ? { ok: true, definition: result.definition, summary: result.summary } : { ok: false, problems: [] }
    }, 'officer')
    expect(moved).toEqual({ status: 'saved', versionNumber: 1, newVersion: false })
    const after = (await findCurrentSurveyVersion(t.db, demo.id))!
    expect(after.id).toBe(before.id)
    const position = (v: typeof before) => v.definition.questions.findIndex((q) => q.key === 'wellbeing')
    expect(position(after)).toBe(position(before) + 1)
  })
})
