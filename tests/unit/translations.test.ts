import { describe, expect, it } from 'vitest'
import { demoSurvey } from '../../db/seed/demo-survey.ts'
import { countTexts, missingTranslations, parseSurveyDefinition, type SurveyDefinition } from '~/features/surveys/definition.ts'
import {
  MAX_TEXT_LENGTH,
  applyTranslations,
  hasChanges,
  isRefused,
  listTranslatableTexts,
  summariseReport,
  translationProgress,
  whereKey,
} from '~/features/surveys/translations.ts'

// A small survey: a title with a hint, options, a grid's statements; Bengali half done, no Urdu.
const survey = (): SurveyDefinition => ({
  schemaVersion: 1,
  locales: ['en', 'bn'],
  questions: [
    {
      key: 'travel',
      type: 'single',
      required: true,
      ctas: ['CTA1'],
      title: { en: 'How do you usually travel?', bn: 'আপনি সাধারণত কীভাবে যাতায়াত করেন?' },
      hint: { en: 'Choose the one you use most.' },
      options: [
        { code: 'walk', label: { en: 'Walk', bn: 'হেঁটে' } },
        { code: 'bus', label: { en: 'Bus' } },
      ],
    },
    {
      key: 'streets',
      type: 'grid',
      required: false,
      ctas: ['CTA2'],
      title: { en: 'How far do you agree?' },
      statements: [
        { code: 'clean', label: { en: 'My street is clean', bn: 'আমার রাস্তা পরিষ্কার' } },
        { code: 'safe', label: { en: 'My street is safe at night' } },
      ],
    },
    { key: 'idea', type: 'text', required: false, ctas: ['CTA1'], title: { en: 'What one change would help?' }, maxLength: 500 },
  ],
})

describe('listing the texts of a survey', () => {
  it('gives every text an id in the same format as missingTranslations, in the order residents see them', () => {
    const texts = listTranslatableTexts(survey(), 'bn')
    expect(texts.map((t) => t.id)).toEqual([
      'travel.title',
      'travel.hint',
      'travel.options.walk',
      'travel.options.bus',
      'streets.title',
      'streets.statements.clean',
      'streets.statements.safe',
      'idea.title',
    ])
    const missing = new Set(missingTranslations(survey(), 'bn'))
    expect(texts.filter((t) => !t.translation).map((t) => t.id).every((id) => missing.has(id))).toBe(true)
    expect(texts.length).toBe(countTexts(survey()))
  })

  it('says where each text is and carries the English and the translation', () => {
    const [title, hint, walk, bus] = listTranslatableTexts(survey(), 'bn')
    expect(title).toMatchObject({ questionNumber: 1, kind: 'title', position: 0, english: 'How do you usually travel?', translation: 'আপনি সাধারণত কীভাবে যাতায়াত করেন?' })
    expect(hint).toMatchObject({ kind: 'hint', translation: '' })
    expect(walk).toMatchObject({ kind: 'option', position: 1, translation: 'হেঁটে' })
    expect(bus).toMatchObject({ kind: 'option', position: 2, translation: '' })
    const safe = listTranslatableTexts(survey(), 'bn').find((t) => t.id === 'streets.statements.safe')!
    expect(safe).toMatchObject({ questionNumber: 2, kind: 'statement', position: 2 })
    expect(whereKey(safe)).toEqual({ key: 'where.statement', values: { number: 2, position: 2 } })
  })

  it('counts completeness per language', () => {
    expect(translationProgress(survey(), 'bn')).toEqual({ translated: 3, total: 8 })
    expect(translationProgress(survey(), 'ur')).toEqual({ translated: 0, total: 8 })
    expect(translationProgress(demoSurvey, 'bn')).toEqual({ translated: countTexts(demoSurvey), total: countTexts(demoSurvey) })
  })
})

describe('applying translations', () => {
  it('reports added, changed, cleared and unchanged texts, and leaves the input definition alone', () => {
    const before = survey()
    const { definition, report } = applyTranslations(
      before,
      'bn',
      {
        'travel.hint': '  যেটি সবচেয়ে বেশি ব্যবহার করেন সেটি বেছে নিন।  ',
        'travel.options.walk': 'পায়ে হেঁটে',
        'streets.statements.clean': '',
        'travel.title': 'আপনি সাধারণত কীভাবে যাতায়াত করেন?',
        'idea.title': '',
      },
      { blankClears: true },
    )
    expect(report.added).toEqual([{ id: 'travel.hint', before: '', after: 'যেটি সবচেয়ে বেশি ব্যবহার করেন সেটি বেছে নিন।' }])
    expect(report.changed).toEqual([{ id: 'travel.options.walk', before: 'হেঁটে', after: 'পায়ে হেঁটে' }])
    expect(report.cleared).toEqual([{ id: 'streets.statements.clean', before: 'আমার রাস্তা পরিষ্কার', after: '' }])
    expect(report.unchanged).toBe(2)
    expect(isRefused(report)).toBe(false)
    expect(hasChanges(report)).toBe(true)
    const q1 = definition.questions[0]!
    expect(q1.hint).toEqual({ en: 'Choose the one you use most.', bn: 'যেটি সবচেয়ে বেশি ব্যবহার করেন সেটি বেছে নিন।' })
    expect(q1.type === 'single' && q1.options[0]!.label).toEqual({ en: 'Walk', bn: 'পায়ে হেঁটে' })
    const q2 = definition.questions[1]!
    expect(q2.type === 'grid' && q2.statements[0]!.label).toEqual({ en: 'My street is clean' })
    expect(parseSurveyDefinition(definition).ok).toBe(true)
    // The definition passed in is untouched.
    expect(before).toEqual(survey())
  })

  it('keeps a translation when an empty text comes from an import (blankClears off)', () => {
    const { definition, report } = applyTranslations(survey(), 'bn', { 'travel.options.walk': '   ' })
    expect(report.cleared).toEqual([])
    expect(report.unchanged).toBe(1)
    expect(hasChanges(report)).toBe(false)
    expect(definition).toEqual(survey())
  })

  it('stores Windows line endings as \\n, so a re-posted multi-line text is unchanged', () => {
    const first = applyTranslations(survey(), 'bn', { 'travel.hint': 'প্রথম লাইন\r\nদ্বিতীয় লাইন' })
    expect(first.report.added[0]!.after).toBe('প্রথম লাইন\nদ্বিতীয় লাইন')
    const again = applyTranslations(first.definition, 'bn', { 'travel.hint': 'প্রথম লাইন\r\nদ্বিতীয় লাইন\r\n' })
    expect(again.report.unchanged).toBe(1)
    expect(hasChanges(again.report)).toBe(false)
  })

  it('refuses unknown ids and texts over the limit, changing nothing', () => {
    const { definition, report } = applyTranslations(survey(), 'bn', {
      'travel.options.bus': 'বাসে',
      'travel.options.train': 'ট্রেনে',
      'nope.title': 'x',
      'streets.statements.safe': 'ক'.repeat(MAX_TEXT_LENGTH + 1),
    })
    expect(report.unknown).toEqual(['travel.options.train', 'nope.title'])
    expect(report.tooLong).toEqual(['streets.statements.safe'])
    expect(isRefused(report)).toBe(true)
    expect(definition).toEqual(survey())
    // Exactly the limit is fine.
    const atLimit = applyTranslations(survey(), 'bn', { 'streets.statements.safe': 'ক'.repeat(MAX_TEXT_LENGTH) })
    expect(isRefused(atLimit.report)).toBe(false)
    expect(parseSurveyDefinition(atLimit.definition).ok).toBe(true)
  })

  it('warns, without refusing, when the English has changed since the export', () => {
    const { report, definition } = applyTranslations(
      survey(),
      'bn',
      { 'travel.options.bus': 'বাস', 'travel.options.walk': 'হেঁটে' },
      { english: new Map([['travel.options.bus', 'Coach'], ['travel.options.walk', ' Walk ']]) },
    )
    expect(report.englishChanged).toEqual([{ id: 'travel.options.bus', exported: 'Coach', current: 'Bus' }])
    expect(report.added.map((a) => a.id)).toEqual(['travel.options.bus'])
    expect(isRefused(report)).toBe(false)
    const q1 = definition.questions[0]!
    expect(q1.type === 'single' && q1.options[1]!.label.bn).toBe('বাস')
  })

  it('adds the language to the survey\'s content languages with its first translation', () => {
    const { definition, report } = applyTranslations(survey(), 'ur', { 'idea.title': 'کون سی ایک تبدیلی مدد کرے گی؟' })
    expect(report.localeAdded).toBe(true)
    expect(definition.locales).toEqual(['en', 'bn', 'ur'])
    expect(translationProgress(definition, 'ur')).toEqual({ translated: 1, total: 8 })
    expect(summariseReport('ur', report, 'editor')).toBe('translations (ur) edited: 1 added, 0 changed, 0 cleared, 0 unchanged')
  })

  it('never writes the English', () => {
    expect(() => applyTranslations(survey(), 'en', { 'idea.title': 'x' })).toThrow()
  })

  it('translates the whole demo survey into Urdu and stays valid', () => {
    const texts = listTranslatableTexts(demoSurvey, 'ur')
    const { definition, report } = applyTranslations(demoSurvey, 'ur', Object.fromEntries(texts.map((t, i) => [t.id, `ترجمہ ${i + 1}`])))
    expect(report.added.length).toBe(texts.length)
    expect(missingTranslations(definition, 'ur')).toEqual([])
    expect(parseSurveyDefinition(definition).ok).toBe(true)
  })
})
