import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireUser } from '~/features/auth/auth.server.ts'
import { listConsultationsWithCounts } from '~/features/consultations/staff-consultations.server.ts'
import { formatNumber, languageOf } from '~/features/i18n/config.ts'
import { getDb } from '~/utils/db.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, ['admin', 'officer', 'analyst'])
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'auth')
  const consultations = await listConsultationsWithCounts(await getDb(), locale)
  return {
    pageTitle: t('admin.consultations'),
    locale,
    canExport: user.role === 'admin' || user.role === 'analyst',
    canManage: user.role === 'admin' || user.role === 'officer',
    consultations,
  }
}

export default function StaffConsultationsRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('auth')
  const { t: tAnalysis } = useTranslation('analysis')
  const n = (value: number) => formatNumber(value, data.locale)
  return (
    <>
      <BackLink href="/admin" />
      <h1 className="govuk-heading-l">{t('admin.consultations')}</h1>
      <p className="govuk-body">{t('admin.consultations_intro')}</p>
      {data.canManage ? (
        <a href="/admin/consultations/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
          {t('consultation.new')}
        </a>
      ) : null}
      {data.consultations.map((c) => (
        <section key={c.id} className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-m">{c.title}</h2>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">{t('admin.status')}</dt>
              <dd className="govuk-summary-list__value">{t(`consultation.statuses.${c.status}`)}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">{t('admin.responses')}</dt>
              <dd className="govuk-summary-list__value">{n(c.total)}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">{t('admin.by_method')}</dt>
              <dd className="govuk-summary-list__value">
                <ul className="govuk-list">
                  {c.byChannel.map(([channel, count]) => (
                    <li key={channel}>
                      {tAnalysis(`channels.${channel}`)}: {n(count)}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">{t('admin.by_language')}</dt>
              <dd className="govuk-summary-list__value">
                <ul className="govuk-list">
                  {c.byLocale.map(([locale, count]) => (
                    <li key={locale}>
                      {/* bdi: an Urdu name must not reorder the count after it */}
                      <bdi lang={locale}>{languageOf(locale).name}</bdi>: {n(count)}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          </dl>
          {data.canManage ? (
            <p className="govuk-body">
              <a className="govuk-link" href={`/admin/consultations/${c.id}`}>
                {t('consultation.manage')}
                <span className="govuk-visually-hidden"> {c.title}</span>
              </a>
            </p>
          ) : null}
          {data.canExport ? (
            <p className="govuk-body">
              <a className="govuk-link" href={`/admin/consultations/${c.id}/analysis`}>
                {tAnalysis('link')}
                <span className="govuk-visually-hidden"> {c.title}</span>
              </a>
            </p>
          ) : null}
          {data.canExport && c.total > 0 ? (
            <a className="govuk-link" href={`/admin/consultations/${c.id}/responses.csv`} download>
              {t('admin.export_csv')}
            </a>
          ) : null}
        </section>
      ))}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
