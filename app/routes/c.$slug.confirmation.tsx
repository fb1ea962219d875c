import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ConfirmationPanel } from '~/components/govuk.tsx'
import { formatDate } from '~/features/i18n/config.ts'
import { consultationPath, loadResidentContext } from '~/features/responses/resident-flow.server.ts'
import { i18n } from '~/utils/i18next.server.ts'
import { readDeletionCode } from '~/utils/session.server.ts'

export const handle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await loadResidentContext(request, params.slug, { requireOpen: false })
  if (ctx.response?.status !== 'submitted' || !ctx.response.reference) throw redirect(consultationPath(ctx.consultation.slug))
  const t = await i18n.getFixedT(ctx.locale, 'survey')
  const value = await readDeletionCode(request)
  const reference = ctx.response.reference
  return Response.json(
    {
      pageTitle: t('confirmation.title'),
      reference,
      // Shown while the resident stays on this page (a reload, another language); gone once they move on.
      deletionCode: value?.reference === reference ? value.code : null,
      closes: formatDate(ctx.consultation.closesAt, ctx.locale),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

export default function ConfirmationRoute() {
  const data = useLoaderData<{ reference: string; deletionCode: string | null; closes: string }>()
  const { t } = useTranslation('survey')
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ConfirmationPanel title={t('confirmation.title')} label={t('confirmation.reference')} value={data.reference} testId="reference" />
        <p className="govuk-body">{t('confirmation.quote')}</p>
        <h2 className="govuk-heading-m">{t('confirmation.next_heading')}</h2>
        <p className="govuk-body">{t('confirmation.next_body', { date: data.closes })}</p>
        <h2 className="govuk-heading-m">{t('confirmation.deletion_heading')}</h2>
        {data.deletionCode ? (
          <>
            <p className="govuk-body">{t('confirmation.deletion_body')}</p>
            <p className="govuk-body">
              <strong className="hys-resume-code" data-testid="deletion-code">
                {data.deletionCode}
              </strong>
            </p>
            <p className="govuk-body">{t('confirmation.deletion_once')}</p>
          </>
        ) : null}
        <p className="govuk-body">
          <a className="govuk-link" href="/delete">
            {t('confirmation.deletion_link')}
          </a>
        </p>
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
