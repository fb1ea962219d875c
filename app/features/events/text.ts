// Client-safe helpers for texts stored per language.
export type I18nText = Record<string, string>

/** A text in the reader's language, else English; `lang` says which it is. */
export function pick(text: I18nText | null | undefined, locale: string): { text: string; lang: string } {
  if (text?.[locale]) return { text: text[locale]!, lang: locale }
  return { text: text?.en ?? '', lang: 'en' }
}

/** The text in each of the event's languages (English first), without repeats: for the projector. */
export function inEveryLanguage(text: I18nText | null | undefined, locales: string[]): { text: string; lang: string }[] {
  const out: { text: string; lang: string }[] = []
  for (const lang of ['en', ...locales.filter((l) => l !== 'en')]) {
    const value = text?.[lang]
    if (value && !out.some((o) => o.text === value)) out.push({ text: value, lang })
  }
  return out
}
