import { describe, expect, it } from 'vitest'
import { summariseAgreement } from '~/features/findings/agreement-summary.ts'

// The report's agreement figures from two coders' theme decisions.
describe('summariseAgreement', () => {
  const themes = [
    { id: 'a', name: 'A' },
    { id: 'b', name: 'B' },
  ]

  it('gives kappa per theme (p_o = 0.8, p_e = 0.5, so kappa = 0.6) and alpha over every decision', () => {
    const first = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    const second = [1, 1, 1, 1, 0, 0, 0, 0, 0, 1]
    const units = first.map((f, i) => ({ first: f ? ['a'] : [], second: second[i] ? ['a'] : [] }))
    const summary = summariseAgreement(units, themes)
    expect(summary.units).toBe(10)
    expect(summary.themes[0]!.kappa).toBeCloseTo(0.6, 10)
    // 0.6 sits on the line between Landis and Koch's moderate and substantial bands.
    expect(['moderate', 'substantial']).toContain(summary.themes[0]!.band)
    // Nobody applied B: kappa cannot be measured, and says so rather than giving a number.
    expect(summary.themes[1]).toEqual({ id: 'b', name: 'B', kappa: null, band: null })
    expect(summary.alpha).not.toBeNull()
    expect(summary.alpha!).toBeLessThan(1)
  })

  it('is 1 and reliable when the coders agree on everything that varies', () => {
    const units = [{ first: ['a'], second: ['a'] }, { first: ['b'], second: ['b'] }, { first: [], second: [] }, { first: ['a', 'b'], second: ['a', 'b'] }]
    const summary = summariseAgreement(units, themes)
    expect(summary.themes.map((th) => th.kappa)).toEqual([1, 1])
    expect(summary.alpha).toBe(1)
    expect(summary.alphaBand).toBe('reliable')
  })
})
