import { useTranslation } from 'react-i18next'
import { DateTimeInput, ErrorMessage, FormGroup, Hint, TextInputField, describedBy } from '~/components/govuk.tsx'
import { LANGUAGES } from '../i18n/config.ts'

export type FormValues = Record<string, string | string[]>
export type FormErrors = Record<string, string>

/** The consultation form's fields (GOV.UK patterns), for create and edit. */
export function ConsultationFormFields({ values, errors, frameworks }: { values: FormValues; errors: FormErrors; frameworks: { id: string; name: string }[] }) {
  const { t } = useTranslation('auth')
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '')
  const field = (name: string, label: string, { hint, textarea = false, width = '' }: { hint?: string; textarea?: boolean; width?: string } = {}) => {
    const error = errors[name]
    return <TextInputField name={name} label={label} value={str(name)} error={error ? t(error) : undefined} hint={hint} textarea={textarea} width={width} />
  }
  const dateTime = (prefix: 'opens' | 'closes') => {
    const error = errors[`${prefix}Day`] ?? errors[`${prefix}Month`] ?? errors[`${prefix}Year`] ?? errors[`${prefix}Time`]
    return (
      <DateTimeInput
        prefix={prefix}
        legend={t(`consultation.${prefix}`)}
        hint={t('consultation.date_hint')}
        labels={{ Day: t('consultation.day'), Month: t('consultation.month'), Year: t('consultation.year'), Time: t('consultation.time') }}
        values={values}
        error={error ? t(error) : undefined}
        errorId={`${prefix}-error`}
        groupId={`${prefix}Day-group`}
      />
    )
  }
  const locales = Array.isArray(values.locales) ? values.locales : []
  return (
    <>
      {field('title', t('consultation.title'))}
      {field('slug', t('consultation.slug'), { hint: t('consultation.slug_hint'), width: 'hys-ltr' })}
      {field('summary', t('consultation.summary'), { hint: t('consultation.summary_hint'), textarea: true })}
      {field('purpose', t('consultation.purpose'), { textarea: true })}
      {field('whatCanChange', t('consultation.what_can_change'), { textarea: true })}
      {field('howAnswersUsed', t('consultation.how_used'), { textarea: true })}
      {field('howDecisionMade', t('consultation.how_decided'), { textarea: true })}
      {dateTime('opens')}
      {dateTime('closes')}
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset" aria-describedby="locales-hint">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('consultation.languages')}</legend>
          <Hint id="locales-hint">{t('consultation.languages_hint')}</Hint>
          <div className="govuk-checkboxes govuk-checkboxes--small">
            {LANGUAGES.map((language) => (
              <div className="govuk-checkboxes__item" key={language.code}>
                <input
                  className="govuk-checkboxes__input"
                  id={`locales-${language.code}`}
                  name="locales"
                  type="checkbox"
                  value={language.code}
                  defaultChecked={language.code === 'en' || locales.includes(language.code)}
                  disabled={language.code === 'en'}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`locales-${language.code}`} lang={language.code}>
                  {language.name}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      {field('partners', t('consultation.partners'), { hint: t('consultation.partners_hint'), textarea: true })}
      {field('estimatedMinutes', t('consultation.minutes'), { width: 'govuk-input--width-3' })}
      <FormGroup error={Boolean(errors.retentionDays)}>
        <label className="govuk-label govuk-label--s" htmlFor="retentionDays">
          {t('consultation.retention')}
        </label>
        <Hint id="retentionDays-hint">{t('consultation.retention_hint')}</Hint>
        {errors.retentionDays ? <ErrorMessage id="retentionDays-error">{t(errors.retentionDays)}</ErrorMessage> : null}
        <div className="govuk-input__wrapper">
          <input
            className={`govuk-input govuk-input--width-4${errors.retentionDays ? ' govuk-input--error' : ''}`}
            id="retentionDays"
            name="retentionDays"
            type="text"
            inputMode="numeric"
            spellCheck={false}
            defaultValue={str('retentionDays')}
            aria-describedby={describedBy('retentionDays-hint', errors.retentionDays && 'retentionDays-error')}
          />
          <div className="govuk-input__suffix" aria-hidden="true">
            {t('consultation.retention_suffix')}
          </div>
        </div>
      </FormGroup>
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="frameworkId">
          {t('consultation.framework')}
        </label>
        <select className="govuk-select" id="frameworkId" name="frameworkId" defaultValue={str('frameworkId')}>
          {frameworks.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
            </option>
          ))}
        </select>
      </div>
    </>
  )
}
