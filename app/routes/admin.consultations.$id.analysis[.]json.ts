import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { loadAnalysisContext } from '~/features/analysis/analysis-context.server.ts'
import { buildDashboardData } from '~/features/analysis/dashboard-page.server.ts'
import { exportDocument } from '~/features/analysis/export.server.ts'
import { recordAudit } from '~/features/audit/audit.server.ts'
import { buildExportFindings } from '~/features/findings/export-findings.server.ts'

// The dashboard's tables as JSON, with the same filters (and cross-tab, if
// chosen), with the themes and quotes (redacted). Always suppressed: see docs/decisions/0005-small-numbers.md.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadAnalysisContext(request, params.id, { exporting: true })
  const data = buildDashboardData(context, new URL(request.url).searchParams)
  // Nobody has answered: a page that says so, not an empty file.
  if (data.allResponses === 0) return redirect(`/admin/consultations/${context.consultation.id}/analysis/nothing-to-export`, 303)
  const doc = exportDocument(context, data, new Date(), await buildExportFindings(context))
  await recordAudit(context.db, {
    actor: context.user.id,
    action: 'analysis.exported',
    entity: 'consultation',
    entityId: context.consultation.id,
    detail: { format: 'json', filters: data.filters },
  })
  return new Response(JSON.stringify(doc, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${context.consultation.slug}-results.json"`,
      'Cache-Control': 'no-store',
    },
  })
}
