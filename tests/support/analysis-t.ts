import { createI18n } from '~/features/i18n/create-i18n.ts'
import { resources } from '~/features/i18n/resources.ts'

const i18n = createI18n('en', resources.en)

/** English strings as the analysis pages look them up: a key without a namespace is in "analysis". */
export function analysisT(key: string, values?: Record<string, unknown>): string {
  return i18n.t(key.includes(':') ? key : `analysis:${key}`, values as never) as unknown as string
}
