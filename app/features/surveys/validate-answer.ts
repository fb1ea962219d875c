import { z } from 'zod'
import { SCALE_CODES, type Question } from './definition.ts'
import type { AnswerValue } from './answers.ts'
import { formatIsoDate } from './format-answer.ts'

// Validates what a resident posted for one question. Errors are i18n keys
// (namespace "survey") with their interpolation values, so the same check
// gives a translated message in every language.

export interface AnswerError {
  /** id of the input the error summary links to */
  field: string
  key: string
  /** message values; a 'YYYY-MM-DD' value is a date, written in the reader's language */
  values?: Record<string, string | number>
  /** date only: the inputs with the problem (all of them when absent) */
  highlight?: string[]
}

export type ParsedAnswer =
  | { ok: true; value: AnswerValue | undefined }
  | { ok: false; error: AnswerError }

/** Form field names for a question; ranking has one select per place, a grid one set of radios per statement. */
export function fieldName(question: Question, place = 1): string {
  if (question.type === 'ranking') return `rank-${place}`
  if (question.type === 'grid') return `statement-${place}`
  return 'answer'
}

/** The date input's three fields, in the order they are shown (GOV.UK: day, month, year). */
export const DATE_PARTS = ['day', 'month', 'year'] as const
export const dateFieldId = (part: (typeof DATE_PARTS)[number]) => `answer-${part}`

/** The id of the first input of a question, for error summary links. */
export function firstInputId(question: Question): string {
  if (question.type === 'ranking') return 'rank-1'
  if (question.type === 'grid') return `${fieldName(question, 1)}-1`
  if (question.type === 'date') return dateFieldId('day')
  if (question.type === 'text' || question.type === 'number' || question.type === 'ward') return 'answer'
  return 'answer-1'
}

const WholeNumber = z
  .string()
  .trim()
  .transform((s) => s.replace(/[,\s]/g, ''))
  .pipe(z.string().regex(/^-?\d{1,12}$/))
  .transform(Number)

// Bengali, Arabic-Indic and Eastern Arabic-Indic digits are whole numbers too.
export function toAsciiDigits(input: string): string {
  return input.replace(/[\u09E6-\u09EF\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const code = d.charCodeAt(0)
    const zero = code >= 0x09e6 && code <= 0x09ef ? 0x09e6 : code >= 0x06f0 ? 0x06f0 : 0x0660
    return String(code - zero)
  })
}

export function parseAnswer(question: Question, form: { getAll(name: string): unknown[] }, wardCodes: string[] = []): ParsedAnswer {
  const strings = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string')
  const field = firstInputId(question)
  const fail = (key: string, values?: AnswerError['values']): ParsedAnswer => ({ ok: false, error: { field, key, values } })
  const none = (): ParsedAnswer => (question.required ? fail(requiredKey(question)) : { ok: true, value: undefined })

  switch (question.type) {
    case 'single':
    case 'scale':
    case 'ward': {
      const values = strings('answer').filter(Boolean)
      if (values.length === 0) return none()
      if (values.length > 1) return fail('errors.choose_one')
      const allowed =
        question.type === 'single'
          ? question.options.map((o) => o.code)
          : question.type === 'scale'
            ? [...SCALE_CODES]
            : wardCodes
      return allowed.includes(values[0]!) ? { ok: true, value: values[0]! } : fail('errors.invalid_option')
    }
    case 'multiple': {
      const values = [...new Set(strings('answer').filter(Boolean))]
      if (values.length === 0) return none()
      const codes = question.options.map((o) => o.code)
      if (values.some((v) => !codes.includes(v))) return fail('errors.invalid_option')
      const exclusive = question.options.find((o) => o.exclusive)
      if (exclusive && values.includes(exclusive.code) && values.length > 1) {
        return fail('errors.exclusive_option')
      }
      if (question.maxChoices && values.length > question.maxChoices) {
        return fail('errors.too_many_choices', { max: question.maxChoices })
      }
      // Keep the order of the options, not the order the browser sent them.
      return { ok: true, value: codes.filter((c) => values.includes(c)) }
    }
    case 'text': {
      const text = (strings('answer')[0] ?? '').replace(/\r\n/g, '\n').trim()
      if (!text) return none()
      if ([...text].length > question.maxLength) return fail('errors.too_long', { max: question.maxLength })
      return { ok: true, value: text }
    }
    case 'number': {
      const raw = toAsciiDigits(strings('answer')[0] ?? '').trim()
      if (!raw) return none()
      const parsed = WholeNumber.safeParse(raw)
      if (!parsed.success) return fail('errors.whole_number')
      if (parsed.data < question.min || parsed.data > question.max) {
        return fail('errors.number_range', { min: question.min, max: question.max })
      }
      return { ok: true, value: parsed.data }
    }
    case 'ranking': {
      const picks = Array.from({ length: question.maxRank }, (_, i) => strings(`rank-${i + 1}`)[0] ?? '')
      const codes = question.options.map((o) => o.code)
      const chosen = picks.filter(Boolean)
      if (chosen.length === 0) return none()
      const badIndex = picks.findIndex((p) => p && !codes.includes(p))
      if (badIndex >= 0) return { ok: false, error: { field: `rank-${badIndex + 1}`, key: 'errors.invalid_option' } }
      const gap = picks.findIndex((p, i) => !p && picks.slice(i + 1).some(Boolean))
      if (gap >= 0) return { ok: false, error: { field: `rank-${gap + 1}`, key: 'errors.rank_gap', values: { place: gap + 1 } } }
      const duplicate = picks.findIndex((p, i) => p && picks.indexOf(p) !== i)
      if (duplicate >= 0) return { ok: false, error: { field: `rank-${duplicate + 1}`, key: 'errors.rank_duplicate' } }
      return { ok: true, value: chosen }
    }
    case 'grid': {
      const picks = question.statements.map((_, i) => [...new Set(strings(fieldName(question, i + 1)).filter(Boolean))])
      const at = (i: number) => `${fieldName(question, i + 1)}-1`
      const failAt = (i: number, key: string): ParsedAnswer => ({ ok: false, error: { field: at(i), key } })
      if (picks.every((p) => p.length === 0)) return none()
      const several = picks.findIndex((p) => p.length > 1)
      if (several >= 0) return failAt(several, 'errors.choose_one')
      const unknown = picks.findIndex((p) => p.length === 1 && !(SCALE_CODES as readonly string[]).includes(p[0]!))
      if (unknown >= 0) return failAt(unknown, 'errors.invalid_option')
      // Required: every statement rated; the error takes the resident to the first one left.
      const unrated = picks.findIndex((p) => p.length === 0)
      if (question.required && unrated >= 0) return failAt(unrated, 'errors.required_grid')
      const value: Record<string, string> = {}
      question.statements.forEach((statement, i) => {
        if (picks[i]![0]) value[statement.code] = picks[i]![0]
      })
      return { ok: true, value }
    }
    case 'date':
      return parseDate(question, strings, none)
  }
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
const daysIn = (year: number, month: number) => (month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31)
const pad = (n: number, width: number) => String(n).padStart(width, '0')

/** GOV.UK date input: each problem named, in the order the pattern gives them. */
function parseDate(
  question: Extract<Question, { type: 'date' }>,
  strings: (name: string) => string[],
  none: () => ParsedAnswer,
): ParsedAnswer {
  // Digits in any script the number question accepts; spaces typed inside a field are dropped.
  const raw = DATE_PARTS.map((part) => toAsciiDigits(strings(dateFieldId(part))[0] ?? '').replace(/\s+/g, ''))
  const fail = (key: string, parts: readonly (typeof DATE_PARTS)[number][] = DATE_PARTS, values?: AnswerError['values']): ParsedAnswer => ({
    ok: false,
    error: { field: dateFieldId(parts[0]!), key, values, highlight: parts.map(dateFieldId) },
  })
  if (raw.every((part) => !part)) return none()
  const missing = DATE_PARTS.filter((_, i) => !raw[i])
  if (missing.length) return fail(`errors.date_missing_${missing.join('_')}`, missing)
  const [dayText, monthText, yearText] = raw as [string, string, string]
  const notNumber = DATE_PARTS.filter((_, i) => !/^\d{1,4}$/.test(raw[i]!))
  if (notNumber.length) return fail('errors.date_real', notNumber)
  if (!/^\d{4}$/.test(yearText)) return fail('errors.date_year_digits', ['year'], { digits: 4 })
  const [day, month, year] = [Number(dayText), Number(monthText), Number(yearText)]
  if (year < 1000) return fail('errors.date_real', ['year'])
  if (month < 1 || month > 12) return fail('errors.date_real', day < 1 || day > 31 ? ['day', 'month'] : ['month'])
  if (day < 1 || day > daysIn(year, month)) return fail('errors.date_real', ['day'])
  const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`
  if (question.earliest && iso < question.earliest) return fail('errors.date_too_early', DATE_PARTS, { date: question.earliest })
  if (question.latest && iso > question.latest) return fail('errors.date_too_late', DATE_PARTS, { date: question.latest })
  return { ok: true, value: iso }
}

function requiredKey(question: Question): string {
  switch (question.type) {
    case 'text':
      return 'errors.required_text'
    case 'number':
      return 'errors.required_number'
    case 'multiple':
      return 'errors.required_multiple'
    case 'ranking':
      return 'errors.required_ranking'
    case 'ward':
      return 'errors.required_ward'
    case 'grid':
      return 'errors.required_grid'
    case 'date':
      return 'errors.required_date'
    default:
      return 'errors.required_choice'
  }
}

/** The raw values to show back in the form after an error, so nothing typed is lost. */
export function echoValues(question: Question, form: { getAll(name: string): unknown[] }): string[] {
  const strings = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string')
  if (question.type === 'ranking') {
    return Array.from({ length: question.maxRank }, (_, i) => strings(`rank-${i + 1}`)[0] ?? '')
  }
  if (question.type === 'grid') {
    return question.statements.map((_, i) => strings(fieldName(question, i + 1))[0] ?? '')
  }
  if (question.type === 'date') {
    return DATE_PARTS.map((part) => (strings(dateFieldId(part))[0] ?? '').slice(0, 20))
  }
  return strings('answer').map((s) => s.slice(0, 20000))
}

/** The error as words in the reader's language; dates in its values are written out ("14 November 2023"). */
export function answerErrorText(
  error: AnswerError,
  t: (key: string, values?: Record<string, string | number>) => string,
  locale: string,
): string {
  const values = error.values
    ? Object.fromEntries(Object.entries(error.values).map(([name, v]) => [name, typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatIsoDate(v, locale) : v]))
    : undefined
  return t(error.key, values)
}
