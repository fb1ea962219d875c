import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary } from '~/components/govuk.tsx'
import { useNonce } from '~/utils/nonce.ts'
import { createI18n } from '../i18n/create-i18n.ts'
import { formatNumber, languageOf } from '../i18n/config.ts'
import type { SurveyDefinition } from '../surveys/definition.ts'
import { AssistedQuestion, type ShownError } from './assisted-question.tsx'
import { NOTE_FIELD, NOTE_MAX_LENGTH, describeCondition } from './entry.ts'

// The whole assisted-entry form: every question numbered, in the resident's
// language, then the interviewer's note. Used for a first entry (phone, face to
// face, event, paper) and for the blind second entry of a paper form.

export interface EntryFormData {
  definition: SurveyDefinition
  /** the resident's language */
  locale: string
  /** the language the survey content is shown in (English when not translated) */
  contentLocale: string
  /** survey-namespace strings in the resident's language (the agreement scale) */
  surveyMessages: Record<string, unknown>
  wards: { code: string; name: string }[]
}

export interface EntryFormState {
  values: Record<string, string[]>
  /** text: beside the field; summary: in the error summary, naming the question */
  errors: (ShownError & { questionKey: string | null; summary: string })[]
  note: string
}

export function EntryForm({
  data,
  state,
  hidden,
  action,
  submitLabel,
  withNote = true,
}: {
  data: EntryFormData
  state: EntryFormState
  /** hidden fields: method, language, survey version, form number */
  hidden: Record<string, string>
  action?: string
  submitLabel: string
  withNote?: boolean
}) {
  const { t, i18n } = useTranslation('assisted')
  const { t: ts } = useTranslation('survey')
  const nonce = useNonce()
  const residentI18n = useMemo(() => createI18n(data.locale, { survey: data.surveyMessages }), [data.locale, data.surveyMessages])
  const residentT = useMemo(() => residentI18n.getFixedT(data.locale, 'survey'), [residentI18n, data.locale])
  const officerLocale = i18n.language
  const rule = (question: SurveyDefinition['questions'][number]) => {
    const condition = describeCondition(data.definition, question, officerLocale, (code) => ts(`scale.${code}`))
    return condition ? t(`entry.only_if.${condition.operator}`, { n: condition.number, value: condition.value }) : null
  }
  const noteError = state.errors.find((e) => e.id === NOTE_FIELD)
  const countTemplate = (key: string, count: number) => t(key, { count }).replace(formatNumber(count, officerLocale), '{{count}}')
  return (
    <>
      <ErrorSummary errors={state.errors.map((e) => ({ href: `#${e.id}`, text: e.summary }))} />
      <p className="govuk-body-s" data-js-only hidden>
        {t('entry.keyboard_tip')}
      </p>
      <form method="post" noValidate action={action} className="hys-assisted-form" data-assisted-entry>
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div>
          {data.definition.questions.map((question, index) => {
            const r = rule(question)
            const error = state.errors.find((e) => e.questionKey === question.key)
            return (
              <AssistedQuestion
                key={question.key}
                question={question}
                number={index + 1}
                contentLocale={data.contentLocale}
                residentLocale={data.locale}
                residentT={residentT}
                values={state.values[question.key] ?? []}
                error={error}
                wards={data.wards}
                condition={r ? t('entry.condition', { rule: r }) : null}
                notAsked={r ? t('entry.not_asked', { rule: r }) : null}
              />
            )
          })}
        </div>
        {withNote ? (
          <div className={`govuk-form-group${noteError ? ' govuk-form-group--error' : ''}`}>
            <div
              className="govuk-character-count"
              data-module="govuk-character-count"
              data-maxlength={NOTE_MAX_LENGTH}
              data-messages={JSON.stringify({
                remainingOne: countTemplate('note.remaining', 1),
                remainingOther: countTemplate('note.remaining', 99),
                overOne: countTemplate('note.over', 1),
                overOther: countTemplate('note.over', 99),
              })}
            >
              <h2 className="govuk-label-wrapper">
                <label className="govuk-label govuk-label--m" htmlFor={NOTE_FIELD}>
                  {t('note.label')}
                </label>
              </h2>
              <div id={`${NOTE_FIELD}-hint`} className="govuk-hint">
                {t('note.hint', { max: NOTE_MAX_LENGTH })}
              </div>
              {noteError ? (
                <p id={`${NOTE_FIELD}-error`} className="govuk-error-message">
                  <span className="govuk-visually-hidden">{t('entry.error_prefix')}</span> {noteError.text}
                </p>
              ) : null}
              <textarea
                className={`govuk-textarea govuk-js-character-count${noteError ? ' govuk-textarea--error' : ''}`}
                id={NOTE_FIELD}
                name={NOTE_FIELD}
                rows={3}
                defaultValue={state.note}
                aria-describedby={[`${NOTE_FIELD}-hint`, `${NOTE_FIELD}-limit`, noteError ? `${NOTE_FIELD}-error` : ''].filter(Boolean).join(' ')}
              />
              <div id={`${NOTE_FIELD}-limit`} className="govuk-hint govuk-character-count__message" aria-live="polite">
                {t('note.limit', { max: NOTE_MAX_LENGTH })}
              </div>
            </div>
          </div>
        ) : null}
        <button type="submit" className="govuk-button" data-module="govuk-button" data-prevent-double-click="true">
          {submitLabel}
        </button>
      </form>
      <script src="/assisted-entry.js" defer nonce={nonce} />
    </>
  )
}

/** The language names for the header line ("Bengali (বাংলা)"). */
export function languageLabel(locale: string) {
  return languageOf(locale).name
}
