import type { AnalysisContext } from './analysis-context.server.ts'
import { loadCensusMargins } from './census-margins.server.ts'
import { censusShares, dimensionCategories, hasCensusNote, isEqualityDimension, PROFILE_DIMENSIONS, type ProfileDimension } from './census.ts'
import { frameData } from './dashboard-page.server.ts'
import { isShown, publishCount, type PublishedCell } from './publish.ts'
import { marginOfError } from './statistics/index.ts'
import { censusTargets, publishedMargins, runWeighting, weightedResults, type MarginSpec, type WeightingProblem, type WeightedRow } from './weighting.ts'
import type { FrameData } from './components/frame.tsx'

// The weighting page: the analyst's choices (a GET form, so a run can be
// bookmarked), checked; then raking and the results weighted and unweighted.

export const DEFAULT_CAP = 5
export const DEFAULT_COLLAPSE = 10

export interface MarginChoiceView {
  dimension: ProfileDimension
  label: string
  checked: boolean
  /** census: the census table's source; own: the analyst types the target percentages */
  kind: 'census' | 'own'
  source: string | null
  /** how the census figures were matched to the survey's categories, when that needs saying */
  note: string | null
  /** own figures: the categories and what was typed */
  fields: { category: string; label: string; value: string; error: boolean }[]
}

export interface WeightingForm {
  margins: MarginChoiceView[]
  cap: string
  floor: string
  collapse: string
  errors: { field: string; message: string }[]
}

export interface WeightedTableView {
  id: string
  title: string
  titleLang?: string
  rows: (Omit<WeightedRow, 'code'> & { label: string; lang?: string })[]
  base: PublishedCell
  weightedN: number | null
  effectiveN: number | null
  designEffect: number | null
  multi: boolean
}

export interface WeightingResultView {
  converged: boolean
  iterations: number
  maxMarginErrorPoints: number
  notConverged: 'max-iterations' | 'weight-cap' | null
  weighted: PublishedCell
  /**
   * The sizes below are withheld when the weighted respondents are hidden:
   * each would give the hidden count back (weighted n is their number, the
   * unweighted margin of error is a function of it, n_eff × design effect is
   * n, and "left out" is all responses minus it). Withheld is null.
   */
  excluded: number | null
  minWeight: number
  maxWeight: number
  weightedN: number | null
  effectiveN: number | null
  designEffect: number | null
  /** ± percentage points at 50%, the widest, for the whole weighted sample */
  overallMoe: { unweighted: number; weighted: number } | null
  warnings: string[]
  margins: { title: string; groups: { label: string; respondents: PublishedCell; targetShare: number; achievedShare: number }[] }[]
  questions: { key: string; title: string; lang?: string; tables: WeightedTableView[] }[]
}

export interface WeightingData {
  frame: FrameData
  locale: string
  state: 'no-survey' | 'empty' | 'form' | 'problem' | 'not-converged' | 'ok'
  form: WeightingForm
  problem: string | null
  result: WeightingResultView | null
  canSeeEquality: boolean
}

const number = (raw: string) => Number(raw.trim().replace(',', '.'))

export async function buildWeightingData(context: AnalysisContext, params: URLSearchParams): Promise<WeightingData> {
  const { t, labeller, dataset } = context
  const censusMargins = await loadCensusMargins(context.db)
  const run = params.get('run') === '1'
  const chosen = new Set(params.getAll('margin'))
  const errors: { field: string; message: string }[] = []
  const specs: MarginSpec[] = []
  const margins: MarginChoiceView[] = []
  for (const dimension of PROFILE_DIMENSIONS) {
    if (isEqualityDimension(dimension) && !context.canSeeEquality) continue
    const shares = censusShares(censusMargins, dimension, context.wardCodes)
    const checked = run ? chosen.has(dimension) : ['ward', 'sex', 'ethnic_group_broad'].includes(dimension)
    const label = labeller ? labeller.dimension(dimension) : dimension
    if (shares) {
      margins.push({
        dimension,
        label,
        checked,
        kind: 'census',
        source: [...new Set((censusMargins[dimension] ?? []).map((r) => r.source))].join('; '),
        note: hasCensusNote(dimension) ? t(`census_notes.${dimension}`) : null,
        fields: [],
      })
      const spec = censusTargets(dimension, shares)
      if (checked && spec) specs.push(spec)
      continue
    }
    // No census table: the analyst's own figures (percentages), e.g. age bands from another source.
    const fields = dimensionCategories(dimension, context.wardCodes).map((category) => {
      const value = params.get(`target.${dimension}.${category}`) ?? ''
      const parsed = value.trim() === '' ? 0 : number(value)
      const error = checked && !(Number.isFinite(parsed) && parsed >= 0 && parsed <= 100)
      return { category, label: labeller ? labeller.category(`eq.${dimension}`, category) : category, value, error }
    })
    margins.push({ dimension, label, checked, kind: 'own', source: null, note: null, fields })
    if (checked) {
      const bad = fields.find((f) => f.error)
      if (bad) errors.push({ field: `target-${dimension}-${bad.category}`, message: t('weighting.errors.target', { dimension: label }) })
      else specs.push({ dimension, targets: fields.map((f) => ({ category: f.category, target: (f.value.trim() === '' ? 0 : number(f.value)) / 100 })), source: 'own' })
    }
  }
  const capRaw = params.get('cap') ?? String(DEFAULT_CAP)
  const collapseRaw = params.get('collapse') ?? String(DEFAULT_COLLAPSE)
  let cap: number | null = null
  if (capRaw.trim() !== '') {
    cap = number(capRaw)
    if (!(Number.isFinite(cap) && cap > 1 && cap <= 100)) errors.push({ field: 'cap', message: t('weighting.errors.cap') })
  }
  const floorRaw = params.get('floor') ?? ''
  let floor: number | null = null
  if (floorRaw.trim() !== '') {
    floor = number(floorRaw)
    if (!(Number.isFinite(floor) && floor >= 0 && floor < 1)) errors.push({ field: 'floor', message: t('weighting.errors.floor') })
  }
  const collapse = collapseRaw.trim() === '' ? 0 : number(collapseRaw)
  if (!(Number.isInteger(collapse) && collapse >= 0 && collapse <= 1000)) errors.push({ field: 'collapse', message: t('weighting.errors.collapse') })
  if (run && chosen.size === 0) errors.push({ field: 'margins', message: t('weighting.errors.no_margins') })
  const form: WeightingForm = { margins, cap: capRaw, floor: floorRaw, collapse: collapseRaw, errors: run ? errors : [] }
  const data: WeightingData = {
    frame: frameData(context, {}),
    locale: context.locale,
    state: 'form',
    form,
    problem: null,
    result: null,
    canSeeEquality: context.canSeeEquality,
  }
  if (!dataset || !labeller) return { ...data, state: 'no-survey' }
  if (dataset.n === 0) return { ...data, state: 'empty' }
  if (!run || errors.length) return data
  const outcome = runWeighting(dataset, { margins: specs, cap, floor, collapseBelow: collapse }, context.wardCodes)
  if (!outcome.ok) return { ...data, state: 'problem', problem: describeProblem(outcome.problem, context) }
  const { report, summary } = outcome.run
  const variableTitle = (id: string) => labeller.variable(id)
  const categoryLabel = (dimension: string, code: string) => labeller.category(dimension === 'ward' ? 'ward' : `eq.${dimension}`, code)
  const warnings = report.warnings.map((w) => {
    const dimension = labeller.dimension(w.variable as ProfileDimension)
    switch (w.kind) {
      case 'categories-collapsed': {
        const respondents = publishCount(w.respondents, context.settings)
        return t('weighting.warnings.collapsed', {
          dimension,
          groups: w.categories.map((c) => categoryLabel(w.variable, c)).join(' + '),
          respondents: isShown(respondents) ? String(respondents.count) : t('suppressed.primary', { threshold: context.settings.threshold }),
        })
      }
      case 'margin-has-one-group':
        return t('weighting.warnings.one_group', { dimension })
      case 'zero-target-with-respondents':
        return t('weighting.warnings.zero_target', { dimension, group: w.category.split(' + ').map((c) => categoryLabel(w.variable, c)).join(' + ') })
    }
  })
  const raked = report.weights.length
  const weighted = publishCount(raked, context.settings)
  const sizesShown = isShown(weighted)
  const result: WeightingResultView = {
    converged: report.converged,
    iterations: report.iterations,
    maxMarginErrorPoints: 100 * report.maxMarginError,
    notConverged: report.notConverged?.reason ?? null,
    weighted,
    excluded: sizesShown ? outcome.run.excluded : null,
    minWeight: summary.minWeight,
    maxWeight: summary.maxWeight,
    weightedN: sizesShown ? summary.weightedN : null,
    effectiveN: sizesShown ? summary.effectiveN : null,
    designEffect: sizesShown ? summary.designEffect : null,
    overallMoe: sizesShown ? { unweighted: 100 * marginOfError(0.5, raked), weighted: 100 * marginOfError(0.5, summary.effectiveN) } : null,
    warnings,
    margins: publishedMargins(report, context.settings).map((m) => ({
      title: labeller.dimension(m.variable as ProfileDimension),
      groups: m.groups.map((g) => ({ label: g.categories.map((c) => categoryLabel(m.variable, c)).join(' + '), respondents: g.respondents, targetShare: g.targetShare, achievedShare: g.achievedShare })),
    })),
    questions: [],
  }
  // A run that did not converge gives weights that are not a solution: no weighted results from them.
  if (!report.converged) return { ...data, state: 'not-converged', result }
  result.questions = weightedResults(dataset, outcome.run, context.settings).map(({ key, tables }) => ({
    key,
    title: labeller.question(key),
    lang: labeller.variableLang(`q.${key}`),
    tables: tables.map((table) => {
      return {
        id: `w-${table.variableId.replace(/\./g, '-')}`,
        title: variableTitle(table.variableId),
        titleLang: labeller.variableLang(table.variableId),
        rows: table.rows.map(({ code, ...row }) => ({ ...row, label: labeller.category(table.variableId, code), lang: labeller.categoryLang(table.variableId, code) })),
        base: table.base,
        weightedN: table.weightedN,
        effectiveN: table.effectiveN,
        designEffect: table.designEffect,
        multi: table.multi,
      }
    }),
  }))
  return { ...data, state: 'ok', result }
}

function describeProblem(problem: WeightingProblem, context: AnalysisContext): string {
  const { t, labeller } = context
  const dimension = (d: string) => (labeller ? labeller.dimension(d as ProfileDimension) : d)
  switch (problem.kind) {
    case 'does-not-sum':
      return t('weighting.problems.does_not_sum', { dimension: dimension(problem.dimension), sum: Math.round(1000 * problem.sum) / 10 })
    case 'empty-group':
      return t('weighting.problems.empty_group', {
        dimension: dimension(problem.dimension),
        group: problem.category
          .split(' + ')
          .map((c) => labeller?.category(problem.dimension === 'ward' ? 'ward' : `eq.${problem.dimension}`, c) ?? c)
          .join(' + '),
      })
    case 'invalid-target':
      return t('weighting.problems.invalid_target', { dimension: dimension(problem.dimension) })
    case 'unknown-category':
      return t('weighting.problems.unknown_category', { dimension: dimension(problem.dimension) })
    case 'no-respondents':
      return t('weighting.problems.no_respondents')
    case 'no-margins':
      return t('weighting.errors.no_margins')
    case 'no-equality-data':
      return t('weighting.problems.no_equality')
    case 'invalid-option':
    case 'weights':
      return t('weighting.problems.other')
  }
}
