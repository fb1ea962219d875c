import { useTranslation } from 'react-i18next'
import { ErrorMessage, ErrorSummary, FormGroup, describedBy } from '~/components/govuk.tsx'
import { CTA_CODES } from '../forms.ts'

// Adding or editing a codebook theme: name, definition, include and exclude
// notes, and the call to action it bears on.

export interface ThemeFormDefaults {
  name: string
  definition: string
  includeNotes: string
  excludeNotes: string
  cta: string
}

export function ThemeForm({ defaults, errors, submitLabel, ctas }: { defaults: ThemeFormDefaults; errors: Record<string, string>; submitLabel: string; ctas: Array<{ code: string; title: string }> }) {
  const { t } = useTranslation('coding')
  const field = (name: 'definition' | 'includeNotes' | 'excludeNotes') => (
    <FormGroup error={Boolean(errors[name])}>
      <label className="govuk-label govuk-label--s" htmlFor={name}>
        {t(`theme.${name}`)}
      </label>
      <div id={`${name}-hint`} className="govuk-hint">
        {t(`theme.${name}_hint`)}
      </div>
      {errors[name] ? <ErrorMessage id={`${name}-error`}>{t(errors[name])}</ErrorMessage> : null}
      <textarea
        className={`govuk-textarea${errors[name] ? ' govuk-textarea--error' : ''}`}
        id={name}
        name={name}
        rows={3}
        defaultValue={defaults[name]}
        aria-describedby={describedBy(`${name}-hint`, errors[name] && `${name}-error`)}
      />
    </FormGroup>
  )
  return (
    <>
      <ErrorSummary errors={Object.entries(errors).map(([name, key]) => ({ href: `#${name}`, text: t(key) }))} />
      <form method="post" noValidate>
        <FormGroup error={Boolean(errors.name)}>
          <label className="govuk-label govuk-label--s" htmlFor="name">
            {t('theme.name')}
          </label>
          {errors.name ? <ErrorMessage id="name-error">{t(errors.name)}</ErrorMessage> : null}
          <input
            className={`govuk-input${errors.name ? ' govuk-input--error' : ''}`}
            id="name"
            name="name"
            type="text"
            defaultValue={defaults.name}
            aria-describedby={errors.name ? 'name-error' : undefined}
          />
        </FormGroup>
        {field('definition')}
        {field('includeNotes')}
        {field('excludeNotes')}
        <FormGroup error={Boolean(errors.cta)}>
          <label className="govuk-label govuk-label--s" htmlFor="cta">
            {t('theme.cta')}
          </label>
          {errors.cta ? <ErrorMessage id="cta-error">{t(errors.cta)}</ErrorMessage> : null}
          <select className="govuk-select" id="cta" name="cta" defaultValue={defaults.cta} aria-describedby={errors.cta ? 'cta-error' : undefined}>
            <option value="">{t('theme.no_cta')}</option>
            {CTA_CODES.map((code) => (
              <option key={code} value={code}>
                {code}: {ctas.find((c) => c.code === code)?.title ?? code}
              </option>
            ))}
          </select>
        </FormGroup>
        <button type="submit" name="intent" value="save" className="govuk-button">
          {submitLabel}
        </button>
      </form>
    </>
  )
}
