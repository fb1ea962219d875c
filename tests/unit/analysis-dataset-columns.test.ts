import { describe, expect, it } from 'vitest'
import { appendDataset, attachQuestions, datasetBuffers, decodeDataset, encodeDataset, withoutEquality } from '~/features/analysis/dataset-columns.ts'
import { DatasetBuilder, type Dataset } from '~/features/analysis/dataset.ts'
import { SurveyDefinitionSchema, type SurveyDefinition } from '~/features/surveys/definition.ts'

// The dataset topped up with newer respondents must be the dataset built from
// all of them at once; stored and read back, it must be the same again.

const WARDS = ['W1', 'W2']
const options = (codes: string[]) => codes.map((code) => ({ code, label: { en: code } }))
const definition: SurveyDefinition = SurveyDefinitionSchema.parse({
  schemaVersion: 1,
  locales: ['en'],
  questions: [
    { key: 'colour', type: 'single', ctas: ['CTA1'], title: { en: 'Colour' }, options: options(['red', 'green']) },
    { key: 'pets', type: 'multiple', ctas: ['CTA1'], title: { en: 'Pets' }, options: options(['cat', 'dog', 'fish']) },
    { key: 'area', type: 'grid', ctas: ['CTA1'], title: { en: 'Area' }, statements: options(['safe', 'clean']) },
    { key: 'top', type: 'ranking', ctas: ['CTA1'], maxRank: 2, title: { en: 'Top' }, options: options(['a', 'b', 'c']) },
    { key: 'kids', type: 'number', ctas: ['CTA1'], min: 0, max: 30, title: { en: 'Kids' } },
    { key: 'home', type: 'ward', ctas: ['CTA1'], title: { en: 'Ward' } },
  ],
})

type Person = { channel: string; ward: string | null; answers: Array<[string, number, string | null, number | null, string | null]>; equality: Record<string, string> }
const PEOPLE: Person[] = [
  { channel: 'online', ward: 'W1', answers: [['colour', 0, 'red', null, null], ['pets', 0, 'cat', null, null], ['pets', 1, 'fish', null, null], ['kids', 0, null, 2, null]], equality: { sex: 'female' } },
  { channel: 'kiosk', ward: null, answers: [['area', 0, 'agree', null, 'safe'], ['top', 0, 'b', null, null], ['top', 1, 'a', null, null]], equality: { religion: 'muslim', sex: 'male' } },
  { channel: 'stall', ward: 'W9', answers: [['colour', 0, 'green', null, null], ['area', 1, 'disagree', null, 'clean'], ['home', 0, 'W2', null, null]], equality: {} },
  { channel: 'paper', ward: 'W2', answers: [['kids', 0, null, 0, null], ['pets', 0, 'dog', null, null]], equality: { sex: 'prefer_not_to_say' } },
  { channel: 'kiosk', ward: 'W9', answers: [], equality: { religion: 'none' } },
]

function build(people: Person[], from = 0): Dataset {
  const builder = new DatasetBuilder(definition, { n: people.length, wardCodes: WARDS, languages: ['en', 'bn'], includeEquality: true })
  people.forEach((p, i) => {
    builder.setResponse(i, p.channel, 'en', p.ward, Date.UTC(2026, 0, 1) + (from + i) * 1000)
    for (const [key, position, option, number, item] of p.answers) builder.addAnswer(i, key, position, option, number, item)
    for (const [key, option] of Object.entries(p.equality)) builder.addEquality(i, key, option)
  })
  return builder.finish()
}

describe('appendDataset', () => {
  it('gives the dataset built from everyone at once, whatever the split, new methods and wards included', () => {
    const whole = build(PEOPLE)
    for (let split = 0; split <= PEOPLE.length; split++) {
      expect(appendDataset(build(PEOPLE.slice(0, split)), build(PEOPLE.slice(split), split))).toEqual(whole)
    }
    // In three steps, as a cache topped up twice.
    expect(appendDataset(appendDataset(build(PEOPLE.slice(0, 2)), build(PEOPLE.slice(2, 3), 2)), build(PEOPLE.slice(3), 3))).toEqual(whole)
  })

  it('refuses datasets of different survey versions', () => {
    const other = new DatasetBuilder({ ...definition, questions: definition.questions.slice(1) }, { n: 1, wardCodes: WARDS, languages: ['en'], includeEquality: true }).finish()
    expect(() => appendDataset(build(PEOPLE), other)).toThrow(/different survey versions/)
  })
})

describe('encodeDataset and decodeDataset', () => {
  it('store the columns and the equality answers apart, and read them back the same', () => {
    const dataset = build(PEOPLE)
    const columns = encodeDataset(dataset, 'columns')
    const equality = encodeDataset(dataset, 'equality')
    expect(decodeDataset(columns, equality, definition)).toEqual(dataset)
    expect(decodeDataset(columns, null, definition)).toEqual(withoutEquality(dataset))
    // The columns' blob holds no equality answer.
    expect(new TextDecoder().decode(columns)).not.toContain('prefer_not_to_say')
    // Survey questions come from the definition, not the bytes.
    expect(decodeDataset(columns, null, definition).questions[0]!.question).toBe(definition.questions[0])
  })

  it('refuses a stored dataset whose questions the survey version no longer has', () => {
    const columns = encodeDataset(build(PEOPLE), 'columns')
    expect(() => decodeDataset(columns, null, { ...definition, questions: definition.questions.slice(1) })).toThrow(/not in the survey version/)
  })
})

describe('datasetBuffers and attachQuestions', () => {
  it('list every column buffer once, and point copied questions back at the definition', () => {
    const dataset = build(PEOPLE)
    const buffers = datasetBuffers(dataset)
    expect(new Set(buffers).size).toBe(buffers.length)
    expect(buffers).toContain(dataset.submittedAt.buffer)
    const copy = structuredClone(dataset)
    expect(copy.questions[1]!.question).not.toBe(definition.questions[1])
    expect(attachQuestions(copy, definition).questions[1]!.question).toBe(definition.questions[1])
  })
})
