import { describe, expect, it } from 'vitest'
import { buildAgreementReport } from '~/features/coding/agreement-report.ts'
import { CTA_LEXICONS } from '~/features/coding/cta-lexicons.ts'
import { parseBulkForm, parseCodingForm, parseSampleForm, parseThemeForm, parseAcceptForm, themesFromNumbers } from '~/features/coding/forms.ts'
import { drawSample } from '~/features/coding/sampling.ts'
import { defaultClusterCount, suggestFromClusters, suggestFromLexicons } from '~/features/coding/suggestions.ts'

const form = (entries: Array<[string, string]>) => {
  const f = new FormData()
  for (const [k, v] of entries) f.append(k, v)
  return f
}

describe('drawing a sample for double coding', () => {
  const ids = Array.from({ length: 100 }, (_, i) => `r${String(i).padStart(3, '0')}`)

  it('draws the asked number of distinct answers from the list', () => {
    const sample = drawSample(ids, 30, 42)
    expect(sample).toHaveLength(30)
    expect(new Set(sample).size).toBe(30)
    for (const id of sample) expect(ids).toContain(id)
  })

  it('gives the same sample for the same seed, whatever order the answers come in, and another for another seed', () => {
    expect(drawSample([...ids].reverse(), 30, 42)).toEqual(drawSample(ids, 30, 42))
    expect(drawSample(ids, 30, 43)).not.toEqual(drawSample(ids, 30, 42))
  })

  it('never draws more than there are, and nothing from nothing', () => {
    expect(drawSample(ids.slice(0, 5), 30, 1)).toHaveLength(5)
    expect(drawSample([], 10, 1)).toEqual([])
  })

  it('is not simply the first answers: over many seeds every answer is drawn sometimes', () => {
    const seen = new Set<string>()
    for (let seed = 1; seed <= 40; seed++) for (const id of drawSample(ids, 10, seed)) seen.add(id)
    expect(seen.size).toBeGreaterThan(90)
  })
})

describe('lexicon suggestions for the calls to action', () => {
  const answers = [
    { responseId: 'a', text: 'Fix the damp in council flats. My children keep getting ill.' },
    { responseId: 'b', text: 'More apprenticeships with local employers at Canary Wharf.' },
    { responseId: 'c', text: 'বাড়িভাড়া অনেক বেশি, সাশ্রয়ী আবাসন দরকার।' },
    { responseId: 'd', text: 'শিশুদের জন্য আরও খেলার মাঠ ও পার্ক চাই।' },
    { responseId: 'e', text: 'Racism on buses is getting worse, please do something.' },
    { responseId: 'f', text: 'Mental health support in Bengali and Sylheti for older people.' },
  ]

  it('counts the answers each call to action matches, in English and Bengali', () => {
    const found = Object.fromEntries(suggestFromLexicons(answers, CTA_LEXICONS).map((s) => [s.key, s.responseIds]))
    expect(found.CTA1).toEqual(['e'])
    expect(found.CTA2).toEqual(expect.arrayContaining(['a', 'f']))
    expect(found.CTA3).toEqual(expect.arrayContaining(['a', 'c', 'd']))
    expect(found.CTA4).toEqual(expect.arrayContaining(['b', 'c']))
    expect(found.CTA5).toEqual(expect.arrayContaining(['a', 'd']))
    expect(found.CTA5).not.toContain('b')
  })

  it('reports the count and the keywords that matched, without the wildcard', () => {
    const cta1 = suggestFromLexicons(answers, CTA_LEXICONS).find((s) => s.key === 'CTA1')!
    expect(cta1.count).toBe(1)
    expect(cta1.keywords).toEqual(['racis'])
  })

  it('leaves out a call to action that matches nothing', () => {
    expect(suggestFromLexicons([{ responseId: 'x', text: 'Nothing relevant here at all' }], CTA_LEXICONS)).toEqual([])
  })
})

describe('cluster suggestions', () => {
  const texts = [
    ...Array.from({ length: 6 }, (_, i) => `More police patrols on the estate at night ${i}`),
    ...Array.from({ length: 6 }, (_, i) => `Cheaper childcare so parents can work ${i}`),
  ].map((text, i) => ({ responseId: `r${i}`, text: i === 0 ? `${text}, call me on 07700 900123` : text }))

  it('groups similar answers, lists top terms and redacts the examples', () => {
    const result = suggestFromClusters(texts, 2)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.map((c) => c.size)).toEqual([6, 6])
    const police = result.value.find((c) => c.topTerms.includes('police'))!
    expect(police.responseIds.sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5'])
    expect(police.examples).toHaveLength(3)
    for (const e of police.examples) expect(e.text).not.toContain('07700')
  })

  it('is the same every time (so an accept can work it out again)', () => {
    expect(suggestFromClusters(texts, 3)).toEqual(suggestFromClusters(texts, 3))
  })

  it('says when there are too few answers for that many groups', () => {
    const result = suggestFromClusters(texts.slice(0, 2), 5)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.kind).toBe('too-few-texts')
  })

  it('picks a sensible default number of groups', () => {
    expect(defaultClusterCount(0)).toBe(2)
    expect(defaultClusterCount(50)).toBe(5)
    expect(defaultClusterCount(20000)).toBe(8)
  })
})

describe('agreement report from two codings', () => {
  it('compares only answers both passes coded, and says how many are missing', () => {
    const report = buildAgreementReport(
      [
        { responseId: '1', first: ['A'], second: ['A'] },
        { responseId: '2', first: [], second: [] },
        { responseId: '3', first: ['A'], second: null },
        { responseId: '4', first: null, second: null },
      ],
      ['A'],
    )
    expect(report).toMatchObject({ sampleSize: 4, units: 2, missingFirst: 1, missingSecond: 2 })
  })

  it('works out kappa per theme and alpha over every decision (hand-worked: κ = 0.6, α = 0.62)', () => {
    // Theme A on ten answers: both yes on 4, both no on 4, one each way on 2.
    // p_o = 0.8, p_e = 0.5·0.5 + 0.5·0.5 = 0.5, κ = 0.3/0.5 = 0.6.
    // Alpha: o_yy = o_nn = 8, o_yn = o_ny = 2, n = 20; D_o = 4/20, D_e = 200/380, α = 1 − 0.38 = 0.62.
    const first = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    const second = [1, 1, 1, 1, 0, 1, 0, 0, 0, 0]
    const units = first.map((f, i) => ({ responseId: String(i), first: f ? ['A'] : [], second: second[i] ? ['A'] : [] }))
    const report = buildAgreementReport(units, ['A'])
    expect(report.perTheme[0]!.result.ok && report.perTheme[0]!.result.value.kappa).toBeCloseTo(0.6, 10)
    expect(report.overall?.ok && report.overall.value.alpha).toBeCloseTo(0.62, 10)
    // exactly 0.6 is "moderate" (Landis & Koch: 0.41–0.60), not pushed up a band by rounding error
    expect(report.perTheme[0]!.result.ok && report.perTheme[0]!.result.value.band).toBe('moderate')
  })

  it('reports a theme nobody used as having no variation, not as a number', () => {
    const report = buildAgreementReport(
      [
        { responseId: '1', first: ['A'], second: ['A'] },
        { responseId: '2', first: [], second: [] },
      ],
      ['A', 'B'],
    )
    const b = report.perTheme.find((r) => r.themeId === 'B')!.result
    expect(b.ok).toBe(false)
    if (!b.ok) expect(b.error.kind).toBe('undefined-no-variation')
  })

  it('has no figures when no answer is coded by both', () => {
    const report = buildAgreementReport([{ responseId: '1', first: ['A'], second: null }], ['A'])
    expect(report.units).toBe(0)
    expect(report.overall).toBeNull()
    expect(report.perTheme).toEqual([])
  })
})

describe('parsing the coding forms', () => {
  it('a theme: name required, notes optional, call to action from the list only', () => {
    expect(parseThemeForm(form([['name', '  Housing costs '], ['cta', 'CTA3']]))).toEqual({
      ok: true,
      value: { name: 'Housing costs', definition: '', includeNotes: '', excludeNotes: '', cta: 'CTA3' },
    })
    expect(parseThemeForm(form([['name', 'X'], ['cta', '']])).ok && parseThemeForm(form([['name', 'X'], ['cta', '']]))).toMatchObject({ value: { cta: null } })
    const bad = parseThemeForm(form([['name', ' '], ['cta', 'CTA9'], ['definition', 'x'.repeat(2001)]]))
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.errors).toEqual({ name: 'errors.required', cta: 'errors.invalid_cta', definition: 'errors.too_long' })
  })

  it('a coding: save needs a theme; "none" saves no theme; the move is next unless asked to stay', () => {
    expect(parseCodingForm(form([['responseId', 'r1'], ['intent', 'save'], ['themes', 't1'], ['themes', 't2'], ['themes', 't1']]))).toEqual({
      ok: true,
      value: { responseId: 'r1', themeIds: ['t1', 't2'], move: 'next' },
    })
    expect(parseCodingForm(form([['responseId', 'r1'], ['intent', 'none'], ['themes', 't1']]))).toEqual({ ok: true, value: { responseId: 'r1', themeIds: [], move: 'next' } })
    expect(parseCodingForm(form([['responseId', 'r1'], ['intent', 'save']]))).toMatchObject({ ok: false, errors: { themes: 'errors.choose_theme' } })
    expect(parseCodingForm(form([['intent', 'save'], ['themes', 't1']]))).toMatchObject({ ok: false, errors: { responseId: 'errors.invalid' } })
  })

  it('coding by theme number: any theme on the screen, past the ninth too, with or without ticks', () => {
    const order = Array.from({ length: 14 }, (_, i) => `t${i + 1}`)
    const base: [string, string][] = [['responseId', 'r1'], ['intent', 'save'], ['order', order.join(',')]]
    expect(themesFromNumbers('12', order)).toEqual(['t12'])
    expect(themesFromNumbers(' 3, 12;14 ', order)).toEqual(['t3', 't12', 't14'])
    expect(themesFromNumbers('', order)).toEqual([])
    expect(themesFromNumbers('15', order)).toBeNull()
    expect(themesFromNumbers('0', order)).toBeNull()
    expect(themesFromNumbers('twelve', order)).toBeNull()
    expect(parseCodingForm(form([...base, ['numbers', '12 3']]))).toEqual({ ok: true, value: { responseId: 'r1', themeIds: ['t12', 't3'], move: 'next' } })
    // Ticked and typed together, each theme once.
    expect(parseCodingForm(form([...base, ['themes', 't3'], ['numbers', '3 10']]))).toEqual({ ok: true, value: { responseId: 'r1', themeIds: ['t3', 't10'], move: 'next' } })
    expect(parseCodingForm(form([...base, ['numbers', '99']]))).toMatchObject({ ok: false, errors: { numbers: 'errors.theme_number' } })
    expect(parseCodingForm(form([...base, ['numbers', '  ']]))).toMatchObject({ ok: false, errors: { themes: 'errors.choose_theme' } })
  })

  it('bulk coding: a theme and at least one answer', () => {
    expect(parseBulkForm(form([['theme', 't1'], ['responses', 'a'], ['responses', 'b']]))).toEqual({ ok: true, value: { themeId: 't1', responseIds: ['a', 'b'] } })
    expect(parseBulkForm(form([]))).toMatchObject({ ok: false, errors: { theme: 'errors.choose_bulk_theme', responses: 'errors.choose_answers' } })
  })

  it('a sample: whole-number size in range, optional seed, a coder', () => {
    expect(parseSampleForm(form([['question', 'q'], ['size', '30'], ['seed', ''], ['secondCoder', 'u2']]))).toEqual({
      ok: true,
      value: { question: 'q', size: 30, seed: null, secondCoder: 'u2' },
    })
    expect(parseSampleForm(form([['question', 'q'], ['size', '30'], ['seed', '7'], ['secondCoder', 'u2']]))).toMatchObject({ ok: true, value: { seed: 7 } })
    expect(parseSampleForm(form([['question', 'q'], ['size', '1'], ['secondCoder', 'u2']]))).toMatchObject({ ok: false, errors: { size: 'errors.size_range' } })
    expect(parseSampleForm(form([['question', 'q'], ['size', '3.5'], ['seed', 'abc']]))).toMatchObject({
      ok: false,
      errors: { size: 'errors.size_whole', seed: 'errors.seed_whole', secondCoder: 'errors.choose_coder' },
    })
  })

  it('accepting a suggestion: a known key and a name', () => {
    expect(parseAcceptForm(form([['kind', 'cluster'], ['key', 'cluster-2'], ['name', 'Childcare'], ['codeAnswers', 'yes']]))).toEqual({
      ok: true,
      value: { kind: 'cluster', key: 'cluster-2', name: 'Childcare', codeAnswers: true },
    })
    expect(parseAcceptForm(form([['kind', 'lexicon'], ['key', 'CTA3'], ['name', '']]))).toMatchObject({ ok: false, errors: { 'name-CTA3': 'errors.required' } })
    expect(parseAcceptForm(form([['kind', 'other'], ['key', 'x'], ['name', 'n']]))).toMatchObject({ ok: false, errors: { key: 'errors.invalid' } })
  })
})
