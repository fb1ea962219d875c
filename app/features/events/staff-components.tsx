import type { ComponentProps } from 'react'
import { useTranslation } from 'react-i18next'
import { DateTimeInput, ErrorMessage, FormGroup, Hint, TextInputField, describedBy } from '~/components/govuk.tsx'
import { LANGUAGES, languageOf } from '../i18n/config.ts'
import { EVENT_KINDS, MAX_OPTIONS } from './event-form.ts'
import { ITEM_TYPES, type ItemType } from './tally.ts'
import type { I18nText } from './text.ts'

// The officer's forms for events (GOV.UK patterns). Error values are keys in
// the "events" namespace.

export type FormValues = Record<string, string | string[]>
export type FormErrors = Record<string, string>

const OTHER_LANGUAGES = LANGUAGES.filter((l) => l.code !== 'en')

/** A text field of an events form, its value and error (a key in "events") read from the form's values and errors. */
export function TextField({ values, errors, ...field }: Omit<ComponentProps<typeof TextInputField>, 'value' | 'error'> & { values: FormValues; errors: FormErrors }) {
  const { t } = useTranslation('events')
  const error = errors[field.name]
  const value = values[field.name]
  return <TextInputField {...field} value={typeof value === 'string' ? value : ''} error={error ? t(error) : undefined} />
}

export function DateTimeField({ prefix, legend, hint, values, errors }: { prefix: string; legend: string; hint: string; values: FormValues; errors: FormErrors }) {
  const { t } = useTranslation('events')
  const error = errors[`${prefix}Day`]
  return (
    <DateTimeInput
      prefix={prefix}
      legend={legend}
      hint={hint}
      labels={{ Day: t('form.day'), Month: t('form.month'), Year: t('form.year'), Time: t('form.time') }}
      values={values}
      error={error ? t(error) : undefined}
      errorId={`${prefix}Day-error`}
    />
  )
}

export function EventFormFields({
  values,
  errors,
  ctas,
  kindFixed,
  locale,
}: {
  values: FormValues
  errors: FormErrors
  ctas: { code: string; title: I18nText }[]
  /** editing: the kind cannot change */
  kindFixed?: string
  locale: string
}) {
  const { t } = useTranslation('events')
  const list = (name: string) => (Array.isArray(values[name]) ? (values[name] as string[]) : [])
  const kind = kindFixed ?? (typeof values.kind === 'string' ? values.kind : '')
  return (
    <>
      {kindFixed ? (
        <>
          <input type="hidden" name="kind" value={kindFixed} />
          <p className="govuk-body">
            <strong>{t('form.kind')}:</strong> {t(`kinds.${kindFixed}`)}
          </p>
        </>
      ) : (
        <FormGroup error={Boolean(errors.kind)}>
          <fieldset className="govuk-fieldset" aria-describedby={errors.kind ? 'kind-error' : undefined}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('form.kind')}</legend>
            {errors.kind ? <ErrorMessage id="kind-error">{t(errors.kind)}</ErrorMessage> : null}
            <div className="govuk-radios" data-module="govuk-radios" id="kind">
              {EVENT_KINDS.map((k, index) => (
                <div className="govuk-radios__item" key={k}>
                  <input className="govuk-radios__input" id={index ? `kind-${k}` : 'kind-first'} name="kind" type="radio" value={k} defaultChecked={kind === k} aria-describedby={`kind-${k}-hint`} />
                  <label className="govuk-label govuk-radios__label" htmlFor={index ? `kind-${k}` : 'kind-first'}>
                    {t(`kinds.${k}`)}
                  </label>
                  <div id={`kind-${k}-hint`} className="govuk-hint govuk-radios__hint">
                    {t(`kinds_hint.${k}`)}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </FormGroup>
      )}
      <TextField name="title" label={t('form.title')} values={values} errors={errors} />
      <DateTimeField prefix="starts" legend={t('form.starts')} hint={t('form.date_hint')} values={values} errors={errors} />
      <TextField name="venue" label={t('form.venue')} values={values} errors={errors} />
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset" aria-describedby="locales-hint">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('form.languages')}</legend>
          <Hint id="locales-hint">{t('form.languages_hint')}</Hint>
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
            {LANGUAGES.map((language) => (
              <div className="govuk-checkboxes__item" key={language.code}>
                <input
                  className="govuk-checkboxes__input"
                  id={`locales-${language.code}`}
                  name="locales"
                  type="checkbox"
                  value={language.code}
                  defaultChecked={language.code === 'en' || list('locales').includes(language.code)}
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
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">{t('form.translations')}</span>
        </summary>
        <div className="govuk-details__text">
          {OTHER_LANGUAGES.map((language) => (
            <TextField key={language.code} name={`title_${language.code}`} label={t('form.title_in', { language: language.name })} values={values} errors={errors} lang={language.code} />
          ))}
        </div>
      </details>
      <FormGroup error={Boolean(errors.ctas)}>
        <fieldset className="govuk-fieldset" aria-describedby={describedBy('ctas-hint', errors.ctas && 'ctas-error')}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('form.ctas')}</legend>
          <Hint id="ctas-hint">{t('form.ctas_hint')}</Hint>
          {errors.ctas ? <ErrorMessage id="ctas-error">{t(errors.ctas)}</ErrorMessage> : null}
          <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes" id="ctas">
            {ctas.map((cta) => (
              <div className="govuk-checkboxes__item" key={cta.code}>
                <input className="govuk-checkboxes__input" id={`ctas-${cta.code}`} name="ctas" type="checkbox" value={cta.code} defaultChecked={list('ctas').includes(cta.code)} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`ctas-${cta.code}`}>
                  <span className="hys-ltr">{cta.code}</span>: {cta.title[locale] ?? cta.title.en}
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </FormGroup>
      {!kindFixed || kindFixed === 'ask_mayor' ? (
        <>
          <h2 className="govuk-heading-m">{t('form.ask_mayor_heading')}</h2>
          <DateTimeField prefix="questionsOpen" legend={t('form.questions_open')} hint={t('form.questions_hint')} values={values} errors={errors} />
          <DateTimeField prefix="questionsClose" legend={t('form.questions_close')} hint={t('form.date_hint')} values={values} errors={errors} />
        </>
      ) : null}
      {!kindFixed || kindFixed === 'congress' ? (
        <>
          <h2 className="govuk-heading-m">{t('form.congress_heading')}</h2>
          <TextField name="theme" label={t('form.theme')} hint={t('form.theme_hint')} values={values} errors={errors} />
          {OTHER_LANGUAGES.map((language) => (
            <TextField key={language.code} name={`theme_${language.code}`} label={t('form.theme_in', { language: language.name })} values={values} errors={errors} lang={language.code} />
          ))}
        </>
      ) : null}
    </>
  )
}

/** The summary at the top of an error page: links to each field. */
export function errorLinks(errors: FormErrors, t: (key: string) => string) {
  const anchor: Record<string, string> = { kind: 'kind-first', startsDay: 'startsDay', questionsOpenDay: 'questionsOpenDay', questionsCloseDay: 'questionsCloseDay', ctas: 'ctas' }
  return Object.entries(errors).map(([field, key]) => ({ href: `#${anchor[field] ?? field}`, text: t(key) }))
}

/**
 * The fields of a poll item (adding and editing). `lockedType`: the item has
 * been opened or has votes, so its type is shown and sent as it is, not chosen.
 */
export function ItemFormFields({ locales, values, errors, lockedType }: { locales: string[]; values: FormValues; errors: FormErrors; lockedType?: ItemType }) {
  const { t } = useTranslation('events')
  return (
    <>
      {lockedType ? (
        <p className="govuk-body" id="type-first">
          <input type="hidden" name="type" value={lockedType} />
          {t('item_form.type')}: <strong>{t(`types.${lockedType}`)}</strong>
        </p>
      ) : (
        <FormGroup error={Boolean(errors.type)}>
          <fieldset className="govuk-fieldset" aria-describedby={errors.type ? 'type-error' : undefined}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('item_form.type')}</legend>
            {errors.type ? <ErrorMessage id="type-error">{t(errors.type)}</ErrorMessage> : null}
            <div className="govuk-radios" data-module="govuk-radios">
              {ITEM_TYPES.map((type, index) => (
                <div className="govuk-radios__item" key={type}>
                  <input
                    className="govuk-radios__input"
                    id={index ? `type-${type}` : 'type-first'}
                    name="type"
                    type="radio"
                    value={type}
                    defaultChecked={values.type === type}
                    aria-describedby={`type-${type}-hint`}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={index ? `type-${type}` : 'type-first'}>
                    {t(`types.${type}`)}
                  </label>
                  <div id={`type-${type}-hint`} className="govuk-hint govuk-radios__hint">
                    {t(`types_hint.${type}`)}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </FormGroup>
      )}
      {locales.map((l) => (
        <TextField
          key={`title_${l}`}
          name={`title_${l}`}
          label={t('item_form.question_in', { language: languageOf(l).name })}
          hint={l === 'en' ? undefined : t('item_form.optional_translation')}
          values={values}
          errors={errors}
          lang={l}
        />
      ))}
      {lockedType && !['single', 'multiple', 'ranking'].includes(lockedType) ? null : (
        <>
          <h2 className="govuk-heading-m">{t('item_form.options_heading')}</h2>
          <p className="govuk-body">{lockedType ? t('item_form.options_locked') : t('item_form.options_intro', { max: MAX_OPTIONS })}</p>
          {locales.map((l) => (
            <TextField
              key={`options_${l}`}
              name={`options_${l}`}
              label={t('item_form.options_in', { language: languageOf(l).name })}
              hint={t('item_form.options_hint')}
              values={values}
              errors={errors}
              textarea
              rows={6}
              lang={l}
            />
          ))}
        </>
      )}
    </>
  )
}
