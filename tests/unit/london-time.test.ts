import { describe, expect, it } from 'vitest'
import { londonParts, londonToEpoch } from '~/features/i18n/london-time.ts'

describe('London wall-clock time', () => {
  it('reads GMT in winter and BST in summer', () => {
    expect(londonToEpoch({ year: 2026, month: 1, day: 15, hour: 12, minute: 0 })).toBe(Date.UTC(2026, 0, 15, 12, 0))
    expect(londonToEpoch({ year: 2026, month: 7, day: 1, hour: 12, minute: 0 })).toBe(Date.UTC(2026, 6, 1, 11, 0))
    expect(londonParts(Date.UTC(2026, 6, 1, 23, 30))).toEqual({ year: 2026, month: 7, day: 2, hour: 0, minute: 30 })
  })

  it('refuses dates that do not exist, and the hour skipped in March', () => {
    expect(londonToEpoch({ year: 2026, month: 2, day: 30, hour: 9, minute: 0 })).toBeNull()
    expect(londonToEpoch({ year: 2026, month: 3, day: 29, hour: 1, minute: 30 })).toBeNull()
    expect(londonToEpoch({ year: 2026, month: 13, day: 1, hour: 9, minute: 0 })).toBeNull()
  })
})
