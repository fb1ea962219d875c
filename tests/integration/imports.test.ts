import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createUser } from '~/features/auth/auth.server.ts'
import { findConsultationBySlug } from '~/features/consultations/consultations.server.ts'
import { MAX_IMPORT_BYTES, importColumns } from '~/features/imports/columns.ts'
import { type ImportSurvey, checkImportFile, currentImportSurvey, listBatches, rollbackBatch, storeImport } from '~/features/imports/imports.server.ts'
import { csvLine } from '~/features/imports/template.server.ts'
import { loadAnswers } from '~/features/responses/responses.server.ts'
import { CLOSED_DEMO_SLUG, DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

// Imports on a real database, SQLite and PostgreSQL: a valid file stored in
// one transaction as one batch; a file with one bad row stores nothing; an id
// imported once is refused the second time; an admin's rollback deletes the
// batch's responses and answers; and the bad files an officer may upload.

const BENGALI = 'আমাদের এলাকায় আরও সবুজ জায়গা, "পার্ক" এবং\nভালো বাস চাই।'

describe.each(ENGINES)('imports on %s', (engine: Engine) => {
  let t: TestDb
  let consultationId: string
  let survey: ImportSurvey
  let officer: { id: string }
  let admin: { id: string }
  let wardCode: string
  let headers: string[]

  beforeEach(async () => {
    t = await createTestDb({ engine })
    consultationId = (await findConsultationBySlug(t.db, DEMO_SLUG))!.id
    survey = (await currentImportSurvey(t.db, consultationId))!
    headers = importColumns(survey.definition).map((c) => c.name)
    officer = await createUser(t.db, { email: 'partnerships@example.org', name: 'Rumana Officer', role: 'officer', password: 'lantern orchard velvet' })
    admin = await createUser(t.db, { email: 'admin@example.org', name: 'Ade Admin', role: 'admin', password: 'harbour willow copper' })
    wardCode = (await t.db.selectFrom('ward').select('code').orderBy('code').executeTakeFirstOrThrow()).code
  })
  afterEach(async () => {
    await t.cleanup()
  })

  /** A valid row of the demo survey; `overrides` set cells by column name. */
  const row = (externalId: string, overrides: Record<string, string> = {}): Record<string, string> => ({
    external_id: externalId,
    method: 'face_to_face',
    language: 'bn',
    submitted_at: '2025-03-01T14:30',
    connection: 'over_10',
    ward: wardCode,
    'priorities.1': 'safe_homes',
    'priorities.2': 'clean_green',
    safe_day: 'agree',
    'area_statements.get_on_well': 'neither',
    'area_statements.safe_public_spaces': 'disagree',
    congress_date: '2024-02-29',
    wellbeing: 'cost_of_living;loneliness',
    needed_help: 'yes',
    help_sources: 'food_bank;faith_group',
    children: '2',
    one_change: BENGALI,
    ...overrides,
  })
  const csv = (rows: Record<string, string>[], columns = headers) =>
    new TextEncoder().encode(`\uFEFF${[columns, ...rows.map((r) => columns.map((h) => r[h] ?? ''))].map(csvLine).join('\r\n')}\r\n`)

  const check = (bytes: Uint8Array, fileName = 'partner.csv') => checkImportFile(t.db, { consultationId, survey, bytes, fileName })
  async function importFile(bytes: Uint8Array, fileName = 'partner.csv', userId = officer.id) {
    const checked = await check(bytes, fileName)
    if (!checked.ok) return checked
    return storeImport(t.db, { consultationId, survey, fileName, format: checked.format, rows: checked.rows, userId })
  }
  const imported = () => t.db.selectFrom('response').selectAll().where('consultation_id', '=', consultationId).where('batch_id', 'is not', null).orderBy('external_id').execute()
  const countRows = async (table: 'response' | 'answer' | 'import_batch') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  it('imports a valid file as one batch: submitted responses with their answers, Bengali intact', async () => {
    const result = await importFile(
      csv([
        row('P-001'),
        row('P-002', { method: '', language: '', submitted_at: '', needed_help: 'no', help_sources: '', connection: 'not_resident', ward: '' }),
        row('P-003', { method: 'phone', language: 'so', submitted_at: '2025-01-10', 'priorities.2': '', wellbeing: 'none', children: '০' }),
      ]),
    )
    expect(result).toMatchObject({ status: 'imported', count: 3 })
    if (!('status' in result) || result.status !== 'imported') return
    const responses = await imported()
    expect(responses.map((r) => [r.external_id, r.channel, r.locale, r.status, r.entered_by, r.batch_id, r.survey_version_id, r.ward_code])).toEqual([
      ['P-001', 'face_to_face', 'bn', 'submitted', officer.id, result.batchId, survey.id, wardCode],
      ['P-002', 'paper', 'en', 'submitted', officer.id, result.batchId, survey.id, null],
      ['P-003', 'phone', 'so', 'submitted', officer.id, result.batchId, survey.id, wardCode],
    ])
    // 14:30 London time on 1 March is 14:30 UTC; a date alone is midnight in London.
    expect(Number(responses[0]!.submitted_at)).toBe(Date.UTC(2025, 2, 1, 14, 30))
    expect(Number(responses[2]!.submitted_at)).toBe(Date.UTC(2025, 0, 10))
    expect(Number(responses[1]!.submitted_at)).toBeGreaterThan(Date.now() - 60_000)

    expect(await loadAnswers(t.db, responses[0]!.id, survey.definition)).toEqual({
      connection: 'over_10',
      ward: wardCode,
      priorities: ['safe_homes', 'clean_green'],
      safe_day: 'agree',
      area_statements: { get_on_well: 'neither', safe_public_spaces: 'disagree' },
      congress_date: '2024-02-29',
      wellbeing: ['cost_of_living', 'loneliness'],
      needed_help: 'yes',
      help_sources: ['food_bank', 'faith_group'],
      children: 2,
      one_change: BENGALI,
    })
    expect(await loadAnswers(t.db, responses[2]!.id, survey.definition)).toMatchObject({ priorities: ['safe_homes'], wellbeing: ['none'], children: 0 })
    // Byte for byte: the Bengali text as stored.
    const text = await t.db.selectFrom('answer').select('text_value').where('response_id', '=', responses[0]!.id).where('question_key', '=', 'one_change').executeTakeFirstOrThrow()
    expect(Buffer.from(text.text_value!, 'utf8').equals(Buffer.from(BENGALI, 'utf8'))).toBe(true)

    const [batch] = await listBatches(t.db, consultationId)
    expect(batch).toMatchObject({ id: result.batchId, fileName: 'partner.csv', rowCount: 3, versionNumber: survey.versionNumber, createdBy: 'Rumana Officer', rolledBackAt: null })
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'detail']).where('action', '=', 'import.created').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]!.actor).toBe(officer.id)
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ consultationId, fileName: 'partner.csv', format: 'csv', rows: 3 })
  })

  it('imports an XLSX file the same way', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Responses')
    sheet.addRow(headers)
    sheet.addRow(headers.map((h) => (h === 'congress_date' ? new Date(Date.UTC(2024, 1, 29)) : h === 'children' ? 4 : (row('X-1')[h] ?? ''))))
    const result = await importFile(new Uint8Array(await workbook.xlsx.writeBuffer()), 'partner.xlsx')
    expect(result).toMatchObject({ status: 'imported', count: 1 })
    const [response] = await imported()
    expect(await loadAnswers(t.db, response!.id, survey.definition)).toMatchObject({ congress_date: '2024-02-29', children: 4, one_change: BENGALI })
  })

  it('stores nothing when one row of the file is wrong', async () => {
    const before = await Promise.all([countRows('response'), countRows('answer'), countRows('import_batch')])
    const result = await importFile(csv([row('P-001'), row('P-002'), row('P-003', { safe_day: 'sort_of' }), row('P-004')]))
    expect(result).toEqual({
      ok: false,
      problemCount: 1,
      problems: [{ row: 4, column: 'safe_day', key: 'problems.invalid_option', values: { value: 'sort_of', allowed: 'strongly_agree, agree, neither, disagree, strongly_disagree, dont_know' } }],
    })
    expect(await Promise.all([countRows('response'), countRows('answer'), countRows('import_batch')])).toEqual(before)
  })

  it('writes a batch in one transaction: a failure part way through leaves nothing behind', async () => {
    const before = await Promise.all([countRows('response'), countRows('answer'), countRows('import_batch')])
    const checked = await check(csv(Array.from({ length: 700 }, (_, i) => row(`R-${i}`))))
    expect(checked.ok).toBe(true)
    if (!checked.ok) return
    // Two rows with one id, past the first insert of 500 responses: the unique index refuses the second.
    const rows = [...checked.rows, { ...checked.rows[0]! }]
    const result = await storeImport(t.db, { consultationId, survey, fileName: 'partner.csv', format: 'csv', rows, userId: officer.id })
    expect(result).toEqual({ status: 'duplicate' })
    expect(await Promise.all([countRows('response'), countRows('answer'), countRows('import_batch')])).toEqual(before)
  })

  it('refuses an external id imported before, and stores nothing of the second file', async () => {
    expect(await importFile(csv([row('P-001'), row('P-002')]), 'first.csv')).toMatchObject({ status: 'imported', count: 2 })
    const second = await importFile(csv([row('P-003'), row('P-002')]), 'second.csv')
    expect(second).toEqual({ ok: false, problemCount: 1, problems: [{ row: 3, column: 'external_id', key: 'problems.external_id_imported', values: { id: 'P-002' } }] })
    expect((await imported()).map((r) => r.external_id)).toEqual(['P-001', 'P-002'])
    // The same id may be used for another consultation.
    const other = (await findConsultationBySlug(t.db, CLOSED_DEMO_SLUG))!
    const otherSurvey = await currentImportSurvey(t.db, other.id)
    if (otherSurvey) {
      const otherHeaders = importColumns(otherSurvey.definition).map((c) => c.name)
      const checked = await checkImportFile(t.db, { consultationId: other.id, survey: otherSurvey, bytes: csv([{ external_id: 'P-002' }], otherHeaders), fileName: 'other.csv' })
      expect(checked.ok || checked.problems.every((p) => p.column !== 'external_id')).toBe(true)
    }
  })

  it('refuses the second of two imports of the same rows racing', async () => {
    const checked = await check(csv([row('P-001'), row('P-002')]))
    if (!checked.ok) throw new Error('expected a valid file')
    const store = () => storeImport(t.db, { consultationId, survey, fileName: 'partner.csv', format: 'csv', rows: checked.rows, userId: officer.id })
    const results = await Promise.all([store(), store()])
    expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'imported'])
    expect(await imported()).toHaveLength(2)
    expect(await countRows('import_batch')).toBe(1)
  })

  it('rolls a batch back: its responses and answers deleted, the batch kept and marked, audited', async () => {
    const first = await importFile(csv([row('P-001'), row('P-002')]), 'first.csv')
    const second = await importFile(csv([row('Q-001')]), 'second.csv')
    if (!('status' in first) || first.status !== 'imported' || !('status' in second) || second.status !== 'imported') throw new Error('expected imports')
    const answersBefore = await countRows('answer')
    const firstIds = (await imported()).filter((r) => r.batch_id === first.batchId).map((r) => r.id)

    expect(await rollbackBatch(t.db, { consultationId, batchId: first.batchId, userId: admin.id })).toEqual({ status: 'rolled_back', deleted: 2, fileName: 'first.csv' })
    expect((await imported()).map((r) => r.external_id)).toEqual(['Q-001'])
    expect(await t.db.selectFrom('answer').select('response_id').where('response_id', 'in', firstIds).execute()).toEqual([])
    expect(await countRows('answer')).toBeLessThan(answersBefore)
    const batches = await listBatches(t.db, consultationId)
    expect(batches.find((b) => b.id === first.batchId)).toMatchObject({ rolledBackBy: 'Ade Admin', rowCount: 2 })
    expect(batches.find((b) => b.id === first.batchId)!.rolledBackAt).toBeGreaterThan(0)
    expect(batches.find((b) => b.id === second.batchId)).toMatchObject({ rolledBackAt: null })
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'entity_id', 'detail']).where('action', '=', 'import.rolled_back').execute()
    expect(audit.map((a) => [a.actor, a.entity_id, JSON.parse(a.detail).deleted])).toEqual([[admin.id, first.batchId, 2]])

    // Twice is once; another consultation's batch, or none, is not found.
    expect(await rollbackBatch(t.db, { consultationId, batchId: first.batchId, userId: admin.id })).toEqual({ status: 'already_rolled_back' })
    expect(await rollbackBatch(t.db, { consultationId, batchId: 'no-such-batch', userId: admin.id })).toEqual({ status: 'not_found' })
    const other = (await findConsultationBySlug(t.db, CLOSED_DEMO_SLUG))!
    expect(await rollbackBatch(t.db, { consultationId: other.id, batchId: second.batchId, userId: admin.id })).toEqual({ status: 'not_found' })

    // The corrected file can be imported again.
    expect(await importFile(csv([row('P-001'), row('P-002')]), 'first-again.csv')).toMatchObject({ status: 'imported', count: 2 })
  })

  describe('bad files store nothing', () => {
    const cases: [string, () => Uint8Array, string, Record<string, unknown>?][] = [
      ['a wrong header', () => csv([{ ...row('P-001'), childs: '2' }], headers.map((h) => (h === 'children' ? 'childs' : h))), 'problems.header_unknown'],
      ['an unknown option code', () => csv([row('P-001', { connection: 'ages' })]), 'problems.invalid_option', { row: 2, column: 'connection' }],
      ['a number out of range', () => csv([row('P-001', { children: '21' })]), 'problems.number_range', { row: 2, column: 'children', values: { value: '21', min: 0, max: 20 } }],
      ['a date in the wrong format', () => csv([row('P-001', { congress_date: '29/02/2024' })]), 'problems.date_format', { row: 2, column: 'congress_date' }],
      ['an id twice in the file', () => csv([row('P-001'), row('P-001')]), 'problems.external_id_duplicate', { row: 3, column: 'external_id', values: { id: 'P-001', first: 2 } }],
      ['an empty file', () => new Uint8Array(), 'file.empty'],
      ['a file that is neither CSV nor XLSX', () => Uint8Array.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xe2, 0xe3, 0xcf, 0xd3]), 'file.not_csv_or_xlsx'],
      ['a file too large', () => new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x2c), 'file.too_large', { values: { max: 20 } }],
    ]
    it.each(cases)('%s', async (_name, bytes, key, match = {}) => {
      const before = await Promise.all([countRows('response'), countRows('answer'), countRows('import_batch')])
      const result = await importFile(bytes())
      expect(result).toMatchObject({ ok: false })
      if (!('ok' in result) || result.ok) return
      expect(result.problems[0]).toMatchObject({ key, ...match })
      expect(await Promise.all([countRows('response'), countRows('answer'), countRows('import_batch')])).toEqual(before)
    })
  })
})
