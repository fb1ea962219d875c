// The analysis statistics library: pure functions, no I/O. Import from here.

export type { Result } from './result.ts'
export { rake, rakeCoded } from './raking.ts'
export type { RakedGroup, RakingError, RakingMargin, RakingOptions, RakingReport, RakingRespondent, RakingWarning } from './raking.ts'
export { effectiveSampleSize, marginOfError, proportionMarginsOfError, summariseWeights, weightedCodedTable, weightedPercentageTable, Z_95 } from './weights-summary.ts'
export type { PercentageRow, PercentageTable, WeightsError, WeightsSummary } from './weights-summary.ts'
export { alphaByTheme, cohensKappa, kappaByTheme, krippendorffAlphaNominal, krippendorffBand, landisKochBand } from './agreement.ts'
export type { AgreementError, AlphaBand, AlphaReport, CodeValue, KappaReport, LandisKochBand, TwoCoderUnit } from './agreement.ts'
export { exactlyRecoverableCells, isPrimarySensitive, suppressCrossTab, suppressDistribution } from './suppression.ts'
export type { PublishedCell, SuppressedCrossTab, SuppressedDistribution, SuppressionError, SuppressionOptions } from './suppression.ts'
export {
  BENGALI_STOP_WORDS,
  buildTfidf,
  clusterTexts,
  compileLexicon,
  createSeededRandom,
  ENGLISH_STOP_WORDS,
  matchThemes,
  normaliseText,
  sphericalKMeans,
  tokenise,
} from './text-clustering.ts'
export type {
  ClusteringError,
  ClusterReport,
  ClusterTextsOptions,
  CompiledLexicon,
  KMeansOptions,
  KMeansResult,
  TextCluster,
  TfidfMatrix,
  TfidfOptions,
  ThemeLexicon,
  TokeniseOptions,
} from './text-clustering.ts'
