import { describe, expect, it } from 'vitest'
import { SUGGESTION_KEY } from '~/features/coding/forms.ts'
import { membersKey, suggestFromClusters } from '~/features/coding/suggestions.ts'

// A cluster's key names its answers: an accept posted after new responses
// changed the clusters must not find a different set of answers under the
// key the analyst saw.

const texts = [
  ...Array.from({ length: 6 }, (_, i) => `More police patrols on the estate at night ${i}`),
  ...Array.from({ length: 6 }, (_, i) => `Cheaper childcare so parents can work ${i}`),
].map((text, i) => ({ responseId: `r${i}`, text }))

describe('cluster keys', () => {
  it('are a hash of the set of response ids, whatever their order', () => {
    expect(membersKey(['r1', 'r2', 'r3'])).toBe(membersKey(['r3', 'r1', 'r2']))
    expect(membersKey(['r1', 'r2', 'r3'])).not.toBe(membersKey(['r1', 'r2']))
    expect(membersKey(['ab', 'c'])).not.toBe(membersKey(['a', 'bc']))
    expect(membersKey([])).toMatch(/^[0-9a-z]{11}$/)
  })

  it('name each cluster by its answers, and change when its answers change', () => {
    const before = suggestFromClusters(texts, 2)
    expect(before.ok).toBe(true)
    if (!before.ok) return
    for (const c of before.value) {
      expect(c.key).toBe(`cluster-${membersKey(c.responseIds)}`)
      expect(SUGGESTION_KEY.test(c.key)).toBe(true)
    }
    // A new answer joins the police cluster: its key changes, the other keeps its key.
    const after = suggestFromClusters([...texts, { responseId: 'r99', text: 'More police patrols on the estate please' }], 2)
    expect(after.ok).toBe(true)
    if (!after.ok) return
    const police = (r: typeof after) => (r.ok ? r.value.find((c) => c.topTerms.includes('police'))! : null)
    const childcare = (r: typeof after) => (r.ok ? r.value.find((c) => c.topTerms.includes('childcare'))! : null)
    expect(police(after)!.key).not.toBe(police(before)!.key)
    expect(police(after)!.responseIds).toContain('r99')
    expect(childcare(after)!.key).toBe(childcare(before)!.key)
  })

  it('are accepted by the forms; other keys are not', () => {
    expect(SUGGESTION_KEY.test('CTA3')).toBe(true)
    expect(SUGGESTION_KEY.test('cluster-2')).toBe(true)
    expect(SUGGESTION_KEY.test('cluster-0a1b2c3d4e5')).toBe(true)
    expect(SUGGESTION_KEY.test('cluster-<script>')).toBe(false)
    expect(SUGGESTION_KEY.test('CTA9')).toBe(false)
  })
})
