import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LANGUAGES, NAMESPACES } from '~/features/i18n/config.ts'
import { QUESTION_TYPES } from '~/features/surveys/definition.ts'

// Every UI string added in English must exist in every other language, with the same placeholders.
const read = (lng: string, ns: string) => JSON.parse(fs.readFileSync(path.join('locales', lng, `${ns}.json`), 'utf8'))

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, string> {
  return Object.entries(obj).reduce<Record<string, string>>((acc, [key, value]) => {
    if (value && typeof value === 'object') Object.assign(acc, flatten(value as Record<string, unknown>, `${prefix}${key}.`))
    else acc[`${prefix}${key}`] = String(value)
    return acc
  }, {})
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()

describe('UI translations', () => {
  for (const language of LANGUAGES.filter((l) => l.code !== 'en')) {
    for (const ns of NAMESPACES) {
      it(`${language.code}/${ns}.json has every English key, translated, with the same placeholders`, () => {
        const en = flatten(read('en', ns))
        const other = flatten(read(language.code, ns))
        const missing = Object.keys(en).filter((key) => !(key in other) || !other[key]!.trim())
        expect(missing).toEqual([])
        const wrongPlaceholders = Object.keys(en).filter((key) => placeholders(en[key]!).join() !== placeholders(other[key] ?? '').join())
        expect(wrongPlaceholders).toEqual([])
        const extra = Object.keys(other).filter((key) => !(key in en))
        expect(extra).toEqual([])
      })
    }
  }

  it('every question type has a name for analysts (the findings report lists each question\'s type)', () => {
    const types = flatten(read('en', 'analysis'))
    const missing = QUESTION_TYPES.filter((type) => !types[`question.types.${type}`])
    expect(missing).toEqual([])
  })

  it('the translations are not copies of the English', () => {
    for (const language of LANGUAGES.filter((l) => l.code !== 'en')) {
      const en = flatten(read('en', 'survey'))
      const other = flatten(read(language.code, 'survey'))
      const same = Object.keys(en).filter((key) => en[key] === other[key] && /[a-z]{4}/i.test(en[key]!))
      // A few words (e.g. brand names) may stay the same; whole sentences may not.
      expect(same.length, `${language.code}: ${same.join(', ')}`).toBeLessThan(3)
    }
  })
})

describe('numbers and dates in the reader\'s language', () => {
  it('formats numbers in UI strings with Intl', async () => {
    const { createI18n } = await import('~/features/i18n/create-i18n.ts')
    const bn = createI18n('bn', { survey: read('bn', 'survey') })
    const en = createI18n('en', { survey: read('en', 'survey') })
    expect(en.t('survey:text.limit', { max: 500 })).toBe('You can enter up to 500 characters')
    expect(bn.t('survey:text.limit', { max: 500 })).toContain('৫০০')
    expect(en.t('survey:errors.number_range', { min: 0, max: 20 })).toBe('Enter a number from 0 to 20')
    // English ranking places are ordinals ("2nd choice"), taken from the ranking labels.
    expect(en.t('survey:errors.rank_gap', { place: 2 })).toBe('Choose your 2nd choice first, or move your choices up')
  })

  it('formats dates in London time in each language', async () => {
    const { formatDate } = await import('~/features/i18n/config.ts')
    const midnightUtcInSummer = Date.UTC(2026, 6, 1, 23, 30) // 00:30 on 2 July in London
    expect(formatDate(midnightUtcInSummer, 'en')).toBe('2 July 2026')
    expect(formatDate(midnightUtcInSummer, 'bn')).toContain('২')
    // Times on the 24-hour clock in every language (no Latin "PM" in Bengali).
    const teaTime = Date.UTC(2026, 11, 6, 15, 12)
    expect(formatDate(teaTime, 'en', { dateStyle: 'long', timeStyle: 'short' })).toBe('6 December 2026 at 15:12')
    expect(formatDate(teaTime, 'bn', { dateStyle: 'long', timeStyle: 'short' })).toBe('৬ ডিসেম্বর, ২০২৬ এ ১৫:১২')
  })
})
