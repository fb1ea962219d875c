import { SCALE_CODES, type Condition, type Question, type SurveyDefinition } from '../surveys/definition.ts'
import type { AnswerValue } from '../surveys/answers.ts'
import { isVisible } from '../surveys/skip-logic.ts'
import { languageOf } from '../i18n/config.ts'

// Skip logic in words for a paper form. On paper nobody hides a question, so
// each question that later questions depend on says where to go next for each
// kind of answer ("If you answered “No”, go to question 10"), worked out with
// the same skip logic the online survey uses; each dependent question also
// says when to answer it, for a resident who went past an instruction.

export type SkipKind = 'answered' | 'answered_other' | 'answered_any' | 'chose' | 'chose_none' | 'blank'

export interface SkipInstruction {
  kind: SkipKind
  /** The answers the instruction names (option codes, or numbers as text), in the question's order. */
  values: string[]
  /** The number of the question to go to; null: the end of the questions. */
  goTo: number | null
}

interface Scenario {
  kind: 'value' | 'other' | 'any' | 'blank'
  value?: string
  answer: AnswerValue | undefined
}

/** The answers a question offers as codes, when it has a fixed list. */
function answerCodes(question: Question, wardCodes: string[]): string[] | null {
  if ('options' in question) return question.options.map((o) => o.code)
  if (question.type === 'scale') return [...SCALE_CODES]
  if (question.type === 'ward') return wardCodes
  return null
}

/** Whether `later`, which depends on `source`, is shown when `source` has this answer. */
function shownWith(definition: SurveyDefinition, source: Question, later: Question, answer: AnswerValue | undefined): boolean {
  // Only the two questions: whatever hides or shows `source` itself is decided at its own question.
  const pair: SurveyDefinition = { ...definition, questions: [{ ...source, showIf: undefined } as Question, later] }
  return isVisible(pair, later.key, answer === undefined ? {} : { [source.key]: answer })
}

/**
 * The number of the next question a resident sees after question `index` with
 * this answer, or null at the end. A later question that depends on some other
 * answer may be seen, so it is where the resident goes (its own note says when
 * to answer it).
 */
function destination(definition: SurveyDefinition, index: number, answer: AnswerValue | undefined): number | null {
  const source = definition.questions[index]!
  const hidden = new Set<string>()
  for (let i = index + 1; i < definition.questions.length; i++) {
    const question = definition.questions[i]!
    const condition = question.showIf
    if (!condition) return i + 1
    if (condition.question === source.key) {
      if (shownWith(definition, source, question, answer)) return i + 1
      hidden.add(question.key)
    } else if (hidden.has(condition.question)) {
      // Its question was skipped, so it has no answer and no condition on it can hold.
      hidden.add(question.key)
    } else {
      return i + 1
    }
  }
  return null
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}

/** A whole number from min to max that no condition names, to stand for "any other number". */
function otherNumber(min: number, max: number, named: string[]): number | null {
  for (let n = min; n <= max && n <= min + named.length + 1; n++) {
    if (!named.includes(String(n))) return n
  }
  return null
}

function scenariosFor(source: Question, conditions: Condition[], wardCodes: string[]): { scenarios: Scenario[]; named: string[] } {
  const codes = answerCodes(source, wardCodes)
  const namedValues = unique(conditions.filter((c) => c.operator !== 'answered' && c.value !== undefined).map((c) => c.value!))
  // Named answers in the question's own order (numbers in numeric order).
  const named = codes ? codes.filter((c) => namedValues.includes(c)) : namedValues.sort((a, b) => Number(a) - Number(b))
  const scenarios: Scenario[] = []
  switch (source.type) {
    case 'single':
    case 'scale':
    case 'ward':
      for (const code of codes!) scenarios.push({ kind: 'value', value: code, answer: code })
      break
    case 'number': {
      for (const value of named) scenarios.push({ kind: 'value', value, answer: Number(value) })
      const other = otherNumber(source.min, source.max, named)
      if (other !== null) scenarios.push({ kind: 'other', answer: other })
      break
    }
    case 'multiple':
    case 'ranking': {
      for (const value of named) scenarios.push({ kind: 'value', value, answer: [value] })
      const other = codes!.find((code) => !named.includes(code))
      if (other) scenarios.push({ kind: 'other', answer: [other] })
      break
    }
    case 'text':
      scenarios.push({ kind: 'any', answer: 'answer' })
      break
    case 'date':
      scenarios.push({ kind: 'any', answer: '2000-01-01' })
      break
    case 'grid':
      scenarios.push({ kind: 'any', answer: { [source.statements[0]!.code]: SCALE_CODES[0] } })
      break
  }
  if (conditions.some((c) => c.operator === 'answered')) scenarios.push({ kind: 'blank', answer: undefined })
  return { scenarios, named }
}

/** Where to go from question `key` for each kind of answer; empty when no later question depends on it. */
export function skipInstructions(definition: SurveyDefinition, key: string, { wardCodes = [] }: { wardCodes?: string[] } = {}): SkipInstruction[] {
  const index = definition.questions.findIndex((q) => q.key === key)
  if (index < 0) return []
  const source = definition.questions[index]!
  const conditions = definition.questions.filter((q) => q.showIf?.question === key).map((q) => q.showIf!)
  if (!conditions.length) return []
  const next = index + 2 <= definition.questions.length ? index + 2 : null
  const { scenarios, named } = scenariosFor(source, conditions, wardCodes)
  const routed = scenarios.map((s) => ({ ...s, goTo: destination(definition, index, s.answer) }))
  const answered = routed.filter((s) => s.kind !== 'blank')
  const chooses = source.type === 'multiple' || source.type === 'ranking'
  const instructions: SkipInstruction[] = []

  const destinations = unique(answered.map((s) => s.goTo))
  if (destinations.length === 1) {
    // Every answer leads to the same place.
    if (destinations[0] !== next) instructions.push({ kind: 'answered_any', values: [], goTo: destinations[0]! })
  } else {
    const groups = new Map<number | null, string[]>()
    for (const s of answered) {
      if (s.kind !== 'value' || s.goTo === next) continue
      groups.set(s.goTo, [...(groups.get(s.goTo) ?? []), s.value!])
    }
    const codes = answerCodes(source, wardCodes)
    for (const [goTo, values] of groups) {
      if (chooses) {
        instructions.push({ kind: 'chose', values, goTo })
      } else if (codes && values.length > 3 && codes.length - values.length < values.length) {
        // A long list reads better as the few answers it leaves out ("any answer other than …").
        instructions.push({ kind: 'answered_other', values: codes.filter((c) => !values.includes(c)), goTo })
      } else {
        instructions.push({ kind: 'answered', values, goTo })
      }
    }
    const other = answered.find((s) => s.kind === 'other')
    if (other && other.goTo !== next) instructions.push({ kind: chooses ? 'chose_none' : 'answered_other', values: named, goTo: other.goTo })
  }
  const blank = routed.find((s) => s.kind === 'blank')
  if (blank && blank.goTo !== next) instructions.push({ kind: 'blank', values: [], goTo: blank.goTo })
  return instructions
}

export interface OnlyIfNote {
  operator: Condition['operator']
  /** The number of the question it depends on. */
  n: number
  value?: string
}

/** When to answer a question that depends on an earlier answer, or null for every resident. */
export function onlyIfNote(definition: SurveyDefinition, key: string): OnlyIfNote | null {
  const question = definition.questions.find((q) => q.key === key)
  if (!question?.showIf) return null
  const n = definition.questions.findIndex((q) => q.key === question.showIf!.question) + 1
  return { operator: question.showIf.operator, n, value: question.showIf.value }
}

type Translate = (key: string, options?: Record<string, unknown>) => string

/** An answer list in the reader's language: “Yes”, “No” or “Don't know”. */
function answerList(t: Translate, locale: string, values: string[], label: (value: string) => string) {
  const quoted = values.map((v) => t('paper:quote', { text: label(v) }))
  return new Intl.ListFormat(languageOf(locale).intl, { type: 'disjunction' }).format(quoted)
}

/** A skip instruction as a sentence in the form's language. */
export function skipInstructionText(t: Translate, locale: string, instruction: SkipInstruction, label: (value: string) => string): string {
  const key = `paper:skip.${instruction.kind}${instruction.goTo === null ? '_end' : ''}`
  return t(key, { answers: answerList(t, locale, instruction.values, label), n: instruction.goTo ?? 0 })
}

export function onlyIfText(t: Translate, locale: string, note: OnlyIfNote, label: (value: string) => string): string {
  return t(`paper:only_if.${note.operator}`, { answer: note.value === undefined ? '' : answerList(t, locale, [note.value], label), n: note.n })
}
