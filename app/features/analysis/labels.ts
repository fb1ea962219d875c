import { languageOf, SUPPORTED_LOCALES } from '../i18n/config.ts'
import { localise, type SurveyDefinition } from '../surveys/definition.ts'
import type { ProfileDimension } from './census.ts'

// Words for what the analysis pages count, in the reader's language: question
// and option texts from the survey definition (in the staff member's language
// when the survey has it, else English), UI words from locales/<lng>/analysis.json,
// scale labels from survey.json and equality categories from equality.json.

export type Translate = (key: string, values?: Record<string, unknown>) => string

export interface Labeller {
  variable(id: string): string
  category(id: string, code: string): string
  /** lang attribute for a category label in another language than the page: a language's own name, or survey content shown in English */
  categoryLang(id: string, code: string): string | undefined
  /** lang attribute for a variable's name when it is survey content in another language than the page */
  variableLang(id: string): string | undefined
  question(key: string): string
  dimension(dimension: ProfileDimension): string
}

const EQUALITY_SOURCE: Record<string, string> = {
  age_band: 'age_band',
  sex: 'sex',
  ethnic_group_broad: 'ethnic_group_broad',
  ethnic_group: 'ethnic_group',
  religion: 'religion',
}

export function createLabeller(t: Translate, locale: string, definition: SurveyDefinition, wardNames: ReadonlyMap<string, string>): Labeller {
  const content = definition.locales.includes(locale) ? locale : 'en'
  // Survey content shown in English on a page in another language is marked lang="en".
  const contentLang = content !== locale ? content : undefined
  const questions = new Map(definition.questions.map((q) => [q.key, q]))
  const question = (key: string) => {
    const q = questions.get(key)
    return q ? localise(q.title, content) : key
  }
  const dimension = (d: ProfileDimension) => t(`dimensions.${d}`)
  const wardName = (code: string) => wardNames.get(code) ?? code
  const dimensionCategory = (d: string, code: string) => {
    if (d === 'ward') return wardName(code)
    if (d === 'disability' || d === 'age_broad' || code === 'not_answered') return t(`census_categories.${code}`)
    const source = EQUALITY_SOURCE[d]
    return source ? t(`equality:questions.${source}.options.${code}`) : code
  }
  const binLabel = (code: string) => {
    const [from, to] = code.split('..')
    return to === undefined ? from! : t('bin', { from: Number(from), to: Number(to) })
  }

  return {
    question,
    dimension,
    variable(id) {
      if (id === 'channel' || id === 'locale' || id === 'ward') return t(`variables.${id}`)
      if (id.startsWith('eq.')) return dimension(id.slice(3) as ProfileDimension)
      const [key, part] = id.slice(2).split('.')
      const q = questions.get(key!)
      const title = question(key!)
      if (!q || part === undefined) return title
      if (q.type === 'ranking') return t(part === 'first' ? 'variables.first_choice' : 'variables.ranked_at_all', { question: title })
      if (q.type === 'grid') {
        const statement = q.statements.find((s) => s.code === part)
        return t('variables.statement', { question: title, statement: statement ? localise(statement.label, content) : part })
      }
      return title
    },
    category(id, code) {
      if (id === 'channel') return t(`channels.${code}`, { defaultValue: code })
      if (id === 'locale') return SUPPORTED_LOCALES.includes(code) ? languageOf(code).name : code
      if (id === 'ward') return wardName(code)
      if (id.startsWith('eq.')) return dimensionCategory(id.slice(3), code)
      const key = id.slice(2).split('.')[0]!
      const q = questions.get(key)
      if (!q) return code
      switch (q.type) {
        case 'single':
        case 'multiple':
        case 'ranking': {
          const option = q.options.find((o) => o.code === code)
          return option ? localise(option.label, content) : code
        }
        case 'scale':
        case 'grid':
          return t(`survey:scale.${code}`)
        case 'ward':
          return wardName(code)
        case 'number':
          return binLabel(code)
        default:
          return code
      }
    },
    categoryLang(id, code) {
      if (id === 'locale') return SUPPORTED_LOCALES.includes(code) && code !== locale ? code : undefined
      if (!id.startsWith('q.') || contentLang === undefined) return undefined
      const type = questions.get(id.slice(2).split('.')[0]!)?.type
      return type === 'single' || type === 'multiple' || type === 'ranking' ? contentLang : undefined
    },
    variableLang(id) {
      return id.startsWith('q.') ? contentLang : undefined
    },
  }
}
