import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { describedBy } from '~/components/govuk.tsx'
import { SCALE_CODES, localise, type Question } from '../surveys/definition.ts'
import { fieldName } from '../surveys/validate-answer.ts'
import { languageOf } from '../i18n/config.ts'
import { DateInputs } from '../surveys/question-field.tsx'
import { fieldPrefix } from './entry.ts'

// One question on the assisted-entry page. Unlike a resident's page (one
// question, its fields named `answer`), every question of the survey is on the
// page at once, so ids and names carry the question's prefix (q-<key>-); the
// survey's validators read them back through scopedForm. Options are numbered
// so an interviewer can type the number (public/assisted-entry.js).

export interface ShownError {
  id: string
  text: string
  /** date only: the inputs with the problem (all of them when absent), prefixed */
  highlight?: string[]
}

export interface AssistedQuestionProps {
  question: Question
  number: number
  /** the language the survey content is shown in (the resident's, or English as a fallback) */
  contentLocale: string
  /** the resident's language, for words read out that are UI strings (the agreement scale) */
  residentLocale: string
  /** survey-namespace strings in the resident's language */
  residentT: (key: string) => string
  values: string[]
  error?: ShownError
  wards: { code: string; name: string }[]
  /** "Ask only if…", in the officer's language */
  condition: string | null
  /** "Not asked because…", shown when skip logic hides the question in the browser */
  notAsked: string | null
}

export function AssistedQuestion(props: AssistedQuestionProps) {
  const { question, number, contentLocale, error, condition, notAsked } = props
  const { t } = useTranslation('assisted')
  const { t: ts } = useTranslation('survey')
  const p = fieldPrefix(question.key)
  const contentDir = languageOf(contentLocale).dir
  const english = contentLocale !== 'en' ? localise(question.title, 'en') : null
  const hint = question.hint ? localise(question.hint, contentLocale) : ''
  const hintId = hint ? `${p}hint` : undefined
  const errorId = error ? `${p}error` : undefined
  const conditionId = condition ? `${p}condition` : undefined

  const title = (
    <>
      <span className="hys-question-number">{t('entry.question_number', { n: number })}</span>{' '}
      <span lang={contentLocale} dir={contentDir}>
        {localise(question.title, contentLocale)}
      </span>
      {question.required ? null : ` ${ts('optional')}`}
    </>
  )
  const englishLine = english ? (
    <span className="govuk-body-s hys-english-title" lang="en" dir="ltr">
      {t('entry.in_english', { title: english })}
    </span>
  ) : null
  const hintBlock = hint ? (
    <div id={hintId} className="govuk-hint">
      <span lang={contentLocale} dir={contentDir}>
        {hint}
      </span>
    </div>
  ) : null
  const conditionBlock = condition ? (
    <p id={conditionId} className="govuk-body-s hys-condition">
      {condition}
    </p>
  ) : null
  const errorBlock = error ? (
    <p id={errorId} className="govuk-error-message">
      <span className="govuk-visually-hidden">{t('entry.error_prefix')}</span> {error.text}
    </p>
  ) : null
  const legend = (
    <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
      <h2 className="govuk-fieldset__heading">{title}</h2>
      {englishLine}
    </legend>
  )
  const labelHeading = (id: string) => (
    <h2 className="govuk-label-wrapper">
      <label className="govuk-label govuk-label--m" htmlFor={id}>
        {title}
      </label>
      {englishLine}
    </h2>
  )
  const described = describedBy(conditionId, hintId, errorId)

  return (
    <div
      className={`govuk-form-group hys-assisted-question${error ? ' govuk-form-group--error' : ''}`}
      id={`question-${question.key}`}
      data-question={question.key}
      data-type={question.type}
      data-show-if={question.showIf ? JSON.stringify(question.showIf) : undefined}
    >
      <Fields {...props} p={p} legend={legend} labelHeading={labelHeading} described={described} blocks={{ hintBlock, conditionBlock, errorBlock }} />
      {notAsked ? (
        <p className="govuk-inset-text hys-not-asked" data-not-asked hidden>
          {notAsked}
        </p>
      ) : null}
    </div>
  )
}

function Fields({
  question,
  contentLocale,
  residentLocale,
  residentT,
  values,
  error,
  wards,
  p,
  legend,
  labelHeading,
  described,
  blocks,
}: AssistedQuestionProps & {
  p: string
  legend: ReactNode
  labelHeading: (id: string) => ReactNode
  described: string | undefined
  blocks: { hintBlock: ReactNode; conditionBlock: ReactNode; errorBlock: ReactNode }
}) {
  const { t: ts } = useTranslation('survey')
  const contentDir = languageOf(contentLocale).dir
  const residentDir = languageOf(residentLocale).dir
  const content = (text: string) => (
    <span lang={contentLocale} dir={contentDir}>
      {text}
    </span>
  )
  const scale = SCALE_CODES.map((code) => ({
    value: code,
    label: (
      <span lang={residentLocale} dir={residentDir}>
        {residentT(`scale.${code}`)}
      </span>
    ),
  }))
  const { hintBlock, conditionBlock, errorBlock } = blocks
  const fieldsStart = (
    <>
      {conditionBlock}
      {hintBlock}
      {errorBlock}
    </>
  )

  switch (question.type) {
    case 'single':
    case 'scale': {
      const items = question.type === 'single' ? question.options.map((o) => ({ value: o.code, label: content(localise(o.label, contentLocale)) })) : scale
      return (
        <fieldset className="govuk-fieldset" aria-describedby={described}>
          {legend}
          {fieldsStart}
          <div data-fields>
            <NumberedChoices type="radio" name={`${p}answer`} idPrefix={`${p}answer`} items={items} checked={values} />
          </div>
        </fieldset>
      )
    }
    case 'multiple': {
      const items = question.options.map((o) => ({ value: o.code, label: content(localise(o.label, contentLocale)), exclusive: o.exclusive }))
      return (
        <fieldset className="govuk-fieldset" aria-describedby={described}>
          {legend}
          {fieldsStart}
          <div data-fields>
            <NumberedChoices type="checkbox" name={`${p}answer`} idPrefix={`${p}answer`} items={items} checked={values} orText={ts('or')} />
          </div>
        </fieldset>
      )
    }
    case 'grid':
      return (
        <fieldset className="govuk-fieldset" aria-describedby={described}>
          {legend}
          {fieldsStart}
          <div data-fields>
            {question.statements.map((statement, i) => {
              const name = `${p}${fieldName(question, i + 1)}`
              return (
                <div className="govuk-form-group hys-grid-statement" key={statement.code}>
                  <fieldset className="govuk-fieldset">
                    <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                      {i + 1}. {content(localise(statement.label, contentLocale))}
                    </legend>
                    <NumberedChoices type="radio" name={name} idPrefix={name} items={scale} checked={values[i] ? [values[i]!] : []} small />
                  </fieldset>
                </div>
              )
            })}
          </div>
        </fieldset>
      )
    case 'text':
      return (
        <>
          {labelHeading(`${p}answer`)}
          {fieldsStart}
          <div data-fields>
            <div id={`${p}limit`} className="govuk-hint">
              {ts('text.limit', { max: question.maxLength })}
            </div>
            <textarea
              className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
              id={`${p}answer`}
              name={`${p}answer`}
              rows={4}
              defaultValue={values[0] ?? ''}
              aria-describedby={describedBy(described, `${p}limit`)}
            />
          </div>
        </>
      )
    case 'number':
      return (
        <>
          {labelHeading(`${p}answer`)}
          {fieldsStart}
          <div data-fields>
            <div id={`${p}range`} className="govuk-hint">
              {ts('number.range_hint', { min: question.min, max: question.max })}
            </div>
            <input
              className={`govuk-input govuk-input--width-4${error ? ' govuk-input--error' : ''}`}
              id={`${p}answer`}
              name={`${p}answer`}
              type="text"
              inputMode="numeric"
              spellCheck={false}
              autoComplete="off"
              defaultValue={values[0] ?? ''}
              aria-describedby={describedBy(described, `${p}range`)}
            />
          </div>
        </>
      )
    case 'ward':
      return (
        <>
          {labelHeading(`${p}answer`)}
          {fieldsStart}
          <div data-fields>
            <select
              className={`govuk-select${error ? ' govuk-select--error' : ''}`}
              id={`${p}answer`}
              name={`${p}answer`}
              defaultValue={values[0] ?? ''}
              aria-describedby={described}
            >
              <option value="">{ts('ward.choose')}</option>
              {wards.map((ward) => (
                <option key={ward.code} value={ward.code} lang="en">
                  {ward.name}
                </option>
              ))}
            </select>
          </div>
        </>
      )
    case 'date':
      return (
        <fieldset className="govuk-fieldset" role="group" aria-describedby={described}>
          {legend}
          {fieldsStart}
          <DateInputs idPrefix={p} values={values} error={error} label={(part) => ts(`date.${part}`)} marked />
        </fieldset>
      )
    case 'ranking':
      return (
        <fieldset className="govuk-fieldset hys-ranking" aria-describedby={described}>
          {legend}
          {fieldsStart}
          <div data-fields>
            {Array.from({ length: question.maxRank }, (_, i) => {
              const id = `${p}rank-${i + 1}`
              const placeError = error?.id === id
              return (
                <div className={`govuk-form-group${placeError ? ' govuk-form-group--error' : ''}`} key={id}>
                  <label className="govuk-label govuk-label--s" htmlFor={id}>
                    {ts(`ranking.place_${i + 1}`)}
                  </label>
                  <select className={`govuk-select${placeError ? ' govuk-select--error' : ''}`} id={id} name={id} defaultValue={values[i] ?? ''}>
                    <option value="">{ts('ranking.not_chosen')}</option>
                    {question.options.map((o, n) => (
                      <option key={o.code} value={o.code} lang={contentLocale} dir={contentDir}>
                        {n + 1}. {localise(o.label, contentLocale)}
                      </option>
                    ))}
                  </select>
                </div>
              )
            })}
          </div>
        </fieldset>
      )
  }
}

/** GOV.UK radios or checkboxes, each option with its number; the group answers to number keys. */
function NumberedChoices({
  type,
  name,
  idPrefix,
  items,
  checked,
  small,
  orText,
}: {
  type: 'radio' | 'checkbox'
  name: string
  idPrefix: string
  items: { value: string; label: ReactNode; exclusive?: boolean }[]
  checked: string[]
  small?: boolean
  orText?: string
}) {
  const kind = type === 'radio' ? 'radios' : 'checkboxes'
  return (
    <div className={`govuk-${kind}${small ? ` govuk-${kind}--small` : ''}`} data-module={`govuk-${kind}`} data-number-keys>
      {items.map((item, index) => {
        const id = `${idPrefix}-${index + 1}`
        return (
          <div key={item.value}>
            {item.exclusive && orText ? <div className="govuk-checkboxes__divider">{orText}</div> : null}
            <div className={`govuk-${kind}__item`}>
              <input
                className={`govuk-${kind}__input`}
                id={id}
                name={name}
                type={type}
                value={item.value}
                defaultChecked={checked.includes(item.value)}
                data-behaviour={item.exclusive ? 'exclusive' : undefined}
              />
              <label className={`govuk-label govuk-${kind}__label`} htmlFor={id}>
                <span className="hys-option-number">{index + 1}</span> {item.label}
              </label>
            </div>
          </div>
        )
      })}
    </div>
  )
}
