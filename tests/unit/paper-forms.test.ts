import fs from 'node:fs'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { EQUALITY_QUESTIONS, PREFER_NOT_TO_SAY, equalityOptions } from '~/features/equality/questions.ts'
import { createI18n } from '~/features/i18n/create-i18n.ts'
import { paperEqualityQuestions } from '~/features/paper/equality-page.ts'
import { FORM_NUMBER_PATTERN, isFormNumber, newFormNumber, normaliseFormNumber } from '~/features/paper/form-numbers.ts'
import { PaperCopies, lineCount } from '~/features/paper/paper-form.tsx'
import type { PaperContent } from '~/features/paper/paper-forms.server.ts'
import { parsePaperOptions } from '~/features/paper/paper-options.ts'
import { PdfUnavailable, htmlToPdf } from '~/features/paper/pdf.server.ts'
import { demoSurvey } from '../../db/seed/demo-survey.ts'

describe('form numbers', () => {
  it('are P-XXXX-XXXX in Crockford base32, and unique', () => {
    const many = Array.from({ length: 5000 }, newFormNumber)
    for (const number of many) expect(number).toMatch(/^P-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    expect(new Set(many).size).toBe(5000)
    // No I, L, O or U: nothing to misread aloud.
    expect(many.join('')).not.toMatch(/[ILOU]/)
    expect(isFormNumber('P-7KD4-2QXM')).toBe(true)
    expect(isFormNumber('P-7KD4-2QXU')).toBe(false)
    expect(FORM_NUMBER_PATTERN.test('HYS-7KD4-2QXM')).toBe(false)
  })

  it('are read back as people type them', () => {
    expect(normaliseFormNumber('p 7kd4 2qxm')).toBe('P-7KD4-2QXM')
    expect(normaliseFormNumber('7KD42QXM')).toBe('P-7KD4-2QXM')
    expect(normaliseFormNumber('P-OKD4-2QXL')).toBe('P-0KD4-2QX1')
    expect(normaliseFormNumber('P-7KD4')).toBeNull()
    expect(normaliseFormNumber('P-7KD4-2QXU')).toBeNull()
  })
})

describe('print options', () => {
  const parse = (values: Record<string, string>) => parsePaperOptions((name) => values[name] ?? null, ['en', 'bn'])

  it('accepts a language the consultation offers, a size and 1 to 500 copies', () => {
    expect(parse({ lng: 'bn', large: '1', copies: '2' })).toEqual({ ok: true, options: { locale: 'bn', largePrint: true, copies: 2 } })
    expect(parse({ lng: 'en', copies: ' 500 ' })).toEqual({ ok: true, options: { locale: 'en', largePrint: false, copies: 500 } })
    // Digits in the officer's own script count.
    expect(parse({ lng: 'en', copies: '২০' })).toMatchObject({ ok: true, options: { copies: 20 } })
  })

  it('explains each mistake', () => {
    expect(parse({ lng: 'ur', copies: '2' })).toMatchObject({ ok: false, errors: { lng: 'errors.language' } })
    expect(parse({ lng: 'en', copies: '' })).toMatchObject({ ok: false, errors: { copies: 'errors.copies_required' } })
    expect(parse({ lng: 'en', copies: '2.5' })).toMatchObject({ ok: false, errors: { copies: 'errors.copies_whole' } })
    expect(parse({ lng: 'en', copies: '0' })).toMatchObject({ ok: false, errors: { copies: 'errors.copies_range' } })
    expect(parse({ lng: 'en', copies: '501' })).toMatchObject({ ok: false, errors: { copies: 'errors.copies_range' } })
  })
})

describe('the equality page', () => {
  it('asks every equality question with every option, "Prefer not to say" included', () => {
    const page = paperEqualityQuestions()
    const printed = new Map(page.map((q) => [q.key, q.groups.flatMap((g) => g.options.map((o) => o.code))]))
    for (const question of EQUALITY_QUESTIONS) {
      if (question.key === 'ethnic_group_broad') continue // its answer follows from the detailed box ticked
      const { options } = question.key === 'ethnic_group' ? { options: [] } : equalityOptions(question, {})
      expect(printed.get(question.key), question.key).toEqual(expect.arrayContaining(options))
      expect(printed.get(question.key), question.key).toContain(PREFER_NOT_TO_SAY)
    }
    // The combined ethnic group question lists every detailed background, grouped.
    expect(page.find((q) => q.key === 'ethnic_group')!.groups.map((g) => g.key)).toEqual(['white', 'mixed', 'asian', 'black', 'other', null])
    expect(printed.get('ethnic_group')).toHaveLength(19 + 1)
    // Under 16s skip the two questions asked from 16; "No" long-term condition ends the page.
    expect(page.find((q) => q.key === 'age_band')!.skip).toEqual({ values: ['under_16'], goTo: 5 })
    expect(page.find((q) => q.key === 'long_term_condition')!.skip).toEqual({ values: ['no', PREFER_NOT_TO_SAY], goTo: null })
  })
})

const read = (lng: string, ns: string) => JSON.parse(fs.readFileSync(`locales/${lng}/${ns}.json`, 'utf8'))
const messages = (lng: string) => Object.fromEntries(['common', 'survey', 'equality', 'paper'].map((ns) => [ns, read(lng, ns)]))

function render(locale: string, { largePrint = false } = {}) {
  const content: PaperContent = {
    locale,
    contentLocale: demoSurvey.locales.includes(locale) ? locale : 'en',
    titleLocale: locale === 'bn' ? 'bn' : 'en',
    title: 'A Tower Hamlets for All',
    summary: 'Tell us what matters.',
    closesAt: Date.UTC(2026, 5, 30, 16),
    definition: demoSurvey,
    wards: Array.from({ length: 20 }, (_, i) => ({ code: `E0500${i}`, name: `Ward ${i + 1}` })),
  }
  const copies = [
    { formNumber: 'P-7KD4-2QXM', qr: 'data:image/svg+xml;base64,AAAA' },
    { formNumber: 'P-9ZZ1-0ABC', qr: 'data:image/svg+xml;base64,BBBB' },
  ]
  const i18n = createI18n(locale, messages(locale))
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(PaperCopies, { content, copies, largePrint })))
}

const count = (html: string, text: string) => html.split(text).length - 1

describe('a printed copy', () => {
  it('has the questions, numbered, then a separate equality page with the same form number', () => {
    const html = render('bn')
    expect(count(html, '<article class="paper-copy"')).toBe(2)
    expect(count(html, 'class="paper-sheet paper-equality"')).toBe(2)
    // The number and QR code on the questions and again on the equality page.
    expect(count(html, 'P-7KD4-2QXM')).toBeGreaterThanOrEqual(3)
    expect(count(html, 'data:image/svg+xml;base64,AAAA')).toBe(2)
    expect(html).toContain('lang="bn"')
    expect(html).toContain('<span class="paper-question__number">১২</span>')
    expect(html).toContain('আপনি যদি “না” উত্তর দিয়ে থাকেন, তাহলে ১০ নম্বর প্রশ্নে যান।')
    expect(html).toContain('শুধু ৮ নম্বর প্রশ্নে “হ্যাঁ” উত্তর দিয়ে থাকলে এই প্রশ্নের উত্তর দিন।')
    // On the equality page too: question 8 depends on a "Yes" at question 7.
    expect(html).toContain('শুধু ৭ নম্বর প্রশ্নে “হ্যাঁ” উত্তর দিয়ে থাকলে এই প্রশ্নের উত্তর দিন।')
    expect(html).toContain(read('bn', 'paper').equality.title)
    expect(count(html, read('bn', 'equality').questions.sex.options.prefer_not_to_say)).toBeGreaterThanOrEqual(2 * 9)
  })

  it('draws every kind of answer for paper', () => {
    const html = render('en')
    const one = html.slice(0, html.indexOf('<article', html.indexOf('<article') + 1))
    expect(one).toContain('Tick one box')
    expect(one).toContain('Tick all that apply')
    expect(one).toContain('Tick one box in each row')
    expect(one).toContain('Write your answer in the box, up to 500 characters.')
    expect(one).toContain('Write a whole number from 0 to 20.')
    expect(one).toContain('Write 1 in the box next to your first choice, 2 next to your second choice, and so on up to 3.')
    expect(one).toContain('If you answered “I do not live here, but I work or study here”, go to question 3.')
    // Ward: all 20 wards as tick boxes; date: DD MM YYYY boxes; grid: a table of statements by scale points.
    expect(count(one, 'Ward ')).toBeGreaterThanOrEqual(20)
    expect(count(one, 'paper-box--digit')).toBe(2 + 2 + 2 + 4) // children (2 digits) and the date
    expect(one).toMatch(/<table class="paper-grid">[\s\S]*Strongly agree[\s\S]*People from different backgrounds get on well together/)
    expect(count(one, 'paper-write__line')).toBe(lineCount(500))
  })

  it('is right to left in Urdu', () => {
    const html = render('ur')
    expect(html).toMatch(/^<div class="paper" lang="ur" dir="rtl">/)
    // Survey content not translated into Urdu is marked as English.
    expect(html).toContain('<span lang="en" dir="ltr">How long have you lived in Tower Hamlets?</span>')
  })

  it('uses the large print styles when asked, with the grid as lists instead of six columns', () => {
    const html = render('en', { largePrint: true })
    expect(html).toMatch(/^<div class="paper paper--large"/)
    expect(html).not.toContain('<table')
    expect(count(html, 'class="paper-grid-statement"')).toBe(2 * 3)
  })
})

describe('PDF files', () => {
  it('need Chromium: without it the officer is told to use "Save as PDF"', async () => {
    await expect(htmlToPdf('<p>x</p>', { executablePath: '/nonexistent/chromium' })).rejects.toBeInstanceOf(PdfUnavailable)
  })
})
