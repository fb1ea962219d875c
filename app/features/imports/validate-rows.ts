import { londonToEpoch } from '../i18n/london-time.ts'
import type { Answers, AnswerValue } from '../surveys/answers.ts'
import { SCALE_CODES, type Question, type SurveyDefinition } from '../surveys/definition.ts'
import { keepVisibleAnswers, visibleQuestions } from '../surveys/skip-logic.ts'
import { type AnswerError, dateFieldId, fieldName, parseAnswer, toAsciiDigits } from '../surveys/validate-answer.ts'
import {
  DEFAULT_LANGUAGE,
  DEFAULT_METHOD,
  EXTERNAL_ID,
  EXTERNAL_ID_MAX_LENGTH,
  IMPORT_LANGUAGES,
  IMPORT_METHODS,
  LANGUAGE,
  MAX_LISTED_PROBLEMS,
  METHOD,
  MULTIPLE_SEPARATOR,
  REQUIRED_META_COLUMNS,
  SUBMITTED_AT,
  type ImportColumn,
  type ImportMethod,
  importColumns,
  normaliseHeader,
  questionColumns,
} from './columns.ts'

// Checks a whole import file, row by row, before anything is stored. Every
// answer goes through the survey's own validator (parseAnswer) and skip logic,
// exactly as a resident's answer does; this module only turns spreadsheet
// cells into what the validator reads, and its errors into problems named by
// row and column. Problems are i18n keys of the "imports" namespace (or, for
// an error this module does not know, of "survey") with their values. Pure.

/** A file as rows of text cells; `number` is the row's number in the spreadsheet (the header is usually 1). */
export interface ImportTable {
  headers: string[]
  headerRow: number
  rows: { number: number; cells: string[] }[]
}

export interface ImportProblem {
  /** the spreadsheet row (null: the file as a whole) */
  row: number | null
  /** the column's header (null: the whole row or file) */
  column: string | null
  /** i18n key in the "imports" namespace, or "survey:errors.…" */
  key: string
  values?: Record<string, string | number>
}

export interface ImportRow {
  row: number
  externalId: string
  channel: ImportMethod
  locale: string
  /** epoch ms; null: the time of the import */
  submittedAt: number | null
  /** skip logic applied: only answers to questions this response was asked */
  answers: Answers
}

export type ValidationResult = { ok: true; rows: ImportRow[] } | { ok: false; problems: ImportProblem[]; problemCount: number }

export interface ValidationOptions {
  wardCodes: string[]
  /** external ids this consultation already has (earlier imports) */
  importedIds?: ReadonlySet<string>
  now?: number
  /** survey version number, named in "not a column of this survey" */
  versionNumber?: number
  maxListed?: number
}

/** Keeps the first problems (in row order) and counts them all. */
export class ProblemList {
  readonly problems: ImportProblem[] = []
  count = 0
  constructor(private readonly max = MAX_LISTED_PROBLEMS) {}
  add(problem: ImportProblem) {
    this.count++
    if (this.problems.length < this.max) this.problems.push(problem)
  }
}

/** A cell's value as shown in a problem: one line, at most 60 characters. */
export function shown(value: string): string {
  const line = value.replace(/\s+/g, ' ').trim()
  const chars = [...line]
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : line
}

export function validateImport(definition: SurveyDefinition, table: ImportTable, options: ValidationOptions): ValidationResult {
  const list = new ProblemList(options.maxListed)
  const columns = importColumns(definition)
  const found = mapHeaders(columns, table, list, options.versionNumber)
  if (!found) return { ok: false, problems: list.problems, problemCount: list.count }
  if (table.rows.length === 0) {
    list.add({ row: null, column: null, key: 'problems.no_rows' })
    return { ok: false, problems: list.problems, problemCount: list.count }
  }

  const now = options.now ?? Date.now()
  const imported = options.importedIds ?? new Set<string>()
  const wards = new Map(options.wardCodes.map((code) => [code.toLowerCase(), code]))
  const questionCols = new Map(definition.questions.map((q) => [q.key, questionColumns(q)]))
  const firstRowOf = new Map<string, number>()
  const rows: ImportRow[] = []

  for (const { number, cells } of table.rows) {
    const before = list.count
    const cell = (name: string) => {
      const index = found.get(name)
      return index === undefined ? '' : (cells[index] ?? '')
    }
    const add = (column: string | null, key: string, values?: ImportProblem['values']) => list.add({ row: number, column, key, values })

    if (cells.length > table.headers.length && cells.slice(table.headers.length).some((c) => c.trim())) {
      add(null, 'problems.extra_cells', { count: table.headers.length })
    }

    // The row's own columns.
    const externalId = cell(EXTERNAL_ID).trim()
    if (!externalId) add(EXTERNAL_ID, 'problems.external_id_required')
    else if ([...externalId].length > EXTERNAL_ID_MAX_LENGTH) add(EXTERNAL_ID, 'problems.external_id_too_long', { max: EXTERNAL_ID_MAX_LENGTH })
    else if (firstRowOf.has(externalId)) add(EXTERNAL_ID, 'problems.external_id_duplicate', { id: shown(externalId), first: firstRowOf.get(externalId)! })
    else {
      firstRowOf.set(externalId, number)
      if (imported.has(externalId)) add(EXTERNAL_ID, 'problems.external_id_imported', { id: shown(externalId) })
    }
    const method = cell(METHOD).trim().toLowerCase() || DEFAULT_METHOD
    if (!(IMPORT_METHODS as readonly string[]).includes(method)) add(METHOD, 'problems.method_invalid', { value: shown(cell(METHOD)), allowed: IMPORT_METHODS.join(', ') })
    const language = cell(LANGUAGE).trim().toLowerCase() || DEFAULT_LANGUAGE
    if (!IMPORT_LANGUAGES.includes(language)) add(LANGUAGE, 'problems.language_invalid', { value: shown(cell(LANGUAGE)), allowed: IMPORT_LANGUAGES.join(', ') })
    const submitted = parseSubmittedAt(cell(SUBMITTED_AT).trim(), now)
    if (!submitted.ok) add(SUBMITTED_AT, submitted.key, { value: shown(cell(SUBMITTED_AT)) })

    // The answers: each through the survey's validator, then skip logic decides which count.
    const parsed: Answers = {}
    const failed = new Map<string, Omit<ImportProblem, 'row'>>()
    const filled = new Map<string, string>()
    for (const question of definition.questions) {
      const cols = questionCols.get(question.key)!
      const raw = cols.map((c) => cell(c.name))
      const firstFilled = raw.findIndex((v) => v.trim())
      if (firstFilled >= 0) filled.set(question.key, cols[firstFilled]!.name)
      const outcome = readAnswer(question, cols, raw, wards, options.wardCodes)
      if (outcome.ok) {
        if (outcome.value !== undefined) parsed[question.key] = outcome.value
      } else {
        failed.set(question.key, outcome.problem)
      }
    }
    const visible = new Set(visibleQuestions(definition, parsed).map((q) => q.key))
    // A question whose skip rule depends on an answer with a problem may or may not be asked.
    const uncertain = new Set<string>()
    for (const question of definition.questions) {
      const target = question.showIf?.question
      if (target && (failed.has(target) || uncertain.has(target))) uncertain.add(question.key)
    }
    for (const question of definition.questions) {
      const problem = failed.get(question.key)
      const filledColumn = filled.get(question.key)
      if (visible.has(question.key) && !uncertain.has(question.key)) {
        if (problem) list.add({ row: number, ...problem })
      } else if (uncertain.has(question.key)) {
        // Wrong whether it is asked or not: a bad value, or a value where a blank was needed.
        if (problem && filledColumn) list.add({ row: number, ...problem })
      } else if (filledColumn) {
        add(filledColumn, `problems.hidden_${question.showIf!.operator}`, { question: question.showIf!.question, value: question.showIf!.value ?? '' })
      }
    }

    if (list.count === before) {
      rows.push({
        row: number,
        externalId,
        channel: method as ImportMethod,
        locale: language,
        submittedAt: submitted.ok ? submitted.value : null,
        answers: keepVisibleAnswers(definition, parsed),
      })
    }
  }
  if (list.count) return { ok: false, problems: list.problems, problemCount: list.count }
  return { ok: true, rows }
}

/** Which column each header names; null when the headers are wrong (the problems are listed). */
function mapHeaders(columns: ImportColumn[], table: ImportTable, list: ProblemList, versionNumber?: number): Map<string, number> | null {
  const byName = new Map(columns.map((c) => [c.name.toLowerCase(), c]))
  const found = new Map<string, number>()
  const problems: ImportProblem[] = []
  const row = table.headerRow
  table.headers.forEach((raw, index) => {
    const name = normaliseHeader(raw)
    if (!name) {
      if (table.rows.some((r) => (r.cells[index] ?? '').trim())) problems.push({ row, column: null, key: 'problems.header_blank', values: { number: index + 1 } })
      return
    }
    const column = byName.get(name)
    if (!column) problems.push({ row, column: shown(raw), key: 'problems.header_unknown', values: { column: shown(raw), version: versionNumber ?? '' } })
    else if (found.has(column.name)) problems.push({ row, column: column.name, key: 'problems.header_duplicate', values: { column: column.name } })
    else found.set(column.name, index)
  })
  if (found.size === 0) {
    list.add({ row, column: null, key: 'problems.headers_none' })
    return null
  }
  for (const problem of problems) list.add(problem)
  for (const column of columns) {
    if ((column.kind !== 'meta' || REQUIRED_META_COLUMNS.includes(column.name)) && !found.has(column.name)) {
      list.add({ row, column: column.name, key: 'problems.header_missing', values: { column: column.name } })
    }
  }
  return list.count ? null : found
}

type ReadOutcome = { ok: true; value: AnswerValue | undefined } | { ok: false; problem: Omit<ImportProblem, 'row'> }

const ISO_DATE_CELL = /^(\d{4})-(\d{1,2})-(\d{1,2})$/
const code = (value: string) => value.trim().toLowerCase()

/** A question's cells as the form fields parseAnswer reads, then its verdict. */
function readAnswer(question: Question, cols: ImportColumn[], raw: string[], wards: Map<string, string>, wardCodes: string[]): ReadOutcome {
  const form: Record<string, string[]> = {}
  switch (question.type) {
    case 'single':
    case 'scale':
      form.answer = [code(raw[0]!)]
      break
    case 'ward':
      form.answer = [wards.get(code(raw[0]!)) ?? raw[0]!.trim()]
      break
    case 'multiple':
      form.answer = raw[0]!.split(MULTIPLE_SEPARATOR).map(code).filter(Boolean)
      break
    case 'ranking':
    case 'grid':
      raw.forEach((value, i) => {
        form[fieldName(question, i + 1)] = [code(value)]
      })
      break
    case 'text':
      form.answer = [raw[0]!]
      break
    case 'number':
      form.answer = [raw[0]!.trim()]
      break
    case 'date': {
      const text = toAsciiDigits(raw[0]!.trim())
      if (text) {
        const match = ISO_DATE_CELL.exec(text)
        if (!match) return { ok: false, problem: { column: cols[0]!.name, key: 'problems.date_format', values: { value: shown(raw[0]!) } } }
        form[dateFieldId('day')] = [match[3]!]
        form[dateFieldId('month')] = [match[2]!]
        form[dateFieldId('year')] = [match[1]!]
      }
      break
    }
  }
  const result = parseAnswer(question, { getAll: (name: string) => form[name] ?? [] }, wardCodes)
  if (result.ok) return result
  return { ok: false, problem: describeError(question, cols, raw, form, result.error) }
}

/** The survey validator's error as a problem in the file: which column, and what is wrong with it. */
function describeError(question: Question, cols: ImportColumn[], raw: string[], form: Record<string, string[]>, error: AnswerError): Omit<ImportProblem, 'row'> {
  // The column of the field the error names (a ranking place, a grid statement), else the question's first.
  let index = 0
  if (question.type === 'ranking' || question.type === 'grid') {
    const at = cols.findIndex((_, i) => error.field === fieldName(question, i + 1) || error.field.startsWith(`${fieldName(question, i + 1)}-`))
    if (at >= 0) index = at
  }
  const column = cols[index]!.name
  const value = shown(raw[index] ?? '')
  const allowed = 'options' in question ? question.options.map((o) => o.code).join(', ') : SCALE_CODES.join(', ')
  const problem = (key: string, values?: ImportProblem['values']) => ({ column, key, values })
  switch (error.key) {
    case 'errors.invalid_option': {
      if (question.type === 'ward') return problem('problems.invalid_ward', { value })
      if (question.type === 'multiple') {
        const codes = question.options.map((o) => o.code)
        return problem('problems.invalid_option', { value: shown(form.answer?.find((c) => !codes.includes(c)) ?? raw[0] ?? ''), allowed })
      }
      return problem('problems.invalid_option', { value, allowed })
    }
    case 'errors.required_grid':
      return problem('problems.required_statement')
    case 'errors.choose_one':
      return problem('problems.choose_one', { value })
    case 'errors.exclusive_option': {
      const exclusive = 'options' in question ? question.options.find((o) => o.exclusive)?.code : undefined
      return problem('problems.exclusive_option', { code: exclusive ?? '' })
    }
    case 'errors.too_many_choices':
      return problem('problems.too_many_choices', { max: Number(error.values?.max ?? 0), count: form.answer?.length ?? 0 })
    case 'errors.too_long':
      return problem('problems.too_long', { max: Number(error.values?.max ?? 0), length: [...(raw[0] ?? '').replace(/\r\n/g, '\n').trim()].length })
    case 'errors.whole_number':
      return problem('problems.whole_number', { value })
    case 'errors.number_range':
      return problem('problems.number_range', { value, min: Number(error.values?.min), max: Number(error.values?.max) })
    case 'errors.rank_gap':
      return problem('problems.rank_gap', { place: Number(error.values?.place ?? index + 1) })
    case 'errors.rank_duplicate':
      return problem('problems.rank_duplicate', { value })
    case 'errors.date_too_early':
      return problem('problems.date_too_early', { value, date: question.type === 'date' ? (question.earliest ?? '') : '' })
    case 'errors.date_too_late':
      return problem('problems.date_too_late', { value, date: question.type === 'date' ? (question.latest ?? '') : '' })
  }
  if (error.key.startsWith('errors.required_')) return problem('problems.required')
  if (error.key.startsWith('errors.date_')) return problem('problems.date_real', { value })
  // An error this module has no words for: the survey's own message.
  return problem(`survey:${error.key}`, error.values)
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})?$/i

// London wall-clock minutes already converted: a file repeats the same dates
// thousands of times, and each conversion asks Intl about summer time.
const londonMinutes = new Map<string, number | null>()
function londonMinute(year: number, month: number, day: number, hour: number, minute: number): number | null {
  const key = `${year}-${month}-${day} ${hour}:${minute}`
  let epoch = londonMinutes.get(key)
  if (epoch === undefined) {
    epoch = londonToEpoch({ year, month, day, hour, minute })
    if (londonMinutes.size >= 50_000) londonMinutes.clear()
    londonMinutes.set(key, epoch)
  }
  return epoch
}

/** When the response was given: a date (midnight, London) or an ISO date-time (London time unless it names a zone). */
export function parseSubmittedAt(text: string, now: number): { ok: true; value: number | null } | { ok: false; key: string } {
  if (!text) return { ok: true, value: null }
  const date = DATE_ONLY.exec(text)
  const time = date ? null : DATE_TIME.exec(text)
  if (!date && !time) return { ok: false, key: 'problems.submitted_at_format' }
  const [year, month, day] = [1, 2, 3].map((i) => Number((date ?? time)![i]))
  const [hour, minute, second, ms] = time ? [Number(time[4]), Number(time[5]), Number(time[6] ?? 0), Number((time[7] ?? '0').padEnd(3, '0'))] : [0, 0, 0, 0]
  const real = (() => {
    const check = new Date(Date.UTC(year!, month! - 1, day!))
    return check.getUTCFullYear() === year && check.getUTCMonth() === month! - 1 && check.getUTCDate() === day && hour! <= 23 && minute! <= 59 && second! <= 59
  })()
  if (!real) return { ok: false, key: 'problems.submitted_at_invalid' }
  let epoch: number | null
  const zone = time?.[8]
  if (zone) {
    const offset = zone.toUpperCase() === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)))
    epoch = Date.UTC(year!, month! - 1, day!, hour, minute, second, ms) - offset * 60_000
  } else {
    const wallClock = londonMinute(year!, month!, day!, hour!, minute!)
    epoch = wallClock === null ? null : wallClock + second! * 1000 + ms!
  }
  if (epoch === null) return { ok: false, key: 'problems.submitted_at_invalid' }
  if (epoch > now + 60_000) return { ok: false, key: 'problems.submitted_at_future' }
  return { ok: true, value: epoch }
}
