import { missingTranslations, type LocalisedText, type SurveyDefinition } from './definition.ts'

// Translating a survey's content: every text of a definition with a stable id
// (the paths missingTranslations uses), how complete each language is, and
// applying a set of translations with a report of what changed. Pure: the
// editor page and the XLSX import both save through survey-versions.server.ts.

/** The media type of an XLSX workbook (the translator's file). */
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The longest text a LocalisedText may hold (definition.ts). */
export const MAX_TEXT_LENGTH = 2000

export type TextKind = 'title' | 'hint' | 'option' | 'statement'

export interface TranslatableText {
  /** `<questionKey>.title`, `.hint`, `.options.<code>` or `.statements.<code>` */
  id: string
  questionKey: string
  /** 1-based, as the survey numbers its questions */
  questionNumber: number
  kind: TextKind
  /** 1-based position of an answer option or a grid statement (0 for a title or hint) */
  position: number
  english: string
  /** the current translation, '' when there is none */
  translation: string
}

/** Line endings as a browser posts them (CRLF) are stored as \n; a text is trimmed like the schema trims it. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim()
}

function entry(questionKey: string, questionNumber: number, kind: TextKind, position: number, id: string, text: LocalisedText, locale: string): TranslatableText {
  return { id, questionKey, questionNumber, kind, position, english: text.en ?? '', translation: text[locale] ?? '' }
}

/** Every translatable text of the survey, in the order residents see them. */
export function listTranslatableTexts(definition: SurveyDefinition, locale: string): TranslatableText[] {
  const texts: TranslatableText[] = []
  definition.questions.forEach((question, index) => {
    const n = index + 1
    texts.push(entry(question.key, n, 'title', 0, `${question.key}.title`, question.title, locale))
    if (question.hint) texts.push(entry(question.key, n, 'hint', 0, `${question.key}.hint`, question.hint, locale))
    if ('options' in question) {
      question.options.forEach((option, i) => texts.push(entry(question.key, n, 'option', i + 1, `${question.key}.options.${option.code}`, option.label, locale)))
    }
    if (question.type === 'grid') {
      question.statements.forEach((statement, i) =>
        texts.push(entry(question.key, n, 'statement', i + 1, `${question.key}.statements.${statement.code}`, statement.label, locale)),
      )
    }
  })
  return texts
}

export interface TranslationProgress {
  translated: number
  total: number
}

/** How many texts are translated into `locale`, counted the way opening a consultation counts them. */
export function translationProgress(definition: SurveyDefinition, locale: string): TranslationProgress {
  const total = listTranslatableTexts(definition, locale).length
  return { translated: total - missingTranslations(definition, locale).length, total }
}

export interface TranslationChange {
  id: string
  before: string
  after: string
}

export interface TranslationReport {
  added: TranslationChange[]
  changed: TranslationChange[]
  cleared: TranslationChange[]
  unchanged: number
  /** ids that are not texts of this survey: refused */
  unknown: string[]
  /** texts over MAX_TEXT_LENGTH: refused */
  tooLong: string[]
  /** the English the translator worked from is not the English of the survey now: applied, with a warning */
  englishChanged: { id: string; exported: string; current: string }[]
  /** the survey did not list the language among its content languages until now */
  localeAdded: boolean
}

export interface ApplyOptions {
  /** The English each translation was made from (the export's English column), to warn when it has changed since. */
  english?: ReadonlyMap<string, string> | Record<string, string>
  /** An empty text removes a translation (the editor); otherwise an empty text leaves it as it is (an import). */
  blankClears?: boolean
}

export type ApplyResult = { definition: SurveyDefinition; report: TranslationReport }

/** Whether the report refuses the whole set (unknown ids or texts too long). */
export function isRefused(report: TranslationReport): boolean {
  return report.unknown.length > 0 || report.tooLong.length > 0
}

/** Whether applying the set changes the survey at all. */
export function hasChanges(report: TranslationReport): boolean {
  return report.added.length + report.changed.length + report.cleared.length > 0 || report.localeAdded
}

/**
 * Applies translations (id -> text) into `locale`. Only the ids given are
 * touched. The definition passed in is not changed; the new one is returned
 * (unchanged when the report refuses the set).
 */
export function applyTranslations(
  definition: SurveyDefinition,
  locale: string,
  translations: ReadonlyMap<string, string> | Record<string, string>,
  options: ApplyOptions = {},
): ApplyResult {
  if (locale === 'en' || !/^[a-z]{2,3}$/.test(locale)) throw new Error(`cannot translate into "${locale}"`)
  const entries = translations instanceof Map ? [...translations.entries()] : Object.entries(translations)
  const english = options.english instanceof Map ? options.english : new Map(Object.entries(options.english ?? {}))
  const next = structuredClone(definition)
  const texts = new Map<string, LocalisedText>()
  for (const question of next.questions) {
    texts.set(`${question.key}.title`, question.title)
    if (question.hint) texts.set(`${question.key}.hint`, question.hint)
    if ('options' in question) for (const option of question.options) texts.set(`${question.key}.options.${option.code}`, option.label)
    if (question.type === 'grid') for (const statement of question.statements) texts.set(`${question.key}.statements.${statement.code}`, statement.label)
  }

  const report: TranslationReport = { added: [], changed: [], cleared: [], unchanged: 0, unknown: [], tooLong: [], englishChanged: [], localeAdded: false }
  for (const [id, raw] of entries) {
    const text = texts.get(id)
    if (!text) {
      report.unknown.push(id)
      continue
    }
    const after = normaliseText(raw)
    if (after.length > MAX_TEXT_LENGTH) {
      report.tooLong.push(id)
      continue
    }
    const exported = english.get(id)
    if (exported !== undefined && normaliseText(exported) !== normaliseText(text.en ?? '')) {
      report.englishChanged.push({ id, exported: normaliseText(exported), current: text.en ?? '' })
    }
    const before = normaliseText(text[locale] ?? '')
    if (after === before) {
      report.unchanged++
    } else if (!after) {
      if (options.blankClears) {
        delete text[locale]
        report.cleared.push({ id, before, after })
      } else {
        report.unchanged++
      }
    } else {
      text[locale] = after
      ;(before ? report.changed : report.added).push({ id, before, after })
    }
  }
  if (isRefused(report)) return { definition, report }
  const anyTranslated = [...texts.values()].some((text) => Boolean(text[locale]?.trim()))
  if (anyTranslated && !next.locales.includes(locale)) {
    next.locales = [...next.locales, locale]
    report.localeAdded = true
  }
  return { definition: next, report }
}

/** One line for the audit log: what a save did. */
export function summariseReport(locale: string, report: TranslationReport, source: 'editor' | 'xlsx'): string {
  const how = source === 'xlsx' ? 'imported from XLSX' : 'edited'
  return `translations (${locale}) ${how}: ${report.added.length} added, ${report.changed.length} changed, ${report.cleared.length} cleared, ${report.unchanged} unchanged`
}

/** Where a text is, as a key of the "translate" namespace and its values: "Question 3: answer 2". */
export function whereKey(text: Pick<TranslatableText, 'kind' | 'questionNumber' | 'position'>) {
  return { key: `where.${text.kind}` as const, values: { number: text.questionNumber, position: text.position } }
}

/** The editor's name for a text's form field, and the id its label and error link point at. */
export const FIELD_PREFIX = 'text:'
export function fieldId(id: string): string {
  return `translation-${id}`
}
