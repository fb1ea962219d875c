import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findConsultationBySlug, findCurrentSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { newToken } from '~/features/responses/codes.ts'
import {
  createDraft,
  deleteExpiredDrafts,
  findResponseByToken,
  issueResumeCode,
  loadAnswers,
  loadEqualityAnswers,
  resumeDraft,
  saveAnswer,
  saveEqualityAnswer,
  submitResponse,
} from '~/features/responses/responses.server.ts'
import { findQuestion } from '~/features/surveys/definition.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

const DAY = 86_400_000

describe.each(ENGINES)('responses on a real %s database', (engine: Engine) => {
let t: TestDb

beforeEach(async () => {
  t = await createTestDb({ engine })
})
afterEach(async () => {
  await t.cleanup()
})

async function startDraft(now = Date.now()) {
  const consultation = (await findConsultationBySlug(t.db, DEMO_SLUG))!
  const version = (await findCurrentSurveyVersion(t.db, consultation.id))!
  const token = newToken()
  const draft = await createDraft(t.db, { consultationId: consultation.id, surveyVersionId: version.id, locale: 'bn', token, ttlDays: 28 }, now)
  const answer = (key: string, value: Parameters<typeof saveAnswer>[1]['value']) =>
    t.db.transaction().execute((trx) =>
      saveAnswer(trx, { responseId: draft.id, question: findQuestion(version.definition, key)!, value, locale: 'bn', ttlDays: 28 }, now),
    )
  return { consultation, version, token, draft, answer }
}

  it('saves one row per answer and reads them back', async () => {
    const { version, draft, answer } = await startDraft()
    await answer('connection', 'over_10')
    await answer('priorities', ['safe_homes', 'work_income'])
    await answer('wellbeing', ['cost_of_living', 'housing'])
    await answer('children', 2)
    await answer('one_change', 'আরও পার্ক')
    const rows = await t.db.selectFrom('answer').selectAll().where('response_id', '=', draft.id).execute()
    expect(rows).toHaveLength(7)
    expect(await loadAnswers(t.db, draft.id, version.definition)).toEqual({
      connection: 'over_10',
      priorities: ['safe_homes', 'work_income'],
      wellbeing: ['cost_of_living', 'housing'],
      children: 2,
      one_change: 'আরও পার্ক',
    })
    // changing an answer replaces it; clearing removes it
    await answer('priorities', ['children_thrive'])
    await answer('children', undefined)
    const after = await loadAnswers(t.db, draft.id, version.definition)
    expect(after.priorities).toEqual(['children_thrive'])
    expect(after.children).toBeUndefined()
  })

  it('stores the ward on the response for indexed analysis', async () => {
    const { draft, answer } = await startDraft()
    await answer('ward', 'E05009317')
    const row = await t.db.selectFrom('response').select('ward_code').where('id', '=', draft.id).executeTakeFirstOrThrow()
    expect(row.ward_code).toBe('E05009317')
  })

  it('saves for later: the code is stored only as a hash and restores the draft on another device', async () => {
    const { consultation, version, draft, answer } = await startDraft()
    await answer('connection', '1_5')
    const { code, expiresAt } = await issueResumeCode(t.db, draft.id, 28)
    expect(expiresAt).toBeGreaterThan(Date.now() + 27 * DAY)
    const dump = JSON.stringify(await t.db.selectFrom('response').selectAll().execute())
    expect(dump).not.toContain(code)
    expect(dump).not.toContain(code.replace(/-/g, ''))

    const otherDevice = newToken()
    const resumed = await resumeDraft(t.db, code.toLowerCase().replace(/-/g, ' '), otherDevice)
    expect(resumed).toMatchObject({ status: 'ok', responseId: draft.id, slug: DEMO_SLUG })
    const found = await findResponseByToken(t.db, consultation.id, otherDevice)
    expect(found?.id).toBe(draft.id)
    expect(await loadAnswers(t.db, draft.id, version.definition)).toEqual({ connection: '1_5' })
  })

  it('refuses a wrong code and an expired one, deleting the expired draft', async () => {
    const past = Date.now() - 40 * DAY
    const { draft, answer } = await startDraft(past)
    await answer('connection', '1_5')
    const { code } = await issueResumeCode(t.db, draft.id, 28, past)
    expect(await resumeDraft(t.db, 'ZZZZ-ZZZZ-ZZ', newToken())).toEqual({ status: 'invalid' })
    expect(await resumeDraft(t.db, 'not a code', newToken())).toEqual({ status: 'invalid' })
    expect(await resumeDraft(t.db, code, newToken())).toEqual({ status: 'expired' })
    const left = await t.db.selectFrom('response').select('id').where('id', '=', draft.id).execute()
    expect(left).toEqual([])
  })

  it('expires drafts after their period and leaves submitted responses alone', async () => {
    const old = await startDraft(Date.now() - 30 * DAY)
    await old.answer('connection', 'over_10')
    const fresh = await startDraft()
    await fresh.answer('connection', 'over_10')
    expect(await findResponseByToken(t.db, old.consultation.id, old.token)).toBeUndefined()
    expect(await deleteExpiredDrafts(t.db)).toBe(1)
    expect(await findResponseByToken(t.db, fresh.consultation.id, fresh.token)).toBeDefined()
    const answers = await t.db.selectFrom('answer').select('response_id').where('response_id', '=', old.draft.id).execute()
    expect(answers).toEqual([])
  })

  it('submits once: a second submit returns the same reference and changes nothing', async () => {
    const { version, draft, answer } = await startDraft()
    await answer('connection', 'not_resident')
    await answer('ward', 'E05009317') // hidden for non-residents: dropped on submit
    await answer('priorities', ['safe_homes'])
    await answer('safe_day', 'agree')
    const first = await t.db.transaction().execute((trx) => submitResponse(trx, { responseId: draft.id, definition: version.definition }))
    const second = await t.db.transaction().execute((trx) => submitResponse(trx, { responseId: draft.id, definition: version.definition }))
    expect(first.status).toBe('submitted')
    // The same reference; the deletion code is given only by the submit that made it.
    expect(second).toEqual({ status: 'submitted', reference: (first as { reference: string }).reference })
    expect((first as { deletionCode?: string }).deletionCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/)
    const rows = await t.db.selectFrom('response').select(['status', 'reference', 'ward_code', 'resume_code_hash', 'submitted_at']).where('id', '=', draft.id).execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'submitted', ward_code: null, resume_code_hash: null })
    expect(rows[0]!.submitted_at).toBeGreaterThan(0)
    const keys = (await t.db.selectFrom('answer').select('question_key').where('response_id', '=', draft.id).execute()).map((r) => r.question_key)
    expect(keys.sort()).toEqual(['connection', 'priorities', 'safe_day'])
  })

  it('two submits at the same moment both return the one reference that is stored', async () => {
    const { version, draft, answer } = await startDraft()
    await answer('connection', 'over_10')
    await answer('priorities', ['safe_homes'])
    await answer('safe_day', 'agree')
    const submit = (trx: Parameters<typeof submitResponse>[0]) => submitResponse(trx, { responseId: draft.id, definition: version.definition })

    // The first submit has updated the row but not committed when the second one starts.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let firstDone!: () => void
    const firstUpdated = new Promise<void>((resolve) => (firstDone = resolve))
    const first = t.db.transaction().execute(async (trx) => {
      const result = await submit(trx)
      firstDone()
      await held
      return result
    })
    await firstUpdated
    const second = t.db.transaction().execute(submit)
    if (t.engine === 'postgres') {
      // Wait until the second submit is blocked on the first one's row lock, then let the first commit.
      for (;;) {
        const waiting = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(t.db)
        if (waiting.rows[0]!.n > 0) break
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    }
    // (On SQLite the second transaction cannot begin until the first ends.)
    release()
    const [a, b] = await Promise.all([first, second])
    const stored = await t.db.selectFrom('response').select('reference').where('id', '=', draft.id).executeTakeFirstOrThrow()
    expect(a).toMatchObject({ status: 'submitted', reference: stored.reference })
    expect(b).toEqual({ status: 'submitted', reference: stored.reference })
  })

  it('will not submit while a required question is unanswered', async () => {
    const { version, draft, answer } = await startDraft()
    await answer('connection', 'over_10')
    const result = await submitResponse(t.db, { responseId: draft.id, definition: version.definition })
    expect(result).toEqual({ status: 'missing', questionKey: 'priorities' })
    const row = await t.db.selectFrom('response').select('status').where('id', '=', draft.id).executeTakeFirstOrThrow()
    expect(row.status).toBe('draft')
  })

  it('keeps equality answers in their own table', async () => {
    const { draft } = await startDraft()
    await saveEqualityAnswer(t.db, { responseId: draft.id, questionKey: 'ethnic_group_broad', option: 'asian', text: null })
    await saveEqualityAnswer(t.db, { responseId: draft.id, questionKey: 'ethnic_group', option: 'asian_bangladeshi', text: null })
    await saveEqualityAnswer(t.db, { responseId: draft.id, questionKey: 'ethnic_group_broad', option: 'white', text: null, clearKeys: ['ethnic_group'] })
    expect(await loadEqualityAnswers(t.db, draft.id)).toEqual({ answers: { ethnic_group_broad: 'white' }, texts: {} })
    const inAnswers = await t.db.selectFrom('answer').select('question_key').where('response_id', '=', draft.id).execute()
    expect(inAnswers).toEqual([])
  })
})
