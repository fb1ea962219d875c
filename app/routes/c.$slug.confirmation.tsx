import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { formatDate } from '~/features/i18n/config.ts'
import { consultationPath, loadResidentContext } from '~/features/responses/resident-flow.server.ts'
import { i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await loadResidentContext(request, params.slug, { requireOpen: false })
  if (ctx.response?.status !== 'submitted' || !ctx.response.reference) throw redirect(consultationPath(ctx.consultation.slug))
  const t = await i18n.getFixedT(ctx.locale, 'survey')
  return {
    pageTitle: t('confirmation.title'),
    reference: ctx.response.reference,
    closes: formatDate(ctx.consultation.closesAt, ctx.locale),
  }
}

export default function ConfirmationRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('survey')
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">{t('confirmation.title')}</h1>
          <div className="govuk-panel__body">
            {t('confirmation.reference')}
            <br />
            <strong className="hys-ltr" data-testid="reference">
              {data.reference}
            </strong>
          </div>
        </div>
        <p className="govuk-body">{t('confirmation.quote')}</p>
        <h2 className="govuk-heading-m">{t('confirmation.next_heading')}</h2>
        <p className="govuk-body">{t('confirmation.next_body', { date: data.closes })}</p>
        <p className="govuk-body">
          <a className="govuk-link" href="/">
            {t('confirmation.another')}
          </a>
        </p>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
