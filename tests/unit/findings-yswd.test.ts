import { describe, expect, it } from 'vitest'
import { parseEntry, textFor, topAnswers } from '~/features/findings/you-said-we-did.ts'
import { plainText, ResponsesCsv } from '~/features/findings/csv-protection.ts'

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
  const columns = ['q1', 'age', 'comment', 'grid.a']
  const texts = new Set(['comment'])
  const mark = 'fewer than 10'
  /** 30 common rows, then one row with rare values. */
  function write(protection: { threshold: number; mark: string } | null) {
    const csv = new ResponsesCsv(columns, texts, protection)
    for (let i = 0; i < 30; i++) {
      csv.addResponse(`HYS-${i}`, 'online', 'en', 'E05009317', Date.UTC(2025, 0, 1, 12))
      csv.addAnswer(0, 'yes')
      csv.addAnswer(0, 'no, never')
      csv.addAnswer(1, 40)
    }
    csv.addResponse('HYS-rare', 'paper', 'so', 'E05009318', Date.UTC(2025, 0, 2, 12))
    csv.addAnswer(0, 'maybe')
    csv.addAnswer(1, 97)
    csv.addAnswer(2, 'Email me at jo@example.org, "soon"')
    csv.addAnswer(3, '=1+1')
    csv.finish()
    return csv
  }

  it('writes the header with a BOM, and rows with several answers joined, quoted where needed', () => {
    const csv = write(null)
    expect(csv.header()).toBe('\uFEFFreference,channel,language,ward_code,submitted_at,q1,age,comment,grid.a\r\n')
    expect(csv.render(0, 1)).toBe('HYS-0,online,en,E05009317,2025-01-01T12:00:00.000Z,"yes | no, never",40,,\r\n')
    // Without protection the values are written as given.
    expect(csv.render(30, 31)).toBe('HYS-rare,paper,so,E05009318,2025-01-02T12:00:00.000Z,maybe,97,"Email me at jo@example.org, ""soon""",=1+1\r\n')
  })

  it('writes only values at least the threshold of responses gave (method, language and ward too), redacts free text, keeps formulas as text', () => {
    const csv = write({ threshold: 10, mark })
    expect(csv.rows).toBe(31)
    expect(csv.render(29, 31)).toBe(
      'HYS-29,online,en,E05009317,2025-01-01T12:00:00.000Z,"yes | no, never",40,,\r\n' +
        'HYS-rare,fewer than 10,fewer than 10,fewer than 10,2025-01-02T12:00:00.000Z,fewer than 10,fewer than 10,"Email me at [email removed], ""soon""",fewer than 10\r\n',
    )
    // A value counts once per response, however often the response gives it.
    const twice = new ResponsesCsv(['q1'], new Set(), { threshold: 2, mark })
    twice.addResponse('A', 'online', 'en', null, 0)
    twice.addAnswer(0, 'x')
    twice.addAnswer(0, 'x')
    twice.finish()
    expect(twice.render(0, 1)).toBe('A,fewer than 10,fewer than 10,,1970-01-01T00:00:00.000Z,fewer than 10 | fewer than 10\r\n')
  })

  it('makes formula-looking cells plain text and leaves others alone', () => {
    expect(plainText('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(plainText('-2+3')).toBe("'-2+3")
    expect(plainText('More lights')).toBe('More lights')
    const csv = new ResponsesCsv(['q1'], new Set(), { threshold: 1, mark })
    csv.addResponse('A', 'online', 'en', null, 0)
    csv.addAnswer(0, '+44 20')
    csv.finish()
    expect(csv.render(0, 1)).toBe("A,online,en,,1970-01-01T00:00:00.000Z,'+44 20\r\n")
  })
})
