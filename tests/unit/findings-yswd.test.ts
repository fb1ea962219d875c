import { describe, expect, it } from 'vitest'
import { parseEntry, textFor, topAnswers } from '~/features/findings/you-said-we-did.ts'
import { plainText, planCsvProtection, protectRow } from '~/features/findings/csv-protection.ts'

describe('parseEntry', () => {
  const form = (values: Record<string, string>) => (name: string) => values[name]

  it('needs both halves in English; other languages are optional and kept when given', () => {
    const result = parseEntry(form({ 'said-en': ' Fix the lights ', 'did-en': 'We fixed 40', 'said-bn': 'বাতি ঠিক করুন', 'did-bn': '' }), ['en', 'bn'])
    expect(result).toEqual({ ok: true, value: { said: { en: 'Fix the lights', bn: 'বাতি ঠিক করুন' }, did: { en: 'We fixed 40' } } })
  })

  it('says which English half is missing, and refuses an over-long text in any language', () => {
    const result = parseEntry(form({ 'said-en': '', 'did-en': 'x', 'did-so': 'y'.repeat(2001) }), ['en', 'so'])
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors).toEqual({ 'said-en': 'yswd.errors.said_required', 'did-so': 'yswd.errors.too_long' })
  })

  it('ignores languages the consultation does not offer', () => {
    const result = parseEntry(form({ 'said-en': 'a', 'did-en': 'b', 'said-ur': 'c' }), ['en'])
    expect(result).toEqual({ ok: true, value: { said: { en: 'a' }, did: { en: 'b' } } })
  })
})

describe('textFor and topAnswers', () => {
  it('falls back to English, marked as English', () => {
    expect(textFor({ en: 'Hello', bn: 'হ্যালো' }, 'bn')).toEqual({ text: 'হ্যালো', lang: 'bn' })
    expect(textFor({ en: 'Hello' }, 'so')).toEqual({ text: 'Hello', lang: 'en' })
  })

  it('ranks only shown counts, most first', () => {
    const rows = [
      { label: 'a', cell: { kind: 'shown' as const, count: 12 } },
      { label: 'b', cell: { kind: 'suppressed' as const, reason: 'primary' as const, threshold: 10 } },
      { label: 'c', cell: { kind: 'shown' as const, count: 40 } },
      { label: 'd', cell: { kind: 'shown' as const, count: 0 } },
      { label: 'e', cell: { kind: 'shown' as const, count: 20 } },
      { label: 'f', cell: { kind: 'shown' as const, count: 15 } },
    ]
    expect(topAnswers(rows).map((r) => r.label)).toEqual(['c', 'e', 'f'])
  })
})

describe('CSV protection', () => {
  const plan = planCsvProtection({
    values: [
      { column: 'q1', value: 'yes', responses: 30 },
      { column: 'q1', value: 'no', responses: 4 },
      { column: 'age', value: '97', responses: 1 },
    ],
    wards: [
      { ward: 'E05009317', responses: 25 },
      { ward: 'E05009318', responses: 3 },
    ],
    texts: new Set(['comment']),
    threshold: 10,
    mark: 'fewer than 10',
  })

  it('suppresses rare answers and wards, redacts free text and keeps formulas as text', () => {
    const row = { ward: 'E05009318', answers: [['no'], [97], ['Email me at jo@example.org']] }
    expect(protectRow(row, ['q1', 'age', 'comment'], plan)).toEqual({ ward: 'fewer than 10', answers: [['fewer than 10'], ['fewer than 10'], ['Email me at [email removed]']] })
    const common = { ward: 'E05009317', answers: [['yes'], [], ['=1+1']] }
    expect(protectRow(common, ['q1', 'age', 'comment'], plan)).toEqual({ ward: 'E05009317', answers: [['yes'], [], ["'=1+1"]] })
  })

  it('makes formula-looking cells plain text and leaves others alone', () => {
    expect(plainText('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(plainText('-2+3')).toBe("'-2+3")
    expect(plainText('More lights')).toBe('More lights')
  })
})
