import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { demoSurvey } from '../../db/seed/demo-survey.ts'
import {
  HEADERS,
  MAX_WORKBOOK_BYTES,
  README_SHEET,
  TRANSLATIONS_SHEET,
  languageHeader,
  looksLikeSafeZip,
  readTranslationWorkbook,
  writeTranslationWorkbook,
} from '~/features/surveys/translation-workbook.server.ts'
import { MAX_TEXT_LENGTH, applyTranslations, listTranslatableTexts, type TranslatableText } from '~/features/surveys/translations.ts'

const where = (text: TranslatableText) => `Question ${text.questionNumber}: ${text.kind}${text.position ? ` ${text.position}` : ''}`
const readme = [
  { lang: 'en', dir: 'ltr' as const, lines: ['How to translate this survey', 'Write each translation in the yellow column.'] },
  { lang: 'ur', dir: 'rtl' as const, lines: ['اس سروے کا ترجمہ کیسے کریں'] },
]

async function exportFor(locale: string, definition = demoSurvey) {
  const texts = listTranslatableTexts(definition, locale)
  return { texts, bytes: new Uint8Array(await writeTranslationWorkbook({ texts, locale, where, readme })) }
}

async function open(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  return workbook
}

async function save(workbook: ExcelJS.Workbook) {
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** A workbook built by hand: rows of cells on a sheet. */
async function handMade(rows: ExcelJS.CellValue[][], sheetName = TRANSLATIONS_SHEET) {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet(sheetName)
  for (const row of rows) sheet.addRow(row)
  return save(workbook)
}

const bnHeaders = [...HEADERS, languageHeader('bn')]
const known = new Set(listTranslatableTexts(demoSurvey, 'bn').map((t) => t.id))

describe('the translator\'s workbook', () => {
  it('round trips: the Bengali written out is what is read back, id by id', async () => {
    const { texts, bytes } = await exportFor('bn')
    const read = await readTranslationWorkbook(bytes, 'bn', known)
    expect(read.ok).toBe(true)
    if (!read.ok) return
    expect([...read.translations.keys()]).toEqual(texts.map((t) => t.id))
    for (const text of texts) {
      expect(read.translations.get(text.id)).toBe(text.translation)
      expect(read.english.get(text.id)).toBe(text.english)
    }
    expect(read.translations.get('connection.title')).toBe('আপনি কতদিন ধরে টাওয়ার হ্যামলেটসে বসবাস করছেন?')
    expect(read.rows.get('connection.title')).toBe(2)
    // Applying an untouched export changes nothing.
    const applied = applyTranslations(demoSurvey, 'bn', read.translations, { english: read.english })
    expect(applied.report.added.length + applied.report.changed.length + applied.report.englishChanged.length).toBe(0)
  })

  it('is laid out for a translator: bold frozen header, wide wrapped columns, locked source columns, a Read me sheet', async () => {
    const { texts, bytes } = await exportFor('ur')
    const workbook = await open(bytes)
    expect(workbook.worksheets.map((s) => s.name)).toEqual([TRANSLATIONS_SHEET, README_SHEET])
    const sheet = workbook.getWorksheet(TRANSLATIONS_SHEET)!
    expect(sheet.getRow(1).values).toEqual([undefined, 'Text id', 'Where', 'English', 'Urdu (ur)'])
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true)
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    for (const column of [1, 2, 3, 4]) expect(sheet.getColumn(column).width).toBeGreaterThanOrEqual(25)
    expect(sheet.rowCount).toBe(texts.length + 1)
    const row = sheet.getRow(2)
    expect(row.getCell(1).value).toBe(texts[0]!.id)
    expect(row.getCell(2).value).toBe('Question 1: title')
    expect(row.getCell(3).alignment?.wrapText).toBe(true)
    expect(row.getCell(4).alignment).toMatchObject({ wrapText: true, readingOrder: 'rtl' })
    // The sheet is protected; only the translation cells may be typed in.
    expect((sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true)
    expect(row.getCell(4).protection?.locked).toBe(false)
    expect(row.getCell(3).protection?.locked).not.toBe(false)
    expect(String(sheet.getRow(1).getCell(1).note ?? JSON.stringify(sheet.getRow(1).getCell(1).note))).toContain('Do not change')
    const about = workbook.getWorksheet(README_SHEET)!
    expect(about.getRow(1).getCell(1).value).toBe('How to translate this survey')
    expect(about.getRow(4).getCell(1).value).toBe('اس سروے کا ترجمہ کیسے کریں')
  })

  it('reads a translator\'s edits, including rich text, a formula\'s result, a number and Windows line endings', async () => {
    const { bytes } = await exportFor('ur')
    const workbook = await open(bytes)
    const sheet = workbook.getWorksheet(TRANSLATIONS_SHEET)!
    sheet.getRow(2).getCell(4).value = { richText: [{ text: 'آپ کتنے عرصے سے ' }, { font: { bold: true }, text: 'ٹاور ہیملٹس میں رہ رہے ہیں؟' }] }
    sheet.getRow(3).getCell(4).value = { formula: '"ایک سال سے کم"', result: 'ایک سال سے کم' }
    sheet.getRow(4).getCell(4).value = 15
    sheet.getRow(5).getCell(4).value = 'پہلی لائن\r\nدوسری لائن '
    const read = await readTranslationWorkbook(await save(workbook), 'ur', known)
    expect(read.ok).toBe(true)
    if (!read.ok) return
    const ids = [...read.translations.keys()]
    expect(read.translations.get(ids[0]!)).toBe('آپ کتنے عرصے سے ٹاور ہیملٹس میں رہ رہے ہیں؟')
    expect(read.translations.get(ids[1]!)).toBe('ایک سال سے کم')
    expect(read.translations.get(ids[2]!)).toBe('15')
    expect(read.translations.get(ids[3]!)).toBe('پہلی لائن\nدوسری لائن')
    expect(read.translations.get(ids[4]!)).toBe('')
  })

  it('knows a realistic survey fits well under the upload limit', async () => {
    // 80 questions, each with a title, a hint and 5 answers, every text 150 Bengali characters.
    const long = 'আপনার এলাকার পরিষেবা সম্পর্কে আপনার মতামত জানতে চাই। '.repeat(3).slice(0, 150)
    const big = structuredClone(demoSurvey)
    big.questions = Array.from({ length: 80 }, (_, i) => ({
      key: `q${i + 1}`,
      type: 'single' as const,
      required: false,
      ctas: ['CTA1'],
      title: { en: `Question ${i + 1} `.padEnd(150, 'x'), bn: long },
      hint: { en: 'Hint '.padEnd(150, 'y'), bn: long },
      options: Array.from({ length: 5 }, (_, j) => ({ code: `o${j}`, label: { en: `Answer ${j} `.padEnd(150, 'z'), bn: long } })),
    }))
    const { texts, bytes } = await exportFor('bn', big)
    expect(texts.length).toBe(560)
    expect(bytes.length).toBeLessThan(MAX_WORKBOOK_BYTES / 2)
    const read = await readTranslationWorkbook(bytes, 'bn')
    expect(read.ok && read.translations.size).toBe(560)
  })
})

describe('a workbook that cannot be trusted is refused whole', () => {
  const errorsOf = async (bytes: Uint8Array, locale = 'bn') => {
    const read = await readTranslationWorkbook(bytes, locale, known)
    expect(read.ok).toBe(false)
    return read.ok ? [] : read.errors
  }

  it('an empty file', async () => {
    expect(await errorsOf(new Uint8Array())).toEqual([{ key: 'empty' }])
  })

  it('a CSV renamed .xlsx, random bytes, a file that only starts like a ZIP', async () => {
    const csv = new TextEncoder().encode('Text id,Where,English,Bengali (bn)\nconnection.title,Q1,How long?,কতদিন\n')
    expect(await errorsOf(csv)).toEqual([{ key: 'not_xlsx' }])
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256)
    expect(await errorsOf(random)).toEqual([{ key: 'not_xlsx' }])
    const fakeZip = new Uint8Array(2048)
    fakeZip.set([0x50, 0x4b, 0x03, 0x04])
    expect(await errorsOf(fakeZip)).toEqual([{ key: 'not_xlsx' }])
  })

  it('a ZIP whose directory promises far more than a workbook holds (a "zip bomb")', async () => {
    const { bytes } = await exportFor('bn')
    expect(looksLikeSafeZip(bytes)).toBe(true)
    const bomb = bytes.slice()
    const view = new DataView(bomb.buffer)
    // The first central directory entry: set its uncompressed size to 4 GB.
    let entry = -1
    for (let i = 0; i < bomb.length - 4; i++) if (view.getUint32(i, true) === 0x02014b50) { entry = i; break }
    view.setUint32(entry + 24, 0xffffffff, true)
    expect(looksLikeSafeZip(bomb)).toBe(false)
    expect(await errorsOf(bomb)).toEqual([{ key: 'not_xlsx' }])
  })

  it('a file over the size limit', async () => {
    const big = new Uint8Array(MAX_WORKBOOK_BYTES + 1)
    big.set([0x50, 0x4b, 0x03, 0x04])
    expect(await errorsOf(big)).toEqual([{ key: 'too_large', values: { max: 256 } }])
  })

  it('the wrong sheet, naming the sheet and the headers expected', async () => {
    const errors = await errorsOf(await handMade([bnHeaders, ['connection.title', '', '', 'x']], 'Sheet1'))
    expect(errors).toEqual([{ key: 'no_sheet', values: { sheet: 'Translations', headers: '“Text id”, “Where”, “English”, “Bengali (bn)”' } }])
  })

  it('wrong headers', async () => {
    const errors = await errorsOf(await handMade([['id', 'English', 'Bengali'], ['connection.title', 'How long?', 'x']]))
    expect(errors).toEqual([{ key: 'headers', values: { sheet: 'Translations', headers: '“Text id”, “Where”, “English”, “Bengali (bn)”' } }])
  })

  it('a workbook for another language', async () => {
    const { bytes } = await exportFor('so')
    expect(await errorsOf(bytes, 'bn')).toEqual([{ key: 'other_language', values: { found: 'so', expected: 'bn' } }])
    const byName = await handMade([[...HEADERS, 'Urdu'], ['connection.title', '', '', 'x']])
    expect(await errorsOf(byName, 'bn')).toEqual([{ key: 'other_language', values: { found: 'ur', expected: 'bn' } }])
  })

  it('no texts at all', async () => {
    expect(await errorsOf(await handMade([bnHeaders]))).toEqual([{ key: 'no_rows', values: { sheet: 'Translations' } }])
    expect(await errorsOf(await handMade([bnHeaders, [], ['', '', '', '']]))).toEqual([{ key: 'no_rows', values: { sheet: 'Translations' } }])
  })

  it('unknown, missing and repeated ids and texts too long, each with its row', async () => {
    const errors = await errorsOf(
      await handMade([
        bnHeaders,
        ['connection.title', 'Q1', 'How long?', 'কতদিন'],
        ['connection.options.forever', 'Q1', 'Forever', 'চিরকাল'],
        ['', '', '', 'কোন সারির?'],
        ['connection.title', 'Q1', 'How long?', 'আবার'],
        ['ward.title', 'Q2', 'Ward', 'ক'.repeat(MAX_TEXT_LENGTH + 1)],
      ]),
    )
    expect(errors).toEqual([
      { key: 'unknown_id', values: { row: 3, id: 'connection.options.forever' } },
      { key: 'missing_id', values: { row: 4 } },
      { key: 'duplicate_id', values: { row: 5, id: 'connection.title', first: 2 } },
      { key: 'too_long', values: { row: 6, length: MAX_TEXT_LENGTH + 1, max: MAX_TEXT_LENGTH } },
    ])
  })
})
