import type { LoaderFunctionArgs } from '@remix-run/node'
import { listWards } from '~/features/consultations/consultations.server.ts'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { currentImportSurvey } from '~/features/imports/imports.server.ts'
import { XLSX_CONTENT_TYPE, xlsxTemplate } from '~/features/imports/template.server.ts'

// The XLSX template for importing responses: a Responses sheet (the header
// row) and a Columns sheet explaining every column of the current survey version.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await loadConsultationForOfficer(request, params.id)
  const survey = await currentImportSurvey(db, consultation.id)
  if (!survey) throw new Response('not_found', { status: 404 })
  const buffer = await xlsxTemplate({
    definition: survey.definition,
    wards: await listWards(db),
    title: consultation.content.en?.title ?? consultation.slug,
    versionNumber: survey.versionNumber,
  })
  return new Response(new Uint8Array(buffer), {
    headers: {
      'Content-Type': XLSX_CONTENT_TYPE,
      'Content-Disposition': `attachment; filename="${consultation.slug}-import-v${survey.versionNumber}.xlsx"`,
      'Cache-Control': 'no-store',
    },
  })
}
