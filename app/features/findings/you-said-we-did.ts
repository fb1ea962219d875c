import type { PublishedCell } from '../analysis/publish.ts'

// "You said, we did": the entry form's rules and the headline findings'
// shape (client-safe: no server imports).

export const ENTRY_MAX = 2000

export interface EntryTexts {
  said: Record<string, string>
  did: Record<string, string>
}

export type EntryErrors = Partial<Record<string, string>>

/**
 * Reads an entry from the form: English is required for both halves; other
 * languages (those the consultation offers) are optional. Errors are i18n keys.
 */
export function parseEntry(get: (name: string) => unknown, locales: readonly string[]): { ok: true; value: EntryTexts } | { ok: false; errors: EntryErrors; values: EntryTexts } {
  const text = (name: string) => {
    const v = get(name)
    return typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : ''
  }
  const said: Record<string, string> = {}
  const did: Record<string, string> = {}
  const errors: EntryErrors = {}
  for (const locale of ['en', ...locales.filter((l) => l !== 'en')]) {
    for (const [half, into] of [['said', said], ['did', did]] as const) {
      const name = `${half}-${locale}`
      const value = text(name)
      if (value.length > ENTRY_MAX) errors[name] = 'yswd.errors.too_long'
      if (value) into[locale] = value
      else if (locale === 'en') errors[name] = half === 'said' ? 'yswd.errors.said_required' : 'yswd.errors.did_required'
    }
  }
  return Object.keys(errors).length ? { ok: false, errors, values: { said, did } } : { ok: true, value: { said, did } }
}

/** A text in the reader's language, else English (marked so the page can set lang="en"). */
export function textFor(texts: Record<string, string>, locale: string): { text: string; lang: string } {
  return texts[locale] ? { text: texts[locale]!, lang: locale } : { text: texts.en ?? '', lang: 'en' }
}

export interface HeadlineQuestion {
  key: string
  title: string
  lang?: string
  /** the most given answers whose counts are shown, most first */
  top: { label: string; lang?: string; cell: PublishedCell }[]
  base: PublishedCell
  multi: boolean
}

/** The headline findings in one language, suppressed when they were published. */
export interface Headline {
  state: 'no-survey' | 'empty' | 'too-few' | 'ok'
  responses: PublishedCell
  questions: HeadlineQuestion[]
  /** lang: the language of the name (a theme made from a call to action is named in the page's language) */
  themes: { name: string; lang?: string; cta: string | null; residents: PublishedCell }[]
}

/** The top `n` shown answers of a table, most given first (a hidden count is never ranked). */
export function topAnswers<R extends { cell: PublishedCell }>(rows: readonly R[], n = 3): R[] {
  return rows
    .filter((r) => r.cell.kind === 'shown' && r.cell.count > 0)
    .sort((a, b) => (b.cell.kind === 'shown' ? b.cell.count : 0) - (a.cell.kind === 'shown' ? a.cell.count : 0))
    .slice(0, n)
}
