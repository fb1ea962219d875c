import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, FormGroup, Hint, describedBy } from '~/components/govuk.tsx'
import { errorFor } from './builder-components.tsx'
import { hasOptions, type BuilderError, type QuestionFormValues } from './builder.ts'
import type { QuestionType } from './definition.ts'

// The question editor's fields, for a new question and an existing one. Plain
// form fields: every part works without JavaScript (blank rows add options, a
// checkbox removes one).

export function QuestionEditorFields({
  type,
  values,
  isNew,
  callsToAction,
  errors,
}: {
  type: QuestionType
  values: QuestionFormValues
  isNew: boolean
  callsToAction: { code: string; title: string }[]
  errors?: BuilderError[]
}) {
  const { t } = useTranslation('builder')
  const message = (field: string) => {
    const error = errorFor(errors, field)
    return error ? t(error.key, error.values) : undefined
  }
  const rowKind = type === 'grid' ? 'statement' : 'option'
  return (
    <>
      {isNew ? (
        <TextField id="key" label={t('editor.key')} hint={t('editor.key_hint')} value={values.key} error={message('key')} className="govuk-input--width-20 hys-ltr" spellCheck={false} />
      ) : (
        <p className="govuk-body">
          {t('editor.key')}: <code className="hys-ltr">{values.key}</code>
        </p>
      )}
      <TextField id="title" label={t('editor.title')} hint={t('editor.title_hint')} value={values.title} error={message('title')} multiline />
      <TextField id="hint" label={t('editor.hint')} hint={t('editor.hint_hint')} value={values.hint} error={message('hint')} multiline optional={t('editor.optional')} />

      <div className="govuk-form-group">
        <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id="required" name="required" type="checkbox" value="yes" defaultChecked={values.required} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="required">
              {t('editor.required')}
            </label>
          </div>
        </div>
      </div>

      <CtaCheckboxes id="ctas" name="ctas" legend={t('editor.ctas')} hint={t('editor.ctas_hint')} callsToAction={callsToAction} checked={values.ctas} error={message('ctas')} />

      {hasOptions(type) || type === 'grid' ? (
        <fieldset className="govuk-fieldset" aria-describedby={`${rowKind}s-hint`}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
            <h2 className="govuk-fieldset__heading">{t(type === 'grid' ? 'editor.statements' : 'editor.options')}</h2>
          </legend>
          <Hint id={`${rowKind}s-hint`}>{t(type === 'grid' ? 'editor.statements_hint' : 'editor.options_hint')}</Hint>
          {values.rows.map((row, index) => {
            const n = index + 1
            const prefix = `${rowKind}-${n}`
            return (
              <div className="hys-option-row" key={prefix}>
                <h3 className="govuk-heading-s">{t(type === 'grid' ? 'editor.statement_n' : 'editor.option_n', { n })}</h3>
                <TextField id={`${prefix}-label`} label={t('editor.option_label')} value={row.label} error={message(`${prefix}-label`)} />
                {row.existing ? (
                  <p className="govuk-body-s">
                    {t('editor.option_code')}: <code className="hys-ltr">{row.code}</code>
                    <input type="hidden" name={`${prefix}-code`} value={row.code} />
                    <input type="hidden" name={`${prefix}-existing`} value="yes" />
                  </p>
                ) : (
                  <TextField
                    id={`${prefix}-code`}
                    label={t('editor.option_code')}
                    hint={t('editor.option_code_hint')}
                    value={row.code}
                    error={message(`${prefix}-code`)}
                    className="govuk-input--width-20 hys-ltr"
                    optional={t('editor.optional')}
                    spellCheck={false}
                  />
                )}
                <CtaCheckboxes id={`${prefix}-ctas`} name={`${prefix}-ctas`} legend={t('editor.option_ctas')} callsToAction={callsToAction} checked={row.ctas} small />
                {row.existing ? (
                  <div className="govuk-form-group">
                    <div className="govuk-checkboxes govuk-checkboxes--small">
                      <div className="govuk-checkboxes__item">
                        <input className="govuk-checkboxes__input" id={`${prefix}-remove`} name={`${prefix}-remove`} type="checkbox" value="yes" defaultChecked={row.remove} />
                        <label className="govuk-label govuk-checkboxes__label" htmlFor={`${prefix}-remove`}>
                          {t(type === 'grid' ? 'editor.remove_statement' : 'editor.remove_option')}
                        </label>
                      </div>
                    </div>
                  </div>
                ) : null}
              </div>
            )
          })}
        </fieldset>
      ) : null}

      {type === 'multiple' ? (
        <>
          <FormGroup error={Boolean(message('exclusive'))}>
            <label className="govuk-label govuk-label--s" htmlFor="exclusive">
              {t('editor.exclusive')}
            </label>
            <Hint id="exclusive-hint">{t('editor.exclusive_hint')}</Hint>
            {message('exclusive') ? <ErrorMessage id="exclusive-error">{message('exclusive')}</ErrorMessage> : null}
            <select className="govuk-select" id="exclusive" name="exclusive" defaultValue={values.exclusive} aria-describedby={describedBy('exclusive-hint', message('exclusive') && 'exclusive-error')}>
              <option value="">{t('editor.exclusive_none')}</option>
              {values.rows
                .filter((r) => r.existing)
                .map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.label}
                  </option>
                ))}
            </select>
          </FormGroup>
          <TextField id="maxChoices" label={t('editor.max_choices')} hint={t('editor.max_choices_hint')} value={values.maxChoices} error={message('maxChoices')} className="govuk-input--width-3" numeric optional={t('editor.optional')} />
        </>
      ) : null}
      {type === 'ranking' ? <TextField id="maxRank" label={t('editor.max_rank')} hint={t('editor.max_rank_hint')} value={values.maxRank} error={message('maxRank')} className="govuk-input--width-3" numeric /> : null}
      {type === 'text' ? <TextField id="maxLength" label={t('editor.max_length')} hint={t('editor.max_length_hint')} value={values.maxLength} error={message('maxLength')} className="govuk-input--width-5" numeric /> : null}
      {type === 'number' ? (
        <>
          <TextField id="min" label={t('editor.min')} value={values.min} error={message('min')} className="govuk-input--width-10" numeric />
          <TextField id="max" label={t('editor.max')} value={values.max} error={message('max')} className="govuk-input--width-10" numeric />
        </>
      ) : null}
      {type === 'date' ? (
        <>
          <TextField id="earliest" label={t('editor.earliest')} hint={t('editor.date_hint')} value={values.earliest} error={message('earliest')} className="govuk-input--width-10 hys-ltr" optional={t('editor.optional')} />
          <TextField id="latest" label={t('editor.latest')} hint={t('editor.date_hint')} value={values.latest} error={message('latest')} className="govuk-input--width-10 hys-ltr" optional={t('editor.optional')} />
        </>
      ) : null}
    </>
  )
}

function TextField({
  id,
  label,
  hint,
  value,
  error,
  className = '',
  multiline = false,
  numeric = false,
  optional,
  spellCheck,
}: {
  id: string
  label: string
  hint?: string
  value: string
  error?: string
  className?: string
  multiline?: boolean
  numeric?: boolean
  optional?: string
  spellCheck?: boolean
}) {
  const described = describedBy(hint && `${id}-hint`, error && `${id}-error`)
  return (
    <FormGroup error={Boolean(error)}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
        {optional ? ` ${optional}` : ''}
      </label>
      {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      {multiline ? (
        <textarea className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`} id={id} name={id} rows={2} defaultValue={value} aria-describedby={described} lang="en" />
      ) : (
        <input
          className={`govuk-input ${className}${error ? ' govuk-input--error' : ''}`}
          id={id}
          name={id}
          type="text"
          defaultValue={value}
          aria-describedby={described}
          inputMode={numeric ? 'numeric' : undefined}
          spellCheck={spellCheck}
          lang={numeric ? undefined : 'en'}
        />
      )}
    </FormGroup>
  )
}

function CtaCheckboxes({
  id,
  name,
  legend,
  hint,
  callsToAction,
  checked,
  error,
  small = false,
}: {
  id: string
  name: string
  legend: ReactNode
  hint?: string
  callsToAction: { code: string; title: string }[]
  checked: string[]
  error?: string
  small?: boolean
}) {
  return (
    <FormGroup error={Boolean(error)}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}>
        <legend className={`govuk-fieldset__legend ${small ? 'govuk-fieldset__legend--s' : 'govuk-fieldset__legend--m'}`}>{legend}</legend>
        {hint ? <Hint id={`${id}-hint`}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
        <div className={`govuk-checkboxes${small ? ' govuk-checkboxes--small hys-inline-choices' : ''}`} data-module="govuk-checkboxes">
          {callsToAction.map((cta, index) => (
            <div className="govuk-checkboxes__item" key={cta.code}>
              <input className="govuk-checkboxes__input" id={index === 0 ? id : `${id}-${index + 1}`} name={name} type="checkbox" value={cta.code} defaultChecked={checked.includes(cta.code)} />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={index === 0 ? id : `${id}-${index + 1}`}>
                {small ? (
                  <>
                    {cta.code}
                    <span className="govuk-visually-hidden">: {cta.title}</span>
                  </>
                ) : (
                  `${cta.code}: ${cta.title}`
                )}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </FormGroup>
  )
}
