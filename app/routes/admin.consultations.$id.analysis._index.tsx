import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { auditUnsuppressedView, loadAnalysisContext } from '~/features/analysis/analysis-context.server.ts'
import { buildDashboardData } from '~/features/analysis/dashboard-page.server.ts'
import { AnalysisFrame } from '~/features/analysis/components/frame.tsx'
import { FiltersForm, keptFilterParams } from '~/features/analysis/components/filters.tsx'
import { ChartSection, PointsTableView } from '~/features/analysis/components/tables.tsx'
import { CrossTabSection } from '~/features/analysis/components/crosstab.tsx'

// The results dashboard for analysts (and administrators): responses over
// time, by method, language and ward; every closed question as a chart with
// its data table and a summary; filters; a cross-tab. Every count is
// suppressed below the threshold unless an analyst has switched that off for
// internal working. The page works without JavaScript (the server draws the
// charts); with JavaScript, recharts draws them instead, so it hydrates.
export const handle = { hydrate: true }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: analysisStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadAnalysisContext(request, params.id)
  await auditUnsuppressedView(context, 'dashboard')
  const data = buildDashboardData(context, new URL(request.url).searchParams)
  return { pageTitle: context.t('dashboard.title', { title: context.consultation.title }), ...data }
}

export default function AnalysisDashboardRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('analysis')
  const keep = data.filterForm ? keptFilterParams(data.filterForm.selected, data.frame.suppress) : {}
  return (
    <AnalysisFrame data={data.frame} page="dashboard" heading={t('dashboard.heading')}>
      {data.state === 'no-survey' ? <p className="govuk-body">{t('dashboard.no_survey')}</p> : null}
      {data.filterForm ? <FiltersForm data={data.filterForm} /> : null}
      {data.state !== 'no-survey' ? (
        <div className="govuk-!-margin-bottom-6" data-testid="matching">
          <p className="govuk-body-l govuk-!-margin-bottom-2">
            {data.matching.kind === 'shown' ? t('dashboard.matching', { count: data.matching.count, all: data.allResponses }) : t('dashboard.matching_hidden', { threshold: data.frame.threshold })}
          </p>
          {data.activeFilters.length ? (
            <p className="govuk-body">
              {t('dashboard.filtered_by')}{' '}
              {data.activeFilters.map((f, i) => (
                <span key={f.name}>
                  {i ? '; ' : ''}
                  {f.name}: <strong>{f.value}</strong>
                </span>
              ))}
            </p>
          ) : null}
        </div>
      ) : null}
      {data.state === 'empty' ? (
        <p className="govuk-inset-text" data-testid="empty">
          {data.allResponses === 0 ? t('dashboard.no_responses') : t('dashboard.no_matches')}
        </p>
      ) : null}
      {data.state === 'too-few' ? (
        <div className="govuk-inset-text" data-testid="too-few">
          <p className="govuk-body">{t('dashboard.too_few', { threshold: data.frame.threshold })}</p>
        </div>
      ) : null}
      {data.state === 'ok' ? (
        <>
          <nav aria-labelledby="contents-heading" className="govuk-!-margin-bottom-6">
            <h2 className="govuk-heading-s" id="contents-heading">
              {t('dashboard.contents')}
            </h2>
            <ul className="govuk-list">
              <li>
                <a className="govuk-link" href="#overview">
                  {t('overview.title')}
                </a>
              </li>
              <li>
                <a className="govuk-link" href="#questions">
                  {t('question.title')}
                </a>
              </li>
              <li>
                <a className="govuk-link" href="#crosstab">
                  {t('crosstab.title')}
                </a>
              </li>
              <li>
                <a className="govuk-link" href="#downloads">
                  {t('downloads.title')}
                </a>
              </li>
            </ul>
          </nav>
          <section aria-labelledby="overview-heading" id="overview">
            <h2 className="govuk-heading-m" id="overview-heading">
              {t('overview.title')}
            </h2>
            {data.overview.map((table) => (
              <ChartSection key={table.id} table={table} locale={data.locale} />
            ))}
          </section>
          <section aria-labelledby="questions-heading" id="questions">
            <h2 className="govuk-heading-m" id="questions-heading">
              {t('question.title')}
            </h2>
            {data.questions.length === 0 ? <p className="govuk-body">{t('question.none')}</p> : null}
            {data.questions.map((q) => (
              <section key={q.key} aria-labelledby={`q-${q.key}-heading`} className="hys-question" id={`q-${q.key}`}>
                <h3 className="govuk-heading-m" id={`q-${q.key}-heading`} lang={q.lang} dir="auto">
                  {q.title}
                </h3>
                <p className="govuk-body-s hys-question-type">{t(`question.types.${q.type}`)}</p>
                {q.tables.map((table) => (
                  <ChartSection key={table.id} table={table} locale={data.locale} level={4} />
                ))}
                {q.points ? <PointsTableView table={q.points} locale={data.locale} /> : null}
              </section>
            ))}
          </section>
          {data.crossTab ? (
            <CrossTabSection
              action={`/admin/consultations/${data.frame.id}/analysis`}
              keep={keep}
              options={data.crossTab.options}
              rows={data.crossTab.rows}
              columns={data.crossTab.columns}
              view={data.crossTab.view}
              problem={data.crossTab.problem}
              locale={data.locale}
            />
          ) : null}
        </>
      ) : null}
      {data.state !== 'no-survey' ? (
        <section aria-labelledby="downloads-heading" id="downloads">
          <h2 className="govuk-heading-m" id="downloads-heading">
            {t('downloads.title')}
          </h2>
          <p className="govuk-body">{t('downloads.intro', { threshold: data.frame.threshold })}</p>
          <ul className="govuk-list">
            <li>
              <a className="govuk-link" href={data.downloads.xlsx} download>
                {t('downloads.xlsx')}
              </a>
            </li>
            <li>
              <a className="govuk-link" href={data.downloads.json} download>
                {t('downloads.json')}
              </a>
            </li>
            {data.allResponses > 0 ? (
              <li>
                <a className="govuk-link" href={data.downloads.csv} download>
                  {t('downloads.csv')}
                </a>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}
    </AnalysisFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
