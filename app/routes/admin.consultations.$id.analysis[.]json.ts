import type { LoaderFunctionArgs } from '@remix-run/node'
import { loadAnalysisContext } from '~/features/analysis/analysis-context.server.ts'
import { buildDashboardData } from '~/features/analysis/dashboard-page.server.ts'
import { exportDocument } from '~/features/analysis/export.server.ts'
import { recordAudit } from '~/features/audit/audit.server.ts'

// The dashboard's tables as JSON, with the same filters (and cross-tab, if
// chosen). Always suppressed: see docs/decisions/0005-small-numbers.md.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadAnalysisContext(request, params.id, { exporting: true })
  const data = buildDashboardData(context, new URL(request.url).searchParams)
  const doc = exportDocument(context, data)
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
