import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findConsultationBySlug, findCurrentSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { newToken } from '~/features/responses/codes.ts'
import { REDACTED, deleteOwnResponse, runRetention } from '~/features/responses/data-protection.server.ts'
import { createDraft, saveAnswer, saveEqualityAnswer, submitResponse } from '~/features/responses/responses.server.ts'
import { findQuestion } from '~/features/surveys/definition.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

const DAY = 86_400_000

describe.each(ENGINES)('data protection on %s', (engine: Engine) => {
  let t: TestDb
  beforeEach(async () => {
    t = await createTestDb({ engine })
  })
  afterEach(async () => {
    await t.cleanup()
  })

  async function submitted(text = 'Call me on 07700 900123') {
    const consultation = (await findConsultationBySlug(t.db, DEMO_SLUG))!
    const version = (await findCurrentSurveyVersion(t.db, consultation.id))!
    const draft = await createDraft(t.db, { consultationId: consultation.id, surveyVersionId: version.id, locale: 'en', token: newToken(), ttlDays: 28 })
    const answer = (key: string, value: Parameters<typeof saveAnswer>[1]['value']) =>
      saveAnswer(t.db, { responseId: draft.id, question: findQuestion(version.definition, key)!, value, locale: 'en', ttlDays: 28 })
    await answer('connection', 'over_10')
    await answer('priorities', ['safe_homes'])
    await answer('safe_day', 'agree')
    await answer('one_change', text)
    const result = await submitResponse(t.db, { responseId: draft.id, definition: version.definition })
    if (result.status !== 'submitted') throw new Error('not submitted')
    await saveEqualityAnswer(t.db, { responseId: draft.id, questionKey: 'religion', option: 'other', text: 'Pagan' })
    return { consultation, responseId: draft.id, reference: result.reference, deletionCode: result.deletionCode! }
  }

  it('a resident deletes their own response with the reference and deletion code, and it is audited', async () => {
    const { responseId, reference, deletionCode } = await submitted()
    expect(deletionCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/)
    const stored = await t.db.selectFrom('response').select('deletion_code_hash').where('id', '=', responseId).executeTakeFirstOrThrow()
    expect(stored.deletion_code_hash).not.toContain(deletionCode)

    expect(await deleteOwnResponse(t.db, { reference, deletionCode: 'AAAA-AAAA-AA' })).toEqual({ status: 'not_found' })
    expect(await deleteOwnResponse(t.db, { reference: 'HYS-0000-0000', deletionCode })).toEqual({ status: 'not_found' })
    // nothing was touched by the wrong attempts
    expect(await t.db.selectFrom('answer').select('question_key').where('response_id', '=', responseId).execute()).toHaveLength(4)

    const result = await deleteOwnResponse(t.db, { reference: reference.toLowerCase(), deletionCode: deletionCode.toLowerCase() })
    expect(result.status).toBe('deleted')
    expect(await t.db.selectFrom('response').select('id').where('id', '=', responseId).execute()).toEqual([])
    expect(await t.db.selectFrom('answer').select('question_key').where('response_id', '=', responseId).execute()).toEqual([])
    expect(await t.db.selectFrom('equality_answer').select('question_key').where('response_id', '=', responseId).execute()).toEqual([])
    const audit = await t.db.selectFrom('audit_log').selectAll().where('entity_id', '=', responseId).execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: 'resident', action: 'response.deleted', entity: 'response' })
    expect(audit[0]!.detail).not.toContain('07700')
  })

  it('anonymises responses when the retention period after closing ends', async () => {
    const { consultation, responseId } = await submitted()
    const closes = consultation.closesAt
    // An analyst's quote protection quotes the answer's words: it goes with the text.
    await t.db
      .insertInto('quote_protection')
      .values({ response_id: responseId, question_key: 'one_change', consultation_id: consultation.id, withheld: 0, phrases: JSON.stringify(['Amina']), updated_by: 'analyst', updated_at: 1 })
      .execute()
    // Within the period: nothing changes.
    expect(await runRetention(t.db, closes + 10 * DAY)).toMatchObject({ draftsDeleted: 0, anonymised: 0 })
    const after = closes + 366 * DAY
    const result = await runRetention(t.db, after)
    expect(result.anonymised).toBe(1)
    const answer = await t.db.selectFrom('answer').select('text_value').where('response_id', '=', responseId).where('question_key', '=', 'one_change').executeTakeFirstOrThrow()
    expect(answer.text_value).toBe(REDACTED)
    expect(await t.db.selectFrom('quote_protection').select('response_id').execute()).toEqual([])
    const equality = await t.db.selectFrom('equality_answer').select(['option_code', 'text_value']).where('response_id', '=', responseId).executeTakeFirstOrThrow()
    expect(equality).toEqual({ option_code: 'other', text_value: null })
    const response = await t.db
      .selectFrom('response')
      .select(['anonymised_at', 'deletion_code_hash', 'draft_token_hash', 'resume_code_hash'])
      .where('id', '=', responseId)
      .executeTakeFirstOrThrow()
    expect(response).toEqual({ anonymised_at: after, deletion_code_hash: null, draft_token_hash: null, resume_code_hash: null })
    // Running again does nothing more.
    expect((await runRetention(t.db, after + DAY)).anonymised).toBe(0)
    const audit = await t.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'responses.anonymised').execute()
    expect(audit).toEqual([{ action: 'responses.anonymised', detail: JSON.stringify({ responses: 1 }) }])
  })

  it('the job deletes drafts once they expire, with their answers, and audits it', async () => {
    const consultation = (await findConsultationBySlug(t.db, DEMO_SLUG))!
    const version = (await findCurrentSurveyVersion(t.db, consultation.id))!
    const now = Date.now()
    const draft = (createdAt: number) =>
      createDraft(t.db, { consultationId: consultation.id, surveyVersionId: version.id, locale: 'en', token: newToken(), ttlDays: 28 }, createdAt)
    const expired = await draft(now - 29 * DAY)
    const current = await draft(now - 27 * DAY)
    await saveAnswer(t.db, { responseId: expired.id, question: findQuestion(version.definition, 'connection')!, value: 'over_10', locale: 'en', ttlDays: 28 }, now - 29 * DAY)
    const draftsBefore = await t.db.selectFrom('response').select('id').where('status', '=', 'draft').execute()

    // (The demo's 2023 congress is past its event retention too: eventsAnonymised is checked in events-retention.test.ts.)
    expect(await runRetention(t.db, now)).toMatchObject({ draftsDeleted: 1, anonymised: 0 })
    const left = await t.db.selectFrom('response').select('id').where('status', '=', 'draft').execute()
    expect(left.map((r) => r.id).sort()).toEqual(draftsBefore.map((r) => r.id).filter((id) => id !== expired.id).sort())
    expect(left.map((r) => r.id)).toContain(current.id)
    expect(await t.db.selectFrom('answer').select('question_key').where('response_id', '=', expired.id).execute()).toEqual([])
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'action', 'detail']).where('action', '=', 'drafts.deleted').execute()
    expect(audit).toEqual([{ actor: 'system', action: 'drafts.deleted', detail: JSON.stringify({ drafts: 1 }) }])
  })

  it('npm run data:retention runs the same job from the command line', async () => {
    const { consultation, responseId } = await submitted()
    // Its retention period ended yesterday.
    await t.db
      .updateTable('consultation')
      .set({ closes_at: Date.now() - (365 + 1) * DAY })
      .where('id', '=', consultation.id)
      .execute()
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/retention.ts'], {
      env: { ...process.env, DATABASE_URL: t.location },
    })
    expect(stdout).toContain('Deleted 0 expired draft(s); anonymised 1 response(s)')
    const answer = await t.db.selectFrom('answer').select('text_value').where('response_id', '=', responseId).where('question_key', '=', 'one_change').executeTakeFirstOrThrow()
    expect(answer.text_value).toBe(REDACTED)
  })
})
