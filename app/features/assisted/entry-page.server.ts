import type { DB } from '../../../db/connection.ts'
import { findSurveyVersion, type SurveyVersion } from '../consultations/consultations.server.ts'
import { getWards } from '../responses/resident-flow.server.ts'
import type { Answers } from '../surveys/answers.ts'
import { localise, type SurveyDefinition } from '../surveys/definition.ts'
import { formatAnswer } from '../surveys/format-answer.ts'
import { answerErrorText } from '../surveys/validate-answer.ts'
import { formatDate, isLocale } from '../i18n/config.ts'
import { i18n, messagesFor } from '~/utils/i18next.server.ts'
import type { EntryFormData, EntryFormState } from './entry-form.tsx'
import { type ParsedEntry, describeCondition, fieldPrefix, parseEntry } from './entry.ts'
import type { EntrySummary } from './assisted.server.ts'

// What the assisted-entry pages load and how a posted entry becomes either
// answers to save or errors to show, in the officer's language.

export async function entryFormData(db: DB, definition: SurveyDefinition, locale: string): Promise<EntryFormData> {
  return {
    definition,
    locale,
    contentLocale: definition.locales.includes(locale) ? locale : 'en',
    surveyMessages: (isLocale(locale) ? messagesFor(locale) : messagesFor('en')).survey as Record<string, unknown>,
    wards: definition.questions.some((q) => q.type === 'ward') ? await getWards(db) : [],
  }
}

/** A survey version of this consultation (the one the form was shown with), or undefined. */
export async function findVersionForConsultation(db: DB, consultationId: string, versionId: unknown): Promise<SurveyVersion | undefined> {
  if (typeof versionId !== 'string' || !versionId) return undefined
  const row = await db.selectFrom('survey_version').select('id').where('id', '=', versionId).where('consultation_id', '=', consultationId).executeTakeFirst()
  return row ? findSurveyVersion(db, row.id) : undefined
}

export interface ReadEntry {
  parsed: ParsedEntry
  /** what the page shows again when there are errors */
  state: EntryFormState
}

/** Validates a posted entry with the survey's validators; errors in the officer's language, naming the question. */
export async function readEntry(db: DB, definition: SurveyDefinition, form: FormData, officerLocale: string): Promise<ReadEntry> {
  const wardCodes = definition.questions.some((q) => q.type === 'ward') ? (await getWards(db)).map((w) => w.code) : []
  const parsed = parseEntry(definition, form, wardCodes)
  const ts = await i18n.getFixedT(officerLocale, 'survey')
  const ta = await i18n.getFixedT(officerLocale, 'assisted')
  const errors = parsed.errors.map((error) => {
    if (error.kind === 'note') {
      const text = ta(error.key, { max: error.max })
      return { id: error.id, text, summary: text, questionKey: null }
    }
    const text = answerErrorText(error.error, ts, officerLocale)
    return {
      id: error.id,
      text,
      summary: ta('errors.question', { n: error.number, message: text }),
      questionKey: error.questionKey,
      highlight: error.error.highlight?.map((id) => fieldPrefix(error.questionKey) + id),
    }
  })
  return { parsed, state: { values: parsed.echo, errors, note: parsed.rawNote } }
}

export interface DroppedLine {
  number: number
  title: string
  rule: string
}

/** Questions whose answers skip logic dropped, with the rule that hid them, in the officer's language. */
export async function droppedLines(definition: SurveyDefinition, keys: string[], officerLocale: string): Promise<DroppedLine[]> {
  const ts = await i18n.getFixedT(officerLocale, 'survey')
  const ta = await i18n.getFixedT(officerLocale, 'assisted')
  return definition.questions.flatMap((question, index) => {
    if (!keys.includes(question.key)) return []
    const condition = describeCondition(definition, question, officerLocale, (code) => ts(`scale.${code}`))
    return [
      {
        number: index + 1,
        title: localise(question.title, officerLocale),
        rule: condition ? ta(`entry.only_if.${condition.operator}`, { n: condition.number, value: condition.value }) : '',
      },
    ]
  })
}

/** Dropped question keys from a query string (comma separated), kept only when the survey has them. */
export function droppedFromQuery(definition: SurveyDefinition, value: string | null): string[] {
  const keys = (value ?? '').split(',').filter(Boolean)
  return definition.questions.map((q) => q.key).filter((key) => keys.includes(key))
}

export interface AnswerLine {
  number: number
  title: string
  lines: string[]
}

/** Answers as words for staff: each answered question, numbered, in the officer's language where the survey has it. */
export async function answerLines(db: DB, definition: SurveyDefinition, answers: Answers, officerLocale: string): Promise<AnswerLine[]> {
  const ts = await i18n.getFixedT(officerLocale, 'survey')
  const wards = definition.questions.some((q) => q.type === 'ward') ? await getWards(db) : []
  const contentLocale = definition.locales.includes(officerLocale) ? officerLocale : 'en'
  return definition.questions.flatMap((question, index) => {
    const value = answers[question.key]
    if (value === undefined) return []
    return [{ number: index + 1, title: localise(question.title, contentLocale), lines: formatAnswer(question, value, contentLocale, ts, wards, officerLocale) }]
  })
}

/** The first entry of a paper form, for the page that refuses a second one. */
export async function describeFirstEntry(db: DB, entry: EntrySummary, officerLocale: string) {
  return {
    responseId: entry.responseId,
    reference: entry.reference,
    enteredByName: entry.enteredByName,
    enteredAt: formatDate(entry.enteredAt, officerLocale, { dateStyle: 'long', timeStyle: 'short' }),
    answers: entry.definition ? await answerLines(db, entry.definition, entry.answers, officerLocale) : [],
  }
}
export type FirstEntry = Awaited<ReturnType<typeof describeFirstEntry>>
