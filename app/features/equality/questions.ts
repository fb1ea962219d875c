// The equality monitoring questions asked after "Check your answers".
// Structure and codes follow the GSS harmonised standards and Census 2021
// (db/seed/data/equality-monitoring-questions.json keeps the sources), so
// answers map one-to-one to the census margins for comparison.
// Labels are UI strings in locales/<lng>/equality.json, keyed by these codes.

export const PREFER_NOT_TO_SAY = 'prefer_not_to_say'

export interface EqualityQuestion {
  key: string
  options: string[]
  /** Option codes that offer an optional "describe" text box. */
  writeIn?: string[]
  /** Asked only when this returns true for the answers so far. */
  askIf?: (answers: Record<string, string>) => boolean
}

export const ETHNIC_GROUPS: Record<string, { options: string[]; writeIn: string[] }> = {
  white: {
    options: ['white_british', 'white_irish', 'white_gypsy_irish_traveller', 'white_roma', 'white_other'],
    writeIn: ['white_other'],
  },
  mixed: {
    options: ['mixed_white_black_caribbean', 'mixed_white_black_african', 'mixed_white_asian', 'mixed_other'],
    writeIn: ['mixed_other'],
  },
  asian: {
    options: ['asian_indian', 'asian_pakistani', 'asian_bangladeshi', 'asian_chinese', 'asian_other'],
    writeIn: ['asian_other'],
  },
  black: { options: ['black_caribbean', 'black_african', 'black_other'], writeIn: ['black_african', 'black_other'] },
  other: { options: ['other_arab', 'other_any'], writeIn: ['other_any'] },
}

const aged16Plus = (a: Record<string, string>) => a.age_band !== 'under_16'

export const EQUALITY_QUESTIONS: EqualityQuestion[] = [
  { key: 'age_band', options: ['under_16', '16_24', '25_34', '35_49', '50_64', '65_74', '75_plus', PREFER_NOT_TO_SAY] },
  { key: 'sex', options: ['female', 'male', PREFER_NOT_TO_SAY] },
  { key: 'gender_identity', options: ['yes', 'no', PREFER_NOT_TO_SAY], writeIn: ['no'], askIf: aged16Plus },
  {
    key: 'sexual_orientation',
    options: ['straight_heterosexual', 'gay_lesbian', 'bisexual', 'other', PREFER_NOT_TO_SAY],
    writeIn: ['other'],
    askIf: aged16Plus,
  },
  { key: 'ethnic_group_broad', options: [...Object.keys(ETHNIC_GROUPS), PREFER_NOT_TO_SAY] },
  {
    // The second step of the two-step ethnic group question: options depend on the broad group.
    key: 'ethnic_group',
    options: [],
    askIf: (a) => Boolean(a.ethnic_group_broad && a.ethnic_group_broad in ETHNIC_GROUPS),
  },
  {
    key: 'religion',
    options: ['none', 'christian', 'buddhist', 'hindu', 'jewish', 'muslim', 'sikh', 'other', PREFER_NOT_TO_SAY],
    writeIn: ['other'],
  },
  { key: 'long_term_condition', options: ['yes', 'no', PREFER_NOT_TO_SAY] },
  {
    key: 'activity_limitation',
    options: ['a_lot', 'a_little', 'not_at_all', PREFER_NOT_TO_SAY],
    askIf: (a) => a.long_term_condition === 'yes',
  },
]

/** The options and write-in codes for a question, given the answers so far. */
export function equalityOptions(question: EqualityQuestion, answers: Record<string, string>) {
  if (question.key === 'ethnic_group') {
    const group = ETHNIC_GROUPS[answers.ethnic_group_broad ?? '']
    return { options: group ? [...group.options, PREFER_NOT_TO_SAY] : [PREFER_NOT_TO_SAY], writeIn: group?.writeIn ?? [] }
  }
  return { options: question.options, writeIn: question.writeIn ?? [] }
}

export function findEqualityQuestion(key: string) {
  return EQUALITY_QUESTIONS.find((q) => q.key === key)
}

/** The equality questions this resident is asked, in order. */
export function askedEqualityQuestions(answers: Record<string, string>): EqualityQuestion[] {
  return EQUALITY_QUESTIONS.filter((q) => !q.askIf || q.askIf(answers))
}

export function nextEqualityQuestion(key: string | null, answers: Record<string, string>): EqualityQuestion | null {
  const all = EQUALITY_QUESTIONS
  const start = key === null ? 0 : all.findIndex((q) => q.key === key) + 1
  return all.slice(start).find((q) => !q.askIf || q.askIf(answers)) ?? null
}

export function previousEqualityQuestion(key: string, answers: Record<string, string>): EqualityQuestion | null {
  const index = EQUALITY_QUESTIONS.findIndex((q) => q.key === key)
  return EQUALITY_QUESTIONS.slice(0, index).filter((q) => !q.askIf || q.askIf(answers)).at(-1) ?? null
}

export type EqualityParse =
  | { ok: true; option: string; text: string | null }
  | { ok: false; errorKey: string }

const WRITE_IN_MAX = 200

/** Every equality question is optional: no answer is allowed and stored as nothing. */
export function parseEqualityAnswer(
  question: EqualityQuestion,
  answers: Record<string, string>,
  form: { get(name: string): unknown },
): EqualityParse | { ok: true; option: null; text: null } {
  const option = typeof form.get('answer') === 'string' ? (form.get('answer') as string) : ''
  const rawText = typeof form.get('describe') === 'string' ? (form.get('describe') as string).trim() : ''
  if (!option) return { ok: true, option: null, text: null }
  const { options, writeIn } = equalityOptions(question, answers)
  if (!options.includes(option)) return { ok: false, errorKey: 'errors.invalid_option' }
  if ([...rawText].length > WRITE_IN_MAX) return { ok: false, errorKey: 'errors.describe_too_long' }
  return { ok: true, option, text: writeIn.includes(option) && rawText ? rawText : null }
}
