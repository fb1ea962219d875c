import { tokenise, type TokeniseOptions } from './text-tokenise.ts'

// Keyword lexicon: themes named by analysts, matched in any language.

export interface ThemeLexicon {
  id: string
  /**
   * Words or phrases in English or Bengali. A word ending in * matches any
   * word that starts with it, for simple stems: "park*" matches "parks" and
   * "parking"; "পার্ক*" matches "পার্কে" and "পার্কের". Phrases match
   * consecutive words: "bin collection*".
   */
  keywords: readonly string[]
}

interface Pattern {
  theme: number
  keyword: string
  parts: Array<{ word: string; prefix: boolean }>
}

export interface CompiledLexicon {
  themes: string[]
  /** patterns by their exact first word */
  exact: Map<string, Pattern[]>
  /** patterns whose first word is a prefix */
  prefixed: Pattern[]
}

const MATCH_TOKENS: TokeniseOptions = { removeStopWords: false, minLength: 1, keepNumbers: true }

/** Prepares a lexicon once for matching many texts. Keywords with no words in them are ignored. */
export function compileLexicon(themes: ReadonlyArray<ThemeLexicon>): CompiledLexicon {
  const exact = new Map<string, Pattern[]>()
  const prefixed: Pattern[] = []
  themes.forEach((theme, t) => {
    for (const keyword of theme.keywords) {
      const parts: Pattern['parts'] = []
      for (const piece of keyword.trim().split(/\s+/)) {
        const prefix = piece.endsWith('*')
        const words = tokenise(piece.replace(/\*+$/, ''), MATCH_TOKENS)
        words.forEach((word, i) => parts.push({ word, prefix: prefix && i === words.length - 1 }))
      }
      if (parts.length === 0) continue
      const pattern = { theme: t, keyword, parts }
      if (parts[0].prefix) prefixed.push(pattern)
      else exact.set(parts[0].word, [...(exact.get(parts[0].word) ?? []), pattern])
    }
  })
  return { themes: themes.map((t) => t.id), exact, prefixed }
}

/** The themes whose keywords occur in a text, in lexicon order, with the keywords that matched. */
export function matchThemes(text: string, lexicon: CompiledLexicon | ReadonlyArray<ThemeLexicon>): Array<{ themeId: string; keywords: string[] }> {
  const compiled = 'exact' in lexicon ? lexicon : compileLexicon(lexicon)
  const words = tokenise(text, MATCH_TOKENS)
  const found = new Map<number, Set<string>>()
  const tryPattern = (pattern: Pattern, at: number) => {
    if (at + pattern.parts.length > words.length) return
    for (let i = 0; i < pattern.parts.length; i++) {
      const { word, prefix } = pattern.parts[i]
      const w = words[at + i]
      if (prefix ? !w.startsWith(word) : w !== word) return
    }
    const set = found.get(pattern.theme) ?? new Set<string>()
    set.add(pattern.keyword)
    found.set(pattern.theme, set)
  }
  for (let at = 0; at < words.length; at++) {
    for (const pattern of compiled.exact.get(words[at]) ?? []) tryPattern(pattern, at)
    for (const pattern of compiled.prefixed) tryPattern(pattern, at)
  }
  return [...found.keys()].sort((a, b) => a - b).map((t) => ({ themeId: compiled.themes[t], keywords: [...found.get(t)!] }))
}
