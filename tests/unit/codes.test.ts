import { describe, expect, it } from 'vitest'
import { hashSecret, newReference, newResumeCode, normaliseCode } from '~/features/responses/codes.ts'

describe('resident codes', () => {
  it('makes references and resume codes in their readable shapes', () => {
    expect(newReference()).toMatch(/^HYS-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    expect(newResumeCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/)
    const many = new Set(Array.from({ length: 2000 }, newResumeCode))
    expect(many.size).toBe(2000)
  })

  it('accepts codes as people type them', () => {
    expect(normaliseCode('k7qm 2xrp 4b')).toBe('K7QM-2XRP-4B')
    expect(normaliseCode('K7QM2XRP4B')).toBe('K7QM-2XRP-4B')
    expect(normaliseCode('O1IL-0000-00')).toBe('0111-0000-00')
  })

  it('hashes secrets one way', () => {
    expect(hashSecret('ABCD-EFGH-JK')).toHaveLength(64)
    expect(hashSecret('ABCD-EFGH-JK')).not.toContain('ABCD')
    expect(hashSecret('a')).not.toBe(hashSecret('b'))
  })
})
