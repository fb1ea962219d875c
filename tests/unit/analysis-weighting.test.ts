import { describe, expect, it } from 'vitest'
import { DatasetBuilder, type Dataset } from '~/features/analysis/dataset.ts'
import { runWeighting, weightedResults, type MarginSpec } from '~/features/analysis/weighting.ts'
import { SurveyDefinitionSchema } from '~/features/surveys/definition.ts'

// Weighting on the analysis dataset (runWeighting: the respondents coded per
// margin, raked, then every closed question weighted), and the bad input it
// must turn into a named problem or an honest "did not converge" rather than
// a wrong number. The page's words for each are checked in
// tests/integration/analysis.test.ts.

const WARDS = ['W1', 'W2']
const definition = SurveyDefinitionSchema.parse({
  schemaVersion: 1,
  locales: ['en'],
  questions: [{ key: 'colour', type: 'single', ctas: ['CTA1'], title: { en: 'Colour' }, options: ['red', 'blue'].map((code) => ({ code, label: { en: code } })) }],
})

/** people: [sex, broad ethnic group, ward, colour] (null: not answered) */
type Person = readonly [string | null, string | null, string | null, string | null]
function build(people: readonly Person[]): Dataset {
  const builder = new DatasetBuilder(definition, { n: people.length, wardCodes: WARDS, languages: ['en'], includeEquality: true })
  people.forEach(([sex, ethnic, ward, colour], i) => {
    builder.setResponse(i, 'online', 'en', ward, 0)
    if (sex) builder.addEquality(i, 'sex', sex)
    if (ethnic) builder.addEquality(i, 'ethnic_group_broad', ethnic)
    if (colour) builder.addAnswer(i, 'colour', 0, colour, null, null)
  })
  return builder.finish()
}

const repeat = (n: number, person: Person): Person[] => Array.from({ length: n }, () => person)
const sex = (female: number): MarginSpec => ({ dimension: 'sex', targets: [{ category: 'female', target: female }, { category: 'male', target: 1 - female }], source: 'census' })
const ethnic = (asian: number): MarginSpec => ({ dimension: 'ethnic_group_broad', targets: [{ category: 'asian', target: asian }, { category: 'white', target: 1 - asian }], source: 'census' })

describe('runWeighting', () => {
  it('rakes the respondents who gave every chosen margin, and leaves the others out', () => {
    const dataset = build([...repeat(30, ['female', 'asian', 'W1', 'red']), ...repeat(10, ['male', 'white', 'W2', 'blue']), ...repeat(20, ['male', 'asian', 'W1', 'red']), ...repeat(5, [null, 'asian', 'W1', 'blue'])])
    const outcome = runWeighting(dataset, { margins: [sex(0.5)], cap: null, collapseBelow: 0 }, WARDS)
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.run.excluded).toBe(5)
    // 30 women and 30 men raked to half each: weight 1 each, and 0 for the five left out.
    expect(Array.from(outcome.run.weights.slice(0, 60)).every((w) => Math.abs(w - 1) < 1e-9)).toBe(true)
    expect(Array.from(outcome.run.weights.slice(60))).toEqual([0, 0, 0, 0, 0])
    // Weighted colour: women all red (half the weight), men 20 red of 30.
    const colour = weightedResults(dataset, outcome.run, { threshold: 10, suppress: false })[0]!.tables[0]!
    const red = colour.rows.find((r) => r.code === 'red')!
    expect(red.weightedPercent).toBeCloseTo(100 * (0.5 + 0.5 * (20 / 30)), 9)
    expect(red.unweightedPercent).toBeCloseTo((100 * 50) / 60, 9)
  })

  it('reports a margin that does not sum, an empty group and a category the targets lack as problems', () => {
    const dataset = build([...repeat(20, ['female', 'asian', 'W1', 'red']), ...repeat(20, ['male', 'asian', 'W2', 'blue'])])
    const notSum = runWeighting(dataset, { margins: [{ dimension: 'sex', targets: [{ category: 'female', target: 0.5 }, { category: 'male', target: 0.4 }], source: 'own' }], cap: null, collapseBelow: 0 }, WARDS)
    expect(notSum).toEqual({ ok: false, problem: { kind: 'does-not-sum', dimension: 'sex', sum: 0.9 } })
    // Nobody white responded, but the target gives white residents 40%.
    const empty = runWeighting(dataset, { margins: [ethnic(0.6)], cap: null, collapseBelow: 0 }, WARDS)
    expect(empty).toEqual({ ok: false, problem: { kind: 'empty-group', dimension: 'ethnic_group_broad', category: 'white' } })
    const lacking = runWeighting(dataset, { margins: [{ dimension: 'sex', targets: [{ category: 'female', target: 1 }], source: 'census' }], cap: null, collapseBelow: 0 }, WARDS)
    expect(lacking).toEqual({ ok: false, problem: { kind: 'unknown-category', dimension: 'sex', category: 'male' } })
    expect(runWeighting(dataset, { margins: [], cap: null, collapseBelow: 0 }, WARDS)).toEqual({ ok: false, problem: { kind: 'no-margins' } })
    // Nobody gave both answers: nobody to rake.
    const none = build([['female', null, 'W1', 'red'], [null, 'asian', 'W1', 'red']])
    expect(runWeighting(none, { margins: [sex(0.5), ethnic(0.5)], cap: null, collapseBelow: 0 }, WARDS)).toEqual({ ok: false, problem: { kind: 'no-respondents' } })
  })

  it('says when raking does not converge, and why: categories that only occur together', () => {
    // Every woman is Asian and every man White, so "50% women" and "80% Asian" cannot both hold.
    const dataset = build([...repeat(20, ['female', 'asian', 'W1', 'red']), ...repeat(20, ['male', 'white', 'W2', 'blue'])])
    const outcome = runWeighting(dataset, { margins: [sex(0.5), ethnic(0.8)], cap: null, collapseBelow: 0 }, WARDS)
    expect(outcome.ok).toBe(true)
    if (!outcome.ok) return
    expect(outcome.run.report.converged).toBe(false)
    expect(outcome.run.report.notConverged?.reason).toBe('max-iterations')
    expect(outcome.run.report.maxMarginError).toBeGreaterThan(0.1)
  })

  it('says when a weight cap is too tight to meet the margins', () => {
    const dataset = build([...repeat(36, ['female', 'asian', 'W1', 'red']), ...repeat(4, ['male', 'asian', 'W2', 'blue'])])
    // Men are 10% of respondents; a 50% target needs weight 5 × the mean, but the cap is 2.
    const outcome = runWeighting(dataset, { margins: [sex(0.5)], cap: 2, collapseBelow: 0 }, WARDS)
    expect(outcome.ok && outcome.run.report.notConverged?.reason).toBe('weight-cap')
  })
})
