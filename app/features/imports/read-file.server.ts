import { Readable } from 'node:stream'
import { CsvError, parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './columns.ts'
import type { ImportProblem, ImportTable } from './validate-rows.ts'
import { zipDirectory } from '~/utils/zip-directory.ts'

// Reads an uploaded import file into rows of text cells. What the file is
// comes from its content, not its name: an XLSX is a ZIP archive holding a
// workbook, a CSV is UTF-8 text (with or without a byte order mark, as Excel's
// "CSV UTF-8" writes it, quoted cells and CRLF line ends included). Anything
// else is refused with a problem the page can show.

export type ImportFormat = 'csv' | 'xlsx'
export type ReadFileResult = { ok: true; format: ImportFormat; table: ImportTable } | { ok: false; problem: ImportProblem }

/** The sheet of a template that holds the responses; the other sheet documents the columns. */
export const RESPONSES_SHEET = 'Responses'
export const COLUMNS_SHEET = 'Columns'

/** What the workbook may unpack to (declared sizes in the ZIP directory), so a "zip bomb" is refused before it is unpacked. */
const MAX_UNPACKED_BYTES = 400 * 1024 * 1024
const MAX_ZIP_ENTRIES = 1000
const ALLOWED_EXTENSIONS = ['csv', 'xlsx', 'txt', '']

const fileProblem = (key: string, values?: ImportProblem['values']): ReadFileResult => ({ ok: false, problem: { row: null, column: null, key, values } })

export async function readImportFile(bytes: Uint8Array, fileName: string): Promise<ReadFileResult> {
  if (bytes.length === 0) return fileProblem('file.empty')
  if (bytes.length > MAX_IMPORT_BYTES) return fileProblem('file.too_large', { max: MAX_IMPORT_BYTES / 1024 / 1024 })
  const extension = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? ''
  const kind = sniff(bytes)
  if (kind === 'xls') return fileProblem('file.old_xls')
  if (kind === 'zip') return fileProblem('file.not_csv_or_xlsx')
  if (kind === 'xlsx') return readXlsx(bytes)
  if (kind === 'binary' || !ALLOWED_EXTENSIONS.includes(extension)) return fileProblem('file.not_csv_or_xlsx')
  if (kind === 'utf16') return fileProblem('file.not_utf8')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return fileProblem('file.not_utf8')
  }
  return readCsv(text)
}

type Kind = 'xlsx' | 'zip' | 'xls' | 'utf16' | 'binary' | 'text'

/** What the bytes are, from their content. */
function sniff(bytes: Uint8Array): Kind {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b)
  if (starts(0x50, 0x4b, 0x03, 0x04)) return zipHoldsWorkbook(bytes) ? 'xlsx' : 'zip'
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'xls'
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return 'utf16'
  // PDF, PNG, JPEG, GIF, gzip: common files chosen by mistake.
  if (starts(0x25, 0x50, 0x44, 0x46) || starts(0x89, 0x50, 0x4e, 0x47) || starts(0xff, 0xd8, 0xff) || starts(0x47, 0x49, 0x46, 0x38) || starts(0x1f, 0x8b)) return 'binary'
  // Text has no NUL bytes and few control characters (tab, CR and LF aside).
  const sample = bytes.subarray(0, 64 * 1024)
  let control = 0
  for (const b of sample) {
    if (b === 0) return 'binary'
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++
  }
  return control > sample.length / 100 ? 'binary' : 'text'
}

function readCsv(text: string): ReadFileResult {
  let records: string[][]
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][]
  } catch (error) {
    if (error instanceof CsvError) {
      // The records read before the broken one: it is the next row (blank rows count, as in a spreadsheet).
      const row = Number((error as CsvError & { records?: number }).records ?? 0) + 1
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') return fileProblem('file.csv_quote_not_closed', { row })
      if (error.code === 'INVALID_OPENING_QUOTE' || error.code === 'CSV_INVALID_CLOSING_QUOTE') return fileProblem('file.csv_quote_misplaced', { row })
      return fileProblem('file.csv_unreadable', { row })
    }
    throw error
  }
  // Row numbers are the spreadsheet's: record n is row n (blank rows count, and are skipped).
  return toTable(records.map((cells, i) => ({ number: i + 1, cells })), 'csv')
}

/** The first non-blank row is the header; blank rows after it are skipped. */
function toTable(records: { number: number; cells: string[] }[], format: ImportFormat): ReadFileResult {
  const nonBlank = records.filter((r) => r.cells.some((c) => c.trim()))
  if (nonBlank.length === 0) return fileProblem('file.empty')
  const [header, ...rows] = nonBlank
  if (rows.length > MAX_IMPORT_ROWS) return fileProblem('file.too_many_rows', { max: MAX_IMPORT_ROWS })
  // One heading holding the others: the columns are separated by semicolons or tabs, not commas.
  if (format === 'csv' && header!.cells.length === 1 && /[;\t]/.test(header!.cells[0]!)) return fileProblem('file.csv_delimiter')
  return { ok: true, format, table: { headers: header!.cells, headerRow: header!.number, rows } }
}

async function readXlsx(bytes: Uint8Array): Promise<ReadFileResult> {
  if (!zipIsSafe(bytes)) return fileProblem('file.xlsx_unsafe')
  // Streamed, so a large workbook is never held unpacked in memory at once.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  })
  let chosen: { name: string; records: { number: number; cells: string[] }[]; tooMany: boolean } | null = null
  const isResponses = (name: string) => name.toLowerCase() === RESPONSES_SHEET.toLowerCase()
  try {
    for await (const worksheet of reader) {
      const records: { number: number; cells: string[] }[] = []
      let tooMany = false
      for await (const row of worksheet) {
        // Past the limit the rest is read (the archive streams on) but not kept.
        if (tooMany) continue
        const values = Array.isArray(row.values) ? row.values : []
        const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1] as ExcelJS.CellValue))
        records.push({ number: row.number, cells })
        if (records.length > MAX_IMPORT_ROWS + 1) tooMany = true
      }
      // exceljs sets the sheet's name from the workbook (not in its types).
      const name = (worksheet as unknown as { name?: string }).name ?? ''
      // The sheet named Responses, else the first sheet.
      if (!chosen || (isResponses(name) && !isResponses(chosen.name))) chosen = { name, records, tooMany }
    }
  } catch {
    return fileProblem('file.not_csv_or_xlsx')
  }
  if (!chosen) return fileProblem('file.empty')
  if (chosen.tooMany) return fileProblem('file.too_many_rows', { max: MAX_IMPORT_ROWS })
  return toTable(chosen.records, 'xlsx')
}

/**
 * A cell's text, whatever Excel (or LibreOffice, or Google Sheets) stored:
 * rich text, a formula's result, a number, a date (YYYY-MM-DD, with the time
 * when it has one; Excel dates have no zone, so they are wall-clock times).
 */
export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return ''
    const iso = value.toISOString()
    if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10)
    return iso.endsWith(':00.000Z') ? iso.slice(0, 16) : iso.slice(0, 19)
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((run) => run.text ?? '').join('')
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null)
    if ('text' in value && typeof value.text === 'string') return value.text
    if ('error' in value && typeof value.error === 'string') return value.error
  }
  return ''
}

function zipHoldsWorkbook(bytes: Uint8Array): boolean {
  return zipDirectory(bytes, MAX_ZIP_ENTRIES)?.some((e) => e.name === 'xl/workbook.xml') ?? false
}

/** Not more entries, nor more unpacked bytes (ZIP64's 0xFFFFFFFF included), than a response file needs. */
function zipIsSafe(bytes: Uint8Array): boolean {
  const entries = zipDirectory(bytes, MAX_ZIP_ENTRIES)
  if (!entries) return false
  let unpacked = 0
  for (const entry of entries) {
    if (entry.unpacked === 0xffffffff) return false
    unpacked += entry.unpacked
    if (unpacked > MAX_UNPACKED_BYTES) return false
  }
  return true
}
