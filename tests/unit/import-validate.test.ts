import { describe, expect, it } from 'vitest'
import { importColumns } from '~/features/imports/columns.ts'
import { type ImportTable, parseSubmittedAt, validateImport } from '~/features/imports/validate-rows.ts'
import { SurveyDefinitionSchema, type SurveyDefinition } from '~/features/surveys/definition.ts'
import { demoSurvey } from '../../db/seed/demo-survey.ts'

// The import row validator: every kind of problem, named by row and column,
// with the survey's own validation and skip logic underneath.

const demo = SurveyDefinitionSchema.parse(demoSurvey)
const WARDS = ['E05009317', 'E05009318']
const NOW = Date.UTC(2025, 5, 1, 12)
const HEADERS = importColumns(demo).map((c) => c.name)

/** A valid response to the demo survey, as cells by column name. */
const VALID: Record<string, string> = {
  external_id: 'P-001',
  method: 'paper',
  language: 'bn',
  submitted_at: '2025-03-01',
  connection: 'over_10',
  ward: 'E05009317',
  'priorities.1': 'safe_homes',
  'priorities.2': 'work_income',
  'priorities.3': '',
  safe_day: 'agree',
  'area_statements.get_on_well': 'agree',
  'area_statements.influence_decisions': '',
  'area_statements.safe_public_spaces': 'strongly_disagree',
  congress_date: '2024-02-29',
  wellbeing: 'cost_of_living;housing',
  needed_help: 'yes',
  help_sources: 'food_bank; family',
  young_listened: 'dont_know',
  children: '3',
  one_change: 'আরও সবুজ জায়গা, "পার্ক" এবং\nভালো বাস',
}

function table(rows: Record<string, string>[], headers = HEADERS): ImportTable {
  return { headers, headerRow: 1, rows: rows.map((row, i) => ({ number: i + 2, cells: headers.map((h) => row[h] ?? '') })) }
}

const check = (rows: Record<string, string>[], options: Partial<Parameters<typeof validateImport>[2]> = {}, definition: SurveyDefinition = demo, headers?: string[]) =>
  validateImport(definition, table(rows, headers ?? importColumns(definition).map((c) => c.name)), { wardCodes: WARDS, now: NOW, versionNumber: 1, ...options })

function problemsOf(rows: Record<string, string>[], options?: Partial<Parameters<typeof validateImport>[2]>, definition?: SurveyDefinition) {
  const result = check(rows, options, definition)
  if (result.ok) throw new Error('expected problems')
  return result.problems.map(({ row, column, key, values }) => ({ row, column, key, ...(values ? { values } : {}) }))
}

describe('import rows: valid files', () => {
  it('reads every question type into answers, with the row, method, language and time', () => {
    const result = check([VALID])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.rows).toEqual([
      {
        row: 2,
        externalId: 'P-001',
        channel: 'paper',
        locale: 'bn',
        submittedAt: Date.UTC(2025, 2, 1, 0, 0),
        answers: {
          connection: 'over_10',
          ward: 'E05009317',
          priorities: ['safe_homes', 'work_income'],
          safe_day: 'agree',
          area_statements: { get_on_well: 'agree', safe_public_spaces: 'strongly_disagree' },
          congress_date: '2024-02-29',
          wellbeing: ['cost_of_living', 'housing'],
          needed_help: 'yes',
          help_sources: ['food_bank', 'family'],
          young_listened: 'dont_know',
          children: 3,
          one_change: 'আরও সবুজ জায়গা, "পার্ক" এবং\nভালো বাস',
        },
      },
    ])
  })

  it('fills blank method, language and time with paper, English and the import time; codes are read in any case; Bengali digits are numbers', () => {
    const result = check([{ ...VALID, method: '', language: ' ', submitted_at: '', connection: ' Over_10 ', ward: 'e05009318', children: '৫', safe_day: 'AGREE' }])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.rows[0]).toMatchObject({ channel: 'paper', locale: 'en', submittedAt: null })
    expect(result.rows[0]!.answers).toMatchObject({ connection: 'over_10', ward: 'E05009318', children: 5, safe_day: 'agree' })
  })

  it('accepts the optional columns being left out, and columns in any order', () => {
    const headers = HEADERS.filter((h) => !['method', 'language', 'submitted_at'].includes(h)).reverse()
    const result = check([VALID], {}, demo, headers)
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.rows[0]).toMatchObject({ channel: 'paper', locale: 'en', submittedAt: null })
  })

  it('skips questions skip logic hides, even when they are required', () => {
    const definition = SurveyDefinitionSchema.parse({
      schemaVersion: 1,
      locales: ['en'],
      questions: [
        { key: 'has_car', type: 'single', required: true, ctas: ['CTA1'], title: { en: 'Car?' }, options: [{ code: 'yes', label: { en: 'Yes' } }, { code: 'no', label: { en: 'No' } }] },
        { key: 'car_use', type: 'text', required: true, ctas: ['CTA1'], title: { en: 'How?' }, showIf: { question: 'has_car', operator: 'equals', value: 'yes' } },
      ],
    })
    const result = check([{ external_id: 'a', has_car: 'no', car_use: '' }], {}, definition)
    expect(result.ok && result.rows[0]!.answers).toEqual({ has_car: 'no' })
    expect(problemsOf([{ external_id: 'b', has_car: 'yes', car_use: '' }], {}, definition)).toEqual([{ row: 2, column: 'car_use', key: 'problems.required' }])
    expect(problemsOf([{ external_id: 'c', has_car: 'no', car_use: 'Work' }], {}, definition)).toEqual([
      { row: 2, column: 'car_use', key: 'problems.hidden_equals', values: { question: 'has_car', value: 'yes' } },
    ])
  })
})

describe('import rows: each kind of problem', () => {
  it('an unknown option code, named with the codes allowed', () => {
    expect(problemsOf([{ ...VALID, connection: 'forever' }])).toEqual([
      { row: 2, column: 'connection', key: 'problems.invalid_option', values: { value: 'forever', allowed: 'under_1, 1_5, 6_10, over_10, not_resident' } },
    ])
    expect(problemsOf([{ ...VALID, wellbeing: 'housing;money' }])[0]).toMatchObject({ column: 'wellbeing', key: 'problems.invalid_option', values: { value: 'money' } })
    expect(problemsOf([{ ...VALID, 'area_statements.safe_public_spaces': 'yes' }])[0]).toMatchObject({ column: 'area_statements.safe_public_spaces', key: 'problems.invalid_option' })
    expect(problemsOf([{ ...VALID, 'priorities.2': 'parks' }])[0]).toMatchObject({ column: 'priorities.2', key: 'problems.invalid_option', values: { value: 'parks' } })
    expect(problemsOf([{ ...VALID, ward: 'Spitalfields' }])).toEqual([{ row: 2, column: 'ward', key: 'problems.invalid_ward', values: { value: 'Spitalfields' } }])
  })

  it('a number out of range, or not a whole number', () => {
    expect(problemsOf([{ ...VALID, children: '25' }])).toEqual([{ row: 2, column: 'children', key: 'problems.number_range', values: { value: '25', min: 0, max: 20 } }])
    expect(problemsOf([{ ...VALID, children: '2.5' }])).toEqual([{ row: 2, column: 'children', key: 'problems.whole_number', values: { value: '2.5' } }])
  })

  it('a date in the wrong format, not a real date, or out of range', () => {
    expect(problemsOf([{ ...VALID, congress_date: '14/11/2023' }])).toEqual([{ row: 2, column: 'congress_date', key: 'problems.date_format', values: { value: '14/11/2023' } }])
    expect(problemsOf([{ ...VALID, congress_date: '2023-02-30' }])).toEqual([{ row: 2, column: 'congress_date', key: 'problems.date_real', values: { value: '2023-02-30' } }])
    expect(problemsOf([{ ...VALID, congress_date: '2023-11-13' }])).toEqual([
      { row: 2, column: 'congress_date', key: 'problems.date_too_early', values: { value: '2023-11-13', date: '2023-11-14' } },
    ])
  })

  it('a required question left blank', () => {
    expect(problemsOf([{ ...VALID, connection: '' }])).toEqual([{ row: 2, column: 'connection', key: 'problems.required' }])
    expect(problemsOf([{ ...VALID, 'priorities.1': '', 'priorities.2': '' }])).toEqual([{ row: 2, column: 'priorities.1', key: 'problems.required' }])
  })

  it('an answer to a question skip logic hides', () => {
    expect(problemsOf([{ ...VALID, needed_help: 'no', help_sources: 'food_bank' }])).toEqual([
      { row: 2, column: 'help_sources', key: 'problems.hidden_equals', values: { question: 'needed_help', value: 'yes' } },
    ])
    expect(problemsOf([{ ...VALID, connection: 'not_resident', ward: 'E05009317' }])).toEqual([
      { row: 2, column: 'ward', key: 'problems.hidden_not_equals', values: { question: 'connection', value: 'not_resident' } },
    ])
  })

  it('does not blame a hidden question when the answer that decides it is itself wrong', () => {
    expect(problemsOf([{ ...VALID, needed_help: 'maybe', help_sources: 'food_bank' }]).map((p) => p.column)).toEqual(['needed_help'])
    // A value that is wrong whether the question is asked or not is still reported.
    expect(problemsOf([{ ...VALID, needed_help: 'maybe', help_sources: 'soup' }]).map((p) => p.column)).toEqual(['needed_help', 'help_sources'])
  })

  it('ranking gaps and repeats, exclusive options, too many characters', () => {
    expect(problemsOf([{ ...VALID, 'priorities.1': '', 'priorities.2': 'safe_homes' }])).toEqual([{ row: 2, column: 'priorities.1', key: 'problems.rank_gap', values: { place: 1 } }])
    expect(problemsOf([{ ...VALID, 'priorities.2': 'safe_homes' }])).toEqual([{ row: 2, column: 'priorities.2', key: 'problems.rank_duplicate', values: { value: 'safe_homes' } }])
    expect(problemsOf([{ ...VALID, wellbeing: 'none;housing' }])).toEqual([{ row: 2, column: 'wellbeing', key: 'problems.exclusive_option', values: { code: 'none' } }])
    expect(problemsOf([{ ...VALID, one_change: 'ক'.repeat(501) }])).toEqual([{ row: 2, column: 'one_change', key: 'problems.too_long', values: { max: 500, length: 501 } }])
  })

  it('external ids: missing, repeated in the file, already imported, too long', () => {
    expect(
      problemsOf([VALID, { ...VALID, external_id: '' }, { ...VALID, external_id: ' P-001 ' }, { ...VALID, external_id: 'OLD-9' }, { ...VALID, external_id: 'x'.repeat(101) }], { importedIds: new Set(['OLD-9']) }),
    ).toEqual([
      { row: 3, column: 'external_id', key: 'problems.external_id_required' },
      { row: 4, column: 'external_id', key: 'problems.external_id_duplicate', values: { id: 'P-001', first: 2 } },
      { row: 5, column: 'external_id', key: 'problems.external_id_imported', values: { id: 'OLD-9' } },
      { row: 6, column: 'external_id', key: 'problems.external_id_too_long', values: { max: 100 } },
    ])
  })

  it('method, language and submitted_at', () => {
    expect(problemsOf([{ ...VALID, method: 'post', language: 'fr', submitted_at: '01/03/2025' }])).toEqual([
      { row: 2, column: 'method', key: 'problems.method_invalid', values: { value: 'post', allowed: 'paper, phone, face_to_face, event, online' } },
      { row: 2, column: 'language', key: 'problems.language_invalid', values: { value: 'fr', allowed: 'en, bn, so, ur' } },
      { row: 2, column: 'submitted_at', key: 'problems.submitted_at_format', values: { value: '01/03/2025' } },
    ])
    expect(problemsOf([{ ...VALID, submitted_at: '2025-02-30' }])[0]!.key).toBe('problems.submitted_at_invalid')
    expect(problemsOf([{ ...VALID, submitted_at: '2025-06-02' }])[0]!.key).toBe('problems.submitted_at_future')
  })

  it('reads submitted_at as London time unless it names a zone', () => {
    expect(parseSubmittedAt('2024-07-01T10:00', NOW)).toEqual({ ok: true, value: Date.UTC(2024, 6, 1, 9, 0) })
    expect(parseSubmittedAt('2024-01-15 10:00:30', NOW)).toEqual({ ok: true, value: Date.UTC(2024, 0, 15, 10, 0, 30) })
    expect(parseSubmittedAt('2024-07-01T10:00:00.5Z', NOW)).toEqual({ ok: true, value: Date.UTC(2024, 6, 1, 10, 0, 0, 500) })
    expect(parseSubmittedAt('2024-07-01T10:00+02:00', NOW)).toEqual({ ok: true, value: Date.UTC(2024, 6, 1, 8, 0) })
    expect(parseSubmittedAt('2024-07-01', NOW)).toEqual({ ok: true, value: Date.UTC(2024, 5, 30, 23, 0) })
    expect(parseSubmittedAt('2024-03-31T01:30', NOW)).toEqual({ ok: false, key: 'problems.submitted_at_invalid' })
    expect(parseSubmittedAt('2024-07-01T25:00', NOW)).toEqual({ ok: false, key: 'problems.submitted_at_invalid' })
    expect(parseSubmittedAt('yesterday', NOW)).toEqual({ ok: false, key: 'problems.submitted_at_format' })
  })

  it('a row with more cells than there are columns', () => {
    const t = table([VALID])
    t.rows[0]!.cells.push('', 'stray')
    const result = validateImport(demo, t, { wardCodes: WARDS, now: NOW })
    expect(!result.ok && result.problems).toEqual([{ row: 2, column: null, key: 'problems.extra_cells', values: { count: HEADERS.length } }])
  })

  it('lists the first 100 problems in row order and counts them all', () => {
    const rows = Array.from({ length: 150 }, (_, i) => ({ ...VALID, external_id: `R${i}`, children: '99' }))
    const result = check(rows)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problemCount).toBe(150)
    expect(result.problems).toHaveLength(100)
    expect(result.problems.map((p) => p.row)).toEqual(Array.from({ length: 100 }, (_, i) => i + 2))
  })
})

describe('import headers', () => {
  const headerProblems = (headers: string[], rows: Record<string, string>[] = [VALID]) => {
    const result = validateImport(demo, table(rows, headers), { wardCodes: WARDS, now: NOW, versionNumber: 4 })
    return result.ok ? [] : result.problems.map(({ row, column, key, values }) => ({ row, column, key, values }))
  }

  it('a missing column, an unknown one and one given twice', () => {
    const headers = [...HEADERS.filter((h) => h !== 'children'), 'favourite_colour', 'Safe_Day ']
    expect(headerProblems(headers)).toEqual([
      { row: 1, column: 'favourite_colour', key: 'problems.header_unknown', values: { column: 'favourite_colour', version: 4 } },
      { row: 1, column: 'safe_day', key: 'problems.header_duplicate', values: { column: 'safe_day' } },
      { row: 1, column: 'children', key: 'problems.header_missing', values: { column: 'children' } },
    ])
  })

  it('external_id is required, and a nameless column may only be empty', () => {
    expect(headerProblems(HEADERS.filter((h) => h !== 'external_id')).map((p) => p.key)).toEqual(['problems.header_missing'])
    const headers = [...HEADERS, '']
    expect(headerProblems(headers)).toEqual([])
    const t = table([VALID], headers)
    t.rows[0]!.cells[headers.length - 1] = 'note'
    const result = validateImport(demo, t, { wardCodes: WARDS, now: NOW })
    expect(!result.ok && result.problems).toEqual([{ row: 1, column: null, key: 'problems.header_blank', values: { number: headers.length } }])
  })

  it('a first row that is not the template header at all', () => {
    expect(headerProblems(['P-001', 'over_10', 'agree'])).toEqual([{ row: 1, column: null, key: 'problems.headers_none', values: undefined }])
  })

  it('headers without rows', () => {
    expect(headerProblems(HEADERS, [])).toEqual([{ row: null, column: null, key: 'problems.no_rows', values: undefined }])
  })
})
