import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

// GOV.UK Design System markup as small React components (styles from govuk-frontend).

export interface FieldError {
  href: string
  text: string
}

/** Shown first on the page; focused on load so screen readers announce it. */
export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const { t } = useTranslation('common')
  if (!errors.length) return null
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" tabIndex={-1} autoFocus>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{t('error_summary_title')}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li key={error.href}>
                <a href={error.href}>{error.text}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  )
}

export function BackLink({ href }: { href: string }) {
  const { t } = useTranslation('common')
  return (
    <a href={href} className="govuk-back-link">
      {t('back')}
    </a>
  )
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  const { t } = useTranslation('common')
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">{t('error_prefix')}</span> {children}
    </p>
  )
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="govuk-hint">
      {children}
    </div>
  )
}

export function FormGroup({ error, children }: { error?: boolean; children: ReactNode }) {
  return <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>{children}</div>
}

export function describedBy(...ids: (string | false | undefined | null)[]) {
  const list = ids.filter(Boolean).join(' ')
  return list || undefined
}

/** A GOV.UK text input (or textarea) with its label, hint and error message. */
export function TextInputField({
  name,
  label,
  value,
  error,
  hint,
  textarea = false,
  width = '',
  lang,
  rows = 4,
}: {
  name: string
  label: string
  value: string
  /** the translated message, when the value is wrong */
  error?: string
  hint?: string
  textarea?: boolean
  /** GOV.UK width class(es) of an input */
  width?: string
  lang?: string
  rows?: number
}) {
  const ids = describedBy(hint && `${name}-hint`, error && `${name}-error`)
  return (
    <FormGroup error={Boolean(error)}>
      <label className="govuk-label govuk-label--s" htmlFor={name}>
        {label}
      </label>
      {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={`${name}-error`}>{error}</ErrorMessage> : null}
      {textarea ? (
        <textarea className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`} id={name} name={name} rows={rows} defaultValue={value} aria-describedby={ids} lang={lang} />
      ) : (
        <input className={`govuk-input ${width}${error ? ' govuk-input--error' : ''}`} id={name} name={name} type="text" defaultValue={value} aria-describedby={ids} lang={lang} />
      )}
    </FormGroup>
  )
}

const DATE_TIME_PARTS = [
  ['Day', 'govuk-input--width-2'],
  ['Month', 'govuk-input--width-2'],
  ['Year', 'govuk-input--width-4'],
  ['Time', 'govuk-input--width-4'],
] as const

/** GOV.UK date input with a time box: the inputs are named `${prefix}Day`, `${prefix}Month`, `${prefix}Year` and `${prefix}Time`. */
export function DateTimeInput({
  prefix,
  legend,
  hint,
  labels,
  values,
  error,
  errorId,
  groupId,
}: {
  prefix: string
  legend: string
  hint: string
  labels: Record<(typeof DATE_TIME_PARTS)[number][0], string>
  values: Record<string, string | string[]>
  /** the translated message, when the date is wrong */
  error?: string
  errorId: string
  /** the id of the boxes' wrapper, for an error summary link */
  groupId?: string
}) {
  return (
    <FormGroup error={Boolean(error)}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy(`${prefix}-hint`, error && errorId)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <Hint id={`${prefix}-hint`}>{hint}</Hint>
        {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        <div className="govuk-date-input" id={groupId}>
          {DATE_TIME_PARTS.map(([part, width]) => {
            const name = `${prefix}${part}`
            const value = values[name]
            return (
              <div className="govuk-date-input__item" key={part}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={name}>
                    {labels[part]}
                  </label>
                  <input
                    className={`govuk-input govuk-date-input__input ${width}${error ? ' govuk-input--error' : ''}`}
                    id={name}
                    name={name}
                    type="text"
                    inputMode="numeric"
                    defaultValue={typeof value === 'string' ? value : ''}
                  />
                </div>
              </div>
            )
          })}
        </div>
      </fieldset>
    </FormGroup>
  )
}

export interface ChoiceItem {
  value: string
  label: ReactNode
  hint?: ReactNode
  /** Shown after an "or" divider (GOV.UK exclusive option). */
  exclusive?: boolean
  lang?: string
}

export function Radios({
  name,
  idPrefix,
  items,
  checked,
  describedById,
  small,
}: {
  name: string
  idPrefix: string
  items: ChoiceItem[]
  checked?: string
  describedById?: string
  /** GOV.UK small radios, for many sets of radios on one page */
  small?: boolean
}) {
  return (
    <div className={`govuk-radios${small ? ' govuk-radios--small' : ''}`} data-module="govuk-radios">
      {items.map((item, index) => {
        const id = `${idPrefix}-${index + 1}`
        return (
          <div className="govuk-radios__item" key={item.value}>
            <input
              className="govuk-radios__input"
              id={id}
              name={name}
              type="radio"
              value={item.value}
              defaultChecked={checked === item.value}
              aria-describedby={item.hint ? `${id}-hint` : describedById}
            />
            <label className="govuk-label govuk-radios__label" htmlFor={id}>
              {item.label}
            </label>
            {item.hint ? (
              <div id={`${id}-hint`} className="govuk-hint govuk-radios__hint">
                {item.hint}
              </div>
            ) : null}
          </div>
        )
      })}
    </div>
  )
}

export function Checkboxes({
  name,
  idPrefix,
  items,
  checked,
  orText,
}: {
  name: string
  idPrefix: string
  items: ChoiceItem[]
  checked: string[]
  orText: string
}) {
  return (
    <div className="govuk-checkboxes" data-module="govuk-checkboxes">
      {items.map((item, index) => {
        const id = `${idPrefix}-${index + 1}`
        return (
          <div key={item.value}>
            {item.exclusive ? <div className="govuk-checkboxes__divider">{orText}</div> : null}
            <div className="govuk-checkboxes__item">
              <input
                className="govuk-checkboxes__input"
                id={id}
                name={name}
                type="checkbox"
                value={item.value}
                defaultChecked={checked.includes(item.value)}
                data-behaviour={item.exclusive ? 'exclusive' : undefined}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                {item.label}
              </label>
            </div>
          </div>
        )
      })}
    </div>
  )
}

export function SummaryList({ rows }: { rows: { key: ReactNode; value: ReactNode; action?: { href: string; text: string; hiddenText: string } }[] }) {
  return (
    <dl className="govuk-summary-list">
      {rows.map((row, index) => (
        <div className="govuk-summary-list__row" key={index}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action ? (
            <dd className="govuk-summary-list__actions">
              <a className="govuk-link" href={row.action.href}>
                {row.action.text}
                <span className="govuk-visually-hidden"> {row.action.hiddenText}</span>
              </a>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  )
}

/** The green panel that ends a journey, with the one thing to keep (a reference or a code). */
export function ConfirmationPanel({ title, label, value, testId, valueClassName = 'hys-ltr' }: { title: string; label?: string; value?: string; testId?: string; valueClassName?: string }) {
  return (
    <div className="govuk-panel govuk-panel--confirmation">
      <h1 className="govuk-panel__title">{title}</h1>
      {value ? (
        <div className="govuk-panel__body">
          {label}
          <br />
          <strong className={valueClassName} data-testid={testId}>
            {value}
          </strong>
        </div>
      ) : null}
    </div>
  )
}

/** GOV.UK success banner, announced to screen readers: a title and, optionally, what happened. */
export function SuccessBanner({ title, message }: { title: string; message?: ReactNode }) {
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="success-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="success-title">
          {title}
        </h2>
      </div>
      {message ? (
        <div className="govuk-notification-banner__content">
          <p className="govuk-notification-banner__heading">{message}</p>
        </div>
      ) : null}
    </div>
  )
}
