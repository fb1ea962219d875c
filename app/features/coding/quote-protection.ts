// An analyst's protection of one free-text answer wherever it is quoted, for
// what the personal-details finder cannot see (a name with no "my name is"
// before it, a nickname, a shop): exact words taken out, or the whole answer
// withheld from quotes. Pure; stored by quote-protection.server.ts.

export interface QuoteProtection {
  withheld: boolean
  /** exact words (any case) replaced by MANUAL_MARK wherever the answer is quoted */
  phrases: string[]
}

export const MANUAL_MARK = '[details removed]'
export const MAX_PHRASES = 20
export const MAX_PHRASE_LENGTH = 200

export const quoteKey = (responseId: string, questionKey: string) => `${responseId}\u0000${questionKey}`

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The text to quote after the analyst's protection: null when withheld; longer phrases first, so one inside another goes too. */
export function applyQuoteProtection(text: string, protection: QuoteProtection | undefined): { text: string; redacted: boolean } | null {
  if (!protection) return { text, redacted: false }
  if (protection.withheld) return null
  let out = text
  for (const phrase of [...protection.phrases].sort((a, b) => b.length - a.length)) {
    if (!phrase.trim()) continue
    out = out.replace(new RegExp(escape(phrase), 'giu'), MANUAL_MARK)
  }
  return { text: out, redacted: out !== text }
}

export type QuoteProtectionForm = { ok: true; value: QuoteProtection } | { ok: false; errors: Record<string, string>; phrases: string }

/**
 * The coding screen's quote protection form: words to remove, one per line
 * (each must be in the answer, so a typo is caught rather than silently
 * protecting nothing), and "withhold this answer from quotes".
 */
export function parseQuoteProtectionForm(form: FormData, answerText: string): QuoteProtectionForm {
  const raw = typeof form.get('phrases') === 'string' ? String(form.get('phrases')) : ''
  const withheld = form.get('withheld') === 'yes'
  const phrases = [...new Set(raw.split(/\r?\n/).map((line) => line.trim().replace(/\s+/g, ' ')).filter(Boolean))]
  if (phrases.length > MAX_PHRASES) return { ok: false, errors: { phrases: 'errors.too_many_phrases' }, phrases: raw }
  if (phrases.some((p) => p.length > MAX_PHRASE_LENGTH)) return { ok: false, errors: { phrases: 'errors.phrase_too_long' }, phrases: raw }
  const haystack = answerText.replace(/\s+/g, ' ').toLocaleLowerCase()
  if (phrases.some((p) => !haystack.includes(p.toLocaleLowerCase()))) return { ok: false, errors: { phrases: 'errors.phrase_not_found' }, phrases: raw }
  return { ok: true, value: { withheld, phrases } }
}
