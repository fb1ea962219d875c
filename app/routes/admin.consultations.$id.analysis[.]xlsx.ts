import type { LoaderFunctionArgs } from '@remix-run/node'
import { loadAnalysisContext } from '~/features/analysis/analysis-context.server.ts'
import { buildDashboardData } from '~/features/analysis/dashboard-page.server.ts'
import { exportDocument, writeAnalysisWorkbook, XLSX_TYPE } from '~/features/analysis/export.server.ts'
import { recordAudit } from '~/features/audit/audit.server.ts'

// The dashboard's tables as a workbook: an "About" sheet, the responses
// overview, a sheet per question (counts and percentages), the cross-tab if
// chosen. Always suppressed: see docs/decisions/0005-small-numbers.md.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadAnalysisContext(request, params.id, { exporting: true })
  const data = buildDashboardData(context, new URL(request.url).searchParams)
  const buffer = await writeAnalysisWorkbook(exportDocument(context, data), context.t)
  await recordAudit(context.db, {
    actor: context.user.id,
    action: 'analysis.exported',
    entity: 'consultation',
    entityId: context.consultation.id,
    detail: { format: 'xlsx', filters: data.filters },
  })
  return new Response(new Uint8Array(buffer), {
    headers: {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="${context.consultation.slug}-results.xlsx"`,
      'Cache-Control': 'no-store',
    },
  })
}
