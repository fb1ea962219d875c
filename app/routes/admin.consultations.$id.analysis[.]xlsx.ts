import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { loadAnalysisContext } from '~/features/analysis/analysis-context.server.ts'
import { buildDashboardData } from '~/features/analysis/dashboard-page.server.ts'
import { exportDocument, writeAnalysisWorkbook, XLSX_TYPE } from '~/features/analysis/export.server.ts'
import { recordAudit } from '~/features/audit/audit.server.ts'
import { buildExportFindings } from '~/features/findings/export-findings.server.ts'

// The dashboard's tables as a workbook: an "About" sheet, the responses
// overview, a sheet per question (counts and percentages), the cross-tab if
// chosen, the themes and the quotes (redacted). Always suppressed: see docs/decisions/0005-small-numbers.md.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadAnalysisContext(request, params.id, { exporting: true })
  const data = buildDashboardData(context, new URL(request.url).searchParams)
  // Nobody has answered: a page that says so, not an empty file.
  if (data.allResponses === 0) return redirect(`/admin/consultations/${context.consultation.id}/analysis/nothing-to-export`, 303)
  const buffer = await writeAnalysisWorkbook(exportDocument(context, data, new Date(), await buildExportFindings(context)), context.t)
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
