import { SCALE_CODES, localise, type Condition, type Question, type SurveyDefinition } from '../surveys/definition.ts'
import { type Answers, type AnswerValue, gridValue, isAnswered } from '../surveys/answers.ts'
import { firstMissingRequired, keepVisibleAnswers, visibleQuestions } from '../surveys/skip-logic.ts'
import { type AnswerError, echoValues, parseAnswer } from '../surveys/validate-answer.ts'

// Assisted entry: staff type a whole response on one page. Every question's
// fields carry a prefix (q-<key>-) so the survey's own validators read them
// unchanged; skip logic decides which answers are kept. Pure: no database.

/** How a response reached us when staff enter it; `online` and `import` are made elsewhere. */
export const ASSISTED_METHODS = ['phone', 'face_to_face', 'event', 'paper'] as const
export type AssistedMethod = (typeof ASSISTED_METHODS)[number]
/** Every channel a response can have (response.channel). */
export const CHANNELS = ['online', 'phone', 'face_to_face', 'event', 'paper', 'import'] as const

export const NOTE_MAX_LENGTH = 1000
export const NOTE_FIELD = 'interviewer_note'

export function isAssistedMethod(value: unknown): value is AssistedMethod {
  return typeof value === 'string' && (ASSISTED_METHODS as readonly string[]).includes(value)
}

type FormLike = { getAll(name: string): unknown[]; get?(name: string): unknown }

/** The prefix of a question's field names and ids on the one-page form. */
export const fieldPrefix = (key: string) => `q-${key}-`

/** The posted form as one question's validator expects it (its own field names, unprefixed). */
export function scopedForm(form: FormLike, key: string): { getAll(name: string): unknown[] } {
  const prefix = fieldPrefix(key)
  return { getAll: (name: string) => form.getAll(prefix + name) }
}

export type EntryError =
  | { kind: 'answer'; questionKey: string; number: number; id: string; error: AnswerError }
  | { kind: 'note'; id: typeof NOTE_FIELD; key: 'errors.note_too_long'; max: number }

export interface ParsedEntry {
  /** answers to the questions this resident is asked (skip logic applied) */
  answers: Answers
  errors: EntryError[]
  /** questions hidden by skip logic that had something entered: dropped, in survey order */
  dropped: string[]
  /** what was posted, per question, to show back after an error */
  echo: Record<string, string[]>
  note: string | null
  /** the note as typed (after an error it is shown back unchanged) */
  rawNote: string
}

/**
 * Reads a whole response: every question through the survey's validator,
 * then skip logic. Errors count only for questions the resident is asked.
 */
export function parseEntry(definition: SurveyDefinition, form: FormLike, wardCodes: string[]): ParsedEntry {
  const raw: Answers = {}
  const problems = new Map<string, AnswerError>()
  const echo: Record<string, string[]> = {}
  const typed = new Set<string>()
  for (const question of definition.questions) {
    const scoped = scopedForm(form, question.key)
    echo[question.key] = echoValues(question, scoped)
    if (echo[question.key]!.some((v) => v.trim())) typed.add(question.key)
    const parsed = parseAnswer(question, scoped, wardCodes)
    if (parsed.ok) {
      if (parsed.value !== undefined) raw[question.key] = parsed.value
    } else {
      problems.set(question.key, parsed.error)
    }
  }
  const visible = new Set(visibleQuestions(definition, raw).map((q) => q.key))
  const errors: EntryError[] = []
  definition.questions.forEach((question, index) => {
    const error = problems.get(question.key)
    if (error && visible.has(question.key)) {
      errors.push({ kind: 'answer', questionKey: question.key, number: index + 1, id: fieldPrefix(question.key) + error.field, error })
    }
  })
  const rawNote = typeof form.get?.(NOTE_FIELD) === 'string' ? (form.get!(NOTE_FIELD) as string) : ''
  const note = rawNote.replace(/\r\n/g, '\n').trim()
  if ([...note].length > NOTE_MAX_LENGTH) errors.push({ kind: 'note', id: NOTE_FIELD, key: 'errors.note_too_long', max: NOTE_MAX_LENGTH })
  return {
    answers: keepVisibleAnswers(definition, raw),
    errors,
    dropped: definition.questions.filter((q) => !visible.has(q.key) && typed.has(q.key)).map((q) => q.key),
    echo,
    note: note || null,
    rawNote: rawNote.slice(0, NOTE_MAX_LENGTH * 4),
  }
}

/** An answer in a form that compares equal when it means the same (choice order of multiple choice does not matter). */
export function canonicalAnswer(question: Question, value: AnswerValue | undefined): string | null {
  if (value === undefined || !isAnswered(value)) return null
  switch (question.type) {
    case 'multiple':
      return JSON.stringify([...(value as string[])].sort())
    case 'grid': {
      const ratings = gridValue(value) ?? {}
      return JSON.stringify(
        Object.keys(ratings)
          .filter((k) => ratings[k])
          .sort()
          .map((k) => [k, ratings[k]]),
      )
    }
    case 'text':
      return JSON.stringify(String(value).trim().replace(/\s+/g, ' '))
    default:
      return JSON.stringify(value)
  }
}

export interface Mismatch {
  questionKey: string
  first: AnswerValue | undefined
  second: AnswerValue | undefined
}

/** The questions whose two entries differ, in survey order. */
export function compareEntries(definition: SurveyDefinition, first: Answers, second: Answers): Mismatch[] {
  return definition.questions
    .filter((q) => canonicalAnswer(q, first[q.key]) !== canonicalAnswer(q, second[q.key]))
    .map((q) => ({ questionKey: q.key, first: first[q.key], second: second[q.key] }))
}

export type Choice = 'first' | 'second'

export type ResolvedAnswers =
  | { ok: true; answers: Answers; dropped: string[] }
  | { ok: false; reason: 'unchosen'; questionKey: string }
  | { ok: false; reason: 'missing'; questionKey: string }

/**
 * The response after a reviewer picked, for each differing question, the first
 * or the second entry's value. Skip logic is applied again (a changed answer
 * can hide a later question), and a required question left empty is refused.
 */
export function resolveAnswers(definition: SurveyDefinition, current: Answers, mismatches: Mismatch[], choices: Record<string, Choice | undefined>): ResolvedAnswers {
  const next: Answers = { ...current }
  for (const mismatch of mismatches) {
    const choice = choices[mismatch.questionKey]
    if (choice !== 'first' && choice !== 'second') return { ok: false, reason: 'unchosen', questionKey: mismatch.questionKey }
    const value = choice === 'first' ? mismatch.first : mismatch.second
    if (value === undefined) delete next[mismatch.questionKey]
    else next[mismatch.questionKey] = value
  }
  const missing = firstMissingRequired(definition, next)
  if (missing) return { ok: false, reason: 'missing', questionKey: missing.key }
  const kept = keepVisibleAnswers(definition, next)
  return { ok: true, answers: kept, dropped: Object.keys(next).filter((key) => !(key in kept)) }
}

export interface ConditionDescription {
  operator: Condition['operator']
  /** 1-based number of the question the condition looks at */
  number: number
  title: string
  /** the compared answer as words (empty for `answered`) */
  value: string
}

/** Why a question may be skipped, in words: which earlier question and answer decide it. */
export function describeCondition(
  definition: SurveyDefinition,
  question: Question,
  locale: string,
  scaleLabel: (code: string) => string,
): ConditionDescription | null {
  const condition = question.showIf
  if (!condition) return null
  const index = definition.questions.findIndex((q) => q.key === condition.question)
  const target = definition.questions[index]
  if (!target) return null
  let value = condition.value ?? ''
  if ('options' in target) value = localise(target.options.find((o) => o.code === value)?.label, locale) || value
  else if (target.type === 'scale' && (SCALE_CODES as readonly string[]).includes(value)) value = scaleLabel(value)
  return { operator: condition.operator, number: index + 1, title: localise(target.title, locale), value }
}

/** The survey's questions answered in `answers`, with their values, for a summary. */
export function answeredQuestions(definition: SurveyDefinition, answers: Answers): { question: Question; number: number; value: AnswerValue }[] {
  return definition.questions.flatMap((question, index) => {
    const value = answers[question.key]
    return value !== undefined && isAnswered(value) ? [{ question, number: index + 1, value }] : []
  })
}
