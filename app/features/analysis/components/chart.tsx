import { useEffect, useState, type ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChartTable } from '../view.ts'
import { cellText, percentText } from '../view.ts'
import type { BarDatum, RechartsBarsProps } from './recharts-bars.client.tsx'

// A chart with its text alternative. Recharts 3 draws nothing on the server
// (it measures in the browser), so the server sends an HTML and SVG bar chart
// that needs no JavaScript and no inline styles (the CSP allows none); in a
// browser with JavaScript, recharts replaces it once the page has loaded.
// Either way the figure is an image labelled by its visible summary, and the
// data table beside it (DistributionTable) holds every number.

let loaded: ComponentType<RechartsBarsProps> | null = null

function useRecharts() {
  const [Component, setComponent] = useState<ComponentType<RechartsBarsProps> | null>(null)
  useEffect(() => {
    let live = true
    if (loaded) setComponent(() => loaded)
    else
      import('./recharts-bars.client.tsx')
        .then((module) => {
          loaded = module.RechartsBars
          if (live) setComponent(() => module.RechartsBars)
        })
        .catch(() => {
          // The server-drawn chart stays: nothing is lost.
        })
    return () => {
      live = false
    }
  }, [])
  return Component
}

export function ChartFigure({ table, locale }: { table: ChartTable; locale: string }) {
  const { t } = useTranslation('analysis')
  const Recharts = useRecharts()
  const data: BarDatum[] = table.rows.map((row) => ({
    label: row.label,
    value: row.cell.kind === 'shown' ? row.cell.count : null,
    text: row.cell.kind === 'shown' ? `${cellText(row.cell, locale, t)}${row.cell.percent !== undefined ? ` (${percentText(row.cell, locale)})` : ''}` : cellText(row.cell, locale, t),
  }))
  const max = Math.max(0, ...data.map((d) => d.value ?? 0))
  const summaryId = `${table.id}-summary`
  return (
    <figure className="hys-chart">
      {/* Charts read left to right in every language (axes, bar growth); labels keep their own direction. */}
      <div role="img" aria-labelledby={summaryId} className="hys-chart__plot" data-chart={Recharts ? 'recharts' : 'server'} dir="ltr">
        {Recharts ? (
          <Recharts data={data} layout={table.layout} />
        ) : (
          <div className="hys-bars">
            {data.map((d, i) => (
              <div className="hys-bars__row" key={i}>
                <span className="hys-bars__label" lang={table.rows[i]!.lang} dir="auto">
                  {d.label}
                </span>
                <span className="hys-bars__track">
                  <svg className="hys-bars__svg" width="100%" height="18" focusable="false" aria-hidden="true">
                    {d.value !== null && max > 0 ? <rect className="hys-bars__bar" x="0" y="0" height="18" width={`${(100 * d.value) / max}%`} /> : null}
                  </svg>
                  <span className="hys-bars__value">{d.text}</span>
                </span>
              </div>
            ))}
          </div>
        )}
      </div>
      <figcaption id={summaryId} className="govuk-body-s hys-chart__summary">
        {table.summary}
      </figcaption>
    </figure>
  )
}
