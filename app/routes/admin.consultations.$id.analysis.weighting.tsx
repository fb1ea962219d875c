import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import { ErrorMessage, ErrorSummary } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { auditUnsuppressedView, loadAnalysisContext } from '~/features/analysis/analysis-context.server.ts'
import { buildWeightingData, type WeightedTableView } from '~/features/analysis/weighting-page.server.ts'
import { clearWeightingChoice, findWeightingChoice, saveWeightingChoice, weightingQuery } from '~/features/analysis/weighting-choice.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { formatDate } from '~/features/i18n/config.ts'
import { AnalysisFrame } from '~/features/analysis/components/frame.tsx'
import { Count, ScrollTable } from '~/features/analysis/components/tables.tsx'
import { formatPercent } from '~/features/analysis/view.ts'
import { formatNumber, languageOf } from '~/features/i18n/config.ts'

// Weighting: the analyst picks margins and a weight cap; raking runs on the
// server (the statistics library) and the results come back weighted and
// unweighted side by side. A GET form, so it works without JavaScript and a
// run can be bookmarked. Bad input is an error message, never a 500. A run
// that worked can be saved for the findings report (a POST; audited).
export const handle = { hydrate: false }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: analysisStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadAnalysisContext(request, params.id)
  await auditUnsuppressedView(context, 'weighting')
  const search = new URL(request.url).searchParams
  const data = await buildWeightingData(context, search)
  const error = data.form.errors.length > 0 || data.state === 'problem'
  const saved = await findWeightingChoice(context.db, context.consultation.id)
  return {
    pageTitle: `${error ? `${context.t('common:error_prefix')} ` : ''}${context.t('weighting.title', { title: context.consultation.title })}`,
    ...data,
    query: weightingQuery(search),
    saved: saved ? { query: saved.query, on: formatDate(saved.savedAt, context.locale) } : null,
    savedNow: search.get('saved') === '1',
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadAnalysisContext(request, params.id)
  const form = await readForm(request)
  const base = `/admin/consultations/${context.consultation.id}/analysis/weighting`
  if (form.get('intent') === 'clear') {
    await clearWeightingChoice(context.db, { consultationId: context.consultation.id, actor: context.user.id })
    return redirect(base, 303)
  }
  const query = weightingQuery(new URLSearchParams(String(form.get('query') ?? '').slice(0, 4000)))
  // Only a weighting that runs and converges now is saved for the report.
  const data = await buildWeightingData(context, new URLSearchParams(query))
  if (data.state !== 'ok') return redirect(`${base}?${query}`, 303)
  await saveWeightingChoice(context.db, { consultationId: context.consultation.id, query, actor: context.user.id })
  return redirect(`${base}?${query}&saved=1#result`, 303)
}

function WeightedTable({ table, locale }: { table: WeightedTableView; locale: string }) {
  const { t } = useTranslation('analysis')
  const intl = languageOf(locale).intl
  const moe = (value: number | null) => (value === null ? '' : `±${new Intl.NumberFormat(intl, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(value)}`)
  const pct = (value: number | null) => (value === null ? '' : formatPercent(value, locale))
  const decimal = (value: number | null, digits = 1) => (value === null ? '' : new Intl.NumberFormat(intl, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value))
  return (
    <ScrollTable label={t('table.label', { title: table.title })}>
      <table className="govuk-table" id={table.id}>
        <caption className="govuk-table__caption govuk-table__caption--s" lang={table.titleLang} dir="auto">
          {table.title}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {t('question.answer')}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {t('weighting.respondents')}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {t('weighting.unweighted_percent')}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {t('weighting.moe')}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {t('weighting.weighted_percent')}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {t('weighting.moe')}
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {table.rows.map((row, i) => (
            <tr className="govuk-table__row" key={i}>
              <th scope="row" className="govuk-table__header hys-row-header" lang={row.lang} dir="auto">
                {row.label}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                <Count cell={row.respondents} locale={locale} />
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{pct(row.unweightedPercent)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{moe(row.unweightedMoe)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{pct(row.weightedPercent)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{moe(row.weightedMoe)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="govuk-summary-list govuk-summary-list--no-border hys-weighted-base">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('weighting.unweighted_n')}</dt>
          <dd className="govuk-summary-list__value">
            <Count cell={table.base} locale={locale} />
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('weighting.weighted_n')}</dt>
          <dd className="govuk-summary-list__value">{decimal(table.weightedN)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('weighting.effective_n')}</dt>
          <dd className="govuk-summary-list__value">{decimal(table.effectiveN)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('weighting.design_effect')}</dt>
          <dd className="govuk-summary-list__value">{decimal(table.designEffect, 2)}</dd>
        </div>
      </dl>
      {table.multi ? <p className="govuk-body-s">{t('table.multi_note')}</p> : null}
    </ScrollTable>
  )
}

export default function AnalysisWeightingRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('analysis')
  const intl = languageOf(data.locale).intl
  const decimal = (value: number, digits = 1) => new Intl.NumberFormat(intl, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)
  const errorFor = (field: string) => data.form.errors.find((e) => e.field === field)
  const result = data.result
  // Sizes that would give a hidden number of weighted respondents back are withheld with it.
  const withheld = t('suppressed.secondary')
  return (
    <AnalysisFrame data={data.frame} page="weighting" heading={t('weighting.heading')}>
      <ErrorSummary errors={data.form.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} />
      {data.state === 'no-survey' ? <p className="govuk-body">{t('dashboard.no_survey')}</p> : null}
      {data.state === 'empty' ? <p className="govuk-inset-text">{t('dashboard.no_responses')}</p> : null}
      <div className="govuk-inset-text" data-testid="caveat">
        <p className="govuk-body">{t('weighting.caveat')}</p>
        <p className="govuk-body">{t('weighting.caveat_census')}</p>
      </div>
      <p className="govuk-body">{t('weighting.intro')}</p>
      {data.saved ? (
        <div className="govuk-inset-text" data-testid="weighting-saved">
          <p className="govuk-body">
            {t('weighting.saved_note', { date: data.saved.on })}{' '}
            <a className="govuk-link" href={`/admin/consultations/${data.frame.id}/analysis/weighting?${data.saved.query}#result`}>
              {t('weighting.saved_open')}
            </a>
          </p>
          <form method="post">
            <button type="submit" name="intent" value="clear" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
              {t('weighting.saved_clear')}
            </button>
          </form>
        </div>
      ) : null}
      <form method="get" action={`/admin/consultations/${data.frame.id}/analysis/weighting`} noValidate>
        <input type="hidden" name="run" value="1" />
        {!data.frame.suppress ? <input type="hidden" name="suppression" value="off" /> : null}
        <div className={`govuk-form-group${errorFor('margins') ? ' govuk-form-group--error' : ''}`}>
          <fieldset className="govuk-fieldset" aria-describedby={`margins-hint${errorFor('margins') ? ' margins-error' : ''}`}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 className="govuk-fieldset__heading">{t('weighting.margins')}</h2>
            </legend>
            <div id="margins-hint" className="govuk-hint">
              {t('weighting.margins_hint')}
            </div>
            {errorFor('margins') ? <ErrorMessage id="margins-error">{errorFor('margins')!.message}</ErrorMessage> : null}
            <div className="govuk-checkboxes" data-module="govuk-checkboxes">
              {data.form.margins.map((m, index) => (
                <div className="govuk-checkboxes__item" key={m.dimension}>
                  <input
                    className="govuk-checkboxes__input"
                    id={index === 0 ? 'margins' : `margin-${m.dimension}`}
                    name="margin"
                    type="checkbox"
                    value={m.dimension}
                    defaultChecked={m.checked}
                    aria-describedby={`margin-${m.dimension}-hint`}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={index === 0 ? 'margins' : `margin-${m.dimension}`}>
                    {m.label}
                  </label>
                  <div id={`margin-${m.dimension}-hint`} className="govuk-hint govuk-checkboxes__hint hys-source">
                    {m.kind === 'census' ? t('weighting.census_source', { source: m.source ?? '' }) : t('weighting.own_figures')}
                    {m.note ? <span className="hys-margin-note"> {m.note}</span> : null}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        {data.form.margins
          .filter((m) => m.kind === 'own')
          .map((m) => (
            <div className={`govuk-form-group${m.fields.some((f) => f.error) ? ' govuk-form-group--error' : ''}`} key={m.dimension}>
              <fieldset className="govuk-fieldset" aria-describedby={`targets-${m.dimension}-hint`}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('weighting.own_legend', { dimension: m.label })}</legend>
                <div id={`targets-${m.dimension}-hint`} className="govuk-hint">
                  {t('weighting.own_hint')}
                </div>
                {errorFor(`target-${m.dimension}-${m.fields.find((f) => f.error)?.category}`) ? (
                  <ErrorMessage id={`targets-${m.dimension}-error`}>{t('weighting.errors.target', { dimension: m.label })}</ErrorMessage>
                ) : null}
                <div className="hys-margin-fields">
                  {m.fields.map((f) => (
                    <div className="govuk-form-group" key={f.category}>
                      <label className="govuk-label" htmlFor={`target-${m.dimension}-${f.category}`}>
                        {f.label}
                      </label>
                      <div className="govuk-input__wrapper">
                        <input
                          className={`govuk-input govuk-input--width-4${f.error ? ' govuk-input--error' : ''}`}
                          id={`target-${m.dimension}-${f.category}`}
                          name={`target.${m.dimension}.${f.category}`}
                          type="text"
                          inputMode="decimal"
                          spellCheck={false}
                          defaultValue={f.value}
                        />
                        <div className="govuk-input__suffix" aria-hidden="true">
                          %
                        </div>
                      </div>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
          ))}
        <div className={`govuk-form-group${errorFor('cap') ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor="cap">
            {t('weighting.cap')}
          </label>
          <div id="cap-hint" className="govuk-hint">
            {t('weighting.cap_hint')}
          </div>
          {errorFor('cap') ? <ErrorMessage id="cap-error">{errorFor('cap')!.message}</ErrorMessage> : null}
          <input
            className={`govuk-input govuk-input--width-4${errorFor('cap') ? ' govuk-input--error' : ''}`}
            id="cap"
            name="cap"
            type="text"
            inputMode="decimal"
            spellCheck={false}
            defaultValue={data.form.cap}
            aria-describedby={`cap-hint${errorFor('cap') ? ' cap-error' : ''}`}
          />
        </div>
        <div className={`govuk-form-group${errorFor('floor') ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor="floor">
            {t('weighting.floor')}
          </label>
          <div id="floor-hint" className="govuk-hint">
            {t('weighting.floor_hint')}
          </div>
          {errorFor('floor') ? <ErrorMessage id="floor-error">{errorFor('floor')!.message}</ErrorMessage> : null}
          <input
            className={`govuk-input govuk-input--width-4${errorFor('floor') ? ' govuk-input--error' : ''}`}
            id="floor"
            name="floor"
            type="text"
            inputMode="decimal"
            spellCheck={false}
            defaultValue={data.form.floor}
            aria-describedby={`floor-hint${errorFor('floor') ? ' floor-error' : ''}`}
          />
        </div>
        <div className={`govuk-form-group${errorFor('collapse') ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor="collapse">
            {t('weighting.collapse')}
          </label>
          <div id="collapse-hint" className="govuk-hint">
            {t('weighting.collapse_hint')}
          </div>
          {errorFor('collapse') ? <ErrorMessage id="collapse-error">{errorFor('collapse')!.message}</ErrorMessage> : null}
          <input
            className={`govuk-input govuk-input--width-4${errorFor('collapse') ? ' govuk-input--error' : ''}`}
            id="collapse"
            name="collapse"
            type="text"
            inputMode="numeric"
            spellCheck={false}
            defaultValue={data.form.collapse}
            aria-describedby={`collapse-hint${errorFor('collapse') ? ' collapse-error' : ''}`}
          />
        </div>
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {t('weighting.run')}
        </button>
      </form>
      {data.state === 'problem' && data.problem ? (
        <div className="govuk-error-summary" role="alert" data-testid="weighting-problem">
          <h2 className="govuk-error-summary__title">{t('weighting.problem_title')}</h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">{data.problem}</p>
          </div>
        </div>
      ) : null}
      {result ? (
        <section aria-labelledby="weighting-result-heading" id="result" data-testid="weighting-result">
          <h2 className="govuk-heading-l" id="weighting-result-heading">
            {t('weighting.result')}
          </h2>
          {data.savedNow ? <p className="govuk-inset-text">{t('weighting.saved_now')}</p> : null}
          {data.state === 'ok' ? (
            <form method="post">
              <input type="hidden" name="query" value={data.query} />
              <button type="submit" name="intent" value="save" className="govuk-button govuk-button--secondary">
                {t('weighting.save_for_report')}
              </button>
            </form>
          ) : null}
          {!result.converged ? (
            <div className="govuk-warning-text" data-testid="not-converged">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">{t('warning')}</span>
                {result.notConverged === 'weight-cap' ? t('weighting.not_converged_cap') : t('weighting.not_converged')}
              </strong>
            </div>
          ) : null}
          <dl className="govuk-summary-list">
            {[
              [t('weighting.converged'), result.converged ? t('weighting.yes') : t('weighting.no')],
              [t('weighting.iterations'), formatNumber(result.iterations, data.locale)],
              [t('weighting.max_error'), t('weighting.points', { value: decimal(result.maxMarginErrorPoints, 4) })],
              [t('weighting.weighted_respondents'), result.weighted.kind === 'shown' ? formatNumber(result.weighted.count, data.locale) : t('suppressed.primary', { threshold: data.frame.threshold })],
              [t('weighting.excluded'), result.excluded === null ? withheld : formatNumber(result.excluded, data.locale)],
              [t('weighting.weights_range'), t('weighting.range', { min: decimal(result.minWeight, 2), max: decimal(result.maxWeight, 2) })],
              [t('weighting.weighted_n'), result.weightedN === null ? withheld : decimal(result.weightedN)],
              [t('weighting.effective_n'), result.effectiveN === null ? withheld : decimal(result.effectiveN)],
              [t('weighting.design_effect'), result.designEffect === null ? withheld : decimal(result.designEffect, 2)],
              [
                t('weighting.overall_moe'),
                result.overallMoe === null ? withheld : t('weighting.overall_moe_value', { unweighted: decimal(result.overallMoe.unweighted), weighted: decimal(result.overallMoe.weighted) }),
              ],
            ].map(([key, value]) => (
              <div className="govuk-summary-list__row" key={key}>
                <dt className="govuk-summary-list__key">{key}</dt>
                <dd className="govuk-summary-list__value">{value}</dd>
              </div>
            ))}
          </dl>
          {result.warnings.length ? (
            <div className="govuk-inset-text" data-testid="weighting-warnings">
              <h3 className="govuk-heading-s">{t('weighting.warnings_title')}</h3>
              <ul className="govuk-list govuk-list--bullet">
                {result.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <h3 className="govuk-heading-m">{t('weighting.margins_result')}</h3>
          {result.margins.map((m) => (
            <ScrollTable key={m.title} label={t('table.label', { title: m.title })}>
              <table className="govuk-table">
                <caption className="govuk-table__caption govuk-table__caption--s">{m.title}</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      {t('profile.group')}
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      {t('weighting.respondents')}
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      {t('weighting.target')}
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      {t('weighting.achieved')}
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {m.groups.map((g) => (
                    <tr className="govuk-table__row" key={g.label}>
                      <th scope="row" className="govuk-table__header hys-row-header">
                        {g.label}
                      </th>
                      <td className="govuk-table__cell govuk-table__cell--numeric">
                        <Count cell={g.respondents} locale={data.locale} />
                      </td>
                      <td className="govuk-table__cell govuk-table__cell--numeric">{formatPercent(100 * g.targetShare, data.locale)}</td>
                      <td className="govuk-table__cell govuk-table__cell--numeric">{formatPercent(100 * g.achievedShare, data.locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          ))}
          {result.questions.length ? (
            <>
              <h3 className="govuk-heading-m">{t('weighting.results_title')}</h3>
              <p className="govuk-body">{t('weighting.results_intro')}</p>
              {result.questions.map((q) => (
                <section key={q.key} aria-labelledby={`w-${q.key}-heading`} className="hys-question">
                  <h4 className="govuk-heading-s" id={`w-${q.key}-heading`} lang={q.lang} dir="auto">
                    {q.title}
                  </h4>
                  {q.tables.map((table) => (
                    <WeightedTable key={table.id} table={table} locale={data.locale} />
                  ))}
                </section>
              ))}
            </>
          ) : null}
        </section>
      ) : null}
    </AnalysisFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
