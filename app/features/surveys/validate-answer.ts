import { z } from 'zod'
import { SCALE_CODES, type Question } from './definition.ts'
import type { AnswerValue } from './answers.ts'

// Validates what a resident posted for one question. Errors are i18n keys
// (namespace "survey") with their interpolation values, so the same check
// gives a translated message in every language.

export interface AnswerError {
  /** id of the input the error summary links to */
  field: string
  key: string
  values?: Record<string, string | number>
}

export type ParsedAnswer =
  | { ok: true; value: AnswerValue | undefined }
  | { ok: false; error: AnswerError }

/** Form field names for a question; ranking has one select per place. */
export function fieldName(question: Question, place = 1): string {
  return question.type === 'ranking' ? `rank-${place}` : 'answer'
}

/** The id of the first input of a question, for error summary links. */
export function firstInputId(question: Question): string {
  if (question.type === 'ranking') return 'rank-1'
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
function toAsciiDigits(input: string): string {
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
  }
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
  return strings('answer').map((s) => s.slice(0, 20000))
}
