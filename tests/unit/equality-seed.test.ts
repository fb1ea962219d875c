import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ETHNIC_GROUPS, EQUALITY_QUESTIONS, PREFER_NOT_TO_SAY, equalityOptions, findEqualityQuestion } from '~/features/equality/questions.ts'

// The questions residents are asked (app/features/equality/questions.ts, labels in
// locales/en/equality.json) must stay the researched ones in
// db/seed/data/equality-monitoring-questions.json: same questions, same option
// codes in the same order, same write-ins, same English wording, each with its source.

interface SeedOption {
  code: string
  label: string
  writeIn?: boolean
}
interface SeedQuestion {
  id: string
  question: string
  options?: SeedOption[]
  groups?: (SeedOption & { options: SeedOption[] })[]
  alternativeBands?: SeedOption[]
  ageFrom?: number
  askIf?: string
  source: string[]
}
const seed = JSON.parse(fs.readFileSync('db/seed/data/equality-monitoring-questions.json', 'utf8')) as {
  source: Record<string, string>
  questions: SeedQuestion[]
}
const english = JSON.parse(fs.readFileSync('locales/en/equality.json', 'utf8')).questions as Record<
  string,
  { title: string; options: Record<string, string> }
>
const seedQuestion = (id: string) => {
  const found = seed.questions.find((q) => q.id === id)
  if (!found) throw new Error(`${id} is not in equality-monitoring-questions.json`)
  return found
}

// Which seed entry each asked question comes from. Age is asked in the seed's alternative bands, not as a date of birth.
const FROM_SEED: Record<string, string> = {
  age_band: 'age',
  sex: 'sex',
  gender_identity: 'gender_identity',
  sexual_orientation: 'sexual_orientation',
  ethnic_group_broad: 'ethnic_group',
  ethnic_group: 'ethnic_group',
  religion: 'religion',
  long_term_condition: 'long_term_condition',
  activity_limitation: 'activity_limitation',
}
// Researched but not asked in a consultation: a new seed question must be placed in one list or the other.
const NOT_ASKED = ['marital_status', 'english_proficiency']

const codes = (options: SeedOption[]) => options.map((o) => o.code)
const writeIns = (options: SeedOption[]) => options.filter((o) => o.writeIn).map((o) => o.code)

describe('equality questions and their researched source', () => {
  it('asks every seed question except the ones set aside, and nothing that is not in the seed', () => {
    expect(EQUALITY_QUESTIONS.map((q) => q.key).sort()).toEqual(Object.keys(FROM_SEED).sort())
    expect([...new Set(Object.values(FROM_SEED)), ...NOT_ASKED].sort()).toEqual(seed.questions.map((q) => q.id).sort())
  })

  it('each asked question names its sources, and each source is described', () => {
    for (const id of new Set(Object.values(FROM_SEED))) {
      const { source } = seedQuestion(id)
      expect(source.length, id).toBeGreaterThan(0)
      for (const key of source) expect(seed.source[key], `${id}: source ${key}`).toMatch(/\S/)
    }
  })

  it('single-step questions: the same option codes in order, the same write-ins and the same English wording', () => {
    for (const key of ['sex', 'gender_identity', 'sexual_orientation', 'religion', 'long_term_condition', 'activity_limitation']) {
      const from = seedQuestion(FROM_SEED[key]!)
      const question = findEqualityQuestion(key)!
      expect(question.options, key).toEqual(codes(from.options!))
      expect(question.writeIn ?? [], key).toEqual(writeIns(from.options!))
      expect(english[key]!.title, key).toBe(from.question)
      for (const option of from.options!) expect(english[key]!.options[option.code], `${key}.${option.code}`).toBe(option.label)
    }
  })

  it('age: the seed\'s bands, in order', () => {
    const bands = seedQuestion('age').alternativeBands!
    expect(findEqualityQuestion('age_band')!.options).toEqual(codes(bands))
    for (const band of bands) expect(english.age_band!.options[band.code], band.code).toBe(band.label)
  })

  it('ethnic group, in two steps: the seed\'s broad groups, then each group\'s detailed options and write-ins', () => {
    const from = seedQuestion('ethnic_group')
    expect(findEqualityQuestion('ethnic_group_broad')!.options).toEqual([...codes(from.groups!), PREFER_NOT_TO_SAY])
    expect(english.ethnic_group_broad!.title).toBe(from.question)
    expect(Object.keys(ETHNIC_GROUPS)).toEqual(codes(from.groups!))
    for (const group of from.groups!) {
      expect(english.ethnic_group_broad!.options[group.code], group.code).toBe(group.label)
      const { options, writeIn } = equalityOptions(findEqualityQuestion('ethnic_group')!, { ethnic_group_broad: group.code })
      expect(options, group.code).toEqual([...codes(group.options), PREFER_NOT_TO_SAY])
      expect(writeIn, group.code).toEqual(writeIns(group.options))
      for (const option of group.options) expect(english.ethnic_group!.options[option.code], option.code).toBe(option.label)
    }
  })

  it('asks the questions the seed limits to people aged 16 or over, or to a "yes", only then', () => {
    for (const [key, id] of Object.entries(FROM_SEED)) {
      const question = findEqualityQuestion(key)!
      if (seedQuestion(id).ageFrom === 16) {
        expect(question.askIf?.({ age_band: 'under_16' }), key).toBe(false)
        expect(question.askIf?.({ age_band: '16_24' }), key).toBe(true)
      }
    }
    expect(seedQuestion('activity_limitation').askIf).toBe('long_term_condition == yes')
    const limitation = findEqualityQuestion('activity_limitation')!
    expect(limitation.askIf?.({ long_term_condition: 'yes' })).toBe(true)
    expect(limitation.askIf?.({ long_term_condition: 'no' })).toBe(false)
  })
})
