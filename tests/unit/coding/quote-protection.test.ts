import { describe, expect, it } from 'vitest'
import { applyQuoteProtection, MANUAL_MARK, parseQuoteProtectionForm, quoteKey } from '~/features/coding/quote-protection.ts'
import { chooseQuotes } from '~/features/findings/cta-summary.ts'

const form = (pairs: [string, string][]) => {
  const data = new FormData()
  for (const [k, v] of pairs) data.append(k, v)
  return data
}

describe('quote protection', () => {
  it('takes out the words an analyst gave, in any case, longest first, or withholds the answer', () => {
    expect(applyQuoteProtection('Ask Shapla at the corner shop, shapla knows', { withheld: false, phrases: ['Shapla', 'Shapla at the corner shop'] })).toEqual({
      text: `Ask ${MANUAL_MARK}, ${MANUAL_MARK} knows`,
      redacted: true,
    })
    // Words that look like a pattern are taken literally.
    expect(applyQuoteProtection('Price (£5) is too high', { withheld: false, phrases: ['(£5)'] })!.text).toBe(`Price ${MANUAL_MARK} is too high`)
    expect(applyQuoteProtection('anything', { withheld: true, phrases: [] })).toBeNull()
    expect(applyQuoteProtection('anything', undefined)).toEqual({ text: 'anything', redacted: false })
  })

  it('reads the form: one phrase a line, each one in the answer, at most 20', () => {
    const answer = 'Jamal from   the youth club on Bow Road helped me'
    expect(parseQuoteProtectionForm(form([['phrases', 'Jamal\r\n\r\n  the youth club on Bow Road \njamal'], ['withheld', 'yes']]), answer)).toEqual({
      ok: true,
      value: { withheld: true, phrases: ['Jamal', 'the youth club on Bow Road', 'jamal'] },
    })
    expect(parseQuoteProtectionForm(form([['phrases', 'Jamil']]), answer)).toMatchObject({ ok: false, errors: { phrases: 'errors.phrase_not_found' } })
    expect(parseQuoteProtectionForm(form([['phrases', Array.from({ length: 21 }, () => 'x').map((x, i) => x + i).join('\n')]]), answer)).toMatchObject({ ok: false, errors: { phrases: 'errors.too_many_phrases' } })
    expect(parseQuoteProtectionForm(form([]), answer)).toEqual({ ok: true, value: { withheld: false, phrases: [] } })
  })

  it('is honoured when quotes are chosen: a withheld answer is never quoted, taken-out words never leave', () => {
    const themes = [{ id: 'th', name: 'Youth', residents: 3 }]
    const codings = ['r1', 'r2', 'r3'].map((responseId) => ({ responseId, questionKey: 'q', themeId: 'th' }))
    const texts = [
      { responseId: 'r1', questionKey: 'q', text: 'Jamal at the youth club is brilliant with the kids' },
      { responseId: 'r2', questionKey: 'q', text: 'Open the youth club on Sundays as well please' },
      { responseId: 'r3', questionKey: 'q', text: 'My neighbour Rukhsana says the club is closed' },
    ]
    const protections = new Map([
      [quoteKey('r1', 'q'), { withheld: false, phrases: ['Jamal'] }],
      [quoteKey('r3', 'q'), { withheld: true, phrases: [] }],
    ])
    const quotes = chooseQuotes({ themes, codings, texts, quotable: new Set(['th']), protections })
    expect(quotes.map((q) => q.text).sort()).toEqual(['Open the youth club on Sundays as well please', `${MANUAL_MARK} at the youth club is brilliant with the kids`])
    expect(quotes.find((q) => q.text.startsWith(MANUAL_MARK))!.redacted).toBe(true)
    expect(JSON.stringify(quotes)).not.toMatch(/Jamal|Rukhsana/)
  })
})
