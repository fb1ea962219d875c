import { localise, type Question, type SurveyDefinition } from './definition.ts'

// Questions as the builder lists them: English texts, and each skip rule in
// words ("Shown only if question 2 … is No") rather than as codes.

const SCALE_LABELS: Record<string, string> = {
  strongly_agree: 'Strongly agree',
  agree: 'Agree',
  neither: 'Neither agree nor disagree',
  disagree: 'Disagree',
  strongly_disagree: 'Strongly disagree',
  dont_know: "Don't know",
}

/** The English label of an answer code of a question (the code itself when it has none). */
export function answerLabel(question: Question, code: string): string {
  if ('options' in question) return localise(question.options.find((o) => o.code === code)?.label, 'en') || code
  if (question.type === 'scale') return SCALE_LABELS[code] ?? code
  return code
}

export function describeQuestions(definition: SurveyDefinition, callsToAction: { code: string; title: string }[]) {
  const numberOf = new Map(definition.questions.map((q, i) => [q.key, i + 1]))
  return definition.questions.map((question) => {
    const target = question.showIf ? definition.questions.find((q) => q.key === question.showIf!.question) : undefined
    return {
      key: question.key,
      type: question.type,
      title: localise(question.title, 'en'),
      required: question.required,
      ctas: question.ctas.map((code) => callsToAction.find((c) => c.code === code)?.code ?? code),
      answers: 'options' in question ? question.options.map((o) => localise(o.label, 'en')) : question.type === 'grid' ? question.statements.map((s) => localise(s.label, 'en')) : [],
      condition:
        question.showIf && target
          ? {
              operator: question.showIf.operator,
              question: `${numberOf.get(target.key)}. ${localise(target.title, 'en')}`,
              value: question.showIf.value ? answerLabel(target, question.showIf.value) : '',
            }
          : null,
    }
  })
}
