import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import type { AnalysisContext } from '~/features/analysis/analysis-context.server.ts'
import { countVariable, filterMask, findVariable } from '~/features/analysis/aggregate.ts'
import { buildDashboardData, type DashboardData } from '~/features/analysis/dashboard-page.server.ts'
import { clearDatasetCache, getDataset, loadDataset } from '~/features/analysis/dataset-loader.server.ts'
import { exportDocument, writeAnalysisWorkbook, type ExportCell, type ExportDocument } from '~/features/analysis/export.server.ts'
import { createLabeller } from '~/features/analysis/labels.ts'
import { buildProfileData } from '~/features/analysis/profile-page.server.ts'
import { buildWeightingData } from '~/features/analysis/weighting-page.server.ts'
import type { PublishedCell } from '~/features/analysis/publish.ts'
import { findCurrentSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { CLOSED_DEMO_SLUG, DEMO_SLUG } from '../../db/seed/demo.ts'
import { analysisT as translate } from '../support/analysis-t.ts'
import { ENGINES, createTestDb, locationOf, type Engine, type TestDb } from '../support/test-db.ts'

// The analysis read path and pages' data on a real database (SQLite and
// PostgreSQL): the dataset against plain SQL counts, suppression in the
// dashboard and in both exports, weighting with good and bad input, and an
// empty consultation.

let t: TestDb | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
  clearDatasetCache()
})


async function contextFor(db: TestDb, slug = DEMO_SLUG, { suppress = true, canSeeEquality = true, threshold = 10 } = {}): Promise<AnalysisContext> {
  const consultation = await db.db.selectFrom('consultation').select(['id', 'slug', 'status', 'is_synthetic']).where('slug', '=', slug).executeTakeFirstOrThrow()
  const version = (await findCurrentSurveyVersion(db.db, consultation.id))!
  const wards = await db.db.selectFrom('ward').select(['code', 'name']).orderBy('name').execute()
  const wardCodes = wards.map((w) => w.code)
  const location = locationOf(db)
  const dataset = await loadDataset({ location, consultationId: consultation.id, definition: version.definition, wardCodes, includeEquality: canSeeEquality })
  return {
    user: { id: 'test-analyst', email: 'analyst@example.test', name: 'Analyst', role: 'analyst' },
    db: db.db,
    locale: 'en',
    t: translate,
    consultation: { id: consultation.id, slug: consultation.slug, title: 'Demo', status: consultation.status, isSynthetic: true },
    definition: version.definition,
    dataset,
    wards,
    wardCodes,
    labeller: createLabeller(translate, 'en', version.definition, new Map(wards.map((w) => [w.code, w.name]))),
    canSeeEquality,
    canUnsuppress: true,
    settings: { threshold, suppress },
  }
}

/** Every count a reader sees in the dashboard's one-way tables (not answered is not suppressed: it is not a characteristic). */
function shownCounts(data: DashboardData): number[] {
  const tables = [...data.overview, ...data.questions.flatMap((q) => q.tables)]
  return [
    ...tables.flatMap((table) => [...table.rows.map((r) => r.cell), table.base]),
    ...data.questions.flatMap((q) => q.points?.rows.map((r) => r.ranked) ?? []),
  ].flatMap((cell) => (cell.kind === 'shown' ? [cell.count] : []))
}

function exportCounts(doc: ExportDocument): ExportCell[] {
  const tables = [...doc.overview, ...doc.questions.flatMap((q) => q.tables)]
  return [
    ...tables.flatMap((table) => [...table.rows.map((r) => r.value), table.answered]),
    ...doc.questions.flatMap((q) => q.points?.rows.map((r) => r.ranked) ?? []),
    ...(doc.crossTab ? [...doc.crossTab.cells.flat(), ...doc.crossTab.rowTotals, ...doc.crossTab.columnTotals, doc.crossTab.total] : []),
  ]
}

const small = (count: number) => count > 0 && count < 10

describe.each(ENGINES)('analysis on %s', (engine: Engine) => {
  it('reads the same counts as plain SQL, by question and by language', async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const context = await contextFor(t, DEMO_SLUG, { suppress: false })
    const dataset = context.dataset!
    expect(dataset.n).toBe(240)
    const sqlCounts = await t.db
      .selectFrom('answer')
      .innerJoin('response', 'response.id', 'answer.response_id')
      .select(['answer.option_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('response.consultation_id', '=', context.consultation.id)
      .where('response.status', '=', 'submitted')
      .where('answer.question_key', '=', 'safe_day')
      .groupBy('answer.option_code')
      .execute()
    const variable = findVariable(dataset, 'q.safe_day', context.wardCodes)!
    const counts = countVariable(variable, filterMask(dataset, {}, context.wardCodes).mask)
    for (const row of sqlCounts) expect(counts.counts[variable.codes.indexOf(row.option_code!)]).toBe(Number(row.n))
    // Multiple choice: one row per option chosen.
    const wellbeing = await t.db
      .selectFrom('answer')
      .innerJoin('response', 'response.id', 'answer.response_id')
      .select([(eb) => eb.fn.countAll<number>().as('n')])
      .where('response.consultation_id', '=', context.consultation.id)
      .where('answer.question_key', '=', 'wellbeing')
      .where('answer.option_code', '=', 'cost_of_living')
      .executeTakeFirstOrThrow()
    const multi = findVariable(dataset, 'q.wellbeing', context.wardCodes)!
    expect(countVariable(multi, filterMask(dataset, {}, context.wardCodes).mask).counts[multi.codes.indexOf('cost_of_living')]).toBe(Number(wellbeing.n))
    // A filter by language matches the responses in that language.
    const bn = await t.db.selectFrom('response').select((eb) => eb.fn.countAll<number>().as('n')).where('consultation_id', '=', context.consultation.id).where('locale', '=', 'bn').executeTakeFirstOrThrow()
    expect(filterMask(dataset, { locale: 'bn' }, context.wardCodes).n).toBe(Number(bn.n))
    // The dashboard, unsuppressed: weeks add up to every response, and methods too.
    const data = buildDashboardData(context, new URLSearchParams())
    expect(data.state).toBe('ok')
    const byWeek = data.overview.find((table) => table.id === 'responses-by-week')!
    expect(byWeek.rows.reduce((s, r) => s + (r.cell.kind === 'shown' ? r.cell.count : 0), 0)).toBe(240)
    expect(data.questions.map((q) => q.key)).toEqual(['connection', 'ward', 'priorities', 'safe_day', 'area_statements', 'wellbeing', 'needed_help', 'help_sources', 'young_listened', 'children'])
  })

  it('reads equality answers only for a reader allowed to see them, and keeps them out of filters otherwise', async () => {
    t = await createTestDb({ engine, demoResponses: 60 })
    const withEquality = await contextFor(t)
    const equalityRows = await t.db.selectFrom('equality_answer').select((eb) => eb.fn.countAll<number>().as('n')).where('question_key', '=', 'sex').executeTakeFirstOrThrow()
    const sex = withEquality.dataset!.equality!.sex!
    expect(Array.from(sex.values).filter((v) => v >= 0).length).toBe(Number(equalityRows.n))
    clearDatasetCache()
    const without = await contextFor(t, DEMO_SLUG, { canSeeEquality: false })
    expect(without.dataset!.equality).toBeNull()
    const data = buildDashboardData(without, new URLSearchParams({ group: 'sex:female' }))
    expect(data.filters.group).toBeUndefined()
    expect(data.filterForm!.groups).toEqual([])
    expect(data.crossTab!.options.some((o) => o.group === 'equality')).toBe(false)
  })

  it('suppresses every small count on the dashboard, in cross-tabs, and in the JSON and XLSX exports', async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const context = await contextFor(t)
    const params = new URLSearchParams({ rows: 'q.safe_day', columns: 'locale' })
    const data = buildDashboardData(context, params)
    expect(data.state).toBe('ok')
    expect(shownCounts(data).filter(small)).toEqual([])
    // Something is hidden (the demo has small groups), so the test is not vacuous.
    expect(data.overview.find((x) => x.id === 'responses-by-ward')!.rows.some((r) => r.cell.kind === 'suppressed')).toBe(true)
    // One-way tables never have exactly one hidden count (it would follow from the total).
    for (const table of [...data.overview, ...data.questions.flatMap((q) => q.tables)]) {
      if (table.multi) continue
      const hidden = [...table.rows.map((r) => r.cell), table.base].filter((c) => c.kind === 'suppressed').length
      expect(hidden === 0 || hidden >= 2, table.id).toBe(true)
    }
    const crossTab = data.crossTab!.view!
    expect(crossTab.table.cells.flat().some((c) => c.kind === 'suppressed')).toBe(true)
    expect([...crossTab.table.cells.flat(), ...crossTab.table.rowTotals, ...crossTab.table.columnTotals].flatMap((c) => (c.kind === 'shown' ? [c.count] : [])).filter(small)).toEqual([])

    const doc = exportDocument(context, data)
    const cells = exportCounts(doc)
    expect(cells.some((c) => 'suppressed' in c)).toBe(true)
    expect(cells.flatMap((c) => ('count' in c ? [c.count] : [])).filter(small)).toEqual([])
    expect(JSON.parse(JSON.stringify(doc)).suppression.threshold).toBe(10)

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await writeAnalysisWorkbook(doc, translate)) as never)
    const names = workbook.worksheets.map((s) => s.name)
    expect(names.slice(0, 2)).toEqual(['About', 'Responses'])
    expect(names.filter((n) => /^Q\d+ /.test(n))).toHaveLength(10)
    expect(names).toContain('Cross-tabulation')
    let suppressedTexts = 0
    for (const sheet of workbook.worksheets.filter((s) => s.name !== 'About')) {
      sheet.eachRow((row) => {
        const label = String(row.getCell(1).value ?? '')
        if (label === 'Not answered') return
        row.eachCell((cell, column) => {
          if (column === 1) return
          if (typeof cell.value === 'number' && cell.numFmt !== '0.0%') expect(small(cell.value), `${sheet.name} ${label}`).toBe(false)
          if (cell.value === 'fewer than 10' || cell.value === 'withheld') suppressedTexts++
        })
      })
    }
    expect(suppressedTexts).toBeGreaterThan(0)
  })

  it('shows a message instead of numbers when a filter leaves fewer responses than the threshold, in exports too', async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const context = await contextFor(t)
    const dataset = context.dataset!
    // The rarest language among the demo responses has fewer than 10 with a ward filter on top.
    const ward = context.wardCodes.find((code) => filterMask(dataset, { ward: code, locale: 'so' }, context.wardCodes).n > 0)
    const params = new URLSearchParams({ language: 'so', ...(ward ? { ward } : {}) })
    const data = buildDashboardData(context, params)
    expect(data.state).toBe('too-few')
    expect(data.matching.kind).toBe('suppressed')
    expect(data.overview).toEqual([])
    expect(data.questions).toEqual([])
    const doc = exportDocument(context, data)
    expect(doc.message).toContain('Fewer than 10 responses match these filters')
    expect(doc.questions).toEqual([])
    // With suppression switched off (an analyst's internal view), the numbers show.
    const open = buildDashboardData({ ...context, settings: { threshold: 10, suppress: false } }, params)
    expect(open.state).toBe('ok')
    // The profile beside the census says the same instead of showing a profile of a handful of people.
    const profile = await buildProfileData(context, params)
    expect(profile.state).toBe('too-few')
    expect(profile.matching.kind).toBe('suppressed')
    expect(profile.tables).toEqual([])
  })

  it('handles a consultation with no responses, and one with no closed questions', async () => {
    t = await createTestDb({ engine, demoResponses: 0 })
    const context = await contextFor(t)
    expect(context.dataset!.n).toBe(0)
    const data = buildDashboardData(context, new URLSearchParams({ rows: 'q.safe_day', columns: 'locale' }))
    expect(data.state).toBe('empty')
    const doc = exportDocument(context, data)
    expect(doc.message).toBe('There are no responses yet.')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await writeAnalysisWorkbook(doc, translate)) as never)
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['About'])
    expect((await buildProfileData(context, new URLSearchParams())).state).toBe('empty')
    expect((await buildWeightingData(context, new URLSearchParams({ run: '1', margin: 'ward' }))).state).toBe('empty')

    clearDatasetCache()
    const closed = await contextFor(t, CLOSED_DEMO_SLUG)
    expect(closed.dataset!.questions).toEqual([])
    expect(buildDashboardData(closed, new URLSearchParams()).state).toBe('empty')
  })

  it('compares respondents with the census margins, each with its source', async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const context = await contextFor(t)
    const data = await buildProfileData(context, new URLSearchParams({ factor: '0.67' }))
    expect(data.state).toBe('ok')
    expect(data.tables.map((table) => table.dimension)).toEqual(['ward', 'age_band', 'age_broad', 'sex', 'ethnic_group_broad', 'ethnic_group', 'religion', 'disability'])
    const sex = data.tables.find((table) => table.dimension === 'sex')!
    expect(sex.hasCensus).toBe(true)
    expect(sex.sources[0]).toContain('TS009')
    const female = sex.rows.find((r) => r.category === 'female')!
    expect(female.census!.share).toBeCloseTo(154433 / (154433 + 155866), 6)
    expect(female.ratio).toBeCloseTo((female.respondents as { percent: number }).percent / 100 / female.census!.share, 6)
    // The survey's seven age bands have no verified census figures: not "no census", but compared at the coarsest common grouping.
    expect(data.tables.find((table) => table.dimension === 'age_band')!).toMatchObject({ hasCensus: false, comparedAs: 'Age (census bands)' })
    expect(data.tables.find((table) => table.dimension === 'religion')!.comparedAs).toBeNull()
    // Age beside the census's broad bands: 16 to 64 against the census 15 to 64 (the closest published), 65 and over.
    const age = data.tables.find((table) => table.dimension === 'age_broad')!
    expect(age.hasCensus).toBe(true)
    expect(age.rows.map((r) => r.category)).toEqual(['16_64', '65_plus'])
    expect(age.rows.map((r) => r.label)).toEqual(['16 to 64 (census: 15 to 64)', '65 and over'])
    expect(age.rows[0]!.census!.share).toBeCloseTo(238700 / (238700 + 17300), 6)
    expect(age.sources[0]).toContain('census-population-scrolly')
    expect(age.note).toContain('the census 15 to 64 band, the closest published figure')
    expect(data.tables.find((table) => table.dimension === 'sex')!.note).toBeNull()
    // Its respondents: everyone who gave an age band of 16 or over, in two groups.
    const ageBand = data.tables.find((table) => table.dimension === 'age_band')!
    const shown = (rows: { respondents: PublishedCell }[]) => rows.map((r) => (r.respondents.kind === 'shown' ? r.respondents.count : NaN))
    const [young, old] = shown(age.rows)
    const bands = Object.fromEntries(ageBand.rows.map((r, i) => [r.category, shown(ageBand.rows)[i]!]))
    if (Object.values(bands).every((c) => !Number.isNaN(c))) {
      expect(young).toBe(bands['16_24']! + bands['25_34']! + bands['35_49']! + bands['50_64']!)
      expect(old).toBe(bands['65_74']! + bands['75_plus']!)
    }
    expect(young).toBeGreaterThan(0)
    // The religion census counts "not answered"; respondents who prefer not to say are compared with it.
    expect(data.tables.find((table) => table.dimension === 'religion')!.rows.map((r) => r.category)).toContain('not_answered')
    // Some group is flagged with the demo's skewed mix, and a stricter factor flags no fewer.
    const flagged = (d: typeof data) => d.tables.flatMap((table) => table.rows).filter((r) => r.under === 'yes' || r.under === 'at-most').length
    const strict = await buildProfileData(context, new URLSearchParams({ factor: '0.9' }))
    expect(flagged(data)).toBeGreaterThan(0)
    expect(flagged(strict)).toBeGreaterThanOrEqual(flagged(data))
    expect((await buildProfileData(context, new URLSearchParams({ factor: 'lots' }))).factorError).toBe(true)
  })

  it('rakes to census margins and gives weighted and unweighted results side by side', async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const context = await contextFor(t)
    const params = new URLSearchParams([
      ['run', '1'],
      ['margin', 'ward'],
      ['margin', 'sex'],
      ['margin', 'ethnic_group_broad'],
      ['cap', '5'],
      ['collapse', '10'],
    ])
    const data = await buildWeightingData(context, params)
    expect(data.state).toBe('ok')
    const result = data.result!
    expect(result.converged).toBe(true)
    expect(result.maxMarginErrorPoints).toBeLessThan(0.001)
    expect(result.warnings.some((w) => w.includes('were weighted as one group'))).toBe(true)
    expect(result.designEffect).toBeGreaterThanOrEqual(1)
    expect(result.effectiveN).toBeLessThanOrEqual(result.weighted.kind === 'shown' ? result.weighted.count : Infinity)
    const safe = result.questions.find((q) => q.key === 'safe_day')!.tables[0]!
    const shown = safe.rows.filter((r) => r.weightedPercent !== null)
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.every((r) => r.unweightedMoe !== null && r.weightedMoe !== null && r.weightedMoe >= 0)).toBe(true)
    expect(safe.rows.filter((r) => r.respondents.kind === 'shown').every((r) => !small((r.respondents as { count: number }).count))).toBe(true)
    // Weighted shares hit the targets: sex after raking matches the census within the tolerance.
    const sexMargin = result.margins.find((m) => m.title === 'Sex')!
    for (const g of sexMargin.groups) expect(g.achievedShare).toBeCloseTo(g.targetShare, 5)
  })

  it('rakes to the census age bands too, and says how they were matched', async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const context = await contextFor(t)
    const form = await buildWeightingData(context, new URLSearchParams())
    const choice = form.form.margins.find((m) => m.dimension === 'age_broad')!
    expect(choice.kind).toBe('census')
    expect(choice.source).toContain('census-population-scrolly')
    expect(choice.note).toContain('15 to 64')
    const data = await buildWeightingData(context, new URLSearchParams([['run', '1'], ['margin', 'age_broad'], ['margin', 'sex'], ['cap', '5'], ['collapse', '10']]))
    expect(data.state).toBe('ok')
    const age = data.result!.margins.find((m) => m.title === 'Age (census bands)')!
    expect(age.groups.map((g) => g.label)).toEqual(['16 to 64 (census: 15 to 64)', '65 and over'])
    expect(age.groups[1]!.targetShare).toBeCloseTo(17300 / (238700 + 17300), 6)
    for (const g of age.groups) expect(g.achievedShare).toBeCloseTo(g.targetShare, 5)
  })

  it('withholds every size that would give back a hidden number of weighted respondents', async () => {
    t = await createTestDb({ engine, demoResponses: 40 })
    const consultation = await t.db.selectFrom('consultation').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()
    // Only six respondents keep their answer to the sex question, three of each (so no group is
    // empty whatever the random response ids): six can be raked, 34 are left out.
    const db = t.db
    const answered = (code: string) =>
      db
        .selectFrom('equality_answer')
        .innerJoin('response', 'response.id', 'equality_answer.response_id')
        .select('equality_answer.response_id')
        .where('response.consultation_id', '=', consultation.id)
        .where('equality_answer.question_key', '=', 'sex')
        .where('equality_answer.option_code', '=', code)
        .orderBy('equality_answer.response_id')
        .execute()
    const [female, male] = [await answered('female'), await answered('male')]
    expect(female.length).toBeGreaterThanOrEqual(3)
    expect(male.length).toBeGreaterThanOrEqual(3)
    const keep = [...female.slice(0, 3), ...male.slice(0, 3)]
    await t.db
      .deleteFrom('equality_answer')
      .where('question_key', '=', 'sex')
      .where('response_id', 'not in', keep.map((r) => r.response_id))
      .execute()
    const context = await contextFor(t)
    const data = await buildWeightingData(context, new URLSearchParams([['run', '1'], ['margin', 'sex'], ['collapse', '0']]))
    const result = data.result!
    expect(result.weighted).toEqual({ kind: 'suppressed', reason: 'primary', threshold: 10 })
    // Weighted n is the number raked, the unweighted margin of error is a function of it,
    // effective n × design effect is it, and "left out" is all responses minus it: all withheld.
    expect(result.weightedN).toBeNull()
    expect(result.effectiveN).toBeNull()
    expect(result.designEffect).toBeNull()
    expect(result.overallMoe).toBeNull()
    expect(result.excluded).toBeNull()
    // The same page with enough respondents shows them.
    const all = await buildWeightingData(await contextFor(t), new URLSearchParams([['run', '1'], ['margin', 'ward'], ['collapse', '10']]))
    const raked = all.result!.weighted.kind === 'shown' ? all.result!.weighted.count : 0
    expect(raked).toBeGreaterThanOrEqual(10)
    expect(all.result!.weightedN).toBeCloseTo(raked, 6)
    expect(all.result!.excluded).toBe(40 - raked)
    expect(all.result!.overallMoe!.unweighted).toBeCloseTo(100 * 1.96 * Math.sqrt(0.25 / raked), 6)
  })

  it('explains bad weighting input in words, never a wrong number', async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const context = await contextFor(t)
    const run = (pairs: [string, string][]) => buildWeightingData(context, new URLSearchParams([['run', '1'], ...pairs]))
    // Own figures that do not add up to 100.
    const notSum = await run([['margin', 'age_band'], ['target.age_band.16_24', '20'], ['target.age_band.25_34', '20'], ['target.age_band.35_49', '20'], ['target.age_band.50_64', '20'], ['target.age_band.65_74', '10'], ['target.age_band.75_plus', '5'], ['collapse', '0']])
    expect(notSum.state).toBe('problem')
    expect(notSum.problem).toBe('The figures for Age add up to 95%, not 100%. Correct them so they add up to 100.')
    expect(notSum.result).toBeNull()
    // A group with a target but no respondents (nobody under 16 answered), and merging switched off.
    const ages: [string, string][] = [['under_16', '10'], ['16_24', '20'], ['25_34', '20'], ['35_49', '20'], ['50_64', '15'], ['65_74', '10'], ['75_plus', '5']]
    const empty = await run([['margin', 'age_band'], ...ages.map(([code, value]): [string, string] => [`target.age_band.${code}`, value]), ['collapse', '0']])
    expect(empty.state).toBe('problem')
    expect(empty.problem).toBe('No respondents are in the group Under 16 of Age, so it cannot be weighted to its target. Merge small groups (enter a number above 0), or leave out this margin.')
    // With merging on, the same figures weight (the empty group joins its neighbour).
    const merged = await run([['margin', 'age_band'], ...ages.map(([code, value]): [string, string] => [`target.age_band.${code}`, value]), ['collapse', '10']])
    expect(merged.state).toBe('ok')
    // Limits too tight to meet the margins: not converged, and no weighted results.
    const tight = await run([['margin', 'ward'], ['margin', 'sex'], ['margin', 'ethnic_group_broad'], ['cap', '1.2'], ['floor', '0.9'], ['collapse', '10']])
    expect(tight.state).toBe('not-converged')
    expect(tight.result!.converged).toBe(false)
    expect(tight.result!.questions).toEqual([])
    // Form errors: nothing chosen, a cap that is not a number.
    const form = await run([['cap', 'big']])
    expect(form.state).toBe('form')
    expect(form.form.errors.map((e) => e.field)).toEqual(['cap', 'margins'])
  })

  it('caches the dataset until the responses change', async () => {
    t = await createTestDb({ engine, demoResponses: 20 })
    const consultation = await t.db.selectFrom('consultation').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()
    const version = (await findCurrentSurveyVersion(t.db, consultation.id))!
    const location = locationOf(t)
    const options = { location, consultationId: consultation.id, definition: version.definition, versionId: version.id, wardCodes: [], includeEquality: false }
    const first = await getDataset(t.db, options)
    expect(await getDataset(t.db, options)).toBe(first)
    await sql`delete from response where id = (select id from response where consultation_id = ${consultation.id} and status = 'submitted' limit 1)`.execute(t.db)
    const after = await getDataset(t.db, options)
    expect(after).not.toBe(first)
    expect(after.n).toBe(19)
  })
})
