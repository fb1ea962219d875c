// Languages the product speaks. Client-safe.
export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr', intl: 'en-GB' },
  { code: 'bn', name: 'বাংলা', dir: 'ltr', intl: 'bn-BD' },
  { code: 'so', name: 'Soomaali', dir: 'ltr', intl: 'so-SO' },
  { code: 'ur', name: 'اردو', dir: 'rtl', intl: 'ur-PK' },
] as const

export type Locale = (typeof LANGUAGES)[number]['code']
export const SUPPORTED_LOCALES: string[] = LANGUAGES.map((l) => l.code)
export const DEFAULT_LOCALE: Locale = 'en'
export const NAMESPACES = ['common', 'survey', 'equality', 'auth', 'builder', 'translate', 'imports', 'paper', 'assisted', 'analysis', 'events', 'coding', 'findings'] as const

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && SUPPORTED_LOCALES.includes(value)
}

export function languageOf(locale: string) {
  return LANGUAGES.find((l) => l.code === locale) ?? LANGUAGES[0]
}

export const TIME_ZONE = 'Europe/London'

/** Dates in the resident's language, always in London time. */
// The 24-hour clock in every language, as in the UK: Bengali's 12-hour clock
// would otherwise print "PM" in Latin letters.
export function formatDate(epochMs: number, locale: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }) {
  return new Intl.DateTimeFormat(languageOf(locale).intl, { timeZone: TIME_ZONE, hourCycle: 'h23', ...options }).format(epochMs)
}

export function formatTime(epochMs: number, locale: string) {
  return new Intl.DateTimeFormat(languageOf(locale).intl, { timeZone: TIME_ZONE, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).format(epochMs)
}

export function formatNumber(value: number, locale: string) {
  return new Intl.NumberFormat(languageOf(locale).intl).format(value)
}

/**
 * i18next interpolation shared by the server and the browser: every number in
 * a UI string is written with Intl in the reader's language (৫০০ in Bengali).
 */
export const interpolation = {
  escapeValue: false,
  alwaysFormat: true,
  format(value: unknown, _format: string | undefined, lng: string | undefined): string {
    return typeof value === 'number' ? formatNumber(value, lng ?? DEFAULT_LOCALE) : String(value ?? '')
  },
}
