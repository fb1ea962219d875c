import { useTranslation } from 'react-i18next'
import type { CrossTabView, VariableOption } from '../dashboard.ts'
import type { PublishedCell } from '../statistics/index.ts'
import { percentText } from '../view.ts'
import { Count, ScrollTable } from './tables.tsx'

// Cross-tabulation of any two variables: a GET form (rows and columns), then
// the table with row percentages, suppressed as one table.

function VariableSelect({ id, label, options, selected }: { id: string; label: string; options: VariableOption[]; selected: string }) {
  const { t } = useTranslation('analysis')
  const groups = (['question', 'response', 'equality'] as const).map((g) => ({ g, items: options.filter((o) => o.group === g) })).filter((x) => x.items.length)
  return (
    <div className="govuk-form-group hys-filter">
      <label className="govuk-label" htmlFor={`crosstab-${id}`}>
        {label}
      </label>
      <select className="govuk-select" id={`crosstab-${id}`} name={id} defaultValue={selected}>
        {groups.map(({ g, items }) => (
          <optgroup key={g} label={t(`crosstab.groups.${g}`)}>
            {items.map((o) => (
              <option key={o.id} value={o.id} lang={o.lang}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  )
}

function CellWithPercent({ cell, locale }: { cell: PublishedCell; locale: string }) {
  const percent = percentText(cell, locale)
  return (
    <>
      <Count cell={cell} locale={locale} />
      {percent ? <span className="hys-percent"> ({percent})</span> : null}
    </>
  )
}

export function CrossTabSection({
  action,
  keep,
  options,
  rows,
  columns,
  view,
  problem,
  locale,
}: {
  action: string
  keep: Record<string, string>
  options: VariableOption[]
  rows: string
  columns: string
  view: CrossTabView | null
  problem: string | null
  locale: string
}) {
  const { t } = useTranslation('analysis')
  return (
    <section aria-labelledby="crosstab-heading" id="crosstab">
      <h2 className="govuk-heading-m" id="crosstab-heading">
        {t('crosstab.title')}
      </h2>
      <p className="govuk-body">{t('crosstab.intro')}</p>
      <form method="get" action={`${action}#crosstab`} className="hys-filters">
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div className="hys-filters__fields">
          <VariableSelect id="rows" label={t('crosstab.rows')} options={options} selected={rows} />
          <VariableSelect id="columns" label={t('crosstab.columns')} options={options} selected={columns} />
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          {t('crosstab.submit')}
        </button>
      </form>
      {problem ? (
        <p className="govuk-error-message" role="alert">
          {t(`crosstab.problems.${problem}`)}
        </p>
      ) : null}
      {view ? (
        <>
          <p className="govuk-body" id="crosstab-summary">
            {view.summary}
          </p>
          <ScrollTable label={t('crosstab.table_label', { rows: view.rowTitle, columns: view.columnTitle })}>
            <table className="govuk-table hys-crosstab" aria-describedby="crosstab-summary" data-testid="crosstab">
              <caption className="govuk-table__caption govuk-table__caption--s">{t('crosstab.caption', { rows: view.rowTitle, columns: view.columnTitle })}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header" lang={view.rowTitleLang} dir="auto">
                    {view.rowTitle}
                  </th>
                  {view.columnLabels.map((label, j) => (
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={j} lang={view.columnLangs[j]} dir="auto">
                      {label}
                    </th>
                  ))}
                  <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                    {t('crosstab.total')}
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {view.rowLabels.map((label, i) => (
                  <tr className="govuk-table__row" key={i}>
                    <th scope="row" className="govuk-table__header hys-row-header" lang={view.rowLangs[i]} dir="auto">
                      {label}
                    </th>
                    {view.table.cells[i]!.map((cell, j) => (
                      <td className="govuk-table__cell govuk-table__cell--numeric" key={j}>
                        <CellWithPercent cell={cell} locale={locale} />
                      </td>
                    ))}
                    <td className="govuk-table__cell govuk-table__cell--numeric">
                      <CellWithPercent cell={view.table.rowTotals[i]!} locale={locale} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="govuk-table__row">
                  <th scope="row" className="govuk-table__header">
                    {t('crosstab.total')}
                  </th>
                  {view.table.columnTotals.map((cell, j) => (
                    <td className="govuk-table__cell govuk-table__cell--numeric" key={j}>
                      <CellWithPercent cell={cell} locale={locale} />
                    </td>
                  ))}
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    <CellWithPercent cell={view.table.grandTotal} locale={locale} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </ScrollTable>
          <p className="govuk-body-s">{t('crosstab.percent_note')}</p>
          {view.multi ? <p className="govuk-body-s">{t('crosstab.multi_note')}</p> : null}
        </>
      ) : null}
    </section>
  )
}
