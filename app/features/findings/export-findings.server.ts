import type { AnalysisContext } from '../analysis/analysis-context.server.ts'
import type { ExportCell, ExportFindings } from '../analysis/export.server.ts'
import type { PublishedCell } from '../analysis/publish.ts'
import { countResidentsByCta, publishThemes } from './cta-summary.ts'
import { buildConsultationCtaSummary, listCallsToAction, loadThemeData } from './cta-summary.server.ts'

// The themes and quotes added to the XLSX and JSON exports: every active
// theme with its call to action and the residents who raised it (suppressed),
// and the call-to-action summary's quotes (redacted).

function exportCell(cell: PublishedCell, t: AnalysisContext['t']): ExportCell {
  if (cell.kind === 'shown') return { count: cell.count }
  return { suppressed: cell.reason, text: cell.reason === 'primary' ? t('suppressed.primary', { threshold: cell.threshold }) : t('suppressed.secondary') }
}

export async function buildExportFindings(context: AnalysisContext): Promise<ExportFindings> {
  const consultation = await context.db.selectFrom('consultation').select('framework_id').where('id', '=', context.consultation.id).executeTakeFirstOrThrow()
  const ctas = await listCallsToAction(context.db, consultation.framework_id, context.locale)
  const data = await loadThemeData(context.db, context.consultation.id)
  // Themes with no call to action are a group of their own, suppressed together.
  const groups = countResidentsByCta([...ctas.map((c) => c.code), null], data.themes, data.codings)
  const themes = groups.flatMap((group) => {
    const published = publishThemes(group, context.settings)
    return published.themes.map((th) => ({ theme: th.name, cta: group.code, residents: exportCell(th.residents, context.t) }))
  })
  const { summary } = await buildConsultationCtaSummary(context, ctas)
  const quotes = summary.sections.flatMap((s) => s.quotes.map((q) => ({ cta: s.code, theme: q.themeName, text: q.text })))
  return { themes, quotes }
}
