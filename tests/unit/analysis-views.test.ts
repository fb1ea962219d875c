import { describe, expect, it } from 'vitest'
import { summariseTable } from '~/features/analysis/dashboard.ts'
import { DatasetBuilder } from '~/features/analysis/dataset.ts'
import { sheetName } from '~/features/analysis/export.server.ts'
import { createLabeller } from '~/features/analysis/labels.ts'
import { parseFactor } from '~/features/analysis/profile-page.server.ts'
import { filterQuery, parseFilters } from '~/features/analysis/filter-options.ts'
import { keptFilterParams } from '~/features/analysis/components/filters.tsx'
import { runWeighting, toProblem } from '~/features/analysis/weighting.ts'
import { createI18n } from '~/features/i18n/create-i18n.ts'
import { resources } from '~/features/i18n/resources.ts'
import { analysisT } from '../support/analysis-t.ts'
import { SurveyDefinitionSchema } from '~/features/surveys/definition.ts'

const t = analysisT
const definition = SurveyDefinitionSchema.parse({
  schemaVersion: 1,
  locales: ['en'],
  questions: [
    { key: 'agree', type: 'scale', ctas: ['CTA1'], title: { en: 'Agree?' } },
    { key: 'top', type: 'ranking', ctas: ['CTA1'], title: { en: 'Top' }, options: ['a', 'b'].map((code) => ({ code, label: { en: `Option ${code}` } })), maxRank: 2 },
    { key: 'area', type: 'grid', ctas: ['CTA1'], title: { en: 'Area' }, statements: ['safe', 'clean'].map((code) => ({ code, label: { en: code } })) },
    { key: 'kids', type: 'number', ctas: ['CTA1'], title: { en: 'Kids' }, min: 0, max: 30 },
  ],
})

describe('labels in the reader\'s language', () => {
  const labeller = createLabeller(t, 'en', definition, new Map([['W1', 'Weavers']]))
  it('names variables and categories', () => {
    expect(labeller.variable('q.top.first')).toBe('Top (first choice)')
    expect(labeller.variable('q.area.safe')).toBe('Area: safe')
    expect(labeller.category('q.agree', 'strongly_agree')).toBe('Strongly agree')
    expect(labeller.category('q.kids', '4..7')).toBe('4 to 7')
    expect(labeller.category('q.kids', '3')).toBe('3')
    expect(labeller.category('ward', 'W1')).toBe('Weavers')
    expect(labeller.category('channel', 'face_to_face')).toBe('Face to face')
    expect(labeller.category('locale', 'bn')).toBe('বাংলা')
    expect(labeller.categoryLang('locale', 'bn')).toBe('bn')
    expect(labeller.category('eq.religion', 'not_answered')).toBe('Not answered')
    expect(labeller.category('eq.disability', 'disabled')).toBe('Disabled (day-to-day activities limited)')
    expect(labeller.category('eq.ethnic_group', 'asian_bangladeshi')).toBe('Bangladeshi')
  })
})

describe('text alternatives', () => {
  it('names the largest group, and how many are hidden', () => {
    const rows = [
      { label: 'Yes', cell: { kind: 'shown' as const, count: 40, percent: 80 } },
      { label: 'No', cell: { kind: 'suppressed' as const, reason: 'primary' as const, threshold: 10 } },
      { label: 'Maybe', cell: { kind: 'suppressed' as const, reason: 'secondary' as const, threshold: 10 } },
    ]
    expect(summariseTable(rows, { kind: 'shown', count: 50 }, false, t, 'en')).toBe('The largest group is Yes: 40 of 50 (80.0%). Groups not shown because the numbers are small: 2.')
    expect(summariseTable(rows, { kind: 'suppressed', reason: 'primary', threshold: 10 }, false, t, 'en')).toBe('Fewer than 10 people answered, so the numbers are not shown.')
  })

  it('writes numbers in the reader\'s language', () => {
    const bn = createI18n('bn', resources.bn)
    const tb = (key: string, values?: Record<string, unknown>) => bn.t(`analysis:${key}`, values as never) as unknown as string
    const text = summariseTable([{ label: 'হ্যাঁ', cell: { kind: 'shown', count: 40, percent: 80 } }], { kind: 'shown', count: 50 }, false, tb, 'bn')
    expect(text).toContain('৪০')
    expect(text).toContain('৫০')
  })
})

describe('query strings', () => {
  const builder = new DatasetBuilder(definition, { n: 2, wardCodes: ['W1'], languages: ['en', 'bn'], includeEquality: true })
  builder.setResponse(0, 'online', 'en', 'W1', 0)
  builder.setResponse(1, 'paper', 'bn', null, 0)
  const dataset = builder.finish()

  it('keeps only values that exist, and equality groups only for readers allowed to see them', () => {
    const params = new URLSearchParams({ method: 'paper', language: 'xx', ward: 'W1', group: 'sex:female' })
    expect(parseFilters(params, { dataset, wardCodes: ['W1'], canSeeEquality: true })).toEqual({ channel: 'paper', ward: 'W1', group: { dimension: 'sex', category: 'female' } })
    expect(parseFilters(params, { dataset, wardCodes: ['W1'], canSeeEquality: false })).toEqual({ channel: 'paper', ward: 'W1' })
    expect(parseFilters(new URLSearchParams({ group: 'ward:W1' }), { dataset, wardCodes: ['W1'], canSeeEquality: true })).toEqual({})
  })

  it('writes filters back as a query string', () => {
    expect(filterQuery({ channel: 'paper', group: { dimension: 'sex', category: 'female' } }, { suppression: 'off', rows: undefined })).toBe('?method=paper&group=sex%3Afemale&suppression=off')
    expect(filterQuery({})).toBe('')
  })

  it('carries the chosen filters, in order, into another form on the page, and suppression only when switched off', () => {
    expect(Object.entries(keptFilterParams({ group: 'sex:female', method: 'paper', ward: 'W1' }, false))).toEqual([
      ['method', 'paper'],
      ['ward', 'W1'],
      ['group', 'sex:female'],
      ['suppression', 'off'],
    ])
    expect(keptFilterParams({ language: 'bn' }, true)).toEqual({ language: 'bn' })
    expect(keptFilterParams({}, true)).toEqual({})
  })

  it('reads the under-representation factor, with a comma as a decimal point', () => {
    expect(parseFactor(null)).toEqual({ factor: 0.67, error: false })
    expect(parseFactor('0,5')).toEqual({ factor: 0.5, error: false })
    expect(parseFactor('2')).toEqual({ factor: 0.67, error: true })
    expect(parseFactor('abc').error).toBe(true)
  })
})

describe('workbook sheet names', () => {
  it('are at most 31 characters, without forbidden characters, and unique', () => {
    const used = new Set<string>()
    expect(sheetName('Q1 what/is:this?', used)).toBe('Q1 what is this')
    const long = 'A very long sheet name that goes on and on'
    const first = sheetName(long, used)
    const second = sheetName(long, used)
    expect(first).toHaveLength(31)
    expect(second.length).toBeLessThanOrEqual(31)
    expect(second).not.toBe(first)
    expect(second.endsWith(' 2')).toBe(true)
  })
})

describe('weighting on a small dataset', () => {
  // 30 women and 10 men answering; the population is half and half.
  const n = 40
  const builder = new DatasetBuilder(definition, { n, wardCodes: [], languages: ['en'], includeEquality: true })
  for (let i = 0; i < n; i++) {
    builder.setResponse(i, 'online', 'en', null, 0)
    builder.addEquality(i, 'sex', i < 30 ? 'female' : 'male')
    builder.addAnswer(i, 'agree', 0, i < 30 ? 'agree' : 'disagree', null, null)
  }
  const dataset = builder.finish()

  it('rakes to the margin: men get three times the weight of women', () => {
    const result = runWeighting(dataset, { margins: [{ dimension: 'sex', targets: [{ category: 'female', target: 0.5 }, { category: 'male', target: 0.5 }], source: 'census' }], cap: null, collapseBelow: 0 }, [])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.run.report.converged).toBe(true)
    expect(result.run.weights[35]! / result.run.weights[0]!).toBeCloseTo(3, 6)
    // Kish: n_eff = (Σw)² / Σw² = 40² / (30·(2/3)² + 10·2²) = 30.
    expect(result.run.summary.effectiveN).toBeCloseTo(30, 6)
    expect(result.run.summary.designEffect).toBeCloseTo(40 / 30, 6)
  })

  it('says what is wrong with a margin instead of weighting', () => {
    const result = runWeighting(dataset, { margins: [{ dimension: 'sex', targets: [{ category: 'female', target: 0.5 }, { category: 'male', target: 0.4 }], source: 'own' }], cap: null, collapseBelow: 0 }, [])
    expect(result).toEqual({ ok: false, problem: { kind: 'does-not-sum', dimension: 'sex', sum: 0.9 } })
    expect(runWeighting(dataset, { margins: [], cap: null, collapseBelow: 0 }, [])).toEqual({ ok: false, problem: { kind: 'no-margins' } })
    expect(toProblem({ kind: 'empty-category', variable: 'ward', category: 'W1' })).toEqual({ kind: 'empty-group', dimension: 'ward', category: 'W1' })
  })
})
