import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { clearDatasetCache, getDataset } from '~/features/analysis/dataset-loader.server.ts'
import { consultationsToWarm, scheduleAnalysisWarmUp, warmSoon } from '~/features/analysis/warm-up.server.ts'
import { findCurrentSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, locationOf, type Engine, type TestDb } from '../support/test-db.ts'

// Reading the analysis dataset ahead (app/features/analysis/warm-up.server.ts):
// at start-up the consultations with responses and no snapshot for their
// current survey are read and stored, so the first analyst loads the kept
// dataset instead of waiting for a read of every response.

describe.each(ENGINES)('analysis read-ahead on %s', (engine: Engine) => {
  let t: TestDb
  beforeEach(() => clearDatasetCache())
  afterEach(async () => {
    clearDatasetCache()
    await t.cleanup()
  })

  it('stores a snapshot for each consultation that needs one, and the next load uses it', async () => {
    t = await createTestDb({ engine, demoResponses: 60 })
    const demo = await t.db.selectFrom('consultation').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()
    const version = (await findCurrentSurveyVersion(t.db, demo.id))!
    const snapshot = () => t.db.selectFrom('analysis_snapshot').select(['responses', 'built_at', 'survey_version_id']).where('consultation_id', '=', demo.id).executeTakeFirst()

    expect(await snapshot()).toBeUndefined()
    const waiting = await consultationsToWarm(t.db)
    expect(waiting).toContain(demo.id)

    await warmSoon(t.db, locationOf(t), waiting, 0)
    const stored = await snapshot()
    const submitted = await t.db.selectFrom('response').select((eb) => eb.fn.countAll<number>().as('n')).where('consultation_id', '=', demo.id).where('status', '=', 'submitted').executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ responses: Number(submitted.n), survey_version_id: version.id })
    expect(await consultationsToWarm(t.db)).not.toContain(demo.id)

    // A restart (nothing in memory): the page's load comes from the stored snapshot, not a new full read.
    clearDatasetCache()
    const wardCodes = (await t.db.selectFrom('ward').select('code').orderBy('name').execute()).map((w) => w.code)
    const dataset = await getDataset(t.db, { location: locationOf(t), consultationId: demo.id, definition: version.definition, versionId: version.id, wardCodes, includeEquality: false })
    expect(dataset.n).toBe(Number(submitted.n))
    expect(Number((await snapshot())!.built_at)).toBe(Number(stored!.built_at))
  })

  it('does nothing when turned off, and a consultation that cannot be read only logs a warning', async () => {
    t = await createTestDb({ engine, demoResponses: 20 })
    await scheduleAnalysisWarmUp(t.db, locationOf(t), false)
    expect(await t.db.selectFrom('analysis_snapshot').select('consultation_id').execute()).toEqual([])
    // An unknown consultation has no survey: nothing is read, nothing thrown.
    await expect(warmSoon(t.db, locationOf(t), ['no-such-consultation'], 0)).resolves.toBeUndefined()
    expect(await t.db.selectFrom('analysis_snapshot').select('consultation_id').execute()).toEqual([])
  })
})
