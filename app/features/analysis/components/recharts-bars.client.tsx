import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts'

// The browser's chart (recharts), loaded after the page: the server-drawn
// chart in chart.tsx is what a page without JavaScript keeps. Hidden counts
// have no bar; their label says why ("fewer than 10").

export interface BarDatum {
  label: string
  /** null: suppressed */
  value: number | null
  /** the count as the page writes it, with the percentage */
  text: string
}

export interface RechartsBarsProps {
  data: BarDatum[]
  layout: 'bars' | 'columns'
}

const BLUE = '#1d70b8'
const TEXT = '#0b0c0c'
const short = (label: string, max = 24) => (label.length > max ? `${label.slice(0, max - 1)}…` : label)

export function RechartsBars({ data: rows, layout }: RechartsBarsProps) {
  // A hidden count is drawn as an empty bar so its label ("fewer than 10") still shows:
  // recharts draws no label for a bar of no length, hence minPointSize and a clear fill.
  const data = rows.map((d) => ({ ...d, value: d.value ?? 0, hidden: d.value === null }))
  const cells = data.map((d, i) => <Cell key={i} fill={d.hidden ? 'transparent' : BLUE} />)
  if (layout === 'columns') {
    return (
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 24, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="#b1b4b6" />
          <XAxis dataKey="label" tick={{ fill: TEXT, fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis allowDecimals={false} tick={{ fill: TEXT, fontSize: 12 }} width={40} />
          <Bar dataKey="value" fill={BLUE} isAnimationActive={false} minPointSize={1}>
            {cells}
            <LabelList dataKey="text" position="top" fill={TEXT} fontSize={12} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    )
  }
  return (
    <ResponsiveContainer width="100%" height={Math.max(120, 36 * data.length + 24)}>
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 96, bottom: 4, left: 4 }} accessibilityLayer={false}>
        <XAxis type="number" hide allowDecimals={false} />
        {/* Wide enough for a ward name such as "Bethnal Green West" at 13px. */}
        <YAxis type="category" dataKey="label" width={146} tick={{ fill: TEXT, fontSize: 13 }} tickFormatter={(label: string) => short(label)} />
        <Bar dataKey="value" fill={BLUE} isAnimationActive={false} barSize={22} minPointSize={1}>
          {cells}
          <LabelList dataKey="text" position="right" fill={TEXT} fontSize={13} />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  )
}
