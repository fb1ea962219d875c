import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findConsultationBySlug } from '~/features/consultations/consultations.server.ts'
import { surveyStatus } from '~/features/surveys/survey-versions.server.ts'
import { TRANSLATIONS_SHEET, writeTranslationWorkbook } from '~/features/surveys/translation-workbook.server.ts'
import { importTranslationWorkbook, saveTranslations } from '~/features/surveys/translations.server.ts'
import { listTranslatableTexts, translationProgress } from '~/features/surveys/translations.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

const editor = { blankClears: true, source: 'editor' as const }

async function exportWorkbook(t: TestDb, consultationId: string, locale: string) {
  const { current } = await surveyStatus(t.db, consultationId)
  const texts = listTranslatableTexts(current!.parsed, locale)
  const bytes = await writeTranslationWorkbook({ texts, locale, where: (text) => `Question ${text.questionNumber}`, readme: [{ lang: 'en', dir: 'ltr', lines: ['Read me'] }] })
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  return { workbook, sheet: workbook.getWorksheet(TRANSLATIONS_SHEET)!, texts }
}

const bytesOf = async (workbook: ExcelJS.Workbook) => new Uint8Array(await workbook.xlsx.writeBuffer())

async function surveyAudit(t: TestDb, consultationId: string) {
  const rows = await t.db
    .selectFrom('audit_log')
    .select(['action', 'actor', 'detail'])
    .where('entity_id', '=', consultationId)
    .where('action', 'in', ['survey.updated', 'survey.version_created'])
    .orderBy('at')
    .execute()
  return rows.map((row) => ({ ...row, detail: JSON.parse(row.detail) }))
}

describe.each(ENGINES)('translating a survey on %s', (engine: Engine) => {
  let t: TestDb
  let consultationId: string
  beforeEach(async () => {
    t = await createTestDb({ engine })
    consultationId = (await findConsultationBySlug(t.db, DEMO_SLUG))!.id
  })
  afterEach(async () => {
    await t.cleanup()
  })

  it('saves translations from the editor, audited with before and after', async () => {
    const before = await surveyStatus(t.db, consultationId)
    const result = await saveTranslations(
      t.db,
      consultationId,
      'ur',
      before.base,
      { 'connection.title': 'آپ کتنے عرصے سے ٹاور ہیملٹس میں رہ رہے ہیں؟', 'connection.options.under_1': 'ایک سال سے کم' },
      'officer-a',
      editor,
      1_700_000_000_000,
    )
    expect(result.status).toBe('saved')
    if (result.status !== 'saved') return
    expect(result).toMatchObject({ versionNumber: 1, newVersion: false })
    expect(result.report.added.map((a) => a.id)).toEqual(['connection.title', 'connection.options.under_1'])

    const after = await surveyStatus(t.db, consultationId)
    expect(after.base).not.toBe(before.base)
    expect(after.current!.parsed.locales).toEqual(['en', 'bn', 'ur'])
    expect(after.current!.parsed.questions[0]!.title.ur).toBe('آپ کتنے عرصے سے ٹاور ہیملٹس میں رہ رہے ہیں؟')
    expect(translationProgress(after.current!.parsed, 'ur').translated).toBe(2)

    const audit = await surveyAudit(t, consultationId)
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'survey.updated', actor: 'officer-a' })
    expect(audit[0]!.detail.change).toBe('translations (ur) edited: 2 added, 0 changed, 0 cleared, 0 unchanged')
    expect(audit[0]!.detail.before.questions[0].title.ur).toBeUndefined()
    expect(audit[0]!.detail.after.questions[0].title.ur).toBe('آپ کتنے عرصے سے ٹاور ہیملٹس میں رہ رہے ہیں؟')
  })

  it('clears a translation from the editor, and saves nothing (no new revision) when nothing changed', async () => {
    const status = await surveyStatus(t.db, consultationId)
    const same = await saveTranslations(t.db, consultationId, 'bn', status.base, { 'connection.title': status.current!.parsed.questions[0]!.title.bn! }, 'officer-a', editor)
    expect(same.status).toBe('unchanged')
    expect((await surveyStatus(t.db, consultationId)).base).toBe(status.base)
    expect(await surveyAudit(t, consultationId)).toHaveLength(0)

    const cleared = await saveTranslations(t.db, consultationId, 'bn', status.base, { 'connection.title': '' }, 'officer-a', editor)
    expect(cleared.status === 'saved' && cleared.report.cleared.map((c) => c.id)).toEqual(['connection.title'])
    const after = await surveyStatus(t.db, consultationId)
    expect(after.current!.parsed.questions[0]!.title.bn).toBeUndefined()
  })

  it('refuses a save from a page loaded before someone else saved, and overwrites nothing', async () => {
    const loaded = await surveyStatus(t.db, consultationId)
    // Officer B saves first, from the same page state.
    const first = await saveTranslations(t.db, consultationId, 'bn', loaded.base, { 'connection.title': 'বি-এর অনুবাদ' }, 'officer-b', editor, 1_700_000_000_000)
    expect(first.status).toBe('saved')
    // Officer A's save is refused, saying who and when.
    const second = await saveTranslations(t.db, consultationId, 'bn', loaded.base, { 'connection.title': 'এ-এর অনুবাদ', 'ward.title': 'এ-এর ওয়ার্ড' }, 'officer-a', editor, 1_700_000_100_000)
    expect(second).toEqual({ status: 'conflict', by: 'officer-b', at: 1_700_000_000_000 })
    const now = await surveyStatus(t.db, consultationId)
    expect(now.current!.parsed.questions[0]!.title.bn).toBe('বি-এর অনুবাদ')
    expect(now.current!.parsed.questions[1]!.title.bn).toBe(loaded.current!.parsed.questions[1]!.title.bn)
    expect((await surveyAudit(t, consultationId)).map((a) => a.actor)).toEqual(['officer-b'])
  })

  it('refuses unknown ids and texts too long from the editor, saving nothing', async () => {
    const status = await surveyStatus(t.db, consultationId)
    const result = await saveTranslations(
      t.db,
      consultationId,
      'bn',
      status.base,
      { 'connection.title': 'নতুন', 'connection.options.forever': 'চিরকাল', 'ward.title': 'ক'.repeat(2001) },
      'officer-a',
      editor,
    )
    expect(result.status).toBe('refused')
    if (result.status === 'refused') {
      expect(result.report.unknown).toEqual(['connection.options.forever'])
      expect(result.report.tooLong).toEqual(['ward.title'])
    }
    expect((await surveyStatus(t.db, consultationId)).base).toBe(status.base)
    expect(await surveyAudit(t, consultationId)).toHaveLength(0)
  })

  it('imports a translator\'s workbook, warning about English changed since the export, and makes a new version once residents have answered', async () => {
    await t.cleanup()
    t = await createTestDb({ engine, demoResponses: 3 })
    consultationId = (await findConsultationBySlug(t.db, DEMO_SLUG))!.id
    const { workbook, sheet, texts } = await exportWorkbook(t, consultationId, 'ur')
    sheet.getRow(2).getCell(4).value = 'آپ کتنے عرصے سے ٹاور ہیملٹس میں رہ رہے ہیں؟'
    sheet.getRow(3).getCell(4).value = 'ایک سال سے کم'
    // The English of row 3 as the translator saw it, before an officer reworded it.
    sheet.getRow(3).getCell(3).value = 'Under a year'
    const status = await surveyStatus(t.db, consultationId)
    expect(status.submitted).toBe(3)
    const result = await importTranslationWorkbook(t.db, consultationId, 'ur', status.base, await bytesOf(workbook), 'officer-a')
    expect(result.status).toBe('saved')
    if (result.status !== 'saved') return
    expect(result).toMatchObject({ versionNumber: 2, newVersion: true })
    expect(result.report.added.map((a) => a.id)).toEqual([texts[0]!.id, texts[1]!.id])
    expect(result.report.unchanged).toBe(texts.length - 2)
    expect(result.report.englishChanged).toEqual([{ id: texts[1]!.id, exported: 'Under a year', current: texts[1]!.english }])
    const after = await surveyStatus(t.db, consultationId)
    expect(after.versions).toBe(2)
    expect(after.current!.parsed.questions[0]!.title.ur).toBe('آپ کتنے عرصے سے ٹاور ہیملٹس میں رہ رہے ہیں؟')
    const audit = await surveyAudit(t, consultationId)
    expect(audit.map((a) => [a.action, a.detail.change])).toEqual([['survey.version_created', `translations (ur) imported from XLSX: 2 added, 0 changed, 0 cleared, ${texts.length - 2} unchanged`]])
  })

  it('saves nothing from a bad workbook: unknown ids, another language, not a workbook at all', async () => {
    const status = await surveyStatus(t.db, consultationId)
    const { workbook, sheet } = await exportWorkbook(t, consultationId, 'bn')
    sheet.getRow(2).getCell(4).value = 'একটি বৈধ পরিবর্তন'
    sheet.addRow(['connection.options.forever', 'Question 1', 'Forever', 'চিরকাল'])
    const unknown = await importTranslationWorkbook(t.db, consultationId, 'bn', status.base, await bytesOf(workbook), 'officer-a')
    expect(unknown).toEqual({ status: 'file_errors', errors: [{ key: 'unknown_id', values: { row: sheet.rowCount, id: 'connection.options.forever' } }] })

    const somali = await exportWorkbook(t, consultationId, 'so')
    somali.sheet.getRow(2).getCell(4).value = 'Muddo intee le’eg ayaad ku nooshahay?'
    const otherLanguage = await importTranslationWorkbook(t.db, consultationId, 'bn', status.base, await bytesOf(somali.workbook), 'officer-a')
    expect(otherLanguage).toEqual({ status: 'file_errors', errors: [{ key: 'other_language', values: { found: 'so', expected: 'bn' } }] })

    const csv = new TextEncoder().encode('Text id,Where,English,Bengali (bn)\nconnection.title,,,নতুন\n')
    expect(await importTranslationWorkbook(t.db, consultationId, 'bn', status.base, csv, 'officer-a')).toEqual({ status: 'file_errors', errors: [{ key: 'not_xlsx' }] })

    const after = await surveyStatus(t.db, consultationId)
    expect(after.base).toBe(status.base)
    expect(after.current!.definition).toBe(status.current!.definition)
    expect(await surveyAudit(t, consultationId)).toHaveLength(0)
  })

  it('refuses a good workbook uploaded from a page loaded before someone else saved', async () => {
    const loaded = await surveyStatus(t.db, consultationId)
    const { workbook, sheet } = await exportWorkbook(t, consultationId, 'bn')
    sheet.getRow(2).getCell(4).value = 'অনুবাদকের লেখা'
    await saveTranslations(t.db, consultationId, 'bn', loaded.base, { 'ward.title': 'অন্য অফিসারের লেখা' }, 'officer-b', editor, 1_700_000_000_000)
    const result = await importTranslationWorkbook(t.db, consultationId, 'bn', loaded.base, await bytesOf(workbook), 'officer-a')
    expect(result).toEqual({ status: 'conflict', by: 'officer-b', at: 1_700_000_000_000 })
    const now = await surveyStatus(t.db, consultationId)
    expect(now.current!.parsed.questions[0]!.title.bn).toBe(loaded.current!.parsed.questions[0]!.title.bn)
  })
})
