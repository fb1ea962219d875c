import type { Question } from './definition.ts'

/**
 * A resident's answer to one question, as the app handles it:
 * single, scale and ward are an option code; multiple and ranking are codes in order;
 * number is a whole number; text is a string.
 */
export type AnswerValue = string | string[] | number
export type Answers = Record<string, AnswerValue>

export interface AnswerRow {
  question_key: string
  position: number
  option_code: string | null
  number_value: number | null
  text_value: string | null
}

/** Rows for the answer table: one per chosen option, so analysis is plain SQL. */
export function answerToRows(question: Question, value: AnswerValue): AnswerRow[] {
  const row = { question_key: question.key, option_code: null, number_value: null, text_value: null }
  switch (question.type) {
    case 'multiple':
    case 'ranking':
      return (value as string[]).map((code, position) => ({ ...row, position, option_code: code }))
    case 'number':
      return [{ ...row, position: 0, number_value: value as number }]
    case 'text':
      return [{ ...row, position: 0, text_value: value as string }]
    default:
      return [{ ...row, position: 0, option_code: value as string }]
  }
}

/** Rebuilds answers from stored rows (rows of unknown questions are ignored). */
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
    } else if (question.type === 'number') {
      if (row.number_value !== null) answers[question.key] = row.number_value
    } else if (question.type === 'text') {
      if (row.text_value !== null) answers[question.key] = row.text_value
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
  return true
}

/** A saved answer as the values a form field shows. */
export function answerToFormValues(question: Question, value: AnswerValue): string[] {
  if (Array.isArray(value)) return value
  return [String(value)]
}
