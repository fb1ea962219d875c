import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { contentFor } from '~/features/consultations/consultations.server.ts'
import { consultationPath, loadResidentContext } from '~/features/responses/resident-flow.server.ts'
import { i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await loadResidentContext(request, params.slug, { requireOpen: false })
  const t = await i18n.getFixedT(ctx.locale, 'common')
  const { content } = contentFor(ctx.consultation, ctx.locale)
  return {
    pageTitle: t('privacy.title', { title: content.title }),
    title: content.title,
    days: ctx.ttlDays,
    retention: ctx.consultation.retentionDays,
    backHref: consultationPath(ctx.consultation.slug),
  }
}

const SECTIONS = ['who', 'what', 'why', 'separate', 'retention', 'rights'] as const

export default function PrivacyRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('common')
  return (
    <>
      <BackLink href={data.backHref} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{t('privacy.title', { title: data.title })}</h1>
          {SECTIONS.map((section) => (
            <section key={section}>
              <h2 className="govuk-heading-m">{t(`privacy.${section}_heading`)}</h2>
              <p className="govuk-body">{t(`privacy.${section}_body`, { days: data.days, retention: data.retention })}</p>
            </section>
          ))}
        </div>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
