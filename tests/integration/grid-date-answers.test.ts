import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { answerColumns, streamResponsesCsv } from '~/features/analysis/read-worker.server.ts'
import { findConsultationBySlug, findCurrentSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { newToken } from '~/features/responses/codes.ts'
import { createDraft, loadAnswers, saveAnswer, submitResponse } from '~/features/responses/responses.server.ts'
import { findQuestion } from '~/features/surveys/definition.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, locationOf, type Engine, type TestDb } from '../support/test-db.ts'

// Grid and date answers on a real database: a row per rated statement named by
// item_code, a date as its ISO text, read back, submitted and exported.
describe.each(ENGINES)('grid and date answers on %s', (engine: Engine) => {
  let t: TestDb

  beforeEach(async () => {
    t = await createTestDb({ engine })
  })
  afterEach(async () => {
    await t.cleanup()
  })

  async function startDraft() {
    const consultation = (await findConsultationBySlug(t.db, DEMO_SLUG))!
    const version = (await findCurrentSurveyVersion(t.db, consultation.id))!
    const draft = await createDraft(t.db, { consultationId: consultation.id, surveyVersionId: version.id, locale: 'bn', token: newToken(), ttlDays: 28 })
    const answer = (key: string, value: Parameters<typeof saveAnswer>[1]['value']) =>
      t.db.transaction().execute((trx) => saveAnswer(trx, { responseId: draft.id, question: findQuestion(version.definition, key)!, value, locale: 'bn', ttlDays: 28 }))
    const stored = (key: string) =>
      t.db
        .selectFrom('answer')
        .select(['position', 'item_code', 'option_code', 'number_value', 'text_value'])
        .where('response_id', '=', draft.id)
        .where('question_key', '=', key)
        .orderBy('position')
        .execute()
    return { consultation, version, draft, answer, stored }
  }

  it('saves a grid as a row per rated statement and a date as text, and reads both back', async () => {
    const { version, draft, answer, stored } = await startDraft()
    await answer('area_statements', { get_on_well: 'agree', safe_public_spaces: 'strongly_disagree' })
    await answer('congress_date', '2023-11-14')
    expect(await stored('area_statements')).toEqual([
      { position: 0, item_code: 'get_on_well', option_code: 'agree', number_value: null, text_value: null },
      { position: 2, item_code: 'safe_public_spaces', option_code: 'strongly_disagree', number_value: null, text_value: null },
    ])
    expect(await stored('congress_date')).toEqual([{ position: 0, item_code: null, option_code: null, number_value: null, text_value: '2023-11-14' }])
    expect(await loadAnswers(t.db, draft.id, version.definition)).toEqual({
      area_statements: { get_on_well: 'agree', safe_public_spaces: 'strongly_disagree' },
      congress_date: '2023-11-14',
    })

    // A changed grid replaces every row; clearing it (and the date) leaves none.
    await answer('area_statements', { influence_decisions: 'dont_know' })
    expect(await stored('area_statements')).toEqual([{ position: 1, item_code: 'influence_decisions', option_code: 'dont_know', number_value: null, text_value: null }])
    await answer('area_statements', undefined)
    await answer('congress_date', undefined)
    expect(await stored('area_statements')).toEqual([])
    expect(await loadAnswers(t.db, draft.id, version.definition)).toEqual({})
  })

  it('submits them and exports a column per statement and the date as YYYY-MM-DD', async () => {
    const { consultation, version, draft, answer } = await startDraft()
    await answer('connection', 'over_10')
    await answer('priorities', ['safe_homes'])
    await answer('safe_day', 'agree')
    await answer('area_statements', { get_on_well: 'neither', influence_decisions: 'disagree' })
    await answer('congress_date', '2024-02-29')
    const result = await t.db.transaction().execute((trx) => submitResponse(trx, { responseId: draft.id, definition: version.definition }))
    expect(result.status).toBe('submitted')
    expect(await loadAnswers(t.db, draft.id, version.definition)).toMatchObject({
      area_statements: { get_on_well: 'neither', influence_decisions: 'disagree' },
      congress_date: '2024-02-29',
    })

    const location = locationOf(t)
    const chunks: Uint8Array[] = []
    for await (const chunk of streamResponsesCsv({ location, consultationId: consultation.id, definition: version.definition })) chunks.push(chunk)
    const csv = Buffer.concat(chunks).toString('utf8')
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n').map((line) => line.split(','))
    const columns = answerColumns(version.definition)
    expect(columns).toContain('area_statements.get_on_well')
    expect(columns).not.toContain('area_statements')
    expect(header).toEqual(['reference', 'channel', 'language', 'ward_code', 'submitted_at', ...columns])
    const cell = (column: string) => row![header!.indexOf(column)]
    expect(cell('area_statements.get_on_well')).toBe('neither')
    expect(cell('area_statements.influence_decisions')).toBe('disagree')
    expect(cell('area_statements.safe_public_spaces')).toBe('')
    expect(cell('congress_date')).toBe('2024-02-29')
    expect(cell('safe_day')).toBe('agree')
  })

  it('the demo seed answers the grid and the date', async () => {
    const seeded = await createTestDb({ engine, demoResponses: 80 })
    try {
      const rows = await seeded.db.selectFrom('answer').select(['question_key', 'item_code', 'position', 'text_value']).where('question_key', 'in', ['area_statements', 'congress_date']).execute()
      const grid = rows.filter((r) => r.question_key === 'area_statements')
      expect(new Set(grid.map((r) => r.item_code))).toEqual(new Set(['get_on_well', 'influence_decisions', 'safe_public_spaces']))
      const dates = rows.filter((r) => r.question_key === 'congress_date')
      expect(dates.length).toBeGreaterThan(0)
      expect(dates.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.text_value ?? '') && r.text_value! >= '2023-11-14')).toBe(true)
    } finally {
      await seeded.cleanup()
    }
  })
})
