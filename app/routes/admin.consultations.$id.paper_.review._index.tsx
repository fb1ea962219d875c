import type { LoaderFunctionArgs, LinksFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { listForReview } from '~/features/assisted/assisted.server.ts'
import { formatDate, formatNumber } from '~/features/i18n/config.ts'
import { normaliseFormNumber } from '~/features/paper/form-numbers.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import styles from '~/features/assisted/assisted.css?url'

export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

// Paper forms whose first and second entries differ, waiting for a reviewer.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await loadConsultationForOfficer(request, params.id)
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'assisted')
  const forms = await listForReview(db, consultation.id)
  return {
    pageTitle: t('review.title'),
    id: consultation.id,
    title: consultation.content.en?.title ?? consultation.slug,
    resolved: normaliseFormNumber(new URL(request.url).searchParams.get('resolved') ?? ''),
    forms: forms.map((f) => ({ ...f, mismatches: formatNumber(f.mismatches, locale), verifiedAt: formatDate(f.verifiedAt, locale, { dateStyle: 'medium', timeStyle: 'short' }) })),
  }
}

export default function ReviewListRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('assisted')
  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}/paper/entry`} />
      {data.resolved ? <SuccessBanner title={t('review.resolved_title', { form: data.resolved })} /> : null}
      <span className="govuk-caption-l">{data.title}</span>
      <h1 className="govuk-heading-l">{t('review.title')}</h1>
      {data.forms.length === 0 ? (
        <p className="govuk-body">{t('review.none')}</p>
      ) : (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">{t('review.caption', { count: data.forms.length })}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                {t('paper.form_number')}
              </th>
              <th scope="col" className="govuk-table__header">
                {t('review.differences')}
              </th>
              <th scope="col" className="govuk-table__header">
                {t('review.entered_by')}
              </th>
              <th scope="col" className="govuk-table__header">
                {t('review.verified_by')}
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.forms.map((form) => (
              <tr className="govuk-table__row" key={form.formNumber}>
                <td className="govuk-table__cell">
                  <a className="govuk-link hys-ltr" href={`/admin/consultations/${data.id}/paper/review/${encodeURIComponent(form.formNumber)}`}>
                    {form.formNumber}
                  </a>
                </td>
                <td className="govuk-table__cell">{form.mismatches}</td>
                <td className="govuk-table__cell">{form.enteredByName ?? '–'}</td>
                <td className="govuk-table__cell">
                  {form.verifiedByName ?? '–'}, {form.verifiedAt}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
