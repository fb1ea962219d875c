import { z } from 'zod'

// The survey definition: one validated JSON document per survey version.
// Survey content (questions, options) is translated inside the document;
// UI strings (buttons, errors) live in locales/.

export const QUESTION_TYPES = ['single', 'multiple', 'scale', 'grid', 'text', 'number', 'date', 'ward', 'ranking'] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

/** The fixed five-point agreement scale plus "Don't know"; labels are UI strings. */
export const SCALE_CODES = ['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree', 'dont_know'] as const

const KEY = /^[a-z][a-z0-9_]{0,39}$/
const CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/

export const LocalisedTextSchema = z
  .record(z.string().regex(/^[a-z]{2,3}$/), z.string().trim().max(2000))
  .refine((text) => Boolean(text.en?.length), { message: 'needs an English (en) text' })
export type LocalisedText = z.infer<typeof LocalisedTextSchema>

const OptionSchema = z.object({
  code: z.string().regex(CODE, 'option codes are lower case letters, digits, _ or -'),
  label: LocalisedTextSchema,
  /** Multiple choice only: choosing it clears every other option ("None of these"). */
  exclusive: z.boolean().optional(),
  ctas: z.array(z.string()).optional(),
})
export type Option = z.infer<typeof OptionSchema>

export const CONDITION_OPERATORS = ['equals', 'not_equals', 'includes', 'answered'] as const
const ConditionSchema = z.object({
  question: z.string().regex(KEY),
  operator: z.enum(CONDITION_OPERATORS),
  value: z.string().optional(),
})
export type Condition = z.infer<typeof ConditionSchema>

const base = {
  key: z.string().regex(KEY, 'question keys are lower case letters, digits or _, starting with a letter'),
  title: LocalisedTextSchema,
  hint: LocalisedTextSchema.optional(),
  required: z.boolean().default(false),
  /** Calls to action this question informs (codes from the consultation's framework). */
  ctas: z.array(z.string()).min(1, 'link each question to at least one call to action'),
  showIf: ConditionSchema.optional(),
}

const SingleSchema = z.object({ ...base, type: z.literal('single'), options: z.array(OptionSchema).min(2) })
const MultipleSchema = z.object({
  ...base,
  type: z.literal('multiple'),
  options: z.array(OptionSchema).min(2),
  maxChoices: z.number().int().min(1).optional(),
})
const ScaleSchema = z.object({ ...base, type: z.literal('scale') })
const TextSchema = z.object({ ...base, type: z.literal('text'), maxLength: z.number().int().min(1).max(5000).default(500) })
const NumberSchema = z.object({ ...base, type: z.literal('number'), min: z.number().int(), max: z.number().int() })
const WardSchema = z.object({ ...base, type: z.literal('ward') })
/** Several statements, each rated on the agreement scale (SCALE_CODES). */
const GridSchema = z.object({ ...base, type: z.literal('grid'), statements: z.array(OptionSchema).min(2).max(15) })
const ISO_DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written YYYY-MM-DD')
/** A calendar date (GOV.UK date input), optionally within earliest..latest. */
const DateSchema = z.object({ ...base, type: z.literal('date'), earliest: ISO_DATE.optional(), latest: ISO_DATE.optional() })
const RankingSchema = z.object({
  ...base,
  type: z.literal('ranking'),
  options: z.array(OptionSchema).min(2),
  maxRank: z.number().int().min(1).max(5).default(3),
})

export const QuestionSchema = z.discriminatedUnion('type', [
  SingleSchema,
  MultipleSchema,
  ScaleSchema,
  GridSchema,
  TextSchema,
  NumberSchema,
  DateSchema,
  WardSchema,
  RankingSchema,
])
export type Question = z.infer<typeof QuestionSchema>
export type QuestionWithOptions = Extract<Question, { options: Option[] }>

/** Which operators a skip rule may use on an earlier question of each type. */
export function operatorsFor(type: QuestionType): readonly (typeof CONDITION_OPERATORS)[number][] {
  switch (type) {
    case 'single':
    case 'scale':
    case 'ward':
      return ['equals', 'not_equals', 'answered']
    case 'multiple':
    case 'ranking':
      return ['includes', 'answered']
    case 'number':
      return ['equals', 'not_equals', 'answered']
    default:
      return ['answered']
  }
}

/** The option codes a skip rule's value may take for a question (empty: free value). */
export function conditionValues(question: Question): string[] {
  if ('options' in question) return question.options.map((o) => o.code)
  if (question.type === 'scale') return [...SCALE_CODES]
  return []
}

export const SurveyDefinitionSchema = z
  .object({
    schemaVersion: z.literal(1),
    /** Locales the survey content is written in; 'en' is always first. */
    locales: z.array(z.string().regex(/^[a-z]{2,3}$/)).min(1),
    questions: z.array(QuestionSchema).min(1),
  })
  .superRefine((survey, ctx) => {
    if (survey.locales[0] !== 'en') {
      ctx.addIssue({ code: 'custom', path: ['locales'], message: 'the first locale must be en' })
    }
    const seen = new Map<string, number>()
    survey.questions.forEach((question, index) => {
      const path = ['questions', index]
      if (seen.has(question.key)) {
        ctx.addIssue({ code: 'custom', path: [...path, 'key'], message: `question key "${question.key}" is used twice` })
      }
      if ('options' in question) {
        const codes = question.options.map((o) => o.code)
        const duplicate = codes.find((code, i) => codes.indexOf(code) !== i)
        if (duplicate) {
          ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: `option code "${duplicate}" is used twice` })
        }
        if (question.type !== 'multiple' && question.options.some((o) => o.exclusive)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: 'only multiple choice options can be exclusive' })
        }
        if (question.options.filter((o) => o.exclusive).length > 1) {
          ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: 'at most one option can be exclusive' })
        }
      }
      if (question.type === 'grid') {
        const codes = question.statements.map((o) => o.code)
        const duplicate = codes.find((code, i) => codes.indexOf(code) !== i)
        if (duplicate) {
          ctx.addIssue({ code: 'custom', path: [...path, 'statements'], message: `statement code "${duplicate}" is used twice` })
        }
      }
      if (question.type === 'date' && question.earliest && question.latest && question.earliest > question.latest) {
        ctx.addIssue({ code: 'custom', path: [...path, 'earliest'], message: 'earliest must not be after latest' })
      }
      if (question.type === 'number' && question.min > question.max) {
        ctx.addIssue({ code: 'custom', path: [...path, 'min'], message: 'min must not be more than max' })
      }
      if (question.type === 'ranking' && question.maxRank > question.options.length) {
        ctx.addIssue({ code: 'custom', path: [...path, 'maxRank'], message: 'maxRank is more than the number of options' })
      }
      if (question.showIf) {
        const target = question.showIf.question
        const targetIndex = seen.get(target)
        if (target === question.key) {
          ctx.addIssue({ code: 'custom', path: [...path, 'showIf'], message: 'a question cannot depend on itself' })
        } else if (targetIndex === undefined) {
          const later = survey.questions.some((q) => q.key === target)
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'showIf'],
            message: later
              ? `skip logic must point backwards: "${target}" comes after "${question.key}"`
              : `skip logic refers to a missing question "${target}"`,
          })
        } else {
          const targetQuestion = survey.questions[targetIndex]!
          if (!operatorsFor(targetQuestion.type).includes(question.showIf.operator)) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'showIf', 'operator'],
              message: `"${question.showIf.operator}" cannot be used with a ${targetQuestion.type} question`,
            })
          }
          if (question.showIf.value && conditionValues(targetQuestion).length && question.showIf.operator !== 'answered' && !conditionValues(targetQuestion).includes(question.showIf.value)) {
            ctx.addIssue({ code: 'custom', path: [...path, 'showIf', 'value'], message: `"${question.showIf.value}" is not an answer to "${target}"` })
          }
          if (question.showIf.operator !== 'answered' && !question.showIf.value) {
            ctx.addIssue({ code: 'custom', path: [...path, 'showIf', 'value'], message: 'this condition needs a value' })
          }
        }
      }
      seen.set(question.key, index)
    })
  })
export type SurveyDefinition = z.infer<typeof SurveyDefinitionSchema>

/** Parses a definition and explains every problem in one readable message. */
export function parseSurveyDefinition(input: unknown):
  | { ok: true; definition: SurveyDefinition }
  | { ok: false; problems: string[] } {
  const result = SurveyDefinitionSchema.safeParse(input)
  if (result.success) return { ok: true, definition: result.data }
  return {
    ok: false,
    problems: result.error.issues.map((issue) => `${issue.path.join('.') || '(survey)'}: ${issue.message}`),
  }
}

/** Picks the text for a locale, falling back to English. */
export function localise(text: LocalisedText | undefined, locale: string): string {
  if (!text) return ''
  return text[locale] || text.en || ''
}

export function hasTranslation(text: LocalisedText | undefined, locale: string): boolean {
  return !text || Boolean(text[locale]?.trim())
}

/** Every content text of the survey lacking a translation into `locale`, by path. */
export function missingTranslations(definition: SurveyDefinition, locale: string): string[] {
  const missing: string[] = []
  for (const question of definition.questions) {
    if (!hasTranslation(question.title, locale)) missing.push(`${question.key}.title`)
    if (question.hint && !hasTranslation(question.hint, locale)) missing.push(`${question.key}.hint`)
    if ('options' in question) {
      for (const option of question.options) {
        if (!hasTranslation(option.label, locale)) missing.push(`${question.key}.options.${option.code}`)
      }
    }
    if (question.type === 'grid') {
      for (const statement of question.statements) {
        if (!hasTranslation(statement.label, locale)) missing.push(`${question.key}.statements.${statement.code}`)
      }
    }
  }
  return missing
}

/** How many content texts the survey has (the total a translation is counted against). */
export function countTexts(definition: SurveyDefinition): number {
  return missingTranslations(definition, '(none)').length
}

export function findQuestion(definition: SurveyDefinition, key: string): Question | undefined {
  return definition.questions.find((q) => q.key === key)
}
