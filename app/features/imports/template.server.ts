import ExcelJS from 'exceljs'
import { answerLabel } from '../surveys/describe-question.ts'
import { SCALE_CODES, localise, type Question, type SurveyDefinition } from '../surveys/definition.ts'
import {
  DEFAULT_LANGUAGE,
  DEFAULT_METHOD,
  EXTERNAL_ID,
  EXTERNAL_ID_MAX_LENGTH,
  IMPORT_LANGUAGES,
  IMPORT_METHODS,
  LANGUAGE,
  METHOD,
  MULTIPLE_SEPARATOR,
  SUBMITTED_AT,
  type ImportColumn,
  importColumns,
} from './columns.ts'
import { COLUMNS_SHEET, RESPONSES_SHEET } from './read-file.server.ts'

// The templates partners fill in: a CSV (UTF-8 with a byte order mark, so
// Excel opens Bengali correctly) with the header row only, and an XLSX whose
// first sheet is the same and whose second sheet explains every column. The
// file's own words are English, like the column names: it is a format shared
// with partners, not a page of the site.

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8'
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const METHOD_LABELS: Record<string, string> = { paper: 'Paper form', phone: 'Phone', face_to_face: 'Face to face', event: 'At an event', online: 'Online' }
const LANGUAGE_LABELS: Record<string, string> = { en: 'English', bn: 'Bengali', so: 'Somali', ur: 'Urdu' }
const TYPE_LABELS: Record<Question['type'], string> = {
  single: 'Single choice: one code',
  multiple: `Multiple choice: codes separated by "${MULTIPLE_SEPARATOR}"`,
  scale: 'Agreement scale: one code',
  grid: 'Grid: one agreement code for this statement',
  text: 'Free text',
  number: 'Whole number',
  date: 'Date: YYYY-MM-DD',
  ward: 'Ward: one ward code',
  ranking: 'Ranking: one option code for this place',
}

/** One line of CSV: cells quoted when they hold a comma, a quote or a line break. */
export function csvLine(cells: string[]): string {
  return cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')
}

export function csvTemplate(definition: SurveyDefinition): string {
  return `\uFEFF${csvLine(importColumns(definition).map((c) => c.name))}\r\n`
}

export interface ColumnDoc {
  column: string
  question: string
  type: string
  required: string
  allowed: string
  format: string
  shownWhen: string
}

const codeList = (pairs: [string, string][]) => pairs.map(([code, label]) => `${code} = ${label}`).join('\n')
// answerLabel gives a scale code's English label for any scale question.
const scaleList = () => codeList(SCALE_CODES.map((code) => [code, answerLabel({ type: 'scale' } as Question, code)]))

/** What each column holds, in English: the second sheet of the XLSX template. */
export function describeColumns(definition: SurveyDefinition, wards: { code: string; name: string }[]): ColumnDoc[] {
  const numberOf = new Map(definition.questions.map((q, i) => [q.key, i + 1]))
  const meta: ColumnDoc[] = [
    {
      column: EXTERNAL_ID,
      question: 'Your own id for this response, for example the number written on the paper form.',
      type: 'Text',
      required: 'Yes',
      allowed: '',
      format: `Up to ${EXTERNAL_ID_MAX_LENGTH} characters. Each id once in the file; an id already imported for this consultation is refused.`,
      shownWhen: '',
    },
    {
      column: METHOD,
      question: 'How the response was collected.',
      type: 'Code',
      required: 'No',
      allowed: codeList(IMPORT_METHODS.map((m) => [m, METHOD_LABELS[m] ?? m])),
      format: `Blank means ${DEFAULT_METHOD}.`,
      shownWhen: '',
    },
    {
      column: LANGUAGE,
      question: 'The language the response was given in.',
      type: 'Code',
      required: 'No',
      allowed: codeList(IMPORT_LANGUAGES.map((l) => [l, LANGUAGE_LABELS[l] ?? l])),
      format: `Blank means ${DEFAULT_LANGUAGE}.`,
      shownWhen: '',
    },
    {
      column: SUBMITTED_AT,
      question: 'When the response was given.',
      type: 'Date, or date and time',
      required: 'No',
      allowed: '',
      format:
        'YYYY-MM-DD (for example 2024-03-01), or a date and time YYYY-MM-DDTHH:MM (for example 2024-03-01T14:30, London time; add Z or +01:00 for another time zone). Not in the future. Blank means the time of the import.',
      shownWhen: '',
    },
  ]
  const questions = importColumns(definition)
    .filter((c): c is Exclude<ImportColumn, { kind: 'meta' }> => c.kind !== 'meta')
    .map((column): ColumnDoc => {
      const q = column.question
      const title = `${numberOf.get(q.key)}. ${localise(q.title, 'en')}`
      const rule = q.showIf ? skipRuleInWords(definition, q) : 'Always'
      const doc: ColumnDoc = { column: column.name, question: title, type: TYPE_LABELS[q.type], required: q.required ? (q.showIf ? 'Yes, when shown' : 'Yes') : 'No', allowed: '', format: '', shownWhen: rule }
      switch (q.type) {
        case 'single':
          return { ...doc, allowed: codeList(q.options.map((o) => [o.code, localise(o.label, 'en')])) }
        case 'multiple': {
          const notes = [`Codes separated by "${MULTIPLE_SEPARATOR}", for example "${q.options.slice(0, 2).map((o) => o.code).join(MULTIPLE_SEPARATOR)}".`]
          if (q.maxChoices) notes.push(`At most ${q.maxChoices} codes.`)
          const exclusive = q.options.find((o) => o.exclusive)
          if (exclusive) notes.push(`"${exclusive.code}" must be on its own.`)
          return { ...doc, allowed: codeList(q.options.map((o) => [o.code, localise(o.label, 'en')])), format: notes.join(' ') }
        }
        case 'scale':
          return { ...doc, allowed: scaleList() }
        case 'grid': {
          const statement = column.kind === 'statement' ? q.statements[column.index]! : q.statements[0]!
          return {
            ...doc,
            question: `${title}\nStatement: ${localise(statement.label, 'en')}`,
            required: q.required ? (q.showIf ? 'Yes, when shown (every statement)' : 'Yes (every statement)') : 'No',
            allowed: scaleList(),
          }
        }
        case 'ranking': {
          const place = column.kind === 'place' ? column.place : 1
          return {
            ...doc,
            question: `${title}\nPlace ${place} of ${q.maxRank} (1 = most important)`,
            required: q.required && place === 1 ? doc.required : 'No',
            allowed: codeList(q.options.map((o) => [o.code, localise(o.label, 'en')])),
            format: 'Fill the places in order, starting with 1. Each code at most once. Leave later places blank.',
          }
        }
        case 'text':
          return { ...doc, format: `At most ${q.maxLength} characters. Line breaks are kept.` }
        case 'number':
          return { ...doc, format: `A whole number from ${q.min} to ${q.max}.` }
        case 'date': {
          const range = [q.earliest ? `On or after ${q.earliest}.` : '', q.latest ? `On or before ${q.latest}.` : ''].filter(Boolean).join(' ')
          return { ...doc, format: `YYYY-MM-DD, for example 2024-03-01.${range ? ` ${range}` : ''}` }
        }
        case 'ward':
          return { ...doc, allowed: codeList(wards.map((w) => [w.code, w.name])) }
      }
    })
  return [...meta, ...questions]
}

/** "Only when question 7 (needed_help) is yes (Yes). Otherwise leave blank." */
export function skipRuleInWords(definition: SurveyDefinition, question: Question): string {
  const rule = question.showIf
  if (!rule) return 'Always'
  const target = definition.questions.find((q) => q.key === rule.question)
  const number = definition.questions.findIndex((q) => q.key === rule.question) + 1
  const name = `question ${number} (${rule.question})`
  const value = rule.value && target ? `"${rule.value}" (${answerLabel(target, rule.value)})` : `"${rule.value ?? ''}"`
  const condition = {
    equals: `${name} is ${value}`,
    not_equals: `${name} is answered and is not ${value}`,
    includes: `the answers to ${name} include ${value}`,
    answered: `${name} is answered`,
  }[rule.operator]
  return `Only when ${condition}. Otherwise leave blank.`
}

/** Rows given drop-down lists: enough for a partner's sheet, few enough for tools that expand each cell's list. */
const DROPDOWN_ROWS = 5000
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F2F1' } } as const

export async function xlsxTemplate(input: {
  definition: SurveyDefinition
  wards: { code: string; name: string }[]
  title: string
  versionNumber: number
}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Have Your Say'
  workbook.created = new Date()
  const columns = importColumns(input.definition)
  const docs = describeColumns(input.definition, input.wards)

  const sheet = workbook.addWorksheet(RESPONSES_SHEET, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({ header: c.name, key: c.name, width: Math.max(14, c.name.length + 2), style: { numFmt: '@' } }))
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.eachCell((cell, index) => {
    cell.fill = HEADER_FILL
    const doc = docs[index - 1]
    if (doc) cell.note = [doc.question, doc.format].filter(Boolean).join('\n')
  })
  // Drop-down lists where the codes are few enough for Excel's 255-character limit.
  columns.forEach((column, index) => {
    const codes = listOf(column, input.wards)
    const formula = `"${codes.join(',')}"`
    if (!codes.length || formula.length > 255) return
    const letter = sheet.getColumn(index + 1).letter
    // exceljs has worksheet.dataValidations (a range per list), though its types omit it.
    const validations = (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations
    validations.add(`${letter}2:${letter}${DROPDOWN_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: column.name,
      error: 'Use one of the codes listed on the Columns sheet.',
    })
  })

  const about = workbook.addWorksheet(COLUMNS_SHEET, { views: [{ state: 'frozen', xSplit: 1, ySplit: 4 }] })
  about.getColumn(1).width = 28
  about.getColumn(2).width = 50
  about.getColumn(3).width = 26
  about.getColumn(4).width = 16
  about.getColumn(5).width = 48
  about.getColumn(6).width = 48
  about.getColumn(7).width = 40
  about.addRow([`${input.title}: survey version ${input.versionNumber}`]).font = { bold: true, size: 14 }
  about.addRow([
    `Fill in one row per response on the ${RESPONSES_SHEET} sheet, keeping its first row (the column names) as it is. Codes are in lower case. Nothing is imported unless every row is correct; the problems are listed by row and column. Upload the file as XLSX, or as "CSV UTF-8".`,
  ])
  about.mergeCells(2, 1, 2, 7)
  about.getRow(2).alignment = { wrapText: true, vertical: 'top' }
  about.getRow(2).height = 48
  about.addRow([])
  const head = about.addRow(['Column', 'Question', 'Type', 'Required', 'Allowed codes', 'Format and limits', 'Shown when'])
  head.font = { bold: true }
  head.eachCell((cell) => {
    cell.fill = HEADER_FILL
  })
  for (const doc of docs) {
    const row = about.addRow([doc.column, doc.question, doc.type, doc.required, doc.allowed, doc.format, doc.shownWhen])
    row.alignment = { wrapText: true, vertical: 'top' }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The codes a column takes, for a drop-down list (none for free text, numbers and dates). */
function listOf(column: ImportColumn, wards: { code: string }[]): string[] {
  if (column.kind === 'meta') {
    if (column.name === METHOD) return [...IMPORT_METHODS]
    if (column.name === LANGUAGE) return [...IMPORT_LANGUAGES]
    return []
  }
  const q = column.question
  switch (q.type) {
    case 'single':
    case 'ranking':
      return q.options.map((o) => o.code)
    case 'scale':
    case 'grid':
      return [...SCALE_CODES]
    case 'ward':
      return wards.map((w) => w.code)
    default:
      return []
  }
}
