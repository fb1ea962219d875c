import { redactPersonalDetails } from '../coding/personal-details.ts'
import { applyQuoteProtection, quoteKey, type QuoteProtection } from '../coding/quote-protection.ts'
import { publishCount, publishDistribution, type PublishedCell, type SuppressionSettings } from '../analysis/publish.ts'

// The call-to-action summary's pure logic (no database): how many residents
// raised each theme and each call to action, suppressed like every other
// count; and which answers to quote, chosen the same way every time.

export interface ThemeRef {
  id: string
  name: string
  /** CTA1..CTA5, or null for a theme linked to no call to action */
  ctaCode: string | null
}

/** A first-pass coding: this response's answer to this question is about this theme. */
export interface CodingRef {
  responseId: string
  questionKey: string
  themeId: string
}

/** A free-text answer that has been coded (to be considered as a quote). */
export interface CodedText {
  responseId: string
  questionKey: string
  text: string
}

export interface ThemeFigures {
  id: string
  name: string
  /** distinct responses with a coding to the theme */
  residents: number
}

export interface CtaThemeFigures {
  code: string | null
  themes: ThemeFigures[]
  /** distinct responses with a coding to any theme of the call to action */
  residents: number
}

/** Raw counts per call to action: distinct responses, so a resident who raised two themes of one call to action counts once for it. */
export function countResidentsByCta(ctaCodes: readonly (string | null)[], themes: readonly ThemeRef[], codings: readonly CodingRef[]): CtaThemeFigures[] {
  const byTheme = new Map<string, Set<string>>()
  for (const c of codings) {
    let set = byTheme.get(c.themeId)
    if (!set) byTheme.set(c.themeId, (set = new Set()))
    set.add(c.responseId)
  }
  return ctaCodes.map((code) => {
    const linked = themes.filter((th) => th.ctaCode === code)
    const all = new Set<string>()
    const figures = linked.map((th) => {
      const residents = byTheme.get(th.id) ?? new Set<string>()
      for (const r of residents) all.add(r)
      return { id: th.id, name: th.name, residents: residents.size }
    })
    // Most raised first; ties by name so the order never depends on the database.
    figures.sort((a, b) => b.residents - a.residents || a.name.localeCompare(b.name))
    return { code, themes: figures, residents: all.size }
  })
}

export interface PublishedThemes {
  themes: { id: string; name: string; residents: PublishedCell }[]
  residents: PublishedCell
}

/**
 * Theme counts as published: a resident may raise several themes, so the
 * counts are a multi-valued table over the call to action's residents
 * (primary and secondary suppression, as on the dashboard).
 */
export function publishThemes(figures: CtaThemeFigures, settings: SuppressionSettings): PublishedThemes {
  const residents = publishCount(figures.residents, settings)
  if (!figures.themes.length) return { themes: [], residents }
  const published = publishDistribution({ counts: figures.themes.map((th) => th.residents), answered: figures.residents, total: figures.residents }, true, settings)
  return {
    themes: figures.themes.map((th, i) => ({ id: th.id, name: th.name, residents: withoutPercent(published.cells[i]!) })),
    residents,
  }
}

const withoutPercent = (cell: PublishedCell): PublishedCell => (cell.kind === 'shown' ? { kind: 'shown', count: cell.count } : cell)

export interface Quote {
  text: string
  themeName: string
  /** the text had personal details taken out */
  redacted: boolean
}

const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim()

/**
 * Representative quotes for a call to action: one medium-length answer per
 * theme, most raised theme first, then more from the same themes until `count`.
 * Medium length (closest to the median of the theme's answers) avoids both
 * one-word answers and long ones that may carry more about the person. Ties go
 * to the lower response id, so the same data always gives the same quotes.
 * Only themes whose count is published give quotes, so no quote stands for a
 * handful of people. Every quote is redacted before it leaves this function:
 * first the analyst's own protection (words taken out; a withheld answer is
 * never chosen), then the personal-details finder.
 */
export function chooseQuotes({
  themes,
  codings,
  texts,
  quotable,
  count = 3,
  minLength = 15,
  protections,
}: {
  themes: readonly ThemeFigures[]
  codings: readonly CodingRef[]
  texts: readonly CodedText[]
  /** themes whose count is shown */
  quotable: ReadonlySet<string>
  count?: number
  minLength?: number
  /** analysts' quote protection, by quoteKey (quote-protection.server.ts) */
  protections?: ReadonlyMap<string, QuoteProtection>
}): Quote[] {
  const textOf = new Map(texts.map((x) => [`${x.responseId}\u0000${x.questionKey}`, x.text]))
  const queues = themes
    .filter((th) => quotable.has(th.id))
    .map((th) => {
      const candidates: { responseId: string; questionKey: string; text: string }[] = []
      const seen = new Set<string>()
      for (const c of codings) {
        if (c.themeId !== th.id) continue
        const key = `${c.responseId}\u0000${c.questionKey}`
        const text = textOf.get(key)?.trim()
        if (!text || text.length < minLength || seen.has(key) || protections?.get(quoteKey(c.responseId, c.questionKey))?.withheld) continue
        seen.add(key)
        candidates.push({ responseId: c.responseId, questionKey: c.questionKey, text })
      }
      const lengths = candidates.map((c) => c.text.length).sort((a, b) => a - b)
      const median = lengths.length ? lengths[Math.floor((lengths.length - 1) / 2)]! : 0
      candidates.sort((a, b) => Math.abs(a.text.length - median) - Math.abs(b.text.length - median) || (a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0))
      return { theme: th, candidates }
    })
  const quotes: Quote[] = []
  const used = new Set<string>()
  // Round robin over the themes, so the quotes cover what was raised most.
  for (let round = 0; quotes.length < count; round++) {
    let any = false
    for (const q of queues) {
      if (quotes.length >= count) break
      while (q.candidates.length) {
        const next = q.candidates.shift()!
        const same = normalise(next.text)
        if (used.has(same)) continue
        used.add(same)
        const manual = applyQuoteProtection(next.text, protections?.get(quoteKey(next.responseId, next.questionKey)))
        if (!manual) continue
        const { text, redactions } = redactPersonalDetails(manual.text)
        quotes.push({ text, themeName: q.theme.name, redacted: manual.redacted || redactions.length > 0 })
        any = true
        break
      }
    }
    if (!any) break
  }
  return quotes
}
