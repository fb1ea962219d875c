import { SCALE_CODES, localise, type Question } from './definition.ts'
import type { AnswerValue } from './answers.ts'

/** An answer as words, for "Check your answers" (ranking keeps its order). */
export function formatAnswer(
  question: Question,
  value: AnswerValue,
  contentLocale: string,
  t: (key: string) => string,
  wards: { code: string; name: string }[],
): string[] {
  const label = (code: string) => {
    if ('options' in question) return localise(question.options.find((o) => o.code === code)?.label, contentLocale) || code
    return code
  }
  switch (question.type) {
    case 'single':
      return [label(value as string)]
    case 'multiple':
      return (value as string[]).map(label)
    case 'ranking':
      return (value as string[]).map((code, i) => `${i + 1}. ${label(code)}`)
    case 'scale':
      return [SCALE_CODES.includes(value as (typeof SCALE_CODES)[number]) ? t(`scale.${value}`) : String(value)]
    case 'ward':
      return [wards.find((w) => w.code === value)?.name ?? String(value)]
    default:
      return [String(value)]
  }
}
