import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { paperDocumentHtml } from '~/features/paper/pdf-document.server.tsx'
import { PdfBusy, PdfUnavailable, htmlToPdf, pdfAvailable } from '~/features/paper/pdf.server.ts'
import { loadPaperSurvey, newFormNumbers, paperContent, paperCopies, recordPaperForms } from '~/features/paper/paper-forms.server.ts'
import { parsePaperOptions } from '~/features/paper/paper-options.ts'
import { getEnv } from '~/utils/env.server.ts'
import { log } from '~/utils/log.server.ts'

// The paper forms as a PDF: the same copies as the print page, printed by
// Chromium. The form numbers are recorded only once the file is made, so a
// failed download leaves no numbers that were never printed. When no PDF can
// be made, the officer goes back to the paper page, which explains why in
// their own language and points to the print page's "Save as PDF".
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, db, consultation } = await loadConsultationForOfficer(request, params.id)
  const url = new URL(request.url)
  const survey = await loadPaperSurvey(db, consultation.id)
  if (!survey) throw new Response('not_found', { status: 404 })
  const parsed = parsePaperOptions((name) => url.searchParams.get(name), consultation.locales)
  // `in`, not `lng`: on a page, ?lng= would switch the officer's own language.
  const back = (problem: Record<string, string>) => {
    const query = new URLSearchParams({ ...problem, in: url.searchParams.get('lng') ?? '', large: url.searchParams.get('large') ?? '', copies: url.searchParams.get('copies') ?? '' })
    return redirect(`/admin/consultations/${consultation.id}/paper?${query}`, 303)
  }
  if (!parsed.ok) {
    if (parsed.errors.lng) throw new Response('bad_request', { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
    return back({ pdf_error: parsed.errors.copies!.replace('errors.', '') })
  }
  if (!pdfAvailable()) return back({ pdf: 'unavailable' })
  const { options } = parsed
  const numbers = await newFormNumbers(db, options.copies)
  const origin = getEnv().PUBLIC_URL ?? url.origin
  const html = paperDocumentHtml({
    content: await paperContent(db, consultation, survey, options.locale),
    copies: await paperCopies(origin, consultation.id, numbers),
    largePrint: options.largePrint,
  })
  let pdf: Buffer
  try {
    pdf = await htmlToPdf(html)
  } catch (error) {
    if (error instanceof PdfBusy) return back({ pdf: 'busy' })
    if (error instanceof PdfUnavailable) return back({ pdf: 'unavailable' })
    log('error', 'paper PDF failed', { requestId: context.requestId, consultation: consultation.id, copies: options.copies, error: error instanceof Error ? error.message : String(error) })
    return back({ pdf: 'failed' })
  }
  await recordPaperForms(db, { ...options, consultationId: consultation.id, survey, printedBy: user.id, format: 'pdf', numbers })
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="paper-forms-${consultation.slug}-${options.locale}${options.largePrint ? '-large' : ''}.pdf"`,
      'Content-Length': String(pdf.length),
      'Cache-Control': 'no-store',
    },
  })
}
