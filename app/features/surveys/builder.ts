import {
  CONDITION_OPERATORS,
  QUESTION_TYPES,
  conditionValues,
  operatorsFor,
  type Condition,
  type LocalisedText,
  type Option,
  type Question,
  type QuestionType,
  type SurveyDefinition,
} from './definition.ts'

// The survey builder: one change at a time to a survey definition. Each
// function is pure; survey-versions.server.ts saves the result. Errors are
// i18n keys in the "builder" namespace with their values.

export interface BuilderError {
  /** id of the field the error summary links to */
  field: string
  key: string
  values?: Record<string, string | number>
}

export type BuilderResult = { ok: true; definition: SurveyDefinition; summary: string; retranslate?: number } | { ok: false; errors: BuilderError[] }

export const MAX_OPTIONS = 30
/** Blank rows offered under the existing options, so options can be added without JavaScript. */
export const BLANK_ROWS = 3

const KEY = /^[a-z][a-z0-9_]{0,39}$/
const CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export function isQuestionType(value: unknown): value is QuestionType {
  return typeof value === 'string' && (QUESTION_TYPES as readonly string[]).includes(value)
}

export function hasOptions(type: QuestionType): type is 'single' | 'multiple' | 'ranking' {
  return type === 'single' || type === 'multiple' || type === 'ranking'
}

/** A key for a new question that no other question uses. */
export function suggestKey(definition: SurveyDefinition | null): string {
  const used = new Set(definition?.questions.map((q) => q.key) ?? [])
  let n = (definition?.questions.length ?? 0) + 1
  while (used.has(`q${n}`)) n++
  return `q${n}`
}

/** A stable option code from a label: ASCII words joined by _, or the row number. */
export function codeFromLabel(label: string, fallback: string): string {
  const ascii = label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40)
    .replace(/_+$/, '')
  return CODE.test(ascii) ? ascii : fallback
}

/** The form a question editor posts, as plain strings (kept to re-show after an error). */
export interface QuestionFormValues {
  key: string
  title: string
  hint: string
  required: boolean
  ctas: string[]
  rows: { code: string; label: string; ctas: string[]; existing: boolean; remove: boolean }[]
  exclusive: string
  maxChoices: string
  maxRank: string
  maxLength: string
  min: string
  max: string
  earliest: string
  latest: string
}

const rowPrefix = (type: QuestionType) => (type === 'grid' ? 'statement' : 'option')

/** What the editor shows for an existing question (or a new one of `type`). */
export function formValuesOf(question: Question | null, type: QuestionType, key: string): QuestionFormValues {
  const rows: QuestionFormValues['rows'] = []
  const list = question ? ('options' in question ? question.options : question.type === 'grid' ? question.statements : []) : []
  for (const option of list) rows.push({ code: option.code, label: option.label.en ?? '', ctas: option.ctas ?? [], existing: true, remove: false })
  return {
    key: question?.key ?? key,
    title: question?.title.en ?? '',
    hint: question?.hint?.en ?? '',
    required: question?.required ?? false,
    ctas: question?.ctas ?? [],
    rows: withBlankRows(type, rows),
    exclusive: question?.type === 'multiple' ? (question.options.find((o) => o.exclusive)?.code ?? '') : '',
    maxChoices: question?.type === 'multiple' && question.maxChoices ? String(question.maxChoices) : '',
    maxRank: question?.type === 'ranking' ? String(question.maxRank) : '3',
    maxLength: question?.type === 'text' ? String(question.maxLength) : '500',
    min: question?.type === 'number' ? String(question.min) : '0',
    max: question?.type === 'number' ? String(question.max) : '',
    earliest: question?.type === 'date' ? (question.earliest ?? '') : '',
    latest: question?.type === 'date' ? (question.latest ?? '') : '',
  }
}

function withBlankRows(type: QuestionType, rows: QuestionFormValues['rows']): QuestionFormValues['rows'] {
  if (!hasOptions(type) && type !== 'grid') return []
  const blank = rows.length ? BLANK_ROWS : BLANK_ROWS + 1
  return [...rows, ...Array.from({ length: blank }, () => ({ code: '', label: '', ctas: [], existing: false, remove: false }))]
}

/** Reads the editor's fields from a posted form. */
export function readQuestionForm(form: FormData, type: QuestionType): QuestionFormValues {
  const text = (name: string) => String(form.get(name) ?? '').trim()
  const prefix = rowPrefix(type)
  const rows: QuestionFormValues['rows'] = []
  for (let i = 1; i <= MAX_OPTIONS + BLANK_ROWS; i++) {
    if (!form.has(`${prefix}-${i}-label`) && !form.has(`${prefix}-${i}-code`)) break
    rows.push({
      code: text(`${prefix}-${i}-code`).toLowerCase(),
      label: text(`${prefix}-${i}-label`),
      ctas: form.getAll(`${prefix}-${i}-ctas`).map(String),
      existing: form.get(`${prefix}-${i}-existing`) === 'yes',
      remove: form.get(`${prefix}-${i}-remove`) === 'yes',
    })
  }
  return {
    key: text('key').toLowerCase(),
    title: text('title'),
    hint: text('hint'),
    required: form.get('required') === 'yes',
    ctas: form.getAll('ctas').map(String),
    rows,
    exclusive: text('exclusive'),
    maxChoices: text('maxChoices'),
    maxRank: text('maxRank'),
    maxLength: text('maxLength'),
    min: text('min'),
    max: text('max'),
    earliest: text('earliest'),
    latest: text('latest'),
  }
}

function wholeNumber(value: string): number | null {
  return /^-?\d{1,9}$/.test(value) ? Number(value) : null
}

function realDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/**
 * Keeps the other languages of a text whose English is unchanged; a changed
 * English text drops its translations, which must then be redone.
 */
function relocalise(previous: LocalisedText | undefined, english: string, counter: { stale: number }): LocalisedText {
  if (!previous) return { en: english }
  if (previous.en === english) return { ...previous }
  const others = Object.keys(previous).filter((l) => l !== 'en' && previous[l]?.trim())
  counter.stale += others.length
  return { en: english }
}

/**
 * Builds a question from the editor's values, keeping the translations of
 * texts that did not change. `previous` is the question being edited (null for a new one).
 */
export function questionFromForm(
  values: QuestionFormValues,
  type: QuestionType,
  previous: Question | null,
  definition: SurveyDefinition | null,
  ctaCodes: string[],
): { ok: true; question: Question; stale: number } | { ok: false; errors: BuilderError[] } {
  const errors: BuilderError[] = []
  const counter = { stale: 0 }
  const key = previous?.key ?? values.key
  if (!previous) {
    if (!KEY.test(key)) errors.push({ field: 'key', key: 'errors.key_invalid' })
    else if (definition?.questions.some((q) => q.key === key)) errors.push({ field: 'key', key: 'errors.key_taken', values: { key } })
  }
  if (!values.title) errors.push({ field: 'title', key: 'errors.title_required' })
  else if (values.title.length > 500) errors.push({ field: 'title', key: 'errors.too_long', values: { max: 500 } })
  if (values.hint.length > 1000) errors.push({ field: 'hint', key: 'errors.too_long', values: { max: 1000 } })
  const ctas = values.ctas.filter((c) => ctaCodes.includes(c))
  if (!ctas.length) errors.push({ field: 'ctas', key: 'errors.ctas_required' })

  const base = {
    key,
    title: relocalise(previous?.title, values.title, counter),
    ...(values.hint ? { hint: relocalise(previous?.hint, values.hint, counter) } : {}),
    required: values.required,
    ctas,
    ...(previous?.showIf ? { showIf: previous.showIf } : {}),
  }

  let options: Option[] = []
  if (hasOptions(type) || type === 'grid') {
    const prefix = rowPrefix(type)
    const previousList = previous ? ('options' in previous ? previous.options : previous.type === 'grid' ? previous.statements : []) : []
    const codes = new Set<string>()
    values.rows.forEach((row, index) => {
      const field = `${prefix}-${index + 1}-label`
      if (row.remove || (!row.label && !row.code)) return
      if (!row.label) return errors.push({ field, key: 'errors.option_label_required', values: { n: index + 1 } })
      if (row.label.length > 300) return errors.push({ field, key: 'errors.too_long', values: { max: 300 } })
      const code = row.code || codeFromLabel(row.label, `${prefix}_${index + 1}`)
      if (!CODE.test(code)) return errors.push({ field: `${prefix}-${index + 1}-code`, key: 'errors.code_invalid', values: { n: index + 1 } })
      if (codes.has(code)) return errors.push({ field: `${prefix}-${index + 1}-code`, key: 'errors.code_taken', values: { code } })
      codes.add(code)
      const before = previousList.find((o) => o.code === code)
      const optionCtas = row.ctas.filter((c) => ctaCodes.includes(c))
      options.push({
        code,
        label: relocalise(before?.label, row.label, counter),
        ...(optionCtas.length ? { ctas: optionCtas } : {}),
        ...(type === 'multiple' && values.exclusive === code ? { exclusive: true } : {}),
      })
    })
    if (options.length < 2) errors.push({ field: `${prefix}-1-label`, key: type === 'grid' ? 'errors.statements_min' : 'errors.options_min' })
    if (options.length > MAX_OPTIONS) errors.push({ field: `${prefix}-1-label`, key: 'errors.options_max', values: { max: MAX_OPTIONS } })
    if (type === 'multiple' && values.exclusive && !codes.has(values.exclusive)) errors.push({ field: 'exclusive', key: 'errors.exclusive_unknown' })
  }

  let question: Question | null = null
  switch (type) {
    case 'single':
      question = { ...base, type, options }
      break
    case 'multiple': {
      const maxChoices = values.maxChoices ? wholeNumber(values.maxChoices) : null
      if (values.maxChoices && (maxChoices === null || maxChoices < 1 || maxChoices > options.length)) {
        errors.push({ field: 'maxChoices', key: 'errors.max_choices', values: { max: options.length } })
      }
      question = { ...base, type, options, ...(maxChoices ? { maxChoices } : {}) }
      break
    }
    case 'ranking': {
      const maxRank = wholeNumber(values.maxRank)
      if (maxRank === null || maxRank < 1 || maxRank > 5 || maxRank > options.length) {
        errors.push({ field: 'maxRank', key: 'errors.max_rank', values: { max: Math.min(5, Math.max(options.length, 1)) } })
      }
      question = { ...base, type, options, maxRank: maxRank ?? 3 }
      break
    }
    case 'grid':
      question = { ...base, type, statements: options }
      break
    case 'text': {
      const maxLength = wholeNumber(values.maxLength)
      if (maxLength === null || maxLength < 1 || maxLength > 5000) errors.push({ field: 'maxLength', key: 'errors.max_length' })
      question = { ...base, type, maxLength: maxLength ?? 500 }
      break
    }
    case 'number': {
      const min = wholeNumber(values.min)
      const max = wholeNumber(values.max)
      if (min === null) errors.push({ field: 'min', key: 'errors.whole_number' })
      if (max === null) errors.push({ field: 'max', key: 'errors.whole_number' })
      if (min !== null && max !== null && min > max) errors.push({ field: 'max', key: 'errors.min_above_max' })
      question = { ...base, type, min: min ?? 0, max: max ?? 0 }
      break
    }
    case 'date': {
      if (values.earliest && !realDate(values.earliest)) errors.push({ field: 'earliest', key: 'errors.date_invalid' })
      if (values.latest && !realDate(values.latest)) errors.push({ field: 'latest', key: 'errors.date_invalid' })
      if (values.earliest && values.latest && values.earliest > values.latest) errors.push({ field: 'latest', key: 'errors.earliest_after_latest' })
      question = { ...base, type, ...(values.earliest ? { earliest: values.earliest } : {}), ...(values.latest ? { latest: values.latest } : {}) }
      break
    }
    case 'scale':
    case 'ward':
      question = { ...base, type }
      break
  }
  if (errors.length || !question) return { ok: false, errors }
  return { ok: true, question, stale: counter.stale }
}

/** Later questions whose skip rule points at `key`. */
export function dependentsOf(definition: SurveyDefinition, key: string): Question[] {
  return definition.questions.filter((q) => q.showIf?.question === key)
}

/** Adds a question at the end, or replaces the question with the same key in place. */
export function putQuestion(definition: SurveyDefinition | null, question: Question, locales: string[]): BuilderResult {
  const questions = definition?.questions ?? []
  const index = questions.findIndex((q) => q.key === question.key)
  if (index >= 0) {
    // a rule on this question's answers must still name answers it has
    for (const dependent of dependentsOf(definition!, question.key)) {
      const condition = dependent.showIf!
      if (!operatorsFor(question.type).includes(condition.operator) || (condition.value && conditionValues(question).length && !conditionValues(question).includes(condition.value))) {
        return { ok: false, errors: [{ field: 'title', key: 'errors.used_by_rule', values: { question: dependent.title.en ?? dependent.key } }] }
      }
    }
  }
  const next = index >= 0 ? questions.map((q, i) => (i === index ? question : q)) : [...questions, question]
  return {
    ok: true,
    definition: { schemaVersion: 1, locales: definition?.locales ?? ['en', ...locales.filter((l) => l !== 'en')], questions: next },
    summary: index >= 0 ? `question ${question.key} edited` : `question ${question.key} added`,
  }
}

/** Moves a question one place up or down, unless that would put a skip rule before its question. */
export function moveQuestion(definition: SurveyDefinition, key: string, direction: 'up' | 'down'): BuilderResult {
  const index = definition.questions.findIndex((q) => q.key === key)
  if (index < 0) return { ok: false, errors: [{ field: 'questions', key: 'errors.question_missing' }] }
  const other = direction === 'up' ? index - 1 : index + 1
  if (other < 0 || other >= definition.questions.length) return { ok: true, definition, summary: 'no change' }
  const [first, second] = direction === 'up' ? [definition.questions[other]!, definition.questions[index]!] : [definition.questions[index]!, definition.questions[other]!]
  // after the swap `second` comes before `first`: refused if `second` depends on `first`
  if (second.showIf?.question === first.key) {
    return { ok: false, errors: [{ field: `question-${key}`, key: 'errors.move_breaks_rule', values: { question: second.title.en ?? second.key, depends: first.title.en ?? first.key } }] }
  }
  const questions = [...definition.questions]
  questions[index] = definition.questions[other]!
  questions[other] = definition.questions[index]!
  return { ok: true, definition: { ...definition, questions }, summary: `question ${key} moved ${direction}` }
}

/** Removes a question, unless a later question's skip rule depends on it. */
export function removeQuestion(definition: SurveyDefinition, key: string): BuilderResult {
  if (!definition.questions.some((q) => q.key === key)) return { ok: false, errors: [{ field: 'questions', key: 'errors.question_missing' }] }
  const dependents = dependentsOf(definition, key)
  if (dependents.length) {
    return { ok: false, errors: [{ field: 'remove', key: 'errors.remove_breaks_rule', values: { question: dependents.map((d) => d.title.en ?? d.key).join(', ') } }] }
  }
  if (definition.questions.length === 1) return { ok: false, errors: [{ field: 'remove', key: 'errors.last_question' }] }
  return { ok: true, definition: { ...definition, questions: definition.questions.filter((q) => q.key !== key) }, summary: `question ${key} removed` }
}

/** The questions a skip rule on `key` may point at: those before it. */
export function earlierQuestions(definition: SurveyDefinition, key: string): Question[] {
  const index = definition.questions.findIndex((q) => q.key === key)
  return index < 0 ? [] : definition.questions.slice(0, index)
}

/** Sets (or with null, clears) the skip rule of a question, checking it points backwards at a real answer. */
export function setCondition(definition: SurveyDefinition, key: string, condition: { question: string; operator: string; value: string } | null): BuilderResult {
  const index = definition.questions.findIndex((q) => q.key === key)
  if (index < 0) return { ok: false, errors: [{ field: 'question', key: 'errors.question_missing' }] }
  const target = definition.questions.findIndex((q) => q.key === condition?.question)
  let showIf: Condition | undefined
  if (condition) {
    if (condition.question === key) return { ok: false, errors: [{ field: 'question', key: 'errors.rule_self' }] }
    if (target < 0) return { ok: false, errors: [{ field: 'question', key: 'errors.rule_missing' }] }
    if (target > index) return { ok: false, errors: [{ field: 'question', key: 'errors.rule_forwards' }] }
    const targetQuestion = definition.questions[target]!
    const operator = CONDITION_OPERATORS.find((o) => o === condition.operator)
    if (!operator || !operatorsFor(targetQuestion.type).includes(operator)) return { ok: false, errors: [{ field: 'operator-1', key: 'errors.operator_required' }] }
    if (operator !== 'answered') {
      const allowed = conditionValues(targetQuestion)
      if (!condition.value) return { ok: false, errors: [{ field: 'value', key: 'errors.value_required' }] }
      if (allowed.length && !allowed.includes(condition.value)) return { ok: false, errors: [{ field: 'value', key: 'errors.value_unknown' }] }
      if (targetQuestion.type === 'number' && wholeNumber(condition.value) === null) return { ok: false, errors: [{ field: 'value', key: 'errors.whole_number' }] }
    }
    showIf = { question: condition.question, operator, ...(operator !== 'answered' ? { value: condition.value } : {}) }
  }
  const questions = definition.questions.map((q, i) => {
    if (i !== index) return q
    const { showIf: _dropped, ...rest } = q
    return (showIf ? { ...rest, showIf } : rest) as Question
  })
  return { ok: true, definition: { ...definition, questions }, summary: showIf ? `rule on ${key} set` : `rule on ${key} removed` }
}
