import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import { ErrorMessage, ErrorSummary } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { auditUnsuppressedView, loadAnalysisContext } from '~/features/analysis/analysis-context.server.ts'
import { buildProfileData } from '~/features/analysis/profile-page.server.ts'
import { MIN_EXPECTED_RESPONDENTS } from '~/features/analysis/profile.ts'
import { AnalysisFrame } from '~/features/analysis/components/frame.tsx'
import { FiltersForm, keptFilterParams } from '~/features/analysis/components/filters.tsx'
import { Count, ScrollTable } from '~/features/analysis/components/tables.tsx'
import { formatPercent, percentText } from '~/features/analysis/view.ts'
import { languageOf } from '~/features/i18n/config.ts'

// Who responded, beside the borough's Census 2021 margins. No charts: the
// comparison is a table, and works without JavaScript.
export const handle = { hydrate: false }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: analysisStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadAnalysisContext(request, params.id)
  await auditUnsuppressedView(context, 'profile')
  const data = await buildProfileData(context, new URL(request.url).searchParams)
  return { pageTitle: `${data.factorError ? `${context.t('common:error_prefix')} ` : ''}${context.t('profile.title', { title: context.consultation.title })}`, ...data }
}

export default function AnalysisProfileRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('analysis')
  const intl = languageOf(data.locale).intl
  const points = (value: number) => new Intl.NumberFormat(intl, { signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)
  const ratio = (value: number) => new Intl.NumberFormat(intl, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)
  const keep = data.filterForm ? keptFilterParams(data.filterForm.selected, data.frame.suppress) : {}
  return (
    <AnalysisFrame data={data.frame} page="profile" heading={t('profile.heading')}>
      <ErrorSummary errors={data.factorError ? [{ href: '#factor', text: t('profile.factor_error') }] : []} />
      {data.state === 'no-survey' ? <p className="govuk-body">{t('dashboard.no_survey')}</p> : null}
      <p className="govuk-body">{t('profile.intro')}</p>
      {!data.canSeeEquality ? <p className="govuk-inset-text">{t('profile.no_equality')}</p> : null}
      {data.filterForm ? <FiltersForm data={data.filterForm} /> : null}
      {data.state !== 'no-survey' ? (
        <form method="get" action={`/admin/consultations/${data.frame.id}/analysis/profile`} className="hys-filters">
          {Object.entries(keep).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className={`govuk-form-group${data.factorError ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label govuk-label--s" htmlFor="factor">
              {t('profile.factor_label')}
            </label>
            <div id="factor-hint" className="govuk-hint">
              {t('profile.factor_hint')}
            </div>
            {data.factorError ? <ErrorMessage id="factor-error">{t('profile.factor_error')}</ErrorMessage> : null}
            <input
              className={`govuk-input govuk-input--width-4${data.factorError ? ' govuk-input--error' : ''}`}
              id="factor"
              name="factor"
              type="text"
              inputMode="decimal"
              spellCheck={false}
              defaultValue={data.factorInput}
              aria-describedby={`factor-hint${data.factorError ? ' factor-error' : ''}`}
            />
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            {t('profile.factor_submit')}
          </button>
        </form>
      ) : null}
      {data.state === 'empty' ? <p className="govuk-inset-text">{t('dashboard.no_matches')}</p> : null}
      {data.state === 'too-few' ? <p className="govuk-inset-text">{t('dashboard.too_few', { threshold: data.frame.threshold })}</p> : null}
      {data.state === 'ok' ? (
        <>
          <p className="govuk-body-l">{data.matching.kind === 'shown' ? t('profile.matching', { count: data.matching.count }) : null}</p>
          <div className="govuk-inset-text">
            <p className="govuk-body">{t('profile.census_note')}</p>
            <p className="govuk-body">{t('profile.flag_note', { factor: ratio(data.factor), expected: MIN_EXPECTED_RESPONDENTS })}</p>
          </div>
          {data.tables.map((table) => (
            <section key={table.dimension} aria-labelledby={`profile-${table.dimension}-heading`} className="hys-chart-section" id={`profile-${table.dimension}`}>
              <h2 className="govuk-heading-m" id={`profile-${table.dimension}-heading`}>
                {table.title}
              </h2>
              {!table.hasCensus && table.comparedAs ? (
                <p className="govuk-body" data-testid={`profile-${table.dimension}-compared-as`}>
                  {t('profile.compared_as', { dimension: table.title, coarser: table.comparedAs })}
                </p>
              ) : null}
              {!table.hasCensus && !table.comparedAs ? <p className="govuk-body">{t('profile.no_census', { dimension: table.title })}</p> : null}
              {table.note ? (
                <p className="govuk-body" data-testid={`profile-${table.dimension}-note`}>
                  {table.note}
                </p>
              ) : null}
              <ScrollTable label={t('table.label', { title: table.title })}>
                <table className="govuk-table" data-testid={`profile-${table.dimension}`}>
                  <caption className="govuk-table__caption govuk-table__caption--s">{t('profile.caption', { dimension: table.title })}</caption>
                  <thead className="govuk-table__head">
                    <tr className="govuk-table__row">
                      <th scope="col" className="govuk-table__header">
                        {t('profile.group')}
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        {t('profile.respondents')}
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        {t('profile.respondents_percent')}
                      </th>
                      {table.hasCensus ? (
                        <>
                          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                            {t('profile.census_percent')}
                          </th>
                          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                            {t('profile.gap')}
                          </th>
                          <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                            {t('profile.ratio')}
                          </th>
                          <th scope="col" className="govuk-table__header">
                            {t('profile.flag')}
                          </th>
                        </>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody className="govuk-table__body">
                    {table.rows.map((row) => (
                      <tr className="govuk-table__row" key={row.category}>
                        <th scope="row" className="govuk-table__header hys-row-header">
                          {row.label}
                        </th>
                        <td className="govuk-table__cell govuk-table__cell--numeric">
                          <Count cell={row.respondents} locale={data.locale} />
                        </td>
                        <td className="govuk-table__cell govuk-table__cell--numeric">{percentText(row.respondents, data.locale)}</td>
                        {table.hasCensus ? (
                          <>
                            <td className="govuk-table__cell govuk-table__cell--numeric">{row.census ? formatPercent(100 * row.census.share, data.locale) : t('profile.no_figure')}</td>
                            <td className="govuk-table__cell govuk-table__cell--numeric">{row.gapPoints === null ? '' : points(row.gapPoints)}</td>
                            <td className="govuk-table__cell govuk-table__cell--numeric">{row.ratio === null ? '' : ratio(row.ratio)}</td>
                            <td className="govuk-table__cell">
                              {row.under === 'yes' ? <strong className="govuk-tag govuk-tag--red hys-flag">{t('profile.under')}</strong> : null}
                              {row.under === 'at-most' ? <strong className="govuk-tag govuk-tag--red hys-flag">{t('profile.under_small', { threshold: data.frame.threshold })}</strong> : null}
                            </td>
                          </>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr className="govuk-table__row">
                      <th scope="row" className="govuk-table__header">
                        {t('profile.stated')}
                      </th>
                      <td className="govuk-table__cell govuk-table__cell--numeric">
                        <Count cell={table.base} locale={data.locale} />
                      </td>
                      <td className="govuk-table__cell" colSpan={table.hasCensus ? 5 : 1} />
                    </tr>
                    {table.notStated !== null && table.notStated > 0 ? (
                      <tr className="govuk-table__row">
                        <th scope="row" className="govuk-table__header">
                          {t('profile.not_stated')}
                        </th>
                        <td className="govuk-table__cell govuk-table__cell--numeric">
                          <Count cell={{ kind: 'shown', count: table.notStated }} locale={data.locale} />
                        </td>
                        <td className="govuk-table__cell" colSpan={table.hasCensus ? 5 : 1} />
                      </tr>
                    ) : null}
                  </tfoot>
                </table>
              </ScrollTable>
              {table.sources.length ? (
                <p className="govuk-body-s hys-source">
                  {t('profile.source')} {table.sources.join('; ')}
                </p>
              ) : null}
            </section>
          ))}
        </>
      ) : null}
    </AnalysisFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
