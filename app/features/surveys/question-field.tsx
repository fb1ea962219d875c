import { useTranslation } from 'react-i18next'
import { Checkboxes, ErrorMessage, FormGroup, Hint, Radios, describedBy } from '~/components/govuk.tsx'
import { SCALE_CODES, localise, type Question } from './definition.ts'
import { DATE_PARTS, dateFieldId, fieldName, firstInputId } from './validate-answer.ts'
import { formatIsoDate } from './format-answer.ts'
import { formatNumber, languageOf } from '../i18n/config.ts'

export interface QuestionFieldProps {
  question: Question
  /** Locale the survey content is shown in (the resident's, or English as fallback). */
  contentLocale: string
  /** Values to show: the posted values after an error, or the saved answer (see answerToFormValues). */
  values: string[]
  /** highlight: the date inputs with the problem (all of them when absent) */
  error?: { field: string; text: string; highlight?: string[] }
  wards: { code: string; name: string }[]
}

/** One question, rendered as the page's heading, following GOV.UK patterns. */
export function QuestionField({ question, contentLocale, values, error, wards }: QuestionFieldProps) {
  const { t, i18n } = useTranslation('survey')
  const contentDir = languageOf(contentLocale).dir
  // The question is survey content (maybe English on an Urdu page); "(optional)" is in the UI language.
  const title = (
    <>
      <span lang={contentLocale} dir={contentDir}>
        {localise(question.title, contentLocale)}
      </span>
      {question.required ? null : ` ${t('optional')}`}
    </>
  )
  const hint = question.hint ? localise(question.hint, contentLocale) : ''
  const hintId = hint ? 'answer-hint' : undefined
  const errorId = error ? 'answer-error' : undefined
  const contentLang = contentLocale
  const hintBlock = hint ? (
    <Hint id="answer-hint">
      <span lang={contentLang} dir={contentDir}>{hint}</span>
    </Hint>
  ) : null
  const errorBlock = error ? <ErrorMessage id="answer-error">{error.text}</ErrorMessage> : null

  const fieldsetLegend = (
    <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
      <h1 className="govuk-fieldset__heading">
        {title}
      </h1>
    </legend>
  )

  switch (question.type) {
    case 'single':
    case 'scale': {
      const items =
        question.type === 'single'
          ? question.options.map((o) => ({ value: o.code, label: <span lang={contentLang} dir={contentDir}>{localise(o.label, contentLocale)}</span> }))
          : SCALE_CODES.map((code) => ({ value: code, label: t(`scale.${code}`) }))
      return (
        <FormGroup error={Boolean(error)}>
          <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
            {fieldsetLegend}
            {hintBlock}
            {errorBlock}
            <Radios name="answer" idPrefix="answer" items={items} checked={values[0]} />
          </fieldset>
        </FormGroup>
      )
    }
    case 'multiple': {
      const items = question.options.map((o) => ({
        value: o.code,
        exclusive: o.exclusive,
        label: <span lang={contentLang} dir={contentDir}>{localise(o.label, contentLocale)}</span>,
      }))
      return (
        <FormGroup error={Boolean(error)}>
          <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
            {fieldsetLegend}
            {hintBlock}
            {errorBlock}
            <Checkboxes name="answer" idPrefix="answer" items={items} checked={values} orText={t('or')} />
          </fieldset>
        </FormGroup>
      )
    }
    case 'text': {
      const limitId = 'answer-limit'
      return (
        <FormGroup error={Boolean(error)}>
          <div
            className="govuk-character-count"
            data-module="govuk-character-count"
            data-maxlength={question.maxLength}
            data-messages={JSON.stringify({
              remainingOne: countTemplate(t, 'text.remaining', 1, i18n.language),
              remainingOther: countTemplate(t, 'text.remaining', 99, i18n.language),
              overOne: countTemplate(t, 'text.over', 1, i18n.language),
              overOther: countTemplate(t, 'text.over', 99, i18n.language),
            })}
          >
            <h1 className="govuk-label-wrapper">
              <label className="govuk-label govuk-label--l" htmlFor="answer">
                {title}
              </label>
            </h1>
            {hintBlock}
            {errorBlock}
            <textarea
              className={`govuk-textarea govuk-js-character-count${error ? ' govuk-textarea--error' : ''}`}
              id="answer"
              name="answer"
              rows={6}
              defaultValue={values[0] ?? ''}
              aria-describedby={describedBy(hintId, limitId, errorId)}
            />
            <div id={limitId} className="govuk-hint govuk-character-count__message" aria-live="polite">
              {t('text.limit', { max: question.maxLength })}
            </div>
          </div>
        </FormGroup>
      )
    }
    case 'number': {
      const rangeId = 'answer-range'
      return (
        <FormGroup error={Boolean(error)}>
          <h1 className="govuk-label-wrapper">
            <label className="govuk-label govuk-label--l" htmlFor="answer">
              {title}
            </label>
          </h1>
          {hintBlock}
          <div id={rangeId} className="govuk-hint">
            {t('number.range_hint', { min: question.min, max: question.max })}
          </div>
          {errorBlock}
          <input
            className={`govuk-input govuk-input--width-4${error ? ' govuk-input--error' : ''}`}
            id="answer"
            name="answer"
            type="text"
            inputMode="numeric"
            spellCheck={false}
            autoComplete="off"
            defaultValue={values[0] ?? ''}
            aria-describedby={describedBy(hintId, rangeId, errorId)}
          />
        </FormGroup>
      )
    }
    case 'ward': {
      return (
        <FormGroup error={Boolean(error)}>
          <h1 className="govuk-label-wrapper">
            <label className="govuk-label govuk-label--l" htmlFor="answer">
              {title}
            </label>
          </h1>
          {hintBlock}
          <div id="answer-ward-hint" className="govuk-hint">
            {t('ward.find_hint')}
          </div>
          {errorBlock}
          <select
            className={`govuk-select${error ? ' govuk-select--error' : ''}`}
            id="answer"
            name="answer"
            defaultValue={values[0] ?? ''}
            aria-describedby={describedBy(hintId, 'answer-ward-hint', errorId)}
          >
            <option value="">{t('ward.choose')}</option>
            {wards.map((ward) => (
              <option key={ward.code} value={ward.code} lang="en">
                {ward.name}
              </option>
            ))}
          </select>
        </FormGroup>
      )
    }
    case 'grid': {
      // A fieldset per statement, the statement as its legend; small stacked
      // radios read well on a 360px phone, where a table of radios does not.
      const scale = SCALE_CODES.map((code) => ({ value: code, label: t(`scale.${code}`) }))
      return (
        <FormGroup error={Boolean(error)}>
          <fieldset className="govuk-fieldset" aria-describedby={describedBy(hintId, errorId)}>
            {fieldsetLegend}
            {hintBlock}
            {errorBlock}
            {question.statements.map((statement, i) => {
              const name = fieldName(question, i + 1)
              return (
                <div className="govuk-form-group hys-grid-statement" key={statement.code}>
                  <fieldset className="govuk-fieldset" aria-describedby={error?.field === `${name}-1` ? errorId : undefined}>
                    <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                      <span lang={contentLang} dir={contentDir}>
                        {localise(statement.label, contentLocale)}
                      </span>
                    </legend>
                    <Radios name={name} idPrefix={name} items={scale} checked={values[i]} small />
                  </fieldset>
                </div>
              )
            })}
          </fieldset>
        </FormGroup>
      )
    }
    case 'date': {
      const locale = i18n.language
      const example = exampleDate(question.earliest, question.latest)
      const [exYear, exMonth, exDay] = example.split('-').map(Number)
      const range =
        question.earliest && question.latest
          ? t('date.range_between', { earliest: formatIsoDate(question.earliest, locale), latest: formatIsoDate(question.latest, locale) })
          : question.earliest
            ? t('date.range_from', { earliest: formatIsoDate(question.earliest, locale) })
            : question.latest
              ? t('date.range_to', { latest: formatIsoDate(question.latest, locale) })
              : ''
      const dateHintId = 'answer-date-hint'
      return (
        <FormGroup error={Boolean(error)}>
          <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy(hintId, dateHintId, errorId)}>
            {fieldsetLegend}
            {hintBlock}
            <div id={dateHintId} className="govuk-hint">
              {t('date.example', { day: exDay!, month: exMonth!, year: formatYear(exYear!, locale) })}
              {/* The allowed range on a line of its own, so the example's digits do not run into the range's date. */}
              {range ? (
                <>
                  <br />
                  {range}
                </>
              ) : null}
            </div>
            {errorBlock}
            <DateInputs values={values} error={error} label={(part) => t(`date.${part}`)} />
          </fieldset>
        </FormGroup>
      )
    }
    case 'ranking': {
      return (
        <FormGroup error={Boolean(error)}>
          <fieldset className="govuk-fieldset hys-ranking" aria-describedby={describedBy(hintId, 'ranking-instructions', errorId)}>
            {fieldsetLegend}
            {hintBlock}
            <div id="ranking-instructions" className="govuk-hint">
              {t('ranking.instructions')}
            </div>
            {errorBlock}
            {Array.from({ length: question.maxRank }, (_, i) => {
              const id = `rank-${i + 1}`
              const placeError = error?.field === id
              return (
                <div className={`govuk-form-group${placeError ? ' govuk-form-group--error' : ''}`} key={id}>
                  <label className="govuk-label govuk-label--s" htmlFor={id}>
                    {t(`ranking.place_${i + 1}`)}
                  </label>
                  <select className={`govuk-select${placeError ? ' govuk-select--error' : ''}`} id={id} name={id} defaultValue={values[i] ?? ''}>
                    <option value="">{t('ranking.not_chosen')}</option>
                    {question.options.map((o) => (
                      <option key={o.code} value={o.code} lang={contentLang} dir={contentDir}>
                        {localise(o.label, contentLocale)}
                      </option>
                    ))}
                  </select>
                </div>
              )
            })}
          </fieldset>
        </FormGroup>
      )
    }
  }
}

/** A year in the reader's digits, without a thousands separator ("2024", not "2,024"). */
function formatYear(year: number, locale: string) {
  return new Intl.NumberFormat(languageOf(locale).intl, { useGrouping: false }).format(year)
}

/** The date the "For example" hint shows: a fixed one, moved into the question's range when outside it. */
function exampleDate(earliest: string | undefined, latest: string | undefined): string {
  const example = '2024-03-27'
  if (earliest && example < earliest) return earliest
  if (latest && example > latest) return latest
  return example
}

/** The id the error summary should link to for this question's error. */
export function errorHref(question: Question, field?: string) {
  return `#${field ?? firstInputId(question)}`
}

/** A plural message with {{count}} left in, for the character count script to fill in. */
function countTemplate(t: (key: string, options: { count: number }) => string, key: string, count: number, locale: string) {
  return t(key, { count }).replace(formatNumber(count, locale), '{{count}}')
}

/**
 * The three GOV.UK date inputs (day, month, year). idPrefix keeps ids unique
 * when several questions share a page (assisted entry).
 */
export function DateInputs({
  idPrefix = '',
  values,
  error,
  label,
  marked = false,
}: {
  idPrefix?: string
  values: string[]
  error?: { highlight?: string[] } | null
  label: (part: (typeof DATE_PARTS)[number]) => string
  /** data-fields: the assisted entry script finds a question's inputs by it */
  marked?: boolean
}) {
  return (
    <div className="govuk-date-input" id={`${idPrefix}answer`} data-fields={marked ? '' : undefined}>
      {DATE_PARTS.map((part, i) => {
        const id = `${idPrefix}${dateFieldId(part)}`
        const invalid = error ? !error.highlight || error.highlight.includes(id) : false
        return (
          <div className="govuk-date-input__item" key={part}>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-date-input__label" htmlFor={id}>
                {label(part)}
              </label>
              <input
                className={`govuk-input govuk-date-input__input govuk-input--width-${part === 'year' ? 4 : 2}${invalid ? ' govuk-input--error' : ''}`}
                id={id}
                name={id}
                type="text"
                inputMode="numeric"
                spellCheck={false}
                autoComplete="off"
                defaultValue={values[i] ?? ''}
              />
            </div>
          </div>
        )
      })}
    </div>
  )
}
