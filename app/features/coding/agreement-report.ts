import {
  kappaByTheme,
  krippendorffAlphaNominal,
  krippendorffBand,
  landisKochBand,
  type AgreementError,
  type AlphaReport,
  type KappaReport,
} from '../analysis/statistics/agreement.ts'
import type { Result } from '../analysis/statistics/result.ts'

// Agreement between the first (working) coding and a second analyst's blind
// coding of a sample. An answer may carry several themes, so each theme is a
// yes/no code: Cohen's kappa per theme, and Krippendorff's alpha overall over
// every (answer, theme) decision pooled, so one figure sums up the codebook.

export interface SampleUnit {
  responseId: string
  /** themes given in the first pass; null when the first pass has not looked at it yet */
  first: readonly string[] | null
  /** the same for the second, blind pass */
  second: readonly string[] | null
}

export interface AgreementReport {
  sampleSize: number
  /** answers both passes have coded: the units compared */
  units: number
  missingFirst: number
  missingSecond: number
  perTheme: Array<{ themeId: string; result: Result<KappaReport, AgreementError> }>
  overall: Result<AlphaReport, AgreementError> | null
}

// NOTE: floating point gives κ = 0.6000000000000001 for an exact 0.6, which the
// bands would call "substantial"; the band is taken from the value as shown.
const clean = (value: number) => Number(value.toFixed(10))

export function buildAgreementReport(sample: readonly SampleUnit[], themeIds: readonly string[]): AgreementReport {
  const both = sample.filter((u) => u.first !== null && u.second !== null)
  const report: AgreementReport = {
    sampleSize: sample.length,
    units: both.length,
    missingFirst: sample.filter((u) => u.first === null).length,
    missingSecond: sample.filter((u) => u.second === null).length,
    perTheme: [],
    overall: null,
  }
  if (both.length === 0) return report
  report.perTheme = kappaByTheme(
    both.map((u) => ({ a: u.first!, b: u.second! })),
    themeIds,
  ).map((r) => ({ themeId: r.theme, result: r.result.ok ? { ok: true as const, value: { ...r.result.value, band: landisKochBand(clean(r.result.value.kappa)) } } : r.result }))
  const decisions = (pass: 'first' | 'second') => both.flatMap((u) => themeIds.map((t) => u[pass]!.includes(t)))
  const alpha = krippendorffAlphaNominal([decisions('first'), decisions('second')])
  report.overall = alpha.ok ? { ok: true, value: { ...alpha.value, band: krippendorffBand(clean(alpha.value.alpha)) } } : alpha
  return report
}
