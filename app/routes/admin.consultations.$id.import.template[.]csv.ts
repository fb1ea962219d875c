import type { LoaderFunctionArgs } from '@remix-run/node'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { currentImportSurvey } from '~/features/imports/imports.server.ts'
import { CSV_CONTENT_TYPE, csvTemplate } from '~/features/imports/template.server.ts'

// The CSV template for importing responses: the header row of the current survey version.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await loadConsultationForOfficer(request, params.id)
  const survey = await currentImportSurvey(db, consultation.id)
  if (!survey) throw new Response('not_found', { status: 404 })
  return new Response(csvTemplate(survey.definition), {
    headers: {
      'Content-Type': CSV_CONTENT_TYPE,
      'Content-Disposition': `attachment; filename="${consultation.slug}-import-v${survey.versionNumber}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
