import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import codingStyles from '~/styles/coding.scss?url'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadCodingContext, themesBase } from '~/features/coding/coding-context.server.ts'
import { findSample, sampleAgreement } from '~/features/coding/samples.server.ts'
import { ScrollTable } from '~/features/analysis/components/tables.tsx'
import { ThemesFrame } from '~/features/coding/components/themes-nav.tsx'
import { languageOf } from '~/features/i18n/config.ts'

// Agreement on one double-coded sample: Cohen's kappa per theme and
// Krippendorff's alpha overall, each with its interpretation in words. The
// second analyst sees the report only once they have coded the whole sample,
// so it cannot tell them how the first pass coded.
export const handle = { hydrate: false }

export const links = () => [
  { rel: 'stylesheet', href: analysisStyles },
  { rel: 'stylesheet', href: codingStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const sample = await findSample(context.db, context.consultationId, params.sampleId ?? '')
  if (!sample) throw new Response('not_found', { status: 404 })
  const { report, themes } = await sampleAgreement(context.db, context.consultationId, sample)
  const isSecondCoder = sample.secondCoderId === context.user.id
  const hidden = isSecondCoder && report.missingSecond > 0
  const names = new Map(themes.map((t) => [t.id, t.name]))
  const error = (e: { kind: string }) => e.kind
  return {
    pageTitle: context.t('agreement.title'),
    frame: context.frame,
    base: themesBase(context.consultationId),
    locale: context.locale,
    sample: { ...sample, questionTitle: context.questions.find((q) => q.key === sample.questionKey)?.title ?? sample.questionKey },
    isSecondCoder,
    hidden,
    report: hidden
      ? null
      : {
          sampleSize: report.sampleSize,
          units: report.units,
          missingFirst: report.missingFirst,
          missingSecond: report.missingSecond,
          themeCount: themes.length,
          overall: report.overall ? (report.overall.ok ? { ok: true as const, alpha: report.overall.value.alpha, band: report.overall.value.band, decisions: report.overall.value.pairableUnits } : { ok: false as const, error: error(report.overall.error) }) : null,
          perTheme: report.perTheme.map((r) => ({
            name: names.get(r.themeId) ?? r.themeId,
            ...(r.result.ok
              ? { ok: true as const, kappa: r.result.value.kappa, band: r.result.value.band, observed: r.result.value.observedAgreement }
              : { ok: false as const, error: error(r.result.error) }),
          })),
        },
  }
}

export default function AgreementRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('coding')
  const intl = languageOf(data.locale).intl
  const decimal = (v: number) => new Intl.NumberFormat(intl, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(v)
  const percent = (v: number) => new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 0 }).format(v)
  const report = data.report
  return (
    <ThemesFrame frame={data.frame} page="samples" heading={t('agreement.heading')}>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('samples.question')}</dt>
          <dd className="govuk-summary-list__value">{data.sample.questionTitle}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('agreement.size')}</dt>
          <dd className="govuk-summary-list__value">{t('agreement.size_value', { size: data.sample.size, seed: String(data.sample.seed) })}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('samples.coder')}</dt>
          <dd className="govuk-summary-list__value">{data.sample.secondCoderName ?? ''}</dd>
        </div>
      </dl>
      {data.isSecondCoder ? (
        <p className="govuk-body">
          <a className="govuk-link" href={`${data.base}/code?sample=${data.sample.id}`}>
            {t('samples.code_now')}
          </a>
        </p>
      ) : null}
      {data.hidden ? <div className="govuk-inset-text">{t('agreement.hidden_until_done')}</div> : null}
      {report && report.units === 0 ? (
        <div className="govuk-inset-text" data-testid="agreement-pending">
          {t('agreement.not_yet', { second: report.sampleSize - report.missingSecond, first: report.sampleSize - report.missingFirst, size: report.sampleSize })}
        </div>
      ) : null}
      {report && report.units > 0 ? (
        <>
          {report.missingFirst || report.missingSecond ? (
            <div className="govuk-inset-text" data-testid="agreement-partial">
              {t('agreement.partial', { units: report.units, size: report.sampleSize, second: report.missingSecond, first: report.missingFirst })}
            </div>
          ) : null}
          <h2 className="govuk-heading-m">{t('agreement.alpha_heading')}</h2>
          {report.overall?.ok ? (
            <div data-testid="alpha">
              <p className="govuk-body-l">
                α = <strong>{decimal(report.overall.alpha)}</strong>: {t(`agreement.alpha_band.${report.overall.band}`)}
              </p>
              <p className="govuk-body">{t('agreement.alpha_units', { units: report.units, themes: report.themeCount, decisions: report.overall.decisions })}</p>
            </div>
          ) : (
            <p className="govuk-inset-text">{t(`agreement.error.${report.overall?.error ?? 'too-few-pairable-values'}`)}</p>
          )}
          <p className="govuk-body-s">{t('agreement.alpha_explained')}</p>
          <h2 className="govuk-heading-m">{t('agreement.kappa_heading')}</h2>
          <p className="govuk-body-s">{t('agreement.kappa_explained', { units: report.units })}</p>
          <ScrollTable label={t('agreement.kappa_heading')}>
            <table className="govuk-table" data-testid="kappa-table">
              <caption className="govuk-table__caption govuk-table__caption--s">{t('agreement.kappa_caption', { units: report.units })}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    {t('agreement.theme')}
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    {t('agreement.kappa')}
                  </th>
                  <th scope="col" className="govuk-table__header">
                    {t('agreement.meaning')}
                  </th>
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    {t('agreement.observed')}
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {report.perTheme.map((row) => (
                  <tr className="govuk-table__row" key={row.name}>
                    <th scope="row" className="govuk-table__header">
                      {row.name}
                    </th>
                    {row.ok ? (
                      <>
                        <td className="govuk-table__cell govuk-table__cell--numeric">{decimal(row.kappa)}</td>
                        <td className="govuk-table__cell">{t(`agreement.kappa_band.${row.band}`)}</td>
                        <td className="govuk-table__cell govuk-table__cell--numeric">{percent(row.observed)}</td>
                      </>
                    ) : (
                      <td className="govuk-table__cell" colSpan={3}>
                        {t(`agreement.error.${row.error}`)}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        </>
      ) : null}
    </ThemesFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
