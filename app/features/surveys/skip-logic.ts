import type { Condition, Question, SurveyDefinition } from './definition.ts'
import { type Answers, isAnswered } from './answers.ts'

// Skip logic: a question with `showIf` is shown only when an earlier answer
// matches. Conditions only point backwards (the schema enforces it), so one
// pass in order decides every question, and a hidden question's answer never
// counts towards a later condition.

function matches(condition: Condition, value: Answers[string] | undefined): boolean {
  // Only one code or number compares with a value: lists use `includes`, and a
  // grid or a date can only be `answered` (operatorsFor in definition.ts).
  const single = typeof value === 'string' || typeof value === 'number'
  switch (condition.operator) {
    case 'answered':
      return isAnswered(value)
    case 'equals':
      return single && String(value) === condition.value
    case 'not_equals':
      return single && isAnswered(value) && String(value) !== condition.value
    case 'includes':
      return Array.isArray(value) ? value.includes(condition.value ?? '') : single && String(value) === condition.value
  }
}

/** The questions a resident with these answers is asked, in order. */
export function visibleQuestions(definition: SurveyDefinition, answers: Answers): Question[] {
  const visible: Question[] = []
  const effective: Answers = {}
  for (const question of definition.questions) {
    const shown = !question.showIf || matches(question.showIf, effective[question.showIf.question])
    if (!shown) continue
    visible.push(question)
    if (answers[question.key] !== undefined) effective[question.key] = answers[question.key]!
  }
  return visible
}

export function isVisible(definition: SurveyDefinition, key: string, answers: Answers): boolean {
  return visibleQuestions(definition, answers).some((q) => q.key === key)
}

/** The next question to ask after `key`, or null when the survey is done. */
export function nextQuestion(definition: SurveyDefinition, key: string, answers: Answers): Question | null {
  const index = definition.questions.findIndex((q) => q.key === key)
  const visible = visibleQuestions(definition, answers)
  return visible.find((q) => definition.questions.indexOf(q) > index) ?? null
}

export function previousQuestion(definition: SurveyDefinition, key: string, answers: Answers): Question | null {
  const index = definition.questions.findIndex((q) => q.key === key)
  const before = visibleQuestions(definition, answers).filter((q) => definition.questions.indexOf(q) < index)
  return before.at(-1) ?? null
}

/** The first visible question that is required and unanswered, if any. */
export function firstMissingRequired(definition: SurveyDefinition, answers: Answers): Question | null {
  return visibleQuestions(definition, answers).find((q) => q.required && !isAnswered(answers[q.key])) ?? null
}

/** Answers to the questions the resident is asked; answers to skipped questions are dropped. */
export function keepVisibleAnswers(definition: SurveyDefinition, answers: Answers): Answers {
  const kept: Answers = {}
  for (const question of visibleQuestions(definition, answers)) {
    if (answers[question.key] !== undefined) kept[question.key] = answers[question.key]!
  }
  return kept
}

/** Where a returning resident carries on: the first visible unanswered question, or the check page. */
export function resumePoint(definition: SurveyDefinition, answers: Answers): string | 'check' {
  const next = visibleQuestions(definition, answers).find((q) => !isAnswered(answers[q.key]))
  return next ? next.key : 'check'
}
