import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createI18n } from '~/features/i18n/create-i18n.ts'
import { parseSurveyDefinition, type SurveyDefinition } from '~/features/surveys/definition.ts'
import { onlyIfNote, onlyIfText, skipInstructionText, skipInstructions, type SkipInstruction } from '~/features/paper/skip-instructions.ts'
import { demoSurvey } from '../../db/seed/demo-survey.ts'

// Skip logic in words on a paper form: "If you answered “No”, go to question 10",
// worked out from showIf for every operator.

const read = (lng: string, ns: string) => JSON.parse(fs.readFileSync(`locales/${lng}/${ns}.json`, 'utf8'))
const i18nFor = (lng: string) => createI18n(lng, { paper: read(lng, 'paper'), survey: read(lng, 'survey') })
const en = i18nFor('en')
const bn = i18nFor('bn')
const ur = i18nFor('ur')
const so = i18nFor('so')

const text = (en: string) => ({ en })
const options = (...codes: string[]) => codes.map((code) => ({ code, label: { en: code[0]!.toUpperCase() + code.slice(1) } }))

function survey(questions: Record<string, unknown>[]): SurveyDefinition {
  const parsed = parseSurveyDefinition({
    schemaVersion: 1,
    locales: ['en'],
    questions: questions.map((q) => ({ required: false, ctas: ['CTA1'], title: text(`Question ${q.key}`), ...q })),
  })
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'))
  return parsed.definition
}

/** Sentences in English, labelling options by their English text. */
function sentences(definition: SurveyDefinition, key: string, wardCodes: string[] = []) {
  const question = definition.questions.find((q) => q.key === key)!
  const label = (code: string) => ('options' in question ? question.options.find((o) => o.code === code)!.label.en! : code)
  return skipInstructions(definition, key, { wardCodes }).map((s) => skipInstructionText(en.t, 'en', s, label))
}

describe('skip instructions on paper', () => {
  it('equals: the other answers skip the question that depends on it', () => {
    const definition = survey([
      { key: 'needed_help', type: 'single', options: options('yes', 'no') },
      { key: 'help_sources', type: 'text', showIf: { question: 'needed_help', operator: 'equals', value: 'yes' } },
      { key: 'after', type: 'text' },
    ])
    expect(skipInstructions(definition, 'needed_help')).toEqual<SkipInstruction[]>([{ kind: 'answered', values: ['no'], goTo: 3 }])
    expect(sentences(definition, 'needed_help')).toEqual(['If you answered “No”, go to question 3.'])
    // The dependent question itself is unconditional for the instruction's purposes: nothing depends on it.
    expect(skipInstructions(definition, 'help_sources')).toEqual([])
    expect(skipInstructions(definition, 'after')).toEqual([])
  })

  it('not_equals: only the named answer skips', () => {
    const definition = survey([
      { key: 'connection', type: 'single', options: options('under_1', 'over_10', 'not_resident') },
      { key: 'ward', type: 'ward', showIf: { question: 'connection', operator: 'not_equals', value: 'not_resident' } },
      { key: 'after', type: 'text' },
    ])
    expect(skipInstructions(definition, 'connection')).toEqual([{ kind: 'answered', values: ['not_resident'], goTo: 3 }])
    expect(sentences(definition, 'connection')).toEqual(['If you answered “Not_resident”, go to question 3.'])
  })

  it('includes: choosing the answer leads on, not choosing it skips', () => {
    const definition = survey([
      { key: 'wellbeing', type: 'multiple', options: options('housing', 'loneliness', 'work') },
      { key: 'loneliness_help', type: 'text', showIf: { question: 'wellbeing', operator: 'includes', value: 'loneliness' } },
      { key: 'after', type: 'text' },
    ])
    expect(skipInstructions(definition, 'wellbeing')).toEqual([{ kind: 'chose_none', values: ['loneliness'], goTo: 3 }])
    expect(sentences(definition, 'wellbeing')).toEqual(['If you did not choose “Loneliness”, go to question 3.'])
  })

  it('includes on a ranking: each named answer leads to its own question', () => {
    const definition = survey([
      { key: 'priorities', type: 'ranking', maxRank: 2, options: options('homes', 'parks', 'jobs') },
      { key: 'homes_why', type: 'text', showIf: { question: 'priorities', operator: 'includes', value: 'homes' } },
      { key: 'parks_why', type: 'text', showIf: { question: 'priorities', operator: 'includes', value: 'parks' } },
      { key: 'after', type: 'text' },
    ])
    expect(skipInstructions(definition, 'priorities')).toEqual([
      { kind: 'chose', values: ['parks'], goTo: 3 },
      { kind: 'chose_none', values: ['homes', 'parks'], goTo: 4 },
    ])
    expect(sentences(definition, 'priorities')).toEqual(['If you chose “Parks”, go to question 3.', 'If you did not choose “Homes” or “Parks”, go to question 4.'])
  })

  it('answered: leaving the question blank skips', () => {
    const definition = survey([
      { key: 'congress_date', type: 'date' },
      { key: 'congress_view', type: 'text', showIf: { question: 'congress_date', operator: 'answered' } },
      { key: 'after', type: 'text' },
    ])
    expect(skipInstructions(definition, 'congress_date')).toEqual([{ kind: 'blank', values: [], goTo: 3 }])
    expect(sentences(definition, 'congress_date')).toEqual(['If you did not answer this question, go to question 3.'])
  })

  it('equals on a number: any other number skips', () => {
    const definition = survey([
      { key: 'children', type: 'number', min: 0, max: 20 },
      { key: 'why_none', type: 'text', showIf: { question: 'children', operator: 'equals', value: '0' } },
      { key: 'after', type: 'text' },
    ])
    expect(skipInstructions(definition, 'children')).toEqual([{ kind: 'answered_other', values: ['0'], goTo: 3 }])
    expect(sentences(definition, 'children')).toEqual(['If you gave any answer other than “0”, go to question 3.'])
  })

  it('says "the end of the questions" when nothing follows', () => {
    const definition = survey([
      { key: 'needed_help', type: 'single', options: options('yes', 'no', 'unsure') },
      { key: 'help_sources', type: 'text', showIf: { question: 'needed_help', operator: 'equals', value: 'yes' } },
    ])
    expect(skipInstructions(definition, 'needed_help')).toEqual([{ kind: 'answered', values: ['no', 'unsure'], goTo: null }])
    expect(sentences(definition, 'needed_help')).toEqual(['If you answered “No” or “Unsure”, go to the end of the questions.'])
  })

  it('sends each answer to the next question it shows, when several questions depend on one', () => {
    const definition = survey([
      { key: 'tenure', type: 'single', options: options('owner', 'renter', 'other') },
      { key: 'owner_q', type: 'text', showIf: { question: 'tenure', operator: 'equals', value: 'owner' } },
      { key: 'renter_q', type: 'text', showIf: { question: 'tenure', operator: 'equals', value: 'renter' } },
      { key: 'after', type: 'text' },
    ])
    expect(skipInstructions(definition, 'tenure')).toEqual([
      { kind: 'answered', values: ['renter'], goTo: 3 },
      { kind: 'answered', values: ['other'], goTo: 4 },
    ])
  })

  it('skips a chain: a question depending on a skipped question is skipped too', () => {
    const definition = survey([
      { key: 'needed_help', type: 'single', options: options('yes', 'no') },
      { key: 'help_sources', type: 'multiple', options: options('council', 'family'), showIf: { question: 'needed_help', operator: 'equals', value: 'yes' } },
      { key: 'council_rating', type: 'scale', showIf: { question: 'help_sources', operator: 'includes', value: 'council' } },
      { key: 'after', type: 'text' },
    ])
    expect(skipInstructions(definition, 'needed_help')).toEqual([{ kind: 'answered', values: ['no'], goTo: 4 }])
    expect(skipInstructions(definition, 'help_sources')).toEqual([{ kind: 'chose_none', values: ['council'], goTo: 4 }])
  })

  it('stops at a question that depends on another answer: the resident may be asked it', () => {
    const definition = survey([
      { key: 'resident', type: 'single', options: options('yes', 'no') },
      { key: 'needed_help', type: 'single', options: options('yes', 'no') },
      { key: 'help_sources', type: 'text', showIf: { question: 'needed_help', operator: 'equals', value: 'yes' } },
      { key: 'ward', type: 'ward', showIf: { question: 'resident', operator: 'equals', value: 'yes' } },
      { key: 'after', type: 'text' },
    ])
    expect(skipInstructions(definition, 'needed_help')).toEqual([{ kind: 'answered', values: ['no'], goTo: 4 }])
    // Question 2 follows question 1 whatever the answer, so no jump is written there: question 4 says when to answer it.
    expect(skipInstructions(definition, 'resident')).toEqual([])
    expect(onlyIfNote(definition, 'ward')).toEqual({ operator: 'equals', n: 1, value: 'yes' })
  })

  it('names the few answers left out of a long list (wards)', () => {
    const wardCodes = Array.from({ length: 20 }, (_, i) => `w${i + 1}`)
    const definition = survey([
      { key: 'ward', type: 'ward' },
      { key: 'island_q', type: 'text', showIf: { question: 'ward', operator: 'equals', value: 'w7' } },
      { key: 'after', type: 'text' },
    ])
    expect(skipInstructions(definition, 'ward', { wardCodes })).toEqual([{ kind: 'answered_other', values: ['w7'], goTo: 3 }])
    expect(sentences(definition, 'ward', wardCodes)).toEqual(['If you gave any answer other than “w7”, go to question 3.'])
  })

  it('works out the demo survey: question 1 and question 8', () => {
    expect(skipInstructions(demoSurvey, 'connection')).toEqual([{ kind: 'answered', values: ['not_resident'], goTo: 3 }])
    expect(skipInstructions(demoSurvey, 'needed_help')).toEqual([{ kind: 'answered', values: ['no'], goTo: 10 }])
    const withoutOthers = demoSurvey.questions.filter((q) => !['connection', 'needed_help'].includes(q.key))
    for (const question of withoutOthers) expect(skipInstructions(demoSurvey, question.key)).toEqual([])
  })

  it('is written in the form’s language, with its digits and its way of saying "or"', () => {
    const instruction: SkipInstruction = { kind: 'answered', values: ['no', 'unsure'], goTo: 10 }
    const label = (code: string) => ({ no: 'না', unsure: 'নিশ্চিত নই' })[code]!
    expect(skipInstructionText(bn.t, 'bn', instruction, label)).toBe('আপনি যদি “না” বা “নিশ্চিত নই” উত্তর দিয়ে থাকেন, তাহলে ১০ নম্বর প্রশ্নে যান।')
    expect(skipInstructionText(so.t, 'so', { kind: 'blank', values: [], goTo: 7 }, label)).toBe("Haddii aadan ka jawaabin su'aashan, u gudub su'aasha 7.")
    expect(skipInstructionText(ur.t, 'ur', { kind: 'chose', values: ['x'], goTo: null }, () => 'ہاں')).toBe('اگر آپ نے “ہاں” منتخب کیا ہے تو سوالات کے آخر پر جائیں۔')
  })
})

describe('"Only answer this question if …" on a dependent question', () => {
  const definition = survey([
    { key: 'q1', type: 'single', options: options('yes', 'no') },
    { key: 'q2', type: 'text', showIf: { question: 'q1', operator: 'equals', value: 'yes' } },
    { key: 'q3', type: 'text', showIf: { question: 'q1', operator: 'not_equals', value: 'no' } },
    { key: 'q4', type: 'multiple', options: options('a', 'b') },
    { key: 'q5', type: 'text', showIf: { question: 'q4', operator: 'includes', value: 'b' } },
    { key: 'q6', type: 'text', showIf: { question: 'q5', operator: 'answered' } },
  ])
  const label = (code: string) => code.toUpperCase()

  it('says when to answer, for each operator', () => {
    expect(onlyIfNote(definition, 'q1')).toBeNull()
    const words = ['q2', 'q3', 'q5', 'q6'].map((key) => onlyIfText(en.t, 'en', onlyIfNote(definition, key)!, label))
    expect(words).toEqual([
      'Only answer this question if you answered “YES” to question 1.',
      'Only answer this question if you gave an answer other than “NO” to question 1.',
      'Only answer this question if you chose “B” at question 4.',
      'Only answer this question if you answered question 5.',
    ])
    expect(onlyIfText(bn.t, 'bn', onlyIfNote(definition, 'q2')!, () => 'হ্যাঁ')).toBe('শুধু ১ নম্বর প্রশ্নে “হ্যাঁ” উত্তর দিয়ে থাকলে এই প্রশ্নের উত্তর দিন।')
  })
})
