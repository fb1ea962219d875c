import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { MAX_IMPORT_BYTES, importColumns } from '~/features/imports/columns.ts'
import { readImportFile } from '~/features/imports/read-file.server.ts'
import { csvTemplate, describeColumns, xlsxTemplate } from '~/features/imports/template.server.ts'
import { SurveyDefinitionSchema } from '~/features/surveys/definition.ts'
import { demoSurvey } from '../../db/seed/demo-survey.ts'

// Reading uploaded files: CSV as Excel writes it (BOM, quoting, CRLF), XLSX,
// and the files that are neither, told apart by their content.

const utf8 = (text: string) => new TextEncoder().encode(text)
const BENGALI = 'আরও সবুজ জায়গা চাই'

async function read(bytes: Uint8Array, name = 'file.csv') {
  return readImportFile(bytes, name)
}

async function workbook(build: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook()
  build(wb)
  return new Uint8Array(await wb.xlsx.writeBuffer())
}

describe('reading CSV', () => {
  it('reads UTF-8 with a BOM, CRLF, quoted commas, doubled quotes, line breaks in a cell and Bengali', async () => {
    const csv = `\uFEFFexternal_id,one_change,wellbeing\r\nA1,"${BENGALI}, এবং ""পার্ক""",housing;work\r\nA2,"two\r\nlines",\r\n`
    const result = await read(utf8(csv))
    expect(result).toEqual({
      ok: true,
      format: 'csv',
      table: {
        headers: ['external_id', 'one_change', 'wellbeing'],
        headerRow: 1,
        rows: [
          { number: 2, cells: ['A1', `${BENGALI}, এবং "পার্ক"`, 'housing;work'] },
          { number: 3, cells: ['A2', 'two\r\nlines', ''] },
        ],
      },
    })
  })

  it('reads UTF-8 without a BOM and with LF line ends; blank rows are skipped but keep their numbers', async () => {
    const result = await read(utf8(`external_id,one_change\nA1,${BENGALI}\n\n,\nA2,x`))
    expect(result.ok && result.table.rows).toEqual([
      { number: 2, cells: ['A1', BENGALI] },
      { number: 5, cells: ['A2', 'x'] },
    ])
    // The BOM is not part of the first header.
    const withBom = await read(utf8(`\uFEFFexternal_id\nA1`))
    expect(withBom.ok && withBom.table.headers).toEqual(['external_id'])
  })

  it('refuses an empty file, a file of blank lines, and a file only the BOM', async () => {
    for (const bytes of [new Uint8Array(), utf8('\uFEFF'), utf8('\r\n\r\n  \r\n'), utf8(',,,\n,,,')]) {
      expect(await read(bytes)).toEqual({ ok: false, problem: { row: null, column: null, key: 'file.empty', values: undefined } })
    }
  })

  it('refuses text that is not UTF-8 (Excel\'s "CSV (Comma delimited)" or "Unicode Text")', async () => {
    const latin1 = Uint8Array.from([...utf8('external_id,one_change\nA1,caf'), 0xe9])
    expect((await read(latin1)).ok || (await read(latin1))).toMatchObject({ problem: { key: 'file.not_utf8' } })
    const utf16 = Uint8Array.from([0xff, 0xfe, ...Buffer.from('external_id\r\n', 'utf16le')])
    expect(await read(utf16)).toMatchObject({ ok: false, problem: { key: 'file.not_utf8' } })
  })

  it('names the line of a broken quote, and semicolon-separated files', async () => {
    expect(await read(utf8('external_id,one_change\nA1,"never closed\nA2,x\n'))).toMatchObject({ ok: false, problem: { key: 'file.csv_quote_not_closed', values: { row: 2 } } })
    // Row 3 starts on line 4: a cell of row 2 holds a line break.
    expect(await read(utf8('external_id,one_change\nA1,"two\nlines"\nA2,x"y"\n'))).toMatchObject({ ok: false, problem: { key: 'file.csv_quote_misplaced', values: { row: 3 } } })
    expect(await read(utf8('external_id;one_change\nA1;x\n'))).toMatchObject({ ok: false, problem: { key: 'file.csv_delimiter' } })
  })

  it('refuses more rows than one import may hold', async () => {
    const rows = `external_id\n${'x\n'.repeat(100_001)}`
    expect(await read(utf8(rows))).toMatchObject({ ok: false, problem: { key: 'file.too_many_rows', values: { max: 100_000 } } })
    expect((await read(utf8(`external_id\n${'x\n'.repeat(100_000)}`))).ok).toBe(true)
  })

  it('refuses a file over the size limit', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61)
    expect(await read(big)).toMatchObject({ ok: false, problem: { key: 'file.too_large', values: { max: 20 } } })
  })
})

describe('telling files apart by content', () => {
  it('refuses images, PDFs, other ZIP files, old .xls workbooks and other text files', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])
    expect(await read(png, 'answers.csv')).toMatchObject({ ok: false, problem: { key: 'file.not_csv_or_xlsx' } })
    expect(await read(utf8('%PDF-1.7\n%âãÏÓ\n'), 'answers.csv')).toMatchObject({ ok: false, problem: { key: 'file.not_csv_or_xlsx' } })
    const ole = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    expect(await read(ole, 'answers.xls')).toMatchObject({ ok: false, problem: { key: 'file.old_xls' } })
    expect(await read(utf8('{"external_id": "A1"}'), 'answers.json')).toMatchObject({ ok: false, problem: { key: 'file.not_csv_or_xlsx' } })
    // A ZIP that is not a workbook (a Word document, say), even when named .xlsx.
    const { default: JSZip } = await import('jszip')
    const zip = new JSZip()
    zip.file('word/document.xml', '<w:document/>')
    const docx = new Uint8Array(await zip.generateAsync({ type: 'uint8array' }))
    expect(await read(docx, 'answers.xlsx')).toMatchObject({ ok: false, problem: { key: 'file.not_csv_or_xlsx' } })
  })

  it('reads a workbook by its content whatever its name, and refuses a damaged one without crashing', async () => {
    const bytes = await workbook((wb) => wb.addWorksheet('Responses').addRow(['external_id']).commit())
    const named = await read(bytes, 'answers.csv')
    expect(named.ok && named.format).toBe('xlsx')
    const damaged = bytes.slice()
    damaged.fill(0x41, 200, 1200)
    expect(await read(damaged, 'answers.xlsx')).toMatchObject({ ok: false, problem: { key: 'file.not_csv_or_xlsx' } })
  })
})

describe('reading XLSX', () => {
  it('reads text, Bengali, numbers, dates, rich text and formulas from the Responses sheet', async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet('Columns').addRow(['about the columns'])
      const sheet = wb.addWorksheet('Responses')
      sheet.addRow(['external_id', 'one_change', 'congress_date', 'children', 'submitted_at'])
      sheet.addRow(['A1', BENGALI, new Date(Date.UTC(2024, 1, 29)), 3, new Date(Date.UTC(2024, 2, 1, 14, 30))])
      sheet.addRow([])
      sheet.addRow([1002, { richText: [{ text: 'rich ' }, { text: 'text' }] }, '2024-03-01', { formula: '1+1', result: 2 }, null])
    })
    const result = await read(bytes, 'partner.xlsx')
    expect(result).toEqual({
      ok: true,
      format: 'xlsx',
      table: {
        headers: ['external_id', 'one_change', 'congress_date', 'children', 'submitted_at'],
        headerRow: 1,
        rows: [
          { number: 2, cells: ['A1', BENGALI, '2024-02-29', '3', '2024-03-01T14:30'] },
          { number: 4, cells: ['1002', 'rich text', '2024-03-01', '2'] },
        ],
      },
    })
  })

  it('refuses an empty workbook', async () => {
    const bytes = await workbook((wb) => wb.addWorksheet('Responses'))
    expect(await read(bytes, 'partner.xlsx')).toMatchObject({ ok: false, problem: { key: 'file.empty' } })
  })
})

describe('templates', () => {
  const demo = SurveyDefinitionSchema.parse(demoSurvey)
  const names = importColumns(demo).map((c) => c.name)

  it('the CSV template is UTF-8 with a BOM and the header row, and reads back', async () => {
    const csv = csvTemplate(demo)
    expect(csv.startsWith('\uFEFFexternal_id,method,language,submitted_at,connection,ward,priorities.1,priorities.2,priorities.3,safe_day,area_statements.get_on_well,')).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    const bytes = utf8(csv)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const result = await read(bytes)
    expect(result.ok && result.table.headers).toEqual(names)
  })

  it('the XLSX template has the same header and a sheet explaining every column', async () => {
    const wards = [{ code: 'E05009317', name: 'Bethnal Green East' }]
    const buffer = await xlsxTemplate({ definition: demo, wards, title: 'Demo', versionNumber: 2 })
    const result = await read(new Uint8Array(buffer), 'template.xlsx')
    expect(result.ok && result.table.headers).toEqual(names)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(buffer as unknown as ArrayBuffer)
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Responses', 'Columns'])
    const about = wb.getWorksheet('Columns')!
    const documented = new Map<string, string[]>()
    about.eachRow((row, n) => {
      if (n > 4) documented.set(String(row.getCell(1).value), [2, 3, 4, 5, 6, 7].map((c) => String(row.getCell(c).value ?? '')))
    })
    expect([...documented.keys()]).toEqual(names)
    const [question, , required, allowed] = documented.get('connection')!
    expect(question).toBe('1. How long have you lived in Tower Hamlets?')
    expect(required).toBe('Yes')
    expect(allowed).toContain('over_10 = More than 10 years')
    expect(documented.get('children')![4]).toBe('A whole number from 0 to 20.')
    expect(documented.get('congress_date')![4]).toContain('On or after 2023-11-14.')
    expect(documented.get('help_sources')![5]).toBe('Only when question 8 (needed_help) is "yes" (Yes). Otherwise leave blank.')
    expect(documented.get('ward')![3]).toBe('E05009317 = Bethnal Green East')
    expect(documented.get('area_statements.safe_public_spaces')![0]).toContain('Statement: I feel safe using the parks and public spaces')
  })

  it('describes every column', () => {
    const docs = describeColumns(demo, [])
    expect(docs.map((d) => d.column)).toEqual(names)
    expect(docs.every((d) => d.question && d.type && d.required)).toBe(true)
  })
})
