import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import findingsStyles from '~/styles/findings.scss?url'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadAnalysisContext } from '~/features/analysis/analysis-context.server.ts'
import { frameData } from '~/features/analysis/dashboard-page.server.ts'
import { AnalysisFrame } from '~/features/analysis/components/frame.tsx'
import { ReportDocument } from '~/features/findings/report-document.tsx'
import { buildReportData } from '~/features/findings/report.server.ts'
import { i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: analysisStyles },
  { rel: 'stylesheet', href: findingsStyles },
]

// The findings report, ready to print (print styles hide the site around it)
// or to download as a PDF. Suppressed for everyone: it is written to leave
// the system (committee papers, Cabinet).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadAnalysisContext(request, params.id, { exporting: true })
  const t = await i18n.getFixedT(context.locale, 'findings')
  const url = new URL(request.url)
  return {
    pageTitle: t('report.title', { title: context.consultation.title }),
    frame: frameData(context, {}),
    report: await buildReportData(context),
    pdfProblem: url.searchParams.get('pdf'),
  }
}

export default function FindingsReportRoute() {
  const { frame, report, pdfProblem } = useLoaderData<typeof loader>()
  const { t } = useTranslation('findings')
  return (
    <AnalysisFrame data={frame} page="report" heading={t('report.heading')}>
      <div className="hys-report-actions">
        {pdfProblem ? (
          <div className="govuk-error-summary" role="alert" tabIndex={-1}>
            <h2 className="govuk-error-summary__title">{t('report.pdf_problem_title')}</h2>
            <div className="govuk-error-summary__body">
              <p className="govuk-body">{t(`report.pdf_problem.${pdfProblem === 'busy' ? 'busy' : pdfProblem === 'unavailable' ? 'unavailable' : 'failed'}`)}</p>
            </div>
          </div>
        ) : null}
        <p className="govuk-body">{t('report.actions_intro')}</p>
        <p className="govuk-body">
          <a className="govuk-link" href={`/admin/consultations/${frame.id}/analysis/report.pdf`} download data-testid="report-pdf">
            {t('report.download_pdf')}
          </a>
        </p>
      </div>
      <ReportDocument data={report} />
    </AnalysisFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
