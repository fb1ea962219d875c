import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seedReferenceData } from '../../db/seed/reference-data.ts'
import { seedDemo, DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

describe.each(ENGINES)('seed data on %s', (engine: Engine) => {
let t: TestDb
beforeEach(async () => {
  t = await createTestDb({ engine, demoResponses: 60 })
})
afterEach(async () => {
  await t.cleanup()
})

  it('loads the partnership plan with its five calls to action, seven focus areas and engagement methods, with its source', async () => {
    const framework = await t.db.selectFrom('framework').selectAll().executeTakeFirstOrThrow()
    expect(framework.source).toMatch(/Partnership Plan 2023-2028/)
    expect(JSON.parse(framework.vision_i18n).en).toMatch(/^Residents and partners working together/)
    const ctas = await t.db.selectFrom('call_to_action').select(['code', 'title_i18n']).orderBy('position').execute()
    expect(ctas.map((c) => c.code)).toEqual(['CTA1', 'CTA2', 'CTA3', 'CTA4', 'CTA5'])
    for (const cta of ctas) expect(Object.keys(JSON.parse(cta.title_i18n))).toEqual(['en', 'bn'])
    expect(await t.db.selectFrom('focus_area').select('id').execute()).toHaveLength(7)
    expect((await t.db.selectFrom('engagement_method').select('code').execute()).map((m) => m.code)).toContain('congress')
  })

  it('loads the 20 wards and census margins, each with a source', async () => {
    const wards = await t.db.selectFrom('ward').selectAll().execute()
    expect(wards).toHaveLength(20)
    expect(wards.every((w) => w.source.length > 20)).toBe(true)
    const margins = await t.db.selectFrom('census_margin').selectAll().execute()
    const dims = new Set(margins.map((m) => m.dimension))
    expect([...dims].sort()).toEqual(['age_broad', 'disability', 'ethnic_group', 'ethnic_group_broad', 'religion', 'sex', 'ward'])
    const bangladeshi = margins.find((m) => m.category === 'asian_bangladeshi')!
    expect(bangladeshi.count).toBe(107333)
    expect(bangladeshi.source).toMatch(/ons\.gov\.uk/)
    // Age: the census's broad bands (ONS first results), 15 to 64 standing in for the survey's 16 to 64.
    const age = margins.filter((m) => m.dimension === 'age_broad').sort((a, b) => a.category.localeCompare(b.category))
    expect(age.map((m) => [m.category, Number(m.count)])).toEqual([
      ['16_64', 238700],
      ['65_plus', 17300],
    ])
    expect(age.every((m) => m.source.includes('census-population-scrolly') && m.source.includes('ons.gov.uk'))).toBe(true)
  })

  it('marks every demo record as synthetic, across methods and languages', async () => {
    const consultation = await t.db.selectFrom('consultation').select(['id', 'is_synthetic']).where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()
    expect(consultation.is_synthetic).toBe(1)
    const responses = await t.db.selectFrom('response').select(['channel', 'locale', 'is_synthetic']).where('consultation_id', '=', consultation.id).execute()
    expect(responses).toHaveLength(60)
    expect(responses.every((r) => r.is_synthetic === 1)).toBe(true)
    expect(new Set(responses.map((r) => r.channel)).size).toBeGreaterThanOrEqual(3)
    expect(new Set(responses.map((r) => r.locale)).size).toBeGreaterThanOrEqual(3)
  })

  it('is safe to run twice', async () => {
    const again = await seedReferenceData(t.db)
    expect(again.created).toBe(false)
    expect((await seedDemo(t.db, again.frameworkId)).created).toBe(false)
    expect(await t.db.selectFrom('call_to_action').select('id').execute()).toHaveLength(5)
    expect(await t.db.selectFrom('census_margin').select('dimension').where('dimension', '=', 'age_broad').execute()).toHaveLength(2)
  })

  it('adds census margins an older installation lacks (the age bands) when seeded again', async () => {
    await t.db.deleteFrom('census_margin').where('dimension', '=', 'age_broad').execute()
    expect((await seedReferenceData(t.db)).created).toBe(false)
    const age = await t.db.selectFrom('census_margin').select(['category', 'count']).where('dimension', '=', 'age_broad').orderBy('category').execute()
    expect(age.map((m) => [m.category, Number(m.count)])).toEqual([
      ['16_64', 238700],
      ['65_plus', 17300],
    ])
  })
})
