import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import findingsStyles from '~/styles/findings.scss?url'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadAnalysisContext } from '~/features/analysis/analysis-context.server.ts'
import { frameData } from '~/features/analysis/dashboard-page.server.ts'
import { AnalysisFrame } from '~/features/analysis/components/frame.tsx'
import { ConsultationCtaSummaryView } from '~/features/findings/components.tsx'
import { buildConsultationCtaSummary, listCallsToAction } from '~/features/findings/cta-summary.server.ts'
import { i18n } from '~/utils/i18next.server.ts'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: analysisStyles },
  { rel: 'stylesheet', href: findingsStyles },
]

// What this consultation says about each call to action: linked questions and
// their results, linked themes and how many residents raised them, quotes.
// Always suppressed (it is written to be copied into papers).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadAnalysisContext(request, params.id, { exporting: true })
  const consultation = await context.db.selectFrom('consultation').select('framework_id').where('id', '=', context.consultation.id).executeTakeFirstOrThrow()
  const ctas = await listCallsToAction(context.db, consultation.framework_id, context.locale)
  const { summary } = await buildConsultationCtaSummary(context, ctas)
  const t = await i18n.getFixedT(context.locale, 'findings')
  return {
    pageTitle: t('cta.title', { title: context.consultation.title }),
    frame: frameData(context, {}),
    frameworkId: consultation.framework_id,
    locale: context.locale,
    summary,
  }
}

export default function CallsToActionRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('findings')
  return (
    <AnalysisFrame data={data.frame} page="calls-to-action" heading={t('cta.heading_page')}>
      <p className="govuk-body">{t('cta.intro', { threshold: data.frame.threshold })}</p>
      <p className="govuk-body">
        <a className="govuk-link" href={`/admin/frameworks/${data.frameworkId}/calls-to-action`}>
          {t('cta.framework_link')}
        </a>
      </p>
      <ConsultationCtaSummaryView summary={data.summary} locale={data.locale} />
    </AnalysisFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
