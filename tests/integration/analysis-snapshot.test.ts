import crypto from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { clearDatasetCache, getDataset, loadDataset } from '~/features/analysis/dataset-loader.server.ts'
import { findCurrentSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { hashSecret } from '~/features/responses/codes.ts'
import { deleteOwnResponse } from '~/features/responses/data-protection.server.ts'
import type { SurveyDefinition } from '~/features/surveys/definition.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, locationOf, type Engine, type TestDb } from '../support/test-db.ts'

// The analysis dataset kept between requests (memory and analysis_snapshot)
// and topped up with newer responses must always equal a full read of every
// response: after new responses (one of them submitted at the same
// millisecond as the last one read), after a restart, after a deletion and
// after a new survey version.

let t: TestDb | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
  clearDatasetCache()
})

const T0 = Date.UTC(2026, 0, 1)

async function setUp(engine: Engine) {
  t = await createTestDb({ engine, demoResponses: 40 })
  const consultation = await t.db.selectFrom('consultation').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()
  const version = (await findCurrentSurveyVersion(t.db, consultation.id))!
  const wardCodes = (await t.db.selectFrom('ward').select('code').orderBy('name').execute()).map((w) => w.code)
  const location = locationOf(t)
  const options = (includeEquality = true, definition: SurveyDefinition = version.definition, versionId = version.id) => ({
    location,
    consultationId: consultation.id,
    definition,
    versionId,
    wardCodes,
    includeEquality,
  })
  const snapshot = () => t!.db.selectFrom('analysis_snapshot').select(['responses', 'built_at', 'updated_at', 'survey_version_id']).where('consultation_id', '=', consultation.id).executeTakeFirst()
  return { db: t.db, consultationId: consultation.id, version, options, snapshot }
}

/** New submitted responses copied from existing ones (answers and equality answers too), submitted at `submittedAt`. */
async function addResponses(db: TestDb['db'], consultationId: string, count: number, submittedAt: number, { channel, ids }: { channel?: string; ids?: string[] } = {}) {
  const sources = await db.selectFrom('response').selectAll().where('consultation_id', '=', consultationId).where('status', '=', 'submitted').orderBy('id').limit(count).execute()
  const made: string[] = []
  for (const [i, source] of sources.entries()) {
    const id = ids?.[i] ?? crypto.randomUUID()
    made.push(id)
    await db
      .insertInto('response')
      .values({
        ...source,
        id,
        reference: `HYS-T${String(i).padStart(3, '0')}-${crypto.randomBytes(2).toString('hex').toUpperCase()}`,
        channel: channel ?? source.channel,
        draft_token_hash: null,
        resume_code_hash: null,
        deletion_code_hash: null,
        submitted_at: submittedAt,
        created_at: submittedAt,
        updated_at: submittedAt,
      })
      .execute()
    const answers = await db.selectFrom('answer').selectAll().where('response_id', '=', source.id).execute()
    if (answers.length) await db.insertInto('answer').values(answers.map((a) => ({ ...a, response_id: id }))).execute()
    const equality = await db.selectFrom('equality_answer').selectAll().where('response_id', '=', source.id).execute()
    if (equality.length) await db.insertInto('equality_answer').values(equality.map((e) => ({ ...e, response_id: id }))).execute()
  }
  return made
}

describe.each(ENGINES)('the analysis dataset kept between requests on %s', (engine: Engine) => {
  it('tops up with only the newer responses, and equals a full read, also after a restart', async () => {
    const { db, consultationId, options, snapshot } = await setUp(engine)
    const seeded = await db.selectFrom('response').select(['submitted_at', 'id']).where('consultation_id', '=', consultationId).where('status', '=', 'submitted').orderBy('submitted_at', 'desc').executeTakeFirstOrThrow()
    // Two by a method the app does not list, so the dataset's codes for it grow.
    await addResponses(db, consultationId, 2, Number(seeded.submitted_at) + 500, { channel: 'kiosk' })
    const first = await getDataset(db, options(), T0)
    expect(first.n).toBe(42)
    expect(await snapshot()).toMatchObject({ responses: 42, built_at: T0 })
    const last = await db.selectFrom('response').select(['submitted_at', 'id']).where('consultation_id', '=', consultationId).where('status', '=', 'submitted').orderBy('submitted_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow()

    // Five later by yet another method, and one at the same millisecond as the last read (an id after it).
    await addResponses(db, consultationId, 5, Number(last.submitted_at) + 1000, { channel: 'stall' })
    await addResponses(db, consultationId, 1, Number(last.submitted_at), { ids: [`${last.id}z`] })
    const later = await getDataset(db, options(), T0 + 60_000)
    expect(later.n).toBe(48)
    expect(later).toEqual(await loadDataset(options()))
    expect(later.channel.codes.slice(-2)).toEqual(['kiosk', 'stall'])
    // Topped up (not read in full: built_at unchanged) and saved.
    expect(await snapshot()).toMatchObject({ responses: 48, built_at: T0, updated_at: T0 + 60_000 })

    // A restart: the stored snapshot, then the newer responses.
    clearDatasetCache()
    await addResponses(db, consultationId, 3, Number(last.submitted_at) + 2000)
    const restarted = await getDataset(db, options(), T0 + 90_000)
    expect(restarted.n).toBe(51)
    expect(restarted).toEqual(await loadDataset(options()))
    expect((await snapshot())!.built_at).toBe(T0)
  })

  it('strips equality answers for a reader not allowed to see them, from the same dataset', async () => {
    const { db, options } = await setUp(engine)
    const withEquality = await getDataset(db, options(true), T0)
    const without = await getDataset(db, options(false), T0)
    expect(withEquality.equality).not.toBeNull()
    expect(Object.values(withEquality.equality!).some((coded) => coded.values.some((v) => v >= 0))).toBe(true)
    expect(without.equality).toBeNull()
    expect(without.questions).toBe(withEquality.questions)
    expect(await getDataset(db, options(false), T0)).toBe(without)
    clearDatasetCache()
    expect((await getDataset(db, options(false), T0)).equality).toBeNull()
  })

  it('drops the stored snapshot when a resident deletes their response, and reads every response again', async () => {
    const { db, consultationId, options, snapshot } = await setUp(engine)
    await getDataset(db, options(), T0)
    const victim = await db.selectFrom('response').select(['id', 'reference']).where('consultation_id', '=', consultationId).where('status', '=', 'submitted').orderBy('id').executeTakeFirstOrThrow()
    const code = 'ABCD-EFGH-JK'
    await db.updateTable('response').set({ deletion_code_hash: hashSecret(code) }).where('id', '=', victim.id).execute()
    const result = await db.transaction().execute((trx) => deleteOwnResponse(trx, { reference: victim.reference!, deletionCode: code }))
    expect(result.status).toBe('deleted')
    expect(await snapshot()).toBeUndefined()
    const after = await getDataset(db, options(), T0 + 1000)
    expect(after.n).toBe(39)
    expect(after).toEqual(await loadDataset(options()))
    expect(await snapshot()).toMatchObject({ responses: 39, built_at: T0 + 1000 })
  })

  it('reads every response against a new survey version', async () => {
    const { db, consultationId, version, options, snapshot } = await setUp(engine)
    await getDataset(db, options(), T0)
    // The new version drops the first closed question.
    const dropped = version.definition.questions.find((q) => q.type === 'single')!
    const definition: SurveyDefinition = { ...version.definition, questions: version.definition.questions.filter((q) => q.key !== dropped.key) }
    const versionId = crypto.randomUUID()
    await db.insertInto('survey_version').values({ id: versionId, consultation_id: consultationId, version_number: 99, definition: JSON.stringify(definition), created_at: T0 }).execute()
    const next = await getDataset(db, options(true, definition, versionId), T0 + 1000)
    expect(next.questions.map((q) => q.question.key)).not.toContain(dropped.key)
    expect(next).toEqual(await loadDataset(options(true, definition, versionId)))
    expect(await snapshot()).toMatchObject({ survey_version_id: versionId, responses: 40, built_at: T0 + 1000 })
  })
})
