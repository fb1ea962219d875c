import { useTranslation } from 'react-i18next'
import type { AnswerLine, DroppedLine, FirstEntry } from './entry-page.server.ts'
import type { VerificationStatus } from './responses-list.ts'

// Pieces the assisted-entry, paper and responses pages share.

/** Answers skip logic dropped: "Question 5 (…): not asked, because it is only asked if…". */
export function DroppedList({ lines }: { lines: DroppedLine[] }) {
  const { t } = useTranslation('assisted')
  if (!lines.length) return null
  return (
    <div className="govuk-inset-text" data-testid="dropped">
      <h2 className="govuk-heading-s">{t('saved.dropped_title')}</h2>
      <ul className="govuk-list govuk-list--bullet">
        {lines.map((line) => (
          <li key={line.number}>{t('saved.dropped_item', { n: line.number, title: line.title, rule: line.rule })}</li>
        ))}
      </ul>
    </div>
  )
}

/** A response's answers as a summary list, numbered as on the form. */
export function AnswerList({ answers }: { answers: AnswerLine[] }) {
  const { t } = useTranslation('assisted')
  if (!answers.length) return <p className="govuk-body">{t('detail.no_answers')}</p>
  return (
    <dl className="govuk-summary-list">
      {answers.map((answer) => (
        <div className="govuk-summary-list__row" key={answer.number}>
          <dt className="govuk-summary-list__key">
            {answer.number}. {answer.title}
          </dt>
          <dd className="govuk-summary-list__value">
            {answer.lines.length > 1 ? (
              <ul className="govuk-list">
                {answer.lines.map((line, i) => (
                  <li key={i} className="hys-pre-wrap">
                    {line}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="hys-pre-wrap">{answer.lines[0]}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  )
}

/** Why a paper form cannot be entered again: who entered it, when, with what answers. */
export function FirstEntryView({ id, formNumber, entry }: { id: string; formNumber: string; entry: FirstEntry }) {
  const { t } = useTranslation('assisted')
  return (
    <div data-testid="already-entered">
      <div className="govuk-error-summary" data-module="govuk-error-summary" tabIndex={-1} autoFocus>
        <div role="alert">
          <h2 className="govuk-error-summary__title">{t('paper.already_entered_title', { form: formNumber })}</h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">
              {entry.responseId
                ? t('paper.already_entered_by', { name: entry.enteredByName ?? t('detail.unknown_person'), when: entry.enteredAt })
                : t('paper.already_entered_deleted', { when: entry.enteredAt })}
            </p>
            {entry.responseId ? (
              <ul className="govuk-list govuk-error-summary__list">
                <li>
                  <a href={`/admin/consultations/${id}/responses/${entry.responseId}`}>{t('paper.view_first_entry', { reference: entry.reference ?? '' })}</a>
                </li>
              </ul>
            ) : null}
          </div>
        </div>
      </div>
      {entry.responseId ? (
        <>
          <h2 className="govuk-heading-m">{t('paper.first_answers')}</h2>
          <AnswerList answers={entry.answers} />
        </>
      ) : null}
    </div>
  )
}

/** The form number box: typed, or filled by a barcode scanner (which types it and presses Enter). */
export function FormNumberField({ action, value, error, label, autoFocus = true }: { action: string; value: string; error?: string; label: string; autoFocus?: boolean }) {
  const { t } = useTranslation('assisted')
  return (
    <form method="get" action={action} noValidate>
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <h2 className="govuk-label-wrapper">
          <label className="govuk-label govuk-label--m" htmlFor="form">
            {label}
          </label>
        </h2>
        <div id="form-hint" className="govuk-hint">
          {t('paper.form_number_hint')}
        </div>
        {error ? (
          <p id="form-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">{t('entry.error_prefix')}</span> {error}
          </p>
        ) : null}
        <input
          className={`govuk-input govuk-input--width-10 hys-ltr${error ? ' govuk-input--error' : ''}`}
          id="form"
          name="form"
          type="text"
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="characters"
          defaultValue={value}
          aria-describedby={error ? 'form-hint form-error' : 'form-hint'}
          autoFocus={autoFocus}
        />
      </div>
      <button type="submit" className="govuk-button" data-module="govuk-button">
        {t('paper.find')}
      </button>
    </form>
  )
}

export function VerificationTag({ status }: { status: VerificationStatus }) {
  const { t } = useTranslation('assisted')
  if (status === 'not_paper') return <span className="govuk-visually-hidden">{t('verification.not_paper')}</span>
  const colour = { not_verified: 'grey', matched: 'green', mismatch: 'red', resolved: 'blue' }[status]
  return <strong className={`govuk-tag govuk-tag--${colour}`}>{t(`verification.${status}`)}</strong>
}
