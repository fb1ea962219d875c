import { describe, expect, it } from 'vitest'
import { chooseQuotes, countResidentsByCta, publishThemes, type CodingRef, type ThemeRef } from '~/features/findings/cta-summary.ts'

// The call-to-action summary's counting and quote choice, without a database.

const themes: ThemeRef[] = [
  { id: 'th-youth', name: 'Youth services', ctaCode: 'CTA5' },
  { id: 'th-play', name: 'Play space', ctaCode: 'CTA5' },
  { id: 'th-damp', name: 'Damp homes', ctaCode: 'CTA3' },
  { id: 'th-other', name: 'Other', ctaCode: null },
]

const coding = (responseId: string, themeId: string, questionKey = 'one_change'): CodingRef => ({ responseId, questionKey, themeId })

describe('countResidentsByCta', () => {
  it('counts distinct residents per theme and per call to action, a resident once per call to action', () => {
    const codings = [
      coding('r1', 'th-youth'),
      coding('r1', 'th-play'), // r1 raised two CTA5 themes: once for CTA5
      coding('r2', 'th-youth'),
      coding('r2', 'th-youth', 'other_question'), // same theme in two answers: once for the theme
      coding('r3', 'th-damp'),
      coding('r4', 'th-other'),
    ]
    const [cta3, cta5, cta1] = countResidentsByCta(['CTA3', 'CTA5', 'CTA1'], themes, codings)
    expect(cta5).toEqual({
      code: 'CTA5',
      residents: 2,
      themes: [
        { id: 'th-youth', name: 'Youth services', residents: 2 },
        { id: 'th-play', name: 'Play space', residents: 1 },
      ],
    })
    expect(cta3!.residents).toBe(1)
    expect(cta1).toEqual({ code: 'CTA1', residents: 0, themes: [] })
  })

  it('orders themes by residents, then by name, whatever order they come in', () => {
    const codings = [coding('a', 'th-play'), coding('b', 'th-youth')]
    const [cta5] = countResidentsByCta(['CTA5'], [...themes].reverse(), codings)
    expect(cta5!.themes.map((th) => th.name)).toEqual(['Play space', 'Youth services'])
  })
})

describe('publishThemes', () => {
  it('hides small theme counts, and hides another so a hidden one cannot be worked out', () => {
    const figures = { code: 'CTA5', residents: 30, themes: [
      { id: 'a', name: 'A', residents: 25 },
      { id: 'b', name: 'B', residents: 4 },
      { id: 'c', name: 'C', residents: 12 },
    ] }
    const published = publishThemes(figures, { threshold: 10, suppress: true })
    expect(published.residents).toEqual({ kind: 'shown', count: 30 })
    expect(published.themes[1]!.residents).toMatchObject({ kind: 'suppressed', reason: 'primary' })
    expect(published.themes.filter((th) => th.residents.kind === 'suppressed').length).toBeGreaterThanOrEqual(2)
    // Counts are people, not percentages of anything published.
    for (const th of published.themes) if (th.residents.kind === 'shown') expect(th.residents).not.toHaveProperty('percent')
  })

  it('hides the total when fewer than the threshold raised the call to action', () => {
    const published = publishThemes({ code: 'CTA1', residents: 3, themes: [{ id: 'a', name: 'A', residents: 3 }] }, { threshold: 10, suppress: true })
    expect(published.residents.kind).toBe('suppressed')
    expect(published.themes[0]!.residents.kind).toBe('suppressed')
  })
})

describe('chooseQuotes', () => {
  const texts = [
    { responseId: 'r1', questionKey: 'one_change', text: 'Youth clubs.' },
    { responseId: 'r2', questionKey: 'one_change', text: 'More youth clubs open in the evenings so young people have somewhere to go.' },
    { responseId: 'r3', questionKey: 'one_change', text: 'Keep the youth centre open on Fridays please.' },
    { responseId: 'r4', questionKey: 'one_change', text: 'Keep the youth centre open on Fridays please.' },
    { responseId: 'r5', questionKey: 'one_change', text: 'Call me on 07700 900123 about the youth club, it closed last year.' },
    { responseId: 'r6', questionKey: 'one_change', text: 'A proper playground near the estate for small children.' },
    {
      responseId: 'r7',
      questionKey: 'one_change',
      text: 'A very long answer about many things, youth services and housing and parking and the market and the bins and the buses and everything else that could be better in the borough over the next ten years.',
    },
  ]
  const codings = [
    coding('r1', 'th-youth'),
    coding('r2', 'th-youth'),
    coding('r3', 'th-youth'),
    coding('r4', 'th-youth'),
    coding('r5', 'th-youth'),
    coding('r7', 'th-youth'),
    coding('r6', 'th-play'),
  ]
  const figures = [
    { id: 'th-youth', name: 'Youth services', residents: 6 },
    { id: 'th-play', name: 'Play space', residents: 1 },
  ]

  it('picks medium-length answers, one per theme first, skips too-short answers and duplicates, and redacts', () => {
    const quotes = chooseQuotes({ themes: figures, codings, texts, quotable: new Set(['th-youth', 'th-play']) })
    expect(quotes).toHaveLength(3)
    expect(quotes[0]!.themeName).toBe('Youth services')
    expect(quotes[1]!.themeName).toBe('Play space')
    // Lengths 45, 45, 66, 75, 200 (the 12-character answer is too short): the median is 66, so r5, then r2.
    expect(quotes.map((q) => q.text)).toEqual([
      'Call me on [phone number removed] about the youth club, it closed last year.',
      'A proper playground near the estate for small children.',
      'More youth clubs open in the evenings so young people have somewhere to go.',
    ])
    for (const q of quotes) expect(q.text).not.toMatch(/07700/)
  })

  it('never quotes the same words twice', () => {
    const quotes = chooseQuotes({ themes: [figures[0]!], codings: codings.filter((c) => c.responseId === 'r3' || c.responseId === 'r4'), texts, quotable: new Set(['th-youth']) })
    expect(quotes.map((q) => q.text)).toEqual(['Keep the youth centre open on Fridays please.'])
  })

  it('redacts a phone number when that answer is chosen', () => {
    const quotes = chooseQuotes({ themes: [figures[0]!], codings: codings.filter((c) => c.responseId === 'r5'), texts, quotable: new Set(['th-youth']) })
    expect(quotes).toHaveLength(1)
    expect(quotes[0]!.redacted).toBe(true)
    expect(quotes[0]!.text).toContain('[phone number removed]')
  })

  it('gives the same quotes whatever order the codings come in', () => {
    const a = chooseQuotes({ themes: figures, codings, texts, quotable: new Set(['th-youth', 'th-play']) })
    const b = chooseQuotes({ themes: figures, codings: [...codings].reverse(), texts: [...texts].reverse(), quotable: new Set(['th-youth', 'th-play']) })
    expect(b).toEqual(a)
  })

  it('quotes nothing from a theme whose count is hidden', () => {
    const quotes = chooseQuotes({ themes: figures, codings, texts, quotable: new Set(['th-youth']) })
    expect(quotes.every((q) => q.themeName === 'Youth services')).toBe(true)
    expect(chooseQuotes({ themes: figures, codings, texts, quotable: new Set() })).toEqual([])
  })
})
