import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '~/features/i18n/config.ts'
import type { PublishedCell } from '../statistics/index.ts'
import { cellText, formatPercent, percentText, type ChartTable, type PointsTable } from '../view.ts'
import { ChartFigure } from './chart.tsx'

// GOV.UK tables for every chart, and the other analysis tables. Wide tables
// scroll sideways inside a focusable region, so a phone never scrolls the page.

export function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A keyboard user can reach and scroll a region that overflows (WCAG 2.1.1).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="hys-table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  )
}

export function Count({ cell, locale }: { cell: PublishedCell; locale: string }) {
  const { t } = useTranslation('analysis')
  if (cell.kind === 'shown') return <>{formatNumber(cell.count, locale)}</>
  return <span className="hys-suppressed">{cellText(cell, locale, t)}</span>
}

export function DistributionTable({ table, locale }: { table: ChartTable; locale: string }) {
  const { t } = useTranslation('analysis')
  return (
    <ScrollTable label={t('table.label', { title: table.title })}>
      <table className="govuk-table hys-data-table" id={`${table.id}-table`}>
        <caption className="govuk-table__caption govuk-table__caption--s">{t('table.caption', { title: table.title })}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {table.categoryHeader}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {t('table.count')}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {table.multi ? t('table.percent_people') : t('table.percent')}
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
                <Count cell={row.cell} locale={locale} />
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{percentText(row.cell, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              {table.baseLabel}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">
              <Count cell={table.base} locale={locale} />
            </td>
            <td className="govuk-table__cell govuk-table__cell--numeric">{table.multi ? '' : percentText(table.base, locale)}</td>
          </tr>
          {table.notAnswered !== null && table.notAnswered > 0 ? (
            <tr className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {t('table.not_answered')}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{formatNumber(table.notAnswered, locale)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric" />
            </tr>
          ) : null}
        </tfoot>
      </table>
      {table.multi ? <p className="govuk-body-s">{t('table.multi_note')}</p> : null}
    </ScrollTable>
  )
}

/** A chart, its summary and its data table, under a heading. */
export function ChartSection({ table, locale, level = 3 }: { table: ChartTable; locale: string; level?: 2 | 3 | 4 }) {
  const Heading = `h${level}` as 'h2' | 'h3' | 'h4'
  return (
    <section className="hys-chart-section" aria-labelledby={`${table.id}-heading`} id={table.id}>
      <Heading className={level === 2 ? 'govuk-heading-m' : 'govuk-heading-s'} id={`${table.id}-heading`} lang={table.titleLang} dir="auto">
        {table.title}
      </Heading>
      <div className="hys-chart-and-table">
        <ChartFigure table={table} locale={locale} />
        <DistributionTable table={table} locale={locale} />
      </div>
    </section>
  )
}

export function PointsTableView({ table, locale }: { table: PointsTable; locale: string }) {
  const { t } = useTranslation('analysis')
  return (
    <section aria-labelledby={`${table.id}-heading`} id={table.id}>
      <h4 className="govuk-heading-s" id={`${table.id}-heading`}>
        {table.title}
      </h4>
      <p className="govuk-body-s">{table.summary}</p>
      <ScrollTable label={t('table.label', { title: table.title })}>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">{table.title}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                {t('question.answer')}
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                {t('question.ranked_count')}
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                {t('question.points')}
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
                  <Count cell={row.ranked} locale={locale} />
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{row.points === null ? '' : formatNumber(row.points, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  )
}

export { formatPercent }
