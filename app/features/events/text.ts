// Client-safe helpers for texts stored per language.
export type I18nText = Record<string, string>

/** A text in the reader's language, else English, else whichever it has (a commitment written in Bengali); `lang` says which it is. */
export function pick(text: I18nText | null | undefined, locale: string): { text: string; lang: string } {
  if (text?.[locale]) return { text: text[locale]!, lang: locale }
  if (text?.en || !text) return { text: text?.en ?? '', lang: 'en' }
  const [lang, value] = Object.entries(text).find(([, v]) => v) ?? ['en', '']
  return { text: value, lang }
}

/** The text in each of the event's languages (English first), without repeats: for the projector. */
export function inEveryLanguage(text: I18nText | null | undefined, locales: string[]): { text: string; lang: string }[] {
  const out: { text: string; lang: string }[] = []
  for (const lang of ['en', ...locales.filter((l) => l !== 'en')]) {
    const value = text?.[lang]
    if (value && !out.some((o) => o.text === value)) out.push({ text: value, lang })
  }
  // Written only in a language the event does not show: still shown, as written.
  if (!out.length && text) {
    const only = pick(text, 'en')
    if (only.text) out.push(only)
  }
  return out
}
