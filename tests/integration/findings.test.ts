import crypto from 'node:crypto'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { buildDashboardData } from '~/features/analysis/dashboard-page.server.ts'
import { exportDocument, writeAnalysisWorkbook } from '~/features/analysis/export.server.ts'
import { answerColumns, streamResponsesCsv } from '~/features/analysis/read-worker.server.ts'
import { findCurrentSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { countSubmittedResponses } from '~/features/findings/csv-protection.server.ts'
import { buildExportFindings } from '~/features/findings/export-findings.server.ts'
import { addEntry, findPublication, isPublished, listEntries, publishFindings, removeEntry, unpublishFindings } from '~/features/findings/you-said-we-did.server.ts'
import type { Locale } from '~/features/i18n/config.ts'
import { buildReportData } from '~/features/findings/report.server.ts'
import { clearWeightingChoice, saveWeightingChoice, weightingQuery } from '~/features/analysis/weighting-choice.server.ts'
import { MANUAL_MARK, quoteKey } from '~/features/coding/quote-protection.ts'
import { loadQuoteProtections, saveQuoteProtection } from '~/features/coding/quote-protection.server.ts'
import { clearDatasetCache } from '~/features/analysis/dataset-loader.server.ts'
import { createI18n } from '~/features/i18n/create-i18n.ts'
import { resources } from '~/features/i18n/resources.ts'
import { buildConsultationCtaSummary, listCallsToAction } from '~/features/findings/cta-summary.server.ts'
import { analysisContextFor } from '~/features/findings/findings-context.server.ts'
import { buildFrameworkSummary } from '~/features/findings/framework-summary.server.ts'
import type { DB } from '../../db/connection.ts'
import { CLOSED_DEMO_SLUG, DEMO_SLUG } from '../../db/seed/demo.ts'
import { analysisT as translate } from '../support/analysis-t.ts'
import { ENGINES, createTestDb, locationOf, type Engine, type TestDb } from '../support/test-db.ts'

// Findings on a real database (SQLite and PostgreSQL): call-to-action counts
// from inserted themes and codings, suppression, quotes.

let t: TestDb | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
  clearDatasetCache()
})

const analyst = { id: 'test-analyst', email: 'analyst@example.test', name: 'Analyst', role: 'analyst' as const }

async function contextFor(db: TestDb, consultationId: string, threshold = 10) {
  return (await analysisContextFor(db.db, { consultationId, user: analyst, locale: 'en', t: translate, location: locationOf(db), threshold }))!
}

/** The demo consultation, with the demo seed's codebook and codings cleared so each test sets its own. */
async function demoConsultation(db: DB) {
  const consultation = await db.selectFrom('consultation').select(['id', 'framework_id']).where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()
  for (const table of ['coding_sample', 'coding_review', 'coding', 'theme'] as const) {
    await db.deleteFrom(table).where('consultation_id', '=', consultation.id).execute()
  }
  return consultation
}

export async function insertTheme(db: DB, consultationId: string, name: string, ctaCode: string | null, position: number, extra: { status?: string; merged_into?: string } = {}) {
  const id = crypto.randomUUID()
  await db
    .insertInto('theme')
    .values({ id, consultation_id: consultationId, name, cta_code: ctaCode, origin: 'analyst', position, created_by: 'test', created_at: 1, updated_at: 1, ...extra })
    .execute()
  return id
}

/** Codes the first `count` free-text answers matching `pattern` to the theme (first pass). */
export async function codeAnswers(db: DB, consultationId: string, themeId: string, pattern: string, count: number, pass: 'first' | 'second' = 'first') {
  const answers = await db
    .selectFrom('answer')
    .innerJoin('response', 'response.id', 'answer.response_id')
    .select(['answer.response_id', 'answer.question_key'])
    .where('response.consultation_id', '=', consultationId)
    .where('response.status', '=', 'submitted')
    .where('answer.question_key', '=', 'one_change')
    .where('answer.text_value', 'like', pattern)
    .orderBy('answer.response_id')
    .limit(count)
    .execute()
  if (answers.length < count) throw new Error(`only ${answers.length} answers match ${pattern}`)
  await db
    .insertInto('coding')
    .values(answers.map((a) => ({ id: crypto.randomUUID(), consultation_id: consultationId, response_id: a.response_id, question_key: a.question_key, theme_id: themeId, pass, coder_id: 'test', created_at: 1 })))
    .execute()
  return answers.map((a) => a.response_id)
}

describe.each(ENGINES)('findings on %s', (engine: Engine) => {
  it('counts residents per theme and call to action from first-pass codings, suppressed, with redacted quotes', async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const { id, framework_id } = await demoConsultation(t.db)
    const youth = await insertTheme(t.db, id, 'Youth services', 'CTA5', 1)
    const listen = await insertTheme(t.db, id, 'Listen to young people', 'CTA5', 2)
    const damp = await insertTheme(t.db, id, 'Affordable housing', 'CTA3', 3)
    const lighting = await insertTheme(t.db, id, 'Street lighting', 'CTA3', 4)
    const oldLighting = await insertTheme(t.db, id, 'Lights (merged)', 'CTA3', 5, { status: 'merged', merged_into: lighting })
    const retired = await insertTheme(t.db, id, 'Retired', 'CTA3', 6, { status: 'retired' })
    const youthIds = await codeAnswers(t.db, id, youth, 'Listen to young people%', 12)
    const listenIds = await codeAnswers(t.db, id, listen, 'More youth clubs%', 4)
    await codeAnswers(t.db, id, damp, 'বাড়িভাড়া%', 11)
    await codeAnswers(t.db, id, oldLighting, 'Better street lighting%', 10)
    await codeAnswers(t.db, id, retired, 'Stop drug dealing%', 9)
    // A second-pass (blind sample) coding never counts.
    await codeAnswers(t.db, id, youth, 'Cheaper childcare%', 5, 'second')
    // A resident whose answer is in both CTA5 themes counts once for CTA5.
    await t.db.insertInto('coding').values({ id: crypto.randomUUID(), consultation_id: id, response_id: youthIds[0]!, question_key: 'one_change', theme_id: listen, pass: 'first', coder_id: 'test', created_at: 1 }).execute()

    const context = await contextFor(t, id)
    const ctas = await listCallsToAction(t.db, framework_id, 'en')
    expect(ctas.map((c) => c.code)).toEqual(['CTA1', 'CTA2', 'CTA3', 'CTA4', 'CTA5'])
    const { summary, raw } = await buildConsultationCtaSummary(context, ctas)
    const cta5 = summary.sections.find((s) => s.code === 'CTA5')!
    const cta3 = summary.sections.find((s) => s.code === 'CTA3')!
    expect(raw.ctas.find((c) => c.code === 'CTA5')!.residents).toBe(12 + 4)
    expect(cta5.residents).toEqual({ kind: 'shown', count: 16 })
    expect(cta5.themes.map((th) => [th.name, th.residents])).toEqual([
      // Withheld: with the total shown, 16 − 12 would give the hidden count away when no one is in both themes.
      ['Youth services', { kind: 'suppressed', reason: 'secondary', threshold: 10 }],
      // 5 residents (4 + the one coded to both): under 10, hidden.
      ['Listen to young people', { kind: 'suppressed', reason: 'primary', threshold: 10 }],
    ])
    expect(listenIds).toHaveLength(4)
    // Merged codings count for the theme they were merged into; retired ones not at all.
    expect(cta3.themes.map((th) => [th.name, th.residents])).toEqual([
      ['Affordable housing', { kind: 'shown', count: 11 }],
      ['Street lighting', { kind: 'shown', count: 10 }],
    ])
    expect(cta3.residents).toEqual({ kind: 'shown', count: 21 })
    // Linked questions carry the dashboard's tables (suppressed); the free-text question has none.
    expect(cta3.questions.map((q) => q.key)).toEqual(['ward', 'priorities', 'safe_day', 'area_statements', 'congress_date', 'wellbeing', 'one_change'])
    expect(cta3.questions.find((q) => q.key === 'safe_day')!.tables[0]!.rows.length).toBeGreaterThan(0)
    expect(cta3.questions.find((q) => q.key === 'one_change')!.freeText).toBe(true)
    // Wellbeing is linked to CTA3 through two of its options only.
    expect(cta3.questions.find((q) => q.key === 'wellbeing')!.linkedOptions).toEqual(['Housing or overcrowding', 'Crime or anti-social behaviour'])
    for (const cell of cta3.questions.flatMap((q) => q.tables.flatMap((table) => table.rows.map((r) => r.cell)))) {
      if (cell.kind === 'shown') expect(cell.count === 0 || cell.count >= 10).toBe(true)
    }
    // Quotes: from shown themes only, at most three, the same each time.
    expect(cta5.quotes).toEqual([])
    expect(cta3.quotes.length).toBe(2)
    const again = await buildConsultationCtaSummary(context, ctas)
    expect(again.summary.sections.map((s) => s.quotes)).toEqual(summary.sections.map((s) => s.quotes))
    expect(summary.coded).toBe(true)

    // Across the framework: the consultation's count, and live events apart as votes in the room.
    const framework = (await buildFrameworkSummary(t.db, { frameworkId: framework_id, locale: 'en', settings: { threshold: 10, suppress: true }, contextFor: (cid) => contextFor(t!, cid) }))!
    const fw5 = framework.sections.find((s) => s.code === 'CTA5')!
    expect(fw5.residents).toEqual({ kind: 'shown', count: 16 })
    expect(fw5.consultations.some((c) => c.id === id)).toBe(true)
    const events = await t.db.selectFrom('event').select(['id', 'cta_codes']).where('framework_id', '=', framework_id).execute()
    const linked = events.filter((e) => (JSON.parse(e.cta_codes) as string[]).includes('CTA5'))
    expect(linked.length).toBeGreaterThan(0)
    for (const e of linked) expect(fw5.events.map((x) => x.id)).toContain(e.id)
    const votes = await t.db.selectFrom('event_vote').select((eb) => eb.fn.countAll<number>().as('n')).where('event_id', '=', linked[0]!.id).executeTakeFirstOrThrow()
    const row = fw5.events.find((x) => x.id === linked[0]!.id)!
    if (Number(votes.n) >= 10) expect(row.votes).toEqual({ kind: 'shown', count: Number(votes.n) })
    else expect(row.votes.kind === 'suppressed' || Number(votes.n) === 0).toBe(true)
  })

  it('suppresses the framework total with its consultation rows, so a hidden row cannot be worked out', async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const { id, framework_id } = await demoConsultation(t.db)
    const lighting = await insertTheme(t.db, id, 'Housing', 'CTA3', 1)
    await codeAnswers(t.db, id, lighting, 'বাড়িভাড়া%', 11)
    // The closed demo consultation: four answers, all coded to a CTA3 theme.
    const closed = await t.db.selectFrom('consultation').select('id').where('slug', '=', CLOSED_DEMO_SLUG).executeTakeFirstOrThrow()
    const version = (await findCurrentSurveyVersion(t.db, closed.id))!
    const ids = [1, 2, 3, 4].map(() => crypto.randomUUID())
    await t.db
      .insertInto('response')
      .values(ids.map((rid, i) => ({ id: rid, consultation_id: closed.id, survey_version_id: version.id, channel: 'online', locale: 'en', status: 'submitted', reference: `R-${i}`, created_at: 1, updated_at: 1, submitted_at: 1 + i })))
      .execute()
    await t.db.insertInto('answer').values(ids.map((rid) => ({ response_id: rid, question_key: 'safety_priority', position: 0, text_value: 'More police patrols at night' }))).execute()
    const patrols = await insertTheme(t.db, closed.id, 'Patrols', 'CTA3', 1)
    await t.db.insertInto('coding').values(ids.map((rid) => ({ id: crypto.randomUUID(), consultation_id: closed.id, response_id: rid, question_key: 'safety_priority', theme_id: patrols, pass: 'first', coder_id: 'test', created_at: 1 }))).execute()
    const framework = (await buildFrameworkSummary(t.db, { frameworkId: framework_id, locale: 'en', settings: { threshold: 10, suppress: true }, contextFor: (cid) => contextFor(t!, cid) }))!
    const cta3 = framework.sections.find((s) => s.code === 'CTA3')!
    const rowOf = (cid: string) => cta3.consultations.find((c) => c.id === cid)!
    expect(rowOf(closed.id).residents).toEqual({ kind: 'suppressed', reason: 'primary', threshold: 10 })
    // 15 in all: with the total shown, 15 − 11 would give the hidden 4 back, so the 11 is withheld too.
    expect(cta3.residents).toEqual({ kind: 'shown', count: 15 })
    expect(rowOf(id).residents).toEqual({ kind: 'suppressed', reason: 'secondary', threshold: 10 })
    // Its one theme would say 11 as well: withheld with it.
    expect(rowOf(id).themes).toEqual([{ name: 'Housing', residents: { kind: 'suppressed', reason: 'secondary', threshold: 10 } }])
    expect(JSON.stringify(framework.sections)).not.toMatch(/"count":(4|11)\b/)
  })

  it('shows the results of the votes at each live event linked to a call to action, suppressed', async () => {
    t = await createTestDb({ engine, demoResponses: 20 })
    const { framework_id } = await demoConsultation(t.db)
    const framework = (await buildFrameworkSummary(t.db, { frameworkId: framework_id, locale: 'en', settings: { threshold: 10, suppress: true }, contextFor: (cid) => contextFor(t!, cid) }))!
    const withResults = framework.sections.flatMap((s) => s.events.flatMap((e) => e.results.map((r) => ({ event: e.id, result: r }))))
    expect(withResults.length).toBeGreaterThan(0)
    for (const { result } of withResults) {
      expect(result.rows.length).toBeGreaterThan(0)
      for (const row of [...result.rows.map((r) => r.cell), result.voters]) if (row.kind === 'shown') expect(row.count === 0 || row.count >= 10).toBe(true)
    }
    // Each shown count is what the votes say (one single-choice poll checked against SQL).
    const item = await t.db.selectFrom('event_item').select(['id', 'options']).where('type', '=', 'single').where('id', 'in', withResults.map((w) => w.result.id)).executeTakeFirst()
    if (item) {
      const published = withResults.find((w) => w.result.id === item.id)!.result
      const options = JSON.parse(item.options) as { code: string }[]
      for (const [i, o] of options.entries()) {
        const n = Number((await t.db.selectFrom('event_vote').select((eb) => eb.fn.countAll<number>().as('n')).where('item_id', '=', item.id).where('option_code', '=', o.code).executeTakeFirstOrThrow()).n)
        const cell = published.rows[i]!.cell
        if (cell.kind === 'shown') expect(cell.count).toBe(n)
        else expect(n === 0 ? false : n < 10 || cell.reason === 'secondary').toBe(true)
      }
    }
    // Text polls are not tables of options.
    const text = await t.db.selectFrom('event_item').select('id').where('type', '=', 'text').execute()
    for (const x of text) expect(withResults.some((w) => w.result.id === x.id)).toBe(false)
  })

  it('says there is nothing to count for a consultation nobody has answered', async () => {
    t = await createTestDb({ engine, demoResponses: 0 })
    const { id, framework_id } = await demoConsultation(t.db)
    const { summary } = await buildConsultationCtaSummary(await contextFor(t, id), await listCallsToAction(t.db, framework_id, 'en'))
    expect(summary.state).toBe('empty')
    expect(summary.coded).toBe(false)
    expect(summary.sections.every((s) => s.quotes.length === 0 && s.questions.every((q) => q.tables.length === 0))).toBe(true)
  })

  it('protects the responses CSV: rare answers and wards suppressed, free text redacted, no formulas, with a BOM', async () => {
    t = await createTestDb({ engine, demoResponses: 60 })
    const { id } = await demoConsultation(t.db)
    const version = (await findCurrentSurveyVersion(t.db, id))!
    const response = await t.db.selectFrom('response').select('id').where('consultation_id', '=', id).orderBy('id').executeTakeFirstOrThrow()
    await t.db.deleteFrom('answer').where('response_id', '=', response.id).where('question_key', '=', 'one_change').execute()
    await t.db
      .insertInto('answer')
      .values({ response_id: response.id, question_key: 'one_change', position: 0, option_code: null, number_value: null, text_value: '=HYPERLINK("http://x") write to amina.begum@example.com' })
      .execute()
    const mark = 'fewer than 10'
    const chunks: Uint8Array[] = []
    for await (const chunk of streamResponsesCsv({ location: locationOf(t), consultationId: id, definition: version.definition, chunkSize: 13, protection: { threshold: 10, mark } })) chunks.push(chunk)
    const csv = Buffer.concat(chunks).toString('utf8')
    expect(csv.startsWith('\uFEFFreference,channel,language,ward_code,submitted_at,')).toBe(true)
    expect(csv).not.toContain('amina.begum@example.com')
    expect(csv).toContain("\"'=HYPERLINK(\"\"http://x\"\") write to [email removed]\"")
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(61)
    // Every value shown in a closed-answer or ward column was given by at least 10 responses.
    const columns = answerColumns(version.definition)
    const parse = (line: string) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'))
    const rows = lines.slice(1).map(parse)
    const checked = ['ward_code', ...columns.filter((c) => !['one_change'].includes(c))]
    let suppressed = 0
    for (const column of checked) {
      const at = column === 'ward_code' ? 3 : 5 + columns.indexOf(column)
      const tally = new Map<string, number>()
      for (const row of rows) for (const value of (row[at] ?? '').split(' | ').filter(Boolean)) tally.set(value, (tally.get(value) ?? 0) + 1)
      for (const [value, n] of tally) {
        if (value === mark) suppressed += n
        else expect(n, `${column} = ${value}`).toBeGreaterThanOrEqual(10)
      }
    }
    // With 60 responses over 20 wards, every ward has fewer than 10: all hidden.
    expect(rows.every((row) => row[3] === '' || row[3] === mark)).toBe(true)
    expect(suppressed).toBeGreaterThan(0)
  })

  it("applies an analyst's quote protection to the protected responses CSV: words taken out, a withheld answer replaced", async () => {
    const test = (t = await createTestDb({ engine, demoResponses: 30 }))
    const { id } = await demoConsultation(test.db)
    const version = (await findCurrentSurveyVersion(test.db, id))!
    const [first, second] = await test.db.selectFrom('response').select('id').where('consultation_id', '=', id).where('status', '=', 'submitted').orderBy('id').limit(2).execute()
    const write = async (responseId: string, text: string) => {
      await test.db.deleteFrom('answer').where('response_id', '=', responseId).where('question_key', '=', 'one_change').execute()
      await test.db.insertInto('answer').values({ response_id: responseId, question_key: 'one_change', position: 0, option_code: null, number_value: null, text_value: text }).execute()
    }
    await write(first!.id, 'Ask Shapla at the corner shop about the lights')
    await write(second!.id, 'A story only my neighbours would recognise')
    await saveQuoteProtection(test.db, { consultationId: id, responseId: first!.id, questionKey: 'one_change', protection: { withheld: false, phrases: ['Shapla'] }, actor: 'analyst' })
    await saveQuoteProtection(test.db, { consultationId: id, responseId: second!.id, questionKey: 'one_change', protection: { withheld: true, phrases: [] }, actor: 'analyst' })
    const read = async (protection?: { threshold: number; mark: string }) => {
      const chunks: Uint8Array[] = []
      for await (const chunk of streamResponsesCsv({ location: locationOf(test), consultationId: id, definition: version.definition, protection })) chunks.push(chunk)
      return Buffer.concat(chunks).toString('utf8')
    }
    const protectedCsv = await read({ threshold: 10, mark: 'fewer than 10' })
    expect(protectedCsv).not.toContain('Shapla')
    expect(protectedCsv).toContain(`Ask ${MANUAL_MARK} at the corner shop about the lights`)
    expect(protectedCsv).not.toContain('only my neighbours would recognise')
    // An analyst with permission to see unprotected data gets the words as given.
    const fullCsv = await read()
    expect(fullCsv).toContain('Ask Shapla at the corner shop')
    expect(fullCsv).toContain('only my neighbours would recognise')
  })

  it('adds themes (suppressed) and quotes (redacted) to the XLSX and JSON exports', async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const { id } = await demoConsultation(t.db)
    const youth = await insertTheme(t.db, id, 'Young people listened to', 'CTA5', 1)
    const rent = await insertTheme(t.db, id, 'Rent', 'CTA3', 2)
    const nhs = await insertTheme(t.db, id, 'GP appointments', null, 3)
    await codeAnswers(t.db, id, youth, 'Listen to young people%', 12)
    await codeAnswers(t.db, id, rent, 'বাড়িভাড়া%', 3)
    await codeAnswers(t.db, id, nhs, 'More GP appointments%', 9)
    const context = await contextFor(t, id)
    const findings = await buildExportFindings(context)
    expect(findings.themes).toEqual([
      { theme: 'Rent', cta: 'CTA3', residents: { suppressed: 'primary', text: 'fewer than 10' } },
      { theme: 'Young people listened to', cta: 'CTA5', residents: { count: 12 } },
      { theme: 'GP appointments', cta: null, residents: { suppressed: 'primary', text: 'fewer than 10' } },
    ])
    expect(findings.quotes.map((q) => [q.cta, q.theme])).toEqual([['CTA5', 'Young people listened to']])
    const doc = exportDocument(context, buildDashboardData(context, new URLSearchParams()), new Date(), findings)
    const json = JSON.parse(JSON.stringify(doc))
    expect(json.themes).toHaveLength(3)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await writeAnalysisWorkbook(doc, translate)) as never)
    const themes = workbook.getWorksheet('Themes')!
    const values = themes.getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1))
    expect(values[0]).toEqual(['Theme', 'Call to action', 'Residents'])
    expect(values).toContainEqual(['Rent', 'CTA3', 'fewer than 10'])
    expect(values).toContainEqual(['Young people listened to', 'CTA5', 12])
    const quotes = workbook.getWorksheet('Quotes')!
    expect(String(quotes.getRow(2).getCell(3).value)).toMatch(/young people/i)
    // The sheet per question is still there.
    expect(workbook.worksheets.some((w) => w.name.startsWith('Q1 '))).toBe(true)
  })

  it('says "fewer than 10" for a consultation with 3 responses in the JSON and on the XLSX About sheet', async () => {
    t = await createTestDb({ engine, demoResponses: 3 })
    const { id } = await demoConsultation(t.db)
    const context = await contextFor(t, id)
    const doc = exportDocument(context, buildDashboardData(context, new URLSearchParams()), new Date(), await buildExportFindings(context))
    const json = JSON.parse(JSON.stringify(doc))
    expect(json.responses).toEqual({ all: { suppressed: 'primary', text: 'fewer than 10' }, matching: { suppressed: 'primary', text: 'fewer than 10' } })
    expect(JSON.stringify(json)).not.toMatch(/"count":3\b/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await writeAnalysisWorkbook(doc, translate)) as never)
    const about = workbook.getWorksheet('About')!
    const rows = about.getSheetValues().slice(1).map((row) => (row as unknown[] | undefined)?.slice(1) ?? [])
    expect(rows).toContainEqual(['All responses', 'fewer than 10'])
    expect(rows).toContainEqual(['Responses matching the filters', 'fewer than 10'])
    expect(rows.flat()).not.toContain(3)
  })

  it("honours an analyst's quote protection in every quote that leaves: call-to-action summary, report, JSON and XLSX", async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const { id } = await demoConsultation(t.db)
    const youth = await insertTheme(t.db, id, 'Young people listened to', 'CTA5', 1)
    const coded = await codeAnswers(t.db, id, youth, 'Listen to young people%', 12)
    const texts = await t.db.selectFrom('answer').select(['response_id', 'text_value']).where('question_key', '=', 'one_change').where('response_id', 'in', coded).execute()
    const [kept, ...withheld] = coded
    const keptText = texts.find((x) => x.response_id === kept)!.text_value!
    // Words the finder cannot see (say, a first name): the second word of the answer stands in for one.
    const secret = keptText.split(/\s+/)[1]!
    for (const responseId of withheld) {
      expect(await saveQuoteProtection(t.db, { consultationId: id, responseId, questionKey: 'one_change', protection: { withheld: true, phrases: [] }, actor: analyst.id })).toBe('saved')
    }
    expect(await saveQuoteProtection(t.db, { consultationId: id, responseId: kept!, questionKey: 'one_change', protection: { withheld: false, phrases: [secret] }, actor: analyst.id })).toBe('saved')
    // Not an answer of this consultation's free text: refused.
    expect(await saveQuoteProtection(t.db, { consultationId: id, responseId: 'nobody', questionKey: 'one_change', protection: { withheld: true, phrases: [] }, actor: analyst.id })).toBe('no-answer')
    const protections = await loadQuoteProtections(t.db, id)
    expect(protections.size).toBe(12)
    expect(protections.get(quoteKey(kept!, 'one_change'))).toEqual({ withheld: false, phrases: [secret] })

    const context = await contextFor(t, id)
    const expected = keptText.replace(new RegExp(secret, 'gi'), MANUAL_MARK)
    const { summary } = await buildConsultationCtaSummary(context, await listCallsToAction(t.db, (await t.db.selectFrom('consultation').select('framework_id').where('id', '=', id).executeTakeFirstOrThrow()).framework_id, 'en'))
    expect(summary.sections.find((s) => s.code === 'CTA5')!.quotes).toEqual([{ text: expected, themeName: 'Young people listened to', redacted: true }])
    const findings = await buildExportFindings(context)
    expect(findings.quotes).toEqual([{ cta: 'CTA5', theme: 'Young people listened to', text: expected }])
    const report = await buildReportData(context)
    expect(report.cta.sections.flatMap((s) => s.quotes.map((q) => q.text))).toEqual([expected])
    const doc = exportDocument(context, buildDashboardData(context, new URLSearchParams()), new Date(), findings)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load((await writeAnalysisWorkbook(doc, translate)) as never)
    const quoteTexts = workbook.getWorksheet('Quotes')!.getSheetValues().slice(2).map((row) => String((row as unknown[] | undefined)?.[3] ?? ''))
    expect(quoteTexts).toContain(expected)
    for (const x of texts.filter((x) => x.response_id !== kept)) expect(JSON.stringify(doc)).not.toContain(x.text_value!)
    // Audited, without the words themselves.
    const audit = await t.db.selectFrom('audit_log').select('detail').where('action', '=', 'coding.quote_protection_saved').where('entity_id', '=', kept!).execute()
    expect(audit.map((a) => JSON.parse(a.detail))).toEqual([{ question: 'one_change', withheld: false, phrases: 1 }])
    expect(audit[0]!.detail).not.toContain(secret)
    // Clearing it (nothing to protect) deletes the row.
    expect(await saveQuoteProtection(t.db, { consultationId: id, responseId: kept!, questionKey: 'one_change', protection: { withheld: false, phrases: [] }, actor: analyst.id })).toBe('cleared')
    expect((await loadQuoteProtections(t.db, id)).has(quoteKey(kept!, 'one_change'))).toBe(false)
  })

  it("gives a second coder no quote from their own pending blind sample (a quote shows its first-pass theme)", async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const { id, framework_id } = await demoConsultation(t.db)
    const youth = await insertTheme(t.db, id, 'Young people listened to', 'CTA5', 1)
    const coded = await codeAnswers(t.db, id, youth, 'Listen to young people%', 12)
    await t.db.insertInto('coding_sample').values({ id: 'blind-1', consultation_id: id, question_key: 'one_change', size: coded.length, seed: 1, second_coder_id: analyst.id, created_by: 'someone-else', created_at: 1 }).execute()
    await t.db.insertInto('coding_sample_item').values(coded.map((r) => ({ sample_id: 'blind-1', response_id: r }))).execute()
    const ctas = await listCallsToAction(t.db, framework_id, 'en')
    const quotesFor = async (user: typeof analyst) => {
      const context = (await analysisContextFor(t!.db, { consultationId: id, user, locale: 'en', t: translate, location: locationOf(t!), threshold: 10 }))!
      return (await buildConsultationCtaSummary(context, ctas)).summary.sections.find((s) => s.code === 'CTA5')!.quotes
    }
    expect(await quotesFor(analyst)).toEqual([])
    expect((await quotesFor({ ...analyst, id: 'another-analyst' })).length).toBeGreaterThan(0)
    // Once their pass is complete, the quotes are theirs to see too.
    await t.db.insertInto('coding_review').values(coded.map((r) => ({ response_id: r, question_key: 'one_change', pass: 'second', consultation_id: id, coder_id: analyst.id, reviewed_at: 2 }))).execute()
    expect((await quotesFor(analyst)).length).toBeGreaterThan(0)
  })

  it('finds no responses to export in a consultation nobody has answered', async () => {
    t = await createTestDb({ engine, demoResponses: 0 })
    const { id } = await demoConsultation(t.db)
    expect(await countSubmittedResponses(t.db, id)).toBe(0)
    expect(buildDashboardData(await contextFor(t, id), new URLSearchParams()).allResponses).toBe(0)
  })

  it('publishes "You said, we did" with a suppressed snapshot of the headline findings, and unpublishes it', async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const { id } = await demoConsultation(t.db)
    const theme = await insertTheme(t.db, id, 'Young people listened to', 'CTA5', 1)
    await codeAnswers(t.db, id, theme, 'Listen to young people%', 12)
    expect(await findPublication(t.db, id)).toBeNull()
    const entry = await addEntry(t.db, { consultationId: id, texts: { said: { en: 'Youth clubs close too early', bn: 'যুব ক্লাব খুব তাড়াতাড়ি বন্ধ হয়' }, did: { en: 'Open until 10pm on Fridays' } }, actor: 'officer-1' })
    await addEntry(t.db, { consultationId: id, texts: { said: { en: 'Second' }, did: { en: 'Done' } }, actor: 'officer-1' })
    expect((await listEntries(t.db, id)).map((e) => e.position)).toEqual([1, 2])
    const tFor = async (locale: Locale) => {
      const i = createI18n(locale, resources[locale])
      return (key: string, values?: Record<string, unknown>) => i.t(key.includes(':') ? key : `analysis:${key}`, values as never) as unknown as string
    }
    await publishFindings(t.db, { consultationId: id, user: { ...analyst, role: 'officer' }, tFor, location: locationOf(t), threshold: 10 })
    expect(await isPublished(t.db, id)).toBe(true)
    const publication = (await findPublication(t.db, id))!
    // English and every language the consultation offers (the demo offers Bengali).
    expect(Object.keys(publication.headlines).sort()).toEqual(['bn', 'en'])
    const en = publication.headlines.en!
    expect(en.state).toBe('ok')
    expect(en.responses).toEqual({ kind: 'shown', count: 240 })
    expect(en.questions.length).toBeGreaterThan(5)
    for (const q of en.questions) {
      expect(q.top.length).toBeLessThanOrEqual(3)
      for (const row of q.top) expect(row.cell.kind === 'shown' && row.cell.count >= 10).toBe(true)
    }
    // A grid's statements are headlines of their own, each titled "question: statement" once.
    const statements = en.questions.filter((q) => q.key.startsWith('q-area_statements-'))
    expect(statements.length).toBeGreaterThan(1)
    for (const q of statements) expect(q.title.split('How much do you agree with these statements about your local area?').length).toBe(2)
    expect(en.themes).toEqual([{ name: 'Young people listened to', lang: 'en', cta: 'CTA5', residents: { kind: 'shown', count: 12 } }])
    // Bengali labels come from the survey's Bengali text.
    expect(publication.headlines.bn!.questions[0]!.title).not.toBe(en.questions[0]!.title)
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).where('action', 'like', 'you_said_we_did.%').execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['you_said_we_did.added', 'you_said_we_did.added', 'you_said_we_did.published'])
    expect(await removeEntry(t.db, { consultationId: id, id: entry, actor: 'officer-1' })).toBe(true)
    expect(await removeEntry(t.db, { consultationId: id, id: entry, actor: 'officer-1' })).toBe(false)
    await unpublishFindings(t.db, { consultationId: id, actor: 'officer-1' })
    expect(await findPublication(t.db, id)).toBeNull()
  })

  it('publishes a consultation with fewer responses than the threshold without any count', async () => {
    t = await createTestDb({ engine, demoResponses: 6 })
    const { id } = await demoConsultation(t.db)
    await addEntry(t.db, { consultationId: id, texts: { said: { en: 'a' }, did: { en: 'b' } }, actor: 'officer-1' })
    const tFor = async (locale: Locale) => {
      const i = createI18n(locale, resources[locale])
      return (key: string, values?: Record<string, unknown>) => i.t(key.includes(':') ? key : `analysis:${key}`, values as never) as unknown as string
    }
    await publishFindings(t.db, { consultationId: id, user: analyst, tFor, location: locationOf(t), threshold: 10 })
    const en = (await findPublication(t.db, id))!.headlines.en!
    expect(en.state).toBe('too-few')
    expect(en.responses.kind).toBe('suppressed')
    expect(en.questions).toEqual([])
    expect(JSON.stringify(en)).not.toMatch(/"count":[1-9],/)
  })

  it('says in the report how results were weighted (raking, margins, figures, weighted tables) once an analyst saves a weighting, and that they are unweighted before', async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const { id } = await demoConsultation(t.db)
    const context = await contextFor(t, id)
    // (This context has no equality answers, as for any reader who may not see them: wards only.)
    expect((await buildReportData(context)).weighting).toBeNull()
    // The page's query, with the suppression switch, which is never saved.
    const query = weightingQuery(new URLSearchParams('run=1&margin=ward&cap=5&collapse=10&suppression=off&other=x'))
    expect(query).toBe('run=1&margin=ward&cap=5&collapse=10')
    await saveWeightingChoice(t.db, { consultationId: id, query, actor: analyst.id, now: Date.UTC(2026, 2, 3) })
    const report = await buildReportData(context)
    const w = report.weighting!
    expect(w.problem).toBeNull()
    expect(w.state).toBe('ok')
    expect(w.savedOn).toBe('3 March 2026')
    expect(w.margins.map((m) => m.label)).toEqual(['Ward'])
    expect(w.margins.every((m) => m.source.length > 0)).toBe(true)
    expect(w.cap).toBe('5')
    expect(w.result!.converged).toBe(true)
    const safe = w.result!.questions.find((q) => q.key === 'safe_day')!.tables[0]!
    expect(safe.rows.some((r) => r.weightedPercent !== null && r.unweightedPercent !== null)).toBe(true)
    for (const row of safe.rows) if (row.respondents.kind === 'shown') expect(row.respondents.count === 0 || row.respondents.count >= 10).toBe(true)
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor']).where('action', '=', 'analysis.weighting_saved').execute()
    expect(audit).toEqual([{ action: 'analysis.weighting_saved', actor: analyst.id }])
    // A saved weighting that cannot run on today's responses says so, and the report is unweighted.
    await saveWeightingChoice(t.db, { consultationId: id, query: 'run=1&margin=ward&cap=1.01&floor=0.99&collapse=10', actor: analyst.id })
    const failed = (await buildReportData(context)).weighting!
    expect(failed.state).toBe('not-converged')
    expect(failed.result).toBeNull()
    await clearWeightingChoice(t.db, { consultationId: id, actor: analyst.id })
    expect((await buildReportData(context)).weighting).toBeNull()
  })

  it('builds the report: what was asked, the profile, themes, agreement from the blind sample, and "You said, we did"', async () => {
    t = await createTestDb({ engine, demoResponses: 240 })
    const { id } = await demoConsultation(t.db)
    const context = await contextFor(t, id)
    let report = await buildReportData({ ...context, canSeeEquality: true })
    expect(report.asked[0]).toMatchObject({ number: 1, key: 'connection' })
    expect(report.responses).toEqual({ kind: 'shown', count: 240 })
    expect(report.methods.map((m) => m.id)).toEqual(['responses-by-channel', 'responses-by-locale'])
    expect(report.agreement).toBeNull()
    expect(report.yswd).toEqual({ published: null, entries: [] })
    // A blind sample: 12 answers coded first and second, agreeing on all but two.
    const youth = await insertTheme(t.db, id, 'Young people listened to', 'CTA5', 1)
    const coded = await codeAnswers(t.db, id, youth, 'Listen to young people%', 12)
    await codeAnswers(t.db, id, youth, 'Listen to young people%', 10, 'second')
    const other = await t.db.selectFrom('answer').select('response_id').where('question_key', '=', 'one_change').where('text_value', 'like', 'Cheaper childcare%').orderBy('response_id').limit(2).execute()
    await t.db.insertInto('coding').values(other.map((o) => ({ id: crypto.randomUUID(), consultation_id: id, response_id: o.response_id, question_key: 'one_change', theme_id: youth, pass: 'second', coder_id: 'second', created_at: 1 }))).execute()
    const sampled = [...coded, ...other.map((o) => o.response_id)]
    await t.db.insertInto('coding_sample').values({ id: 'sample-1', consultation_id: id, question_key: 'one_change', size: sampled.length, seed: 1, second_coder_id: 'second', created_by: 'test', created_at: 1 }).execute()
    await t.db.insertInto('coding_sample_item').values(sampled.map((r) => ({ sample_id: 'sample-1', response_id: r }))).execute()
    // The two childcare answers were looked at in the first pass and coded to nothing.
    await t.db.insertInto('coding_review').values(other.map((o) => ({ response_id: o.response_id, question_key: 'one_change', pass: 'first', consultation_id: id, coder_id: 'test', reviewed_at: 1 }))).execute()
    // The second coder looked at the last two of the twelve and coded them to nothing.
    await t.db.insertInto('coding_review').values(coded.slice(10).map((r) => ({ response_id: r, question_key: 'one_change', pass: 'second', consultation_id: id, coder_id: 'second', reviewed_at: 1 }))).execute()
    await addEntry(t.db, { consultationId: id, texts: { said: { en: 'Youth clubs close too early' }, did: { en: 'Open until 10pm on Fridays' } }, actor: 'officer-1' })
    report = await buildReportData(context)
    expect(report.agreement!.units).toBe(14)
    // Coder 1: yes on 12, no on 2. Coder 2: yes on 10 of those 12, no on the other 2, yes on the 2 childcare answers.
    // p_o = 10/14, p_e = (12/14)² + (2/14)² = 148/196, so kappa = (140/196 − 148/196) / (48/196) = −1/6.
    expect(report.agreement!.themes[0]!.kappa).toBeCloseTo(-1 / 6, 10)
    expect(report.agreement!.alpha).not.toBeNull()
    expect(report.themes).toEqual([{ theme: 'Young people listened to', cta: 'CTA5', residents: { count: 12 } }])
    expect(report.yswd.entries.map((e) => e.did.text)).toEqual(['Open until 10pm on Fridays'])
    expect(report.profile).toBeNull()
  })
})

