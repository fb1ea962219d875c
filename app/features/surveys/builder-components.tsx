import { useTranslation } from 'react-i18next'
import { ErrorSummary } from '~/components/govuk.tsx'
import type { BuilderError } from './builder.ts'

// Pieces shared by the survey builder pages.

/** Every builder error, translated, in a GOV.UK error summary. */
export function BuilderErrorSummary({ errors }: { errors: BuilderError[] | undefined }) {
  const { t } = useTranslation('builder')
  return <ErrorSummary errors={(errors ?? []).map((e) => ({ href: `#${e.field}`, text: t(e.key, e.values) }))} />
}

export function errorFor(errors: BuilderError[] | undefined, field: string) {
  return errors?.find((e) => e.field === field)
}

/** What an officer is told about a survey version residents have answered. */
export type VersionNoticeFigures = {
  version: number
  next: number
  /** responses sent */
  responses: number
  /** drafts: residents part-way through */
  inProgress: number
}

/** Told before saving: a change to an answered survey makes a new version. */
export function VersionNotice({ notice }: { notice: VersionNoticeFigures | null }) {
  const { t } = useTranslation('builder')
  if (!notice) return null
  return (
    <div className="govuk-warning-text" data-testid="version-notice">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">{t('warning')}</span>
        {t('version_notice', notice)}
        {notice.inProgress > 0 ? ` ${t('version_notice_in_progress', { count: notice.inProgress, version: notice.version })}` : null}
      </strong>
    </div>
  )
}

export const QUESTION_TYPE_LABEL = (type: string) => `types.${type}` as const
