import { describe, expect, it } from 'vitest'
import {
  binIndex,
  countVariable,
  crossTabulate,
  filterMask,
  findVariable,
  londonDay,
  numberBins,
  rankingPoints,
  weeklyCounts,
  weekStart,
} from '~/features/analysis/aggregate.ts'
import { censusCategoryFor, censusShares, dimensionCategories, profileColumn } from '~/features/analysis/census.ts'
import { DatasetBuilder, type Dataset } from '~/features/analysis/dataset.ts'
import { compareWithCensus } from '~/features/analysis/profile.ts'
import { isShown, publishCrossTab, publishDistribution } from '~/features/analysis/publish.ts'
import { SurveyDefinitionSchema, type SurveyDefinition } from '~/features/surveys/definition.ts'

// The aggregation behind the dashboard, worked by hand on small datasets.

const WARDS = ['W1', 'W2', 'W3']
const definition: SurveyDefinition = SurveyDefinitionSchema.parse({
  schemaVersion: 1,
  locales: ['en'],
  questions: [
    { key: 'colour', type: 'single', ctas: ['CTA1'], title: { en: 'Colour' }, options: ['red', 'green', 'blue'].map((code) => ({ code, label: { en: code } })) },
    { key: 'pets', type: 'multiple', ctas: ['CTA1'], title: { en: 'Pets' }, options: ['cat', 'dog', 'fish'].map((code) => ({ code, label: { en: code } })) },
    { key: 'agree', type: 'scale', ctas: ['CTA1'], title: { en: 'Agree?' } },
    {
      key: 'area',
      type: 'grid',
      ctas: ['CTA1'],
      title: { en: 'Area' },
      statements: ['safe', 'clean'].map((code) => ({ code, label: { en: code } })),
    },
    { key: 'home', type: 'ward', ctas: ['CTA1'], title: { en: 'Ward' } },
    { key: 'top', type: 'ranking', ctas: ['CTA1'], maxRank: 2, title: { en: 'Top' }, options: ['a', 'b', 'c'].map((code) => ({ code, label: { en: code } })) },
    { key: 'kids', type: 'number', ctas: ['CTA1'], min: 0, max: 30, title: { en: 'Kids' } },
    { key: 'why', type: 'text', ctas: ['CTA1'], title: { en: 'Why' } },
  ],
})

interface Person {
  channel?: string
  locale?: string
  ward?: string | null
  at?: number
  answers?: Array<[string, number, string | null, number | null, string | null]>
  equality?: Record<string, string>
}

function build(people: Person[], includeEquality = true): Dataset {
  const builder = new DatasetBuilder(definition, { n: people.length, wardCodes: WARDS, languages: ['en', 'bn', 'so', 'ur'], includeEquality })
  people.forEach((p, i) => {
    builder.setResponse(i, p.channel ?? 'online', p.locale ?? 'en', p.ward ?? null, p.at ?? Date.UTC(2026, 0, 5, 12))
    for (const [key, position, option, number, item] of p.answers ?? []) builder.addAnswer(i, key, position, option, number, item)
    for (const [key, option] of Object.entries(p.equality ?? {})) builder.addEquality(i, key, option)
  })
  return builder.finish()
}

const all = (d: Dataset) => new Uint8Array(d.n).fill(1)
const single = (key: string, option: string): [string, number, string | null, number | null, string | null] => [key, 0, option, null, null]

describe('the dataset', () => {
  it('keeps closed questions only, in survey order, and ignores answers the current version does not have', () => {
    const d = build([{ answers: [single('colour', 'red'), single('colour', 'purple'), ['why', 0, null, null, null], single('gone', 'x')] }])
    expect(d.questions.map((q) => q.question.key)).toEqual(['colour', 'pets', 'agree', 'area', 'home', 'top', 'kids'])
    const colour = d.questions[0]!
    expect(colour.kind === 'choice' && Array.from(colour.values)).toEqual([0])
  })

  it('grows the list of methods and languages when an unknown one turns up, and has no equality data when not allowed', () => {
    const d = build([{ channel: 'carrier_pigeon', locale: 'fr' }], false)
    expect(d.channel.codes.at(-1)).toBe('carrier_pigeon')
    expect(d.locale.codes.at(-1)).toBe('fr')
    expect(d.equality).toBeNull()
  })
})

describe('counts', () => {
  const people: Person[] = [
    { answers: [single('colour', 'red'), ['pets', 0, 'cat', null, null], ['pets', 1, 'dog', null, null]] },
    { answers: [single('colour', 'red'), ['pets', 0, 'dog', null, null]] },
    { answers: [single('colour', 'blue')] },
    { answers: [] },
  ]
  const d = build(people)

  it('counts a single-choice question: per option, answered and total', () => {
    expect(countVariable(findVariable(d, 'q.colour', WARDS)!, all(d))).toEqual({ counts: [2, 0, 1], answered: 3, total: 4 })
  })

  it('counts a multiple-choice question once per option chosen, people once in the base', () => {
    expect(countVariable(findVariable(d, 'q.pets', WARDS)!, all(d))).toEqual({ counts: [1, 2, 0], answered: 2, total: 4 })
  })

  it('counts only the respondents in the mask', () => {
    const mask = Uint8Array.from([0, 1, 1, 0])
    expect(countVariable(findVariable(d, 'q.colour', WARDS)!, mask)).toEqual({ counts: [1, 0, 1], answered: 2, total: 2 })
  })

  it('counts each grid statement on the agreement scale', () => {
    const g = build([
      { answers: [['area', 0, 'agree', null, 'safe'], ['area', 1, 'disagree', null, 'clean']] },
      { answers: [['area', 0, 'agree', null, 'safe']] },
    ])
    expect(countVariable(findVariable(g, 'q.area.safe', WARDS)!, all(g)).counts).toEqual([0, 2, 0, 0, 0, 0])
    expect(countVariable(findVariable(g, 'q.area.clean', WARDS)!, all(g))).toEqual({ counts: [0, 0, 0, 1, 0, 0], answered: 1, total: 2 })
  })

  it('counts a ranking by first choice, by "ranked at all", and by points', () => {
    const r = build([
      { answers: [['top', 0, 'b', null, null], ['top', 1, 'a', null, null]] },
      { answers: [['top', 0, 'b', null, null]] },
      { answers: [['top', 0, 'c', null, null], ['top', 1, 'b', null, null]] },
    ])
    expect(countVariable(findVariable(r, 'q.top.first', WARDS)!, all(r)).counts).toEqual([0, 2, 1])
    expect(countVariable(findVariable(r, 'q.top.ranked', WARDS)!, all(r)).counts).toEqual([1, 3, 1])
    const data = r.questions.find((q) => q.kind === 'ranking')!
    // maxRank 2: first = 2 points, second = 1. a: 1; b: 2 + 2 + 1 = 5; c: 2.
    expect(data.kind === 'ranking' && rankingPoints(data, all(r))).toEqual([1, 5, 2])
  })
})

describe('number bins', () => {
  it('gives one bin per value up to 12 values', () => {
    expect(numberBins(0, 5).map((b) => [b.from, b.to])).toEqual([[0, 0], [1, 1], [2, 2], [3, 3], [4, 4], [5, 5]])
  })

  it('gives about ten equal bins for a wider range, the last one shorter', () => {
    const bins = numberBins(0, 30)
    expect(bins.map((b) => [b.from, b.to])).toEqual([[0, 3], [4, 7], [8, 11], [12, 15], [16, 19], [20, 23], [24, 27], [28, 30]])
    expect(numberBins(1, 100)).toHaveLength(10)
  })

  it('puts each value in its bin; out of range values in the first or last; NaN nowhere', () => {
    const bins = numberBins(0, 30)
    expect([0, 3, 4, 29, 30, -5, 99, 7.9].map((v) => binIndex(bins, v))).toEqual([0, 0, 1, 7, 7, 0, 7, 1])
    expect(binIndex(bins, NaN)).toBe(-1)
  })

  it('handles negative ranges', () => {
    const bins = numberBins(-20, 20)
    expect(bins[0]).toEqual({ from: -20, to: -16 })
    expect(binIndex(bins, -17)).toBe(0)
    expect(binIndex(bins, 0)).toBe(4)
  })

  it('counts a number question in its bins', () => {
    const d = build([{ answers: [['kids', 0, null, 2, null]] }, { answers: [['kids', 0, null, 5, null]] }, { answers: [['kids', 0, null, 30, null]] }, {}])
    const v = findVariable(d, 'q.kids', WARDS)!
    expect(v.codes.slice(0, 2)).toEqual(['0..3', '4..7'])
    expect(countVariable(v, all(d))).toEqual({ counts: [1, 1, 0, 0, 0, 0, 0, 1], answered: 3, total: 4 })
  })
})

describe('weeks', () => {
  it('uses London days: 23:30 UTC in summer is the next day', () => {
    expect(londonDay(Date.UTC(2026, 6, 5, 23, 30))).toBe('2026-07-06')
    expect(londonDay(Date.UTC(2026, 0, 5, 23, 30))).toBe('2026-01-05')
  })

  it('starts weeks on Monday', () => {
    expect(weekStart('2026-07-05')).toBe('2026-06-29') // a Sunday
    expect(weekStart('2026-07-06')).toBe('2026-07-06') // a Monday
  })

  it('counts responses per week with empty weeks in between', () => {
    const at = [Date.UTC(2026, 0, 5, 10), Date.UTC(2026, 0, 11, 10), Date.UTC(2026, 0, 26, 10)]
    expect(weeklyCounts(Float64Array.from(at), Uint8Array.from([1, 1, 1]))).toEqual({ weeks: ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26'], counts: [2, 0, 0, 1] })
    expect(weeklyCounts(Float64Array.from(at), Uint8Array.from([0, 0, 0]))).toEqual({ weeks: [], counts: [] })
  })
})

describe('cross-tabs', () => {
  const d = build([
    { locale: 'en', answers: [single('colour', 'red'), ['pets', 0, 'cat', null, null], ['pets', 1, 'dog', null, null]] },
    { locale: 'en', answers: [single('colour', 'blue'), ['pets', 0, 'dog', null, null]] },
    { locale: 'bn', answers: [single('colour', 'red')] },
    { locale: 'bn', answers: [] },
  ])

  it('counts respondents by row and column, leaving out those without both', () => {
    // rows colour (red, green, blue) × columns language (en, bn, so, ur)
    expect(crossTabulate(findVariable(d, 'q.colour', WARDS)!, findVariable(d, 'locale', WARDS)!, all(d))).toEqual([
      [1, 1, 0, 0],
      [0, 0, 0, 0],
      [1, 0, 0, 0],
    ])
  })

  it('counts a multiple-choice respondent once per answer', () => {
    expect(crossTabulate(findVariable(d, 'q.pets', WARDS)!, findVariable(d, 'q.colour', WARDS)!, all(d))).toEqual([
      [1, 0, 0],
      [1, 0, 1],
      [0, 0, 0],
    ])
  })

  it('suppresses as one table with row percentages, and shows everything when suppression is off', () => {
    const table = [
      [30, 4, 20],
      [25, 15, 12],
    ]
    const published = publishCrossTab(table, { threshold: 10, suppress: true })!
    expect(published.cells[0]![1]).toEqual({ kind: 'suppressed', reason: 'primary', threshold: 10 })
    // A hidden cell never stands alone in its row or column.
    expect(published.cells[0]!.filter((c) => !isShown(c)).length).toBeGreaterThanOrEqual(2)
    const open = publishCrossTab(table, { threshold: 10, suppress: false })!
    expect(open.cells[0]![1]).toEqual({ kind: 'shown', count: 4, percent: (100 * 4) / 54 })
    expect(open.grandTotal).toMatchObject({ kind: 'shown', count: 106 })
  })
})

describe('filters', () => {
  const d = build([
    { channel: 'online', locale: 'en', ward: 'W1', equality: { sex: 'female' } },
    { channel: 'paper', locale: 'bn', ward: 'W2', equality: { sex: 'male' } },
    { channel: 'online', locale: 'bn', ward: 'W1', equality: { sex: 'female' } },
  ])

  it('keeps respondents matching every filter', () => {
    expect(filterMask(d, { channel: 'online' }, WARDS)).toEqual({ mask: Uint8Array.from([1, 0, 1]), n: 2 })
    expect(filterMask(d, { channel: 'online', locale: 'bn' }, WARDS).n).toBe(1)
    expect(filterMask(d, { ward: 'W2' }, WARDS).n).toBe(1)
    expect(filterMask(d, { group: { dimension: 'sex', category: 'female' } }, WARDS).n).toBe(2)
  })

  it('matches nobody for an unknown value, and nobody by equality group without equality data', () => {
    expect(filterMask(d, { channel: 'telegram' }, WARDS).n).toBe(0)
    const noEquality = build([{ equality: { sex: 'female' } }], false)
    expect(filterMask(noEquality, { group: { dimension: 'sex', category: 'female' } }, WARDS).n).toBe(0)
  })
})

describe('equality answers as census categories', () => {
  it('maps one to one where the questions follow the census', () => {
    expect(censusCategoryFor('sex', { sex: 'female' })).toBe('female')
    expect(censusCategoryFor('ethnic_group_broad', { ethnic_group_broad: 'asian' })).toBe('asian')
    expect(censusCategoryFor('ethnic_group', { ethnic_group: 'asian_bangladeshi' })).toBe('asian_bangladeshi')
    expect(censusCategoryFor('age_band', { age_band: '25_34' })).toBe('25_34')
  })

  it('treats "prefer not to say" as unknown, except religion, where the census counts "not answered"', () => {
    expect(censusCategoryFor('sex', { sex: 'prefer_not_to_say' })).toBeNull()
    expect(censusCategoryFor('age_band', { age_band: 'prefer_not_to_say' })).toBeNull()
    expect(censusCategoryFor('religion', { religion: 'prefer_not_to_say' })).toBe('not_answered')
    expect(censusCategoryFor('religion', { religion: 'muslim' })).toBe('muslim')
    expect(censusCategoryFor('religion', {})).toBeNull()
  })

  it('derives disability as the census does (Equality Act: activities limited a lot or a little)', () => {
    expect(censusCategoryFor('disability', { long_term_condition: 'yes', activity_limitation: 'a_lot' })).toBe('disabled')
    expect(censusCategoryFor('disability', { long_term_condition: 'yes', activity_limitation: 'a_little' })).toBe('disabled')
    expect(censusCategoryFor('disability', { long_term_condition: 'yes', activity_limitation: 'not_at_all' })).toBe('not_disabled')
    expect(censusCategoryFor('disability', { long_term_condition: 'no' })).toBe('not_disabled')
    expect(censusCategoryFor('disability', { long_term_condition: 'yes' })).toBeNull()
    expect(censusCategoryFor('disability', { long_term_condition: 'prefer_not_to_say' })).toBeNull()
  })

  it('puts the survey\'s age bands into the census\'s broad bands: 16 to 64 (census 15 to 64) and 65 and over', () => {
    expect(dimensionCategories('age_broad', [])).toEqual(['16_64', '65_plus'])
    for (const band of ['16_24', '25_34', '35_49', '50_64']) expect(censusCategoryFor('age_broad', { age_band: band })).toBe('16_64')
    for (const band of ['65_74', '75_plus']) expect(censusCategoryFor('age_broad', { age_band: band })).toBe('65_plus')
    // Under 16 has no census band to match (the census's is under 15), and "prefer not to say" is not an age.
    expect(censusCategoryFor('age_broad', { age_band: 'under_16' })).toBeNull()
    expect(censusCategoryFor('age_broad', { age_band: 'prefer_not_to_say' })).toBeNull()
    expect(censusCategoryFor('age_broad', {})).toBeNull()
    const d = build([
      { ward: 'W1', equality: { age_band: '35_49' } },
      { ward: 'W1', equality: { age_band: '75_plus' } },
      { ward: 'W1', equality: { age_band: 'under_16' } },
      { ward: 'W1', equality: {} },
    ])
    const age = profileColumn(d, 'age_broad', WARDS)!
    expect(Array.from(age.values).map((v) => (v < 0 ? null : age.codes[v]))).toEqual(['16_64', '65_plus', null, null])
  })

  it('builds a column per respondent, and a ward column from the response', () => {
    const d = build([
      { ward: 'W2', equality: { long_term_condition: 'yes', activity_limitation: 'a_little', religion: 'prefer_not_to_say' } },
      { ward: null, equality: { long_term_condition: 'no' } },
    ])
    const disability = profileColumn(d, 'disability', WARDS)!
    expect(Array.from(disability.values).map((v) => (v < 0 ? null : disability.codes[v]))).toEqual(['disabled', 'not_disabled'])
    const religion = profileColumn(d, 'religion', WARDS)!
    expect(Array.from(religion.values).map((v) => (v < 0 ? null : religion.codes[v]))).toEqual(['not_answered', null])
    const ward = profileColumn(d, 'ward', WARDS)!
    expect(Array.from(ward.values)).toEqual([1, -1])
  })

  it('gives census shares of each table\'s own total, in category order', () => {
    const shares = censusShares({ sex: [{ category: 'male', count: 300, source: 'TS009' }, { category: 'female', count: 100, source: 'TS009' }] }, 'sex', WARDS)!
    expect(shares.map((s) => [s!.category, s!.share])).toEqual([
      ['female', 0.25],
      ['male', 0.75],
    ])
    expect(censusShares({}, 'age_band', WARDS)).toBeNull()
    expect(dimensionCategories('ward', WARDS)).toEqual(WARDS)
  })
})

describe('the profile beside the census', () => {
  const census = [
    { category: 'female', count: 50, share: 0.5, source: 's' },
    { category: 'male', count: 50, share: 0.5, source: 's' },
  ]

  it('gives the gap in percentage points and the ratio, and flags under-representation below the factor', () => {
    const result = compareWithCensus(['female', 'male'], { counts: [70, 30], answered: 100, total: 110 }, census, { threshold: 10, suppress: true }, 0.67)
    expect(result.rows[0]).toMatchObject({ category: 'female', under: 'no' })
    expect(result.rows[0]!.gapPoints).toBeCloseTo(20)
    expect(result.rows[1]!.ratio).toBeCloseTo(0.6)
    expect(result.rows[1]!.under).toBe('yes')
    expect(result.notStated).toBe(10)
  })

  it('flags a hidden small group only when even the largest hidden count would be under the factor', () => {
    const big = compareWithCensus(['female', 'male'], { counts: [195, 5], answered: 200, total: 200 }, census, { threshold: 10, suppress: true }, 0.67)
    // 5 is hidden, and so is 195 (the next smallest), to protect it; at most 9 of 200 = 4.5% against 50%.
    expect(big.rows[1]!.respondents).toMatchObject({ kind: 'suppressed', reason: 'primary' })
    expect(big.rows[1]!.under).toBe('at-most')
    expect(big.rows[1]!.ratio).toBeNull()
  })

  it('does not flag a group too small to expect respondents from (Cochran\'s minimum expected count of 5), but still gives its gap', () => {
    const travellers = [
      { category: 'white_gypsy_irish_traveller', count: 110, share: 0.0003, source: 's' },
      { category: 'asian_bangladeshi', count: 107_333, share: 0.346, source: 's' },
      { category: 'other', count: 202_557, share: 0.6537, source: 's' },
    ]
    const result = compareWithCensus(['white_gypsy_irish_traveller', 'asian_bangladeshi', 'other'], { counts: [0, 20, 136], answered: 156, total: 156 }, travellers, { threshold: 10, suppress: false }, 0.67)
    // 156 × 0.03% = 0.05 expected: none answering is no sign of a gap.
    expect(result.rows[0]).toMatchObject({ under: null, ratio: 0 })
    // 156 × 34.6% = 54 expected, 20 answered: flagged.
    expect(result.rows[1]!.under).toBe('yes')
    // A group of 5% among 100 respondents (5 expected) is judged; among 99 (4.95) it is not.
    const two = (answered: number) => compareWithCensus(['a', 'b'], { counts: [0, answered], answered, total: answered }, [{ category: 'a', count: 5, share: 0.05, source: 's' }, { category: 'b', count: 95, share: 0.95, source: 's' }], { threshold: 10, suppress: false }, 0.67).rows[0]!.under
    expect(two(100)).toBe('yes')
    expect(two(99)).toBeNull()
  })
})

describe('publishing one-way tables', () => {
  it('suppresses small counts with a secondary, and hides the base when only the total could give it away', () => {
    const p = publishDistribution({ counts: [25, 4, 30, 12], answered: 71, total: 80 }, false, { threshold: 10, suppress: true })
    expect(p.cells.map((c) => (isShown(c) ? c.count : c.reason))).toEqual([25, 'primary', 30, 'secondary'])
    expect(p.base).toMatchObject({ kind: 'shown', count: 71 })
    expect(p.notAnswered).toBe(9)
    expect(p.cells[0]).toMatchObject({ percent: (100 * 25) / 71 })
  })

  it('gives multiple-choice percentages of the people who answered', () => {
    const p = publishDistribution({ counts: [40, 30, 20], answered: 50, total: 60 }, true, { threshold: 10, suppress: true })
    expect(p.cells[0]).toEqual({ kind: 'shown', count: 40, percent: 80 })
    expect(p.base).toEqual({ kind: 'shown', count: 50 })
  })

  it('shows every count when suppression is off', () => {
    const p = publishDistribution({ counts: [3, 1], answered: 4, total: 4 }, false, { threshold: 10, suppress: false })
    expect(p.cells).toEqual([
      { kind: 'shown', count: 3, percent: 75 },
      { kind: 'shown', count: 1, percent: 25 },
    ])
  })
})
