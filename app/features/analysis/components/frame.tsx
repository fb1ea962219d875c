import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { BackLink } from '~/components/govuk.tsx'

// What every analysis page has: the way back, the title, the three pages,
// and the warnings that must never be missed (small numbers shown, synthetic data).

export interface FrameData {
  id: string
  title: string
  isSynthetic: boolean
  suppress: boolean
  threshold: number
  /** the query string of the current filters, kept when moving between pages */
  query: string
}

export type AnalysisPage = 'dashboard' | 'profile' | 'weighting' | 'themes' | 'calls-to-action' | 'report'

export function AnalysisFrame({ data, page, heading, children }: { data: FrameData; page: AnalysisPage; heading: string; children: ReactNode }) {
  const { t } = useTranslation('analysis')
  const base = `/admin/consultations/${data.id}/analysis`
  const pages: { page: AnalysisPage; href: string; label: string }[] = [
    { page: 'dashboard', href: `${base}${data.query}`, label: t('nav.dashboard') },
    { page: 'profile', href: `${base}/profile${data.query}`, label: t('nav.profile') },
    { page: 'weighting', href: `${base}/weighting`, label: t('nav.weighting') },
    { page: 'themes', href: `${base}/themes`, label: t('coding:nav.themes') },
    { page: 'calls-to-action', href: `${base}/calls-to-action`, label: t('findings:nav.calls_to_action') },
    { page: 'report', href: `${base}/report`, label: t('findings:nav.report') },
  ]
  return (
    <>
      <BackLink href="/admin/consultations" />
      <span className="govuk-caption-l">{data.title}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <nav aria-label={t('nav.label')} className="hys-analysis-nav">
        <ul className="govuk-list hys-inline-list">
          {pages.map((p) => (
            <li key={p.page}>
              {p.page === page ? (
                <a className="govuk-link hys-analysis-nav__current" href={p.href} aria-current="page">
                  {p.label}
                </a>
              ) : (
                <a className="govuk-link" href={p.href}>
                  {p.label}
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {!data.suppress ? (
        <div className="govuk-warning-text" data-testid="unsuppressed-warning">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">{t('warning')}</span>
            {t('unsuppressed.warning', { threshold: data.threshold })}
          </strong>
        </div>
      ) : null}
      {data.isSynthetic ? <p className="govuk-inset-text">{t('synthetic')}</p> : null}
      {children}
    </>
  )
}
