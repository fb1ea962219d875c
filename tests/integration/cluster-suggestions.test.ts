import { describe, expect, it } from 'vitest'
import { clusterSuggestions } from '~/features/coding/cluster-suggestions.server.ts'
import { suggestFromClusters } from '~/features/coding/suggestions.ts'

// Clustering runs in a worker thread and is kept for the same answers and k,
// so accepting, merging or rejecting a suggestion does not cluster again.

const answers = [
  ...Array.from({ length: 8 }, (_, i) => `Bins overflowing on our street again ${i}`),
  ...Array.from({ length: 8 }, (_, i) => `Rent is too high for families here ${i}`),
].map((text, i) => ({ responseId: `r${i}`, text }))

describe('cluster suggestions in a worker thread', () => {
  it('gives what clustering on this thread gives, and is kept for the same answers and k', async () => {
    const first = clusterSuggestions(answers, 2)
    expect(await first).toEqual(suggestFromClusters(answers, 2))
    // The same answers and k: the kept result, not a second run.
    expect(clusterSuggestions([...answers], 2)).toBe(first)
    // Another k, or a changed answer: clustered again.
    expect(clusterSuggestions(answers, 3)).not.toBe(first)
    const changed = answers.map((a, i) => (i === 0 ? { ...a, text: 'Rent is too high' } : a))
    const again = clusterSuggestions(changed, 2)
    expect(again).not.toBe(first)
    expect(await again).toEqual(suggestFromClusters(changed, 2))
  })

  it('reports too few answers as a result, not an error', async () => {
    const result = await clusterSuggestions(answers.slice(0, 2), 5)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.kind).toBe('too-few-texts')
  })
})
