import { useTranslation } from 'react-i18next'
import { Count, DistributionTable, ScrollTable } from '~/features/analysis/components/tables.tsx'
import { formatPercent, percentText } from '~/features/analysis/view.ts'
import { formatNumber, languageOf } from '~/features/i18n/config.ts'
import { ConsultationCtaSummaryView } from './components.tsx'
import type { ReportData, ReportWeighting } from './report.server.ts'

// The findings report: one document for the print page and the PDF.
// Headings go from h1 down without gaps; every table has a caption.

const twoDecimals = (value: number, locale: string) => new Intl.NumberFormat(languageOf(locale).intl, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)

/** On the report page the page's own h1 names the report, so the title is not a second h1 (`standalone` for the PDF). */
export function ReportDocument({ data, standalone = false }: { data: ReportData; standalone?: boolean }) {
  const { t } = useTranslation('findings')
  const { t: ta } = useTranslation('analysis')
  const locale = data.locale
  const dir = languageOf(data.contentLang).dir
  const Title = standalone ? 'h1' : 'p'
  return (
    <article className="hys-report" data-testid="findings-report">
      <header>
        <p className="govuk-caption-l">{t('report.caption')}</p>
        <Title className="govuk-heading-xl" lang={data.contentLang} dir={dir}>
          {data.title}
        </Title>
        <p className="govuk-body-s">{t('report.generated', { date: data.generatedOn, threshold: data.threshold })}</p>
        {data.isSynthetic ? <p className="govuk-inset-text">{ta('synthetic')}</p> : null}
      </header>

      <section aria-labelledby="report-asked">
        <h2 className="govuk-heading-l" id="report-asked">
          {t('report.asked_heading')}
        </h2>
        <p className="govuk-body" lang={data.contentLang} dir={dir}>
          {data.summary}
        </p>
        <p className="govuk-body" lang={data.contentLang} dir={dir}>
          {data.purpose}
        </p>
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t('report.dates')}</dt>
            <dd className="govuk-summary-list__value">{t('report.dates_value', { opens: data.opens, closes: data.closes })}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t('report.languages')}</dt>
            <dd className="govuk-summary-list__value">{data.languages.join(', ')}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t('report.responses')}</dt>
            <dd className="govuk-summary-list__value" data-testid="report-responses">
              <Count cell={data.responses} locale={locale} />
            </dd>
          </div>
        </dl>
        <h3 className="govuk-heading-m">{t('report.questions_asked')}</h3>
        <ol className="govuk-list govuk-list--number">
          {data.asked.map((q) => (
            <li key={q.key}>
              <span lang={q.lang} dir="auto">
                {q.title}
              </span>{' '}
              <span className="govuk-body-s">({q.type})</span>
            </li>
          ))}
        </ol>
        <h3 className="govuk-heading-m">{t('report.methods')}</h3>
        {data.methods.length ? data.methods.map((table) => <DistributionTable key={table.id} table={table} locale={locale} />) : <p className="govuk-body">{t('report.no_figures')}</p>}
      </section>

      <section aria-labelledby="report-who">
        <h2 className="govuk-heading-l" id="report-who">
          {t('report.who_heading')}
        </h2>
        {data.profile === null ? (
          <p className="govuk-body">{t('report.no_profile', { threshold: data.threshold })}</p>
        ) : (
          <>
            <p className="govuk-body">{ta('profile.census_note')}</p>
            {data.profile.map((table) => (
              <ScrollTable key={table.dimension} label={ta('profile.caption', { dimension: table.title })}>
                <table className="govuk-table" data-testid={`report-profile-${table.dimension}`}>
                  <caption className="govuk-table__caption govuk-table__caption--s">{ta('profile.caption', { dimension: table.title })}</caption>
                  <thead className="govuk-table__head">
                    <tr className="govuk-table__row">
                      <th scope="col" className="govuk-table__header">
                        {ta('profile.group')}
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        {ta('profile.respondents')}
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        {ta('profile.respondents_percent')}
                      </th>
                      <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                        {ta('profile.census_percent')}
                      </th>
                      <th scope="col" className="govuk-table__header">
                        {ta('profile.flag')}
                      </th>
                    </tr>
                  </thead>
                  <tbody className="govuk-table__body">
                    {table.rows.map((row) => (
                      <tr className="govuk-table__row" key={row.category}>
                        <th scope="row" className="govuk-table__header">
                          {row.label}
                        </th>
                        <td className="govuk-table__cell govuk-table__cell--numeric">
                          <Count cell={row.respondents} locale={locale} />
                        </td>
                        <td className="govuk-table__cell govuk-table__cell--numeric">{percentText(row.respondents, locale)}</td>
                        <td className="govuk-table__cell govuk-table__cell--numeric">{row.census ? formatPercent(100 * row.census.share, locale) : ''}</td>
                        <td className="govuk-table__cell">
                          {row.under === 'yes' ? ta('profile.under') : row.under === 'at-most' ? ta('profile.under_small', { threshold: data.threshold }) : ''}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            ))}
            <p className="govuk-body-s">
              {ta('profile.source')} {[...new Set(data.profile.flatMap((table) => table.sources))].join('; ')}
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="report-findings">
        <h2 className="govuk-heading-l" id="report-findings">
          {t('report.findings_heading')}
        </h2>
        {data.state !== 'ok' ? <p className="govuk-body">{data.state === 'too-few' ? t('report.too_few', { threshold: data.threshold }) : t('report.no_figures')}</p> : null}
        {data.questions.map((q) => (
          <div key={q.key} className="hys-report-question">
            <h3 className="govuk-heading-m" lang={q.lang} dir="auto">
              {q.title}
            </h3>
            {q.tables.map((table) => (
              <DistributionTable key={table.id} table={table} locale={locale} />
            ))}
          </div>
        ))}
        <h3 className="govuk-heading-m">{t('report.themes_heading')}</h3>
        {data.themes.length ? (
          <table className="govuk-table" data-testid="report-themes">
            <caption className="govuk-table__caption govuk-table__caption--s">{t('report.themes_caption')}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  {t('exports.theme')}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t('exports.cta')}
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  {t('exports.residents')}
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {data.themes.map((th, i) => (
                <tr className="govuk-table__row" key={i}>
                  <th scope="row" className="govuk-table__header" dir="auto">
                    {th.theme}
                  </th>
                  <td className="govuk-table__cell">{th.cta ?? ''}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{'count' in th.residents ? formatNumber(th.residents.count, locale) : th.residents.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="govuk-body">{t('exports.no_themes')}</p>
        )}
      </section>

      <section aria-labelledby="report-cta">
        <h2 className="govuk-heading-l" id="report-cta">
          {t('report.cta_heading')}
        </h2>
        <ConsultationCtaSummaryView summary={data.cta} locale={locale} level={3} />
      </section>

      <section aria-labelledby="report-method">
        <h2 className="govuk-heading-l" id="report-method">
          {t('report.method_heading')}
        </h2>
        <h3 className="govuk-heading-m">{t('report.suppression_heading')}</h3>
        <p className="govuk-body">{t('report.suppression', { threshold: data.threshold })}</p>
        <h3 className="govuk-heading-m">{t('report.coding_heading')}</h3>
        <p className="govuk-body">{data.coded ? t('report.coding') : t('cta.not_coded')}</p>
        {data.agreement ? (
          <>
            <p className="govuk-body" data-testid="report-agreement">
              {data.agreement.alpha === null
                ? t('report.alpha_none', { units: data.agreement.units })
                : t('report.alpha', { units: data.agreement.units, alpha: twoDecimals(data.agreement.alpha, locale), band: t(`report.alpha_band.${data.agreement.alphaBand}`) })}
            </p>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--s">{t('report.kappa_caption')}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    {t('exports.theme')}
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    {t('report.kappa')}
                  </th>
                  <th scope="col" className="govuk-table__header">
                    {t('report.interpretation')}
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {data.agreement.themes.map((th) => (
                  <tr className="govuk-table__row" key={th.id}>
                    <th scope="row" className="govuk-table__header" dir="auto">
                      {th.name}
                    </th>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{th.kappa === null ? t('report.kappa_undefined') : twoDecimals(th.kappa, locale)}</td>
                    <td className="govuk-table__cell">{th.band ? t(`report.kappa_band.${th.band}`) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="govuk-body-s">{t('report.agreement_sources')}</p>
          </>
        ) : (
          <p className="govuk-body" data-testid="report-agreement">
            {t('report.no_sample')}
          </p>
        )}
        <h3 className="govuk-heading-m">{t('report.weighting_heading')}</h3>
        <p className="govuk-body">{ta('weighting.caveat')}</p>
        <ReportWeightingSection weighting={data.weighting} locale={locale} threshold={data.threshold} />
      </section>

      <section aria-labelledby="report-yswd">
        <h2 className="govuk-heading-l" id="report-yswd">
          {t('yswd.staff_heading')}
        </h2>
        <p className="govuk-body-s">{data.yswd.published ? t('yswd.published_on', { date: data.yswd.published }) : t('report.yswd_not_published')}</p>
        {data.yswd.entries.length === 0 ? <p className="govuk-body">{t('yswd.no_entries')}</p> : null}
        {data.yswd.entries.map((e) => (
          <div key={e.id} className="hys-report-yswd">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{t('yswd.you_said')}</h3>
            <p className="govuk-body" lang={e.said.lang} dir={languageOf(e.said.lang).dir}>
              {e.said.text}
            </p>
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{t('yswd.we_did')}</h3>
            <p className="govuk-body" lang={e.did.lang} dir={languageOf(e.did.lang).dir}>
              {e.did.text}
            </p>
          </div>
        ))}
      </section>
    </article>
  )
}

/** How the results were weighted (raking, the margins, the figures) and the weighted results; or why they are unweighted. */
function ReportWeightingSection({ weighting, locale, threshold }: { weighting: ReportWeighting | null; locale: string; threshold: number }) {
  const { t } = useTranslation('findings')
  const { t: ta } = useTranslation('analysis')
  const intl = languageOf(locale).intl
  const decimal = (value: number | null, digits = 1) => (value === null ? ta('suppressed.secondary') : new Intl.NumberFormat(intl, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value))
  if (!weighting) {
    return (
      <p className="govuk-body" data-testid="report-weighting">
        {t('report.weighting_unweighted')} {t('report.weighting_none_saved')}
      </p>
    )
  }
  const result = weighting.result
  if (weighting.state !== 'ok' || !result) {
    return (
      <div data-testid="report-weighting">
        <p className="govuk-body">
          {t('report.weighting_unweighted')} {t('report.weighting_failed', { date: weighting.savedOn })}
        </p>
        {weighting.problem ? <p className="govuk-body">{weighting.problem}</p> : null}
      </div>
    )
  }
  return (
    <div data-testid="report-weighting">
      <p className="govuk-body">{t('report.weighting_method', { date: weighting.savedOn })}</p>
      <ul className="govuk-list govuk-list--bullet">
        {weighting.margins.map((m) => (
          <li key={m.label}>
            {m.label}: <span className="govuk-body-s">{m.source}</span>
          </li>
        ))}
      </ul>
      <p className="govuk-body">
        {t('report.weighting_settings', {
          cap: weighting.cap.trim() === '' ? t('report.weighting_no_cap') : weighting.cap,
          collapse: weighting.collapse.trim() === '' ? '0' : weighting.collapse,
        })}
      </p>
      <dl className="govuk-summary-list">
        {[
          [ta('weighting.converged'), t('report.weighting_converged', { iterations: formatNumber(result.iterations, locale) })],
          [ta('weighting.weighted_respondents'), result.weighted.kind === 'shown' ? formatNumber(result.weighted.count, locale) : ta('suppressed.primary', { threshold })],
          [ta('weighting.effective_n'), decimal(result.effectiveN)],
          [ta('weighting.design_effect'), decimal(result.designEffect, 2)],
          [ta('weighting.weights_range'), ta('weighting.range', { min: decimal(result.minWeight, 2), max: decimal(result.maxWeight, 2) })],
        ].map(([key, value]) => (
          <div className="govuk-summary-list__row" key={key}>
            <dt className="govuk-summary-list__key">{key}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      {result.warnings.length ? (
        <ul className="govuk-list govuk-list--bullet">
          {result.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      ) : null}
      <h4 className="govuk-heading-s">{t('report.weighted_results')}</h4>
      {result.questions.flatMap((q) =>
        q.tables.map((table) => (
          <ScrollTable key={table.id} label={table.title}>
            <table className="govuk-table">
              <caption className="govuk-table__caption govuk-table__caption--s" lang={table.titleLang} dir="auto">
                {table.title}
              </caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    {ta('question.answer')}
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    {ta('weighting.respondents')}
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    {ta('weighting.unweighted_percent')}
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    {ta('weighting.weighted_percent')}
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {table.rows.map((row, i) => (
                  <tr className="govuk-table__row" key={i}>
                    <th scope="row" className="govuk-table__header" lang={row.lang} dir="auto">
                      {row.label}
                    </th>
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      <Count cell={row.respondents} locale={locale} />
                    </td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{row.unweightedPercent === null ? '' : formatPercent(row.unweightedPercent, locale)}</td>
                    <td className="govuk-table__cell govuk-table__cell--numeric">{row.weightedPercent === null ? '' : formatPercent(row.weightedPercent, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )),
      )}
    </div>
  )
}
