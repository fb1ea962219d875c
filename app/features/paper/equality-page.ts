import { ETHNIC_GROUPS, EQUALITY_QUESTIONS, PREFER_NOT_TO_SAY, equalityOptions, findEqualityQuestion } from '../equality/questions.ts'

// The equality questions on the detachable last page of a paper form. Online,
// the ethnic group is asked in two steps; on paper it is one question with the
// detailed answers under each broad group (as on the census form), and the
// broad group follows from the box ticked. Online, `askIf` hides questions;
// on paper the same rules are written out (see the EQUALITY_QUESTIONS comments).

export interface PaperEqualityOption {
  code: string
  /** Offers a line to describe (the online "describe" box). */
  writeIn: boolean
}

export interface PaperEqualityQuestion {
  /** The equality question key answers are stored under (the detailed ethnic group for the combined question). */
  key: string
  /** Translation key of the title and hint in the equality namespace. */
  titleKey: string
  hintKey?: string
  /** Options in groups: one unnamed group, or one per broad ethnic group. */
  groups: { key: string | null; options: PaperEqualityOption[] }[]
  /** "If you answered …, go to question n" (codes of this question; null: the end of the page). */
  skip?: { values: string[]; goTo: number | null }
  /** Only for residents aged 16 or over. */
  aged16Plus?: boolean
  /** Only when an earlier question on this page (`key`, number `n`) had this answer. */
  onlyIf?: { n: number; key: string; value: string }
}

function options(key: string): PaperEqualityOption[] {
  const question = findEqualityQuestion(key)!
  const { options, writeIn } = equalityOptions(question, {})
  return options.map((code) => ({ code, writeIn: writeIn.includes(code) }))
}

/** The questions of the equality page, numbered from 1 in this order. */
export function paperEqualityQuestions(): PaperEqualityQuestion[] {
  const order = EQUALITY_QUESTIONS.filter((q) => q.key !== 'ethnic_group_broad').map((q) => q.key)
  const number = (key: string) => order.indexOf(key) + 1
  return order.map((key): PaperEqualityQuestion => {
    switch (key) {
      case 'age_band':
        // gender_identity and sexual_orientation are asked only from 16 (askIf: aged16Plus).
        return { key, titleKey: `questions.${key}.title`, groups: [{ key: null, options: options(key) }], skip: { values: ['under_16'], goTo: number('ethnic_group') } }
      case 'gender_identity':
      case 'sexual_orientation':
        return { key, titleKey: `questions.${key}.title`, groups: [{ key: null, options: options(key) }], aged16Plus: true }
      case 'ethnic_group':
        return {
          key,
          titleKey: 'questions.ethnic_group_broad.title',
          hintKey: 'questions.ethnic_group.hint',
          groups: [
            ...Object.entries(ETHNIC_GROUPS).map(([group, { options, writeIn }]) => ({
              key: group,
              options: options.map((code) => ({ code, writeIn: writeIn.includes(code) })),
            })),
            { key: null, options: [{ code: PREFER_NOT_TO_SAY, writeIn: false }] },
          ],
        }
      case 'long_term_condition':
        // activity_limitation is asked only after "Yes" and is the last question.
        return { key, titleKey: `questions.${key}.title`, groups: [{ key: null, options: options(key) }], skip: { values: ['no', PREFER_NOT_TO_SAY], goTo: null } }
      case 'activity_limitation':
        return {
          key,
          titleKey: `questions.${key}.title`,
          hintKey: `questions.${key}.hint`,
          groups: [{ key: null, options: options(key) }],
          onlyIf: { n: number('long_term_condition'), key: 'long_term_condition', value: 'yes' },
        }
      default:
        return { key, titleKey: `questions.${key}.title`, groups: [{ key: null, options: options(key) }] }
    }
  })
}
