import { SUPPORTED_LOCALES } from '../i18n/config.ts'
import type { Question, SurveyDefinition } from '../surveys/definition.ts'

// The columns of an import file for one survey version: the partner's row id,
// how and when the response was collected, then one column per question (a
// grid has one per statement, a ranking one per place). Pure: no database.

/** How a partner collected a response; it becomes the response's channel. */
export const IMPORT_METHODS = ['paper', 'phone', 'face_to_face', 'event', 'online'] as const
export type ImportMethod = (typeof IMPORT_METHODS)[number]
export const DEFAULT_METHOD: ImportMethod = 'paper'
/** The languages a response can be given in (the product's languages). */
export const IMPORT_LANGUAGES: readonly string[] = SUPPORTED_LOCALES
export const DEFAULT_LANGUAGE = 'en'

export const EXTERNAL_ID = 'external_id'
export const METHOD = 'method'
export const LANGUAGE = 'language'
export const SUBMITTED_AT = 'submitted_at'
/** Columns about the row itself; only external_id must be present in a file. */
export const META_COLUMNS = [EXTERNAL_ID, METHOD, LANGUAGE, SUBMITTED_AT] as const
export const REQUIRED_META_COLUMNS: readonly string[] = [EXTERNAL_ID]
export const EXTERNAL_ID_MAX_LENGTH = 100
/** Multiple choice: option codes in one cell, separated by this. */
export const MULTIPLE_SEPARATOR = ';'

/** The most a file may hold, in bytes and in rows of responses. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024
export const MAX_IMPORT_ROWS = 100_000
/** Problems listed on the page at most (the total is always given). */
export const MAX_LISTED_PROBLEMS = 100

export type ImportColumn =
  | { name: string; kind: 'meta' }
  | { name: string; kind: 'answer'; question: Question }
  | { name: string; kind: 'statement'; question: Extract<Question, { type: 'grid' }>; index: number }
  | { name: string; kind: 'place'; question: Extract<Question, { type: 'ranking' }>; place: number }

/** A grid statement's column, e.g. area_statements.get_on_well. */
export const statementColumn = (key: string, code: string) => `${key}.${code}`
/** A ranking place's column, e.g. priorities.1. */
export const placeColumn = (key: string, place: number) => `${key}.${place}`

/** The columns of a question, in order. */
export function questionColumns(question: Question): ImportColumn[] {
  if (question.type === 'grid') {
    return question.statements.map((statement, index) => ({ name: statementColumn(question.key, statement.code), kind: 'statement' as const, question, index }))
  }
  if (question.type === 'ranking') {
    return Array.from({ length: question.maxRank }, (_, i) => ({ name: placeColumn(question.key, i + 1), kind: 'place' as const, question, place: i + 1 }))
  }
  return [{ name: question.key, kind: 'answer', question }]
}

/** Every column of the template, in order: the row's own columns, then the questions'. */
export function importColumns(definition: SurveyDefinition): ImportColumn[] {
  return [...META_COLUMNS.map((name) => ({ name, kind: 'meta' as const })), ...definition.questions.flatMap(questionColumns)]
}

/** A header as typed (spaces around it, capitals) compared with a column name. */
export function normaliseHeader(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLowerCase()
}
