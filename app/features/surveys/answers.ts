import type { Question } from './definition.ts'

/**
 * A resident's answer to one question, as the app handles it:
 * single, scale and ward are an option code; multiple and ranking are codes in order;
 * number is a whole number; text is a string; date is 'YYYY-MM-DD';
 * grid maps each rated statement's code to a scale code.
 */
export type AnswerValue = string | string[] | number | Record<string, string>
export type Answers = Record<string, AnswerValue>

export interface AnswerRow {
  question_key: string
  position: number
  option_code: string | null
  number_value: number | null
  text_value: string | null
  /** grid only: the statement this row rates */
  item_code: string | null
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** A grid answer (statement code -> scale code), or undefined for any other value. */
export function gridValue(value: AnswerValue | undefined): Record<string, string> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined
}

/** Rows for the answer table: one per chosen option, so analysis is plain SQL. */
export function answerToRows(question: Question, value: AnswerValue): AnswerRow[] {
  const row = { question_key: question.key, option_code: null, number_value: null, text_value: null, item_code: null }
  switch (question.type) {
    case 'multiple':
    case 'ranking':
      return (value as string[]).map((code, position) => ({ ...row, position, option_code: code }))
    case 'grid': {
      // One row per rated statement; position is the statement's place, so a
      // statement keeps its row number whichever others are rated.
      const ratings = gridValue(value) ?? {}
      return question.statements.flatMap((statement, position) => {
        const code = Object.hasOwn(ratings, statement.code) ? ratings[statement.code] : undefined
        return code ? [{ ...row, position, item_code: statement.code, option_code: code }] : []
      })
    }
    case 'number':
      return [{ ...row, position: 0, number_value: value as number }]
    case 'text':
    case 'date':
      return [{ ...row, position: 0, text_value: value as string }]
    default:
      return [{ ...row, position: 0, option_code: value as string }]
  }
}

/** Rebuilds answers from stored rows (rows of unknown questions or statements are ignored). */
export function rowsToAnswers(questions: Question[], rows: AnswerRow[]): Answers {
  const byKey = new Map(questions.map((q) => [q.key, q]))
  const answers: Answers = {}
  const sorted = [...rows].sort((a, b) => a.position - b.position)
  for (const row of sorted) {
    const question = byKey.get(row.question_key)
    if (!question) continue
    if (question.type === 'multiple' || question.type === 'ranking') {
      const list = (answers[question.key] as string[] | undefined) ?? []
      if (row.option_code) list.push(row.option_code)
      answers[question.key] = list
    } else if (question.type === 'grid') {
      if (!row.item_code || !row.option_code || !question.statements.some((s) => s.code === row.item_code)) continue
      const ratings = gridValue(answers[question.key]) ?? {}
      ratings[row.item_code] = row.option_code
      answers[question.key] = ratings
    } else if (question.type === 'number') {
      if (row.number_value !== null) answers[question.key] = row.number_value
    } else if (question.type === 'text') {
      if (row.text_value !== null) answers[question.key] = row.text_value
    } else if (question.type === 'date') {
      // Anonymisation redacts stored text, dates included: a redacted date is no answer.
      if (row.text_value !== null && ISO_DATE.test(row.text_value)) answers[question.key] = row.text_value
    } else if (row.option_code) {
      answers[question.key] = row.option_code
    }
  }
  return answers
}

export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'string') return value.trim().length > 0
  if (typeof value === 'object') return Object.values(value).some(Boolean)
  return true
}

/**
 * A saved answer as the values a form field shows: a grid's scale code per
 * statement in order ('' when unrated), a date's day, month and year.
 */
export function answerToFormValues(question: Question, value: AnswerValue): string[] {
  if (question.type === 'grid') {
    const ratings = gridValue(value) ?? {}
    return question.statements.map((s) => (Object.hasOwn(ratings, s.code) ? ratings[s.code]! : ''))
  }
  if (question.type === 'date' && typeof value === 'string' && ISO_DATE.test(value)) {
    const [year, month, day] = value.split('-')
    return [String(Number(day)), String(Number(month)), year!]
  }
  if (Array.isArray(value)) return value
  return [String(value)]
}
