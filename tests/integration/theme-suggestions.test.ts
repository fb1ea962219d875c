import { describe, expect, it } from 'vitest'
import { CTA_LEXICONS } from '~/features/coding/cta-lexicons.ts'
import { workOutSuggestions } from '~/features/coding/suggestions-cache.server.ts'
import { suggestFromClusters, suggestFromLexicons } from '~/features/coding/suggestions.ts'

// Theme suggestions are worked out in a worker thread and kept for the same
// answers and k, so accepting, merging or rejecting one does not cluster again.

const answers = [
  ...Array.from({ length: 8 }, (_, i) => `Bins overflowing on our street again ${i}`),
  ...Array.from({ length: 8 }, (_, i) => `Rent is too high for families here ${i}`),
].map((text, i) => ({ responseId: `r${i}`, text }))

describe('theme suggestions in a worker thread', () => {
  it('gives what this thread would, and is kept for the same answers and k', async () => {
    const first = workOutSuggestions(answers, 2)
    expect(await first).toEqual({ lexicon: suggestFromLexicons(answers, CTA_LEXICONS), clusters: suggestFromClusters(answers, 2) })
    expect((await first).lexicon.length).toBeGreaterThan(0)
    // The same answers and k: the kept result, not a second run.
    expect(workOutSuggestions([...answers], 2)).toBe(first)
    // Another k, or a changed answer: worked out again.
    expect(workOutSuggestions(answers, 3)).not.toBe(first)
    const changed = answers.map((a, i) => (i === 0 ? { ...a, text: 'Rent is too high' } : a))
    const again = workOutSuggestions(changed, 2)
    expect(again).not.toBe(first)
    expect((await again).clusters).toEqual(suggestFromClusters(changed, 2))
  })

  it('reports too few answers as a result, not an error', async () => {
    const { clusters } = await workOutSuggestions(answers.slice(0, 2), 5)
    expect(clusters.ok).toBe(false)
    if (!clusters.ok) expect(clusters.error.kind).toBe('too-few-texts')
  })
})
