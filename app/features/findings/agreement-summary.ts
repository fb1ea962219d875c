import { cohensKappa, krippendorffAlphaNominal, krippendorffBand, landisKochBand, type AlphaBand, type LandisKochBand } from '../analysis/statistics/index.ts'

// Agreement between the first coding and a second analyst's blind coding of
// the sampled answers, for the report's method section: Cohen's kappa per
// theme (each theme applied or not) and Krippendorff's alpha over every
// answer-and-theme decision together.

export interface SampledUnit {
  /** themes the first coder applied */
  first: readonly string[]
  /** themes the second (blind) coder applied */
  second: readonly string[]
}

export interface AgreementSummary {
  units: number
  themes: { id: string; name: string; kappa: number | null; band: LandisKochBand | null }[]
  alpha: number | null
  alphaBand: AlphaBand | null
}

export function summariseAgreement(units: readonly SampledUnit[], themes: readonly { id: string; name: string }[]): AgreementSummary {
  const perTheme = themes.map((th) => {
    const result = cohensKappa(
      units.map((u) => u.first.includes(th.id)),
      units.map((u) => u.second.includes(th.id)),
    )
    // Undefined when both coders gave one and the same answer for every unit (e.g. nobody applied the theme).
    return result.ok ? { id: th.id, name: th.name, kappa: result.value.kappa, band: landisKochBand(result.value.kappa) } : { id: th.id, name: th.name, kappa: null, band: null }
  })
  const decisions = units.flatMap((u) => themes.map((th) => [u.first.includes(th.id), u.second.includes(th.id)] as const))
  const alpha = decisions.length ? krippendorffAlphaNominal([decisions.map((d) => d[0]), decisions.map((d) => d[1])]) : null
  return {
    units: units.length,
    themes: perTheme,
    alpha: alpha?.ok ? alpha.value.alpha : null,
    alphaBand: alpha?.ok ? krippendorffBand(alpha.value.alpha) : null,
  }
}
