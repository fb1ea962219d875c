import ExcelJS from 'exceljs'
import { LANGUAGES } from '../i18n/config.ts'
import { MAX_TEXT_LENGTH, normaliseText, type TranslatableText } from './translations.ts'
import { zipDirectory } from '~/utils/zip-directory.ts'

// The workbook a translator fills in (XLSX, through exceljs): one sheet of
// texts (Text id | Where | English | <language>) and a "Read me" sheet. The
// same module reads a filled workbook back, refusing anything it cannot trust
// (not a workbook, another language, unknown ids, texts too long) with errors
// the page shows: keys of the "translate" namespace under import.errors.

export const TRANSLATIONS_SHEET = 'Translations'
export const README_SHEET = 'Read me'
export const HEADERS = ['Text id', 'Where', 'English'] as const

/** Language names in the file's own (English) headers: the format, not the page's UI language. */
export const ENGLISH_LANGUAGE_NAMES: Record<string, string> = { en: 'English', bn: 'Bengali', so: 'Somali', ur: 'Urdu' }

/** The translation column's header, e.g. "Bengali (bn)". */
export function languageHeader(locale: string): string {
  return `${ENGLISH_LANGUAGE_NAMES[locale] ?? locale} (${locale})`
}

/** What an officer may upload: a translation workbook is a few tens of KB; the server refuses bodies over 256 KiB anyway. */
export const MAX_WORKBOOK_BYTES = 256 * 1024
/** What the workbook may unpack to (declared sizes in the ZIP directory), so a small "zip bomb" is refused before it is unpacked. */
const MAX_UNPACKED_BYTES = 20 * 1024 * 1024
const MAX_ZIP_ENTRIES = 500
/** Errors listed at most (with a count of the rest). */
export const MAX_LISTED_ERRORS = 50

export interface WorkbookInput {
  texts: TranslatableText[]
  locale: string
  /** "Question 3: answer 2": where a text is, in English */
  where: (text: TranslatableText) => string
  /** The Read me sheet: blocks of instructions, each in its own language */
  readme: { lang: string; dir: 'ltr' | 'rtl'; lines: string[] }[]
}

const GREY = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F2F1' } } as const
const YELLOW = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF7BF' } } as const

export async function writeTranslationWorkbook(input: WorkbookInput): Promise<Buffer> {
  const rtl = LANGUAGES.find((l) => l.code === input.locale)?.dir === 'rtl'
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Have Your Say'
  workbook.created = new Date()

  const sheet = workbook.addWorksheet(TRANSLATIONS_SHEET, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] })
  sheet.columns = [
    { header: HEADERS[0], key: 'id', width: 34 },
    { header: HEADERS[1], key: 'where', width: 26 },
    { header: HEADERS[2], key: 'english', width: 60 },
    { header: languageHeader(input.locale), key: 'translation', width: 60 },
  ]
  for (const text of input.texts) {
    sheet.addRow({ id: text.id, where: input.where(text), english: text.english, translation: text.translation })
  }
  sheet.eachRow((row, rowNumber) => {
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cell.alignment = { wrapText: true, vertical: 'top', ...(column === 4 && rtl ? { horizontal: 'right', readingOrder: 'rtl' } : {}) }
      if (rowNumber === 1) return
      if (column === 4) {
        cell.protection = { locked: false }
        cell.fill = YELLOW
      } else {
        cell.fill = GREY
      }
    })
  })
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.eachCell((cell, column) => {
    cell.fill = column === 4 ? YELLOW : GREY
    cell.note = column === 4 ? `Write the ${ENGLISH_LANGUAGE_NAMES[input.locale] ?? input.locale} translations in this column.` : 'Do not change this column.'
  })
  // Locked: the id, where and English columns (and the headers); the translation cells are not.
  await sheet.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, formatCells: false })

  const readme = workbook.addWorksheet(README_SHEET)
  readme.getColumn(1).width = 100
  input.readme.forEach((block, index) => {
    if (index > 0) readme.addRow([''])
    block.lines.forEach((line, i) => {
      const cell = readme.addRow([line]).getCell(1)
      cell.alignment = { wrapText: true, vertical: 'top', ...(block.dir === 'rtl' ? { horizontal: 'right', readingOrder: 'rtl' } : {}) }
      if (i === 0) cell.font = { bold: true, size: 14 }
    })
  })

  return Buffer.from(await workbook.xlsx.writeBuffer())
}

export interface WorkbookError {
  /** key under import.errors in the "translate" namespace */
  key: string
  values?: Record<string, string | number>
}

export type ReadWorkbookResult =
  | {
      ok: true
      /** id -> translation (trimmed; '' for an empty cell) */
      translations: Map<string, string>
      /** id -> the English column, to tell when the English has changed since the export */
      english: Map<string, string>
      /** id -> the row it came from */
      rows: Map<string, number>
    }
  | { ok: false; errors: WorkbookError[] }

/**
 * Reads a filled workbook for `locale`. Any error refuses the whole file.
 * `knownIds`, when given, are the ids of the survey's texts: any other id is an error.
 */
export async function readTranslationWorkbook(bytes: Uint8Array, locale: string, knownIds?: ReadonlySet<string>): Promise<ReadWorkbookResult> {
  const fail = (...errors: WorkbookError[]): ReadWorkbookResult => ({ ok: false, errors })
  if (bytes.length === 0) return fail({ key: 'empty' })
  if (bytes.length > MAX_WORKBOOK_BYTES) return fail({ key: 'too_large', values: { max: Math.round(MAX_WORKBOOK_BYTES / 1024) } })
  if (!looksLikeSafeZip(bytes)) return fail({ key: 'not_xlsx' })

  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer)
  } catch {
    return fail({ key: 'not_xlsx' })
  }
  const sheet = workbook.worksheets.find((s) => s.name.trim().toLowerCase() === TRANSLATIONS_SHEET.toLowerCase())
  const expected = [...HEADERS, languageHeader(locale)]
  const expectedText = expected.map((h) => `“${h}”`).join(', ')
  if (!sheet) return fail({ key: 'no_sheet', values: { sheet: TRANSLATIONS_SHEET, headers: expectedText } })

  const headers = [1, 2, 3, 4].map((column) => cellText(sheet.getRow(1).getCell(column).value))
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase()
  if (!HEADERS.every((h, i) => same(headers[i]!, h))) return fail({ key: 'headers', values: { sheet: TRANSLATIONS_SHEET, headers: expectedText } })
  if (!same(headers[3]!, languageHeader(locale))) {
    const other = languageOfHeader(headers[3]!)
    if (other && other !== locale) return fail({ key: 'other_language', values: { found: other, expected: locale } })
    return fail({ key: 'headers', values: { sheet: TRANSLATIONS_SHEET, headers: expectedText } })
  }

  const errors: WorkbookError[] = []
  const translations = new Map<string, string>()
  const english = new Map<string, string>()
  const rows = new Map<string, number>()
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber++) {
    const row = sheet.getRow(rowNumber)
    const id = cellText(row.getCell(1).value).trim()
    const source = cellText(row.getCell(3).value)
    const translation = normaliseText(cellText(row.getCell(4).value))
    if (!id) {
      if (translation) errors.push({ key: 'missing_id', values: { row: rowNumber } })
      continue
    }
    if (rows.has(id)) {
      errors.push({ key: 'duplicate_id', values: { row: rowNumber, id, first: rows.get(id)! } })
      continue
    }
    rows.set(id, rowNumber)
    if (knownIds && !knownIds.has(id)) errors.push({ key: 'unknown_id', values: { row: rowNumber, id } })
    if (translation.length > MAX_TEXT_LENGTH) errors.push({ key: 'too_long', values: { row: rowNumber, length: translation.length, max: MAX_TEXT_LENGTH } })
    translations.set(id, translation)
    english.set(id, source)
  }
  if (errors.length) return fail(...errors)
  if (!translations.size) return fail({ key: 'no_rows', values: { sheet: TRANSLATIONS_SHEET } })
  return { ok: true, translations, english, rows }
}

/** The language a translation column is for, from its header ("Somali (so)", "Somali" or "so"). */
function languageOfHeader(header: string): string | null {
  const text = header.trim().toLowerCase()
  for (const code of Object.keys(ENGLISH_LANGUAGE_NAMES)) {
    const name = ENGLISH_LANGUAGE_NAMES[code]!.toLowerCase()
    const native = LANGUAGES.find((l) => l.code === code)?.name.toLowerCase()
    if (text === code || text === name || text === native || text.startsWith(`${name} `) || text.endsWith(`(${code})`)) return code
  }
  return null
}

/** A cell's text, whatever Excel (or LibreOffice, or Google Sheets) stored: rich text, a formula's result, a number. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((run) => run.text ?? '').join('')
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null)
    if ('text' in value && typeof value.text === 'string') return value.text
  }
  return ''
}

/**
 * An XLSX file is a ZIP archive. Before unpacking it, check it is one and
 * that its directory does not promise more than a translation workbook could
 * hold. A file that is not a ZIP at all (a CSV renamed .xlsx) fails here.
 */
export function looksLikeSafeZip(bytes: Uint8Array): boolean {
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return false
  const entries = zipDirectory(bytes, MAX_ZIP_ENTRIES)
  if (!entries) return false
  let unpacked = 0
  for (const entry of entries) {
    unpacked += entry.unpacked
    if (unpacked > MAX_UNPACKED_BYTES) return false
  }
  return true
}
