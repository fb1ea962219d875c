import { SCALE_CODES, localise, type Question } from './definition.ts'
import { gridValue, type AnswerValue } from './answers.ts'
import { formatDate, formatNumber } from '../i18n/config.ts'

/**
 * A calendar date ('YYYY-MM-DD') in the reader's language, e.g. "14 November 2023".
 * Noon UTC is the same calendar day in London all year, so the day never shifts.
 */
export function formatIsoDate(iso: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!match) return iso
  const epoch = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12)
  return Number.isNaN(epoch) ? iso : formatDate(epoch, locale)
}

/** An answer as words, for "Check your answers" (ranking keeps its order; a grid gives a line per rated statement). */
export function formatAnswer(
  question: Question,
  value: AnswerValue,
  contentLocale: string,
  t: (key: string) => string,
  wards: { code: string; name: string }[],
  /** the reader's language, for numbers and dates (the content's language when not given) */
  locale: string = contentLocale,
): string[] {
  const label = (code: string) => {
    if ('options' in question) return localise(question.options.find((o) => o.code === code)?.label, contentLocale) || code
    return code
  }
  const scaleLabel = (code: string) => (SCALE_CODES.includes(code as (typeof SCALE_CODES)[number]) ? t(`scale.${code}`) : code)
  switch (question.type) {
    case 'single':
      return [label(value as string)]
    case 'multiple':
      return (value as string[]).map(label)
    case 'ranking':
      return (value as string[]).map((code, i) => `${formatNumber(i + 1, locale)}. ${label(code)}`)
    case 'scale':
      return [scaleLabel(String(value))]
    case 'grid': {
      const ratings = gridValue(value) ?? {}
      return question.statements
        .filter((s) => Object.hasOwn(ratings, s.code))
        .map((s) => `${localise(s.label, contentLocale)}: ${scaleLabel(ratings[s.code]!)}`)
    }
    case 'date':
      return [formatIsoDate(String(value), locale)]
    case 'ward':
      return [wards.find((w) => w.code === value)?.name ?? String(value)]
    case 'number':
      return [typeof value === 'number' ? formatNumber(value, locale) : String(value)]
    default:
      return [String(value)]
  }
}
