import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { loadAnalysisContext } from '~/features/analysis/analysis-context.server.ts'
import { recordAudit } from '~/features/audit/audit.server.ts'
import { reportDocumentHtml } from '~/features/findings/report-pdf.server.tsx'
import { buildReportData } from '~/features/findings/report.server.ts'
import { PdfBusy, PdfUnavailable, htmlToPdf, pdfAvailable } from '~/features/paper/pdf.server.ts'
import { log } from '~/utils/log.server.ts'

// The findings report as a PDF, printed by the system's Chromium from the
// same document as the print page. When no PDF can be made, the analyst goes
// back to the report, which says why and that the browser's print can save a PDF.
export async function loader({ request, params, context: load }: LoaderFunctionArgs) {
  const context = await loadAnalysisContext(request, params.id, { exporting: true })
  const back = (problem: string) => redirect(`/admin/consultations/${context.consultation.id}/analysis/report?pdf=${problem}`, 303)
  if (!pdfAvailable()) return back('unavailable')
  const html = reportDocumentHtml(await buildReportData(context), context.locale)
  let pdf: Buffer
  try {
    pdf = await htmlToPdf(html)
  } catch (error) {
    if (error instanceof PdfBusy) return back('busy')
    if (error instanceof PdfUnavailable) return back('unavailable')
    log('error', 'findings report PDF failed', { requestId: load.requestId, consultation: context.consultation.id, error: error instanceof Error ? error.message : String(error) })
    return back('failed')
  }
  await recordAudit(context.db, { actor: context.user.id, action: 'analysis.exported', entity: 'consultation', entityId: context.consultation.id, detail: { format: 'report-pdf' } })
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${context.consultation.slug}-findings-report.pdf"`,
      'Content-Length': String(pdf.length),
      'Cache-Control': 'no-store',
    },
  })
}
