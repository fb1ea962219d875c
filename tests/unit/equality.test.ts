import { describe, expect, it } from 'vitest'
import fs from 'node:fs'
import {
  ETHNIC_GROUPS,
  EQUALITY_QUESTIONS,
  PREFER_NOT_TO_SAY,
  askedEqualityQuestions,
  equalityOptions,
  findEqualityQuestion,
  nextEqualityQuestion,
  parseEqualityAnswer,
} from '~/features/equality/questions.ts'

const form = (entries: Record<string, string>) => {
  const data = new FormData()
  for (const [k, v] of Object.entries(entries)) data.append(k, v)
  return data
}

describe('equality questions', () => {
  it('every question offers "Prefer not to say"', () => {
    for (const question of EQUALITY_QUESTIONS) {
      const answers: Record<string, string> = question.key === 'ethnic_group' ? { ethnic_group_broad: 'asian' } : {}
      expect(equalityOptions(question, answers).options, question.key).toContain(PREFER_NOT_TO_SAY)
    }
  })

  it('asks ethnic group in two steps: the detailed options follow the broad group', () => {
    const detailed = findEqualityQuestion('ethnic_group')!
    expect(equalityOptions(detailed, { ethnic_group_broad: 'asian' }).options).toEqual([...ETHNIC_GROUPS.asian!.options, PREFER_NOT_TO_SAY])
    expect(nextEqualityQuestion('ethnic_group_broad', { ethnic_group_broad: 'asian' })?.key).toBe('ethnic_group')
    expect(nextEqualityQuestion('ethnic_group_broad', { ethnic_group_broad: PREFER_NOT_TO_SAY })?.key).toBe('religion')
  })

  it('uses the census detailed codes so answers compare with Census 2021', () => {
    const census = JSON.parse(fs.readFileSync('db/seed/data/tower-hamlets-census-2021.json', 'utf8'))
    const censusCodes = census.ethnicGroupDetailed.categories.map((c: { code: string }) => c.code).sort()
    const ours = Object.values(ETHNIC_GROUPS).flatMap((g) => g.options).sort()
    expect(ours).toEqual(censusCodes)
  })

  it('asks day-to-day limitation only after a long-term condition, and identity questions only from 16', () => {
    expect(askedEqualityQuestions({}).map((q) => q.key)).not.toContain('activity_limitation')
    expect(askedEqualityQuestions({ long_term_condition: 'yes' }).map((q) => q.key)).toContain('activity_limitation')
    expect(askedEqualityQuestions({ age_band: 'under_16' }).map((q) => q.key)).not.toContain('sexual_orientation')
  })

  it('accepts no answer, refuses an option from another group, keeps a write-in only for its option', () => {
    const detailed = findEqualityQuestion('ethnic_group')!
    expect(parseEqualityAnswer(detailed, { ethnic_group_broad: 'white' }, form({}))).toEqual({ ok: true, option: null, text: null })
    expect(parseEqualityAnswer(detailed, { ethnic_group_broad: 'white' }, form({ answer: 'asian_bangladeshi' }))).toEqual({
      ok: false,
      errorKey: 'errors.invalid_option',
    })
    expect(parseEqualityAnswer(detailed, { ethnic_group_broad: 'white' }, form({ answer: 'white_other', describe: 'Polish' }))).toEqual({
      ok: true,
      option: 'white_other',
      text: 'Polish',
    })
    expect(parseEqualityAnswer(detailed, { ethnic_group_broad: 'white' }, form({ answer: 'white_irish', describe: 'ignored' }))).toEqual({
      ok: true,
      option: 'white_irish',
      text: null,
    })
    expect(parseEqualityAnswer(detailed, { ethnic_group_broad: 'white' }, form({ answer: 'white_other', describe: 'x'.repeat(201) }))).toEqual({
      ok: false,
      errorKey: 'errors.describe_too_long',
    })
  })
})
