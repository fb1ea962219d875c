import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadAnalysisContext } from '~/features/analysis/analysis-context.server.ts'
import { frameData } from '~/features/analysis/dashboard-page.server.ts'
import { AnalysisFrame } from '~/features/analysis/components/frame.tsx'
import { i18n } from '~/utils/i18next.server.ts'

// Where a download goes when there is nothing in it: a consultation nobody
// has answered gets this message, never an empty or broken file.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadAnalysisContext(request, params.id, { exporting: true })
  const t = await i18n.getFixedT(context.locale, 'findings')
  return { pageTitle: t('exports.nothing_title'), frame: frameData(context, {}), responses: context.dataset?.n ?? 0 }
}

export default function NothingToExportRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('findings')
  return (
    <AnalysisFrame data={data.frame} page="dashboard" heading={t('exports.nothing_title')}>
      <p className="govuk-body" data-testid="nothing-to-export">
        {data.responses === 0 ? t('exports.nothing') : t('exports.now_there_are')}
      </p>
      <p className="govuk-body">
        <a className="govuk-link" href={`/admin/consultations/${data.frame.id}/analysis`}>
          {t('exports.back')}
        </a>
      </p>
    </AnalysisFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
