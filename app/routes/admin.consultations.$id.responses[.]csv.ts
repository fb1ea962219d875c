import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { streamResponsesCsv } from '~/features/analysis/read-worker.server.ts'
import { ANALYSIS_ROLES } from '~/features/analysis/permissions.ts'
import { recordAudit } from '~/features/audit/audit.server.ts'
import { requireUser } from '~/features/auth/auth.server.ts'
import { findCurrentSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { countSubmittedResponses } from '~/features/findings/csv-protection.server.ts'
import { getDb } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import { databaseLocationFromEnv } from '../../db/location.ts'

// One row per submitted response, streamed through the read path (a worker
// thread writes it), so a large export never holds up residents. Protected
// for every role like every export (rare answers and wards suppressed, free
// text redacted, counted in the same read as the rows:
// app/features/findings/csv-protection.ts). Equality answers
// are not in this file. No responses: a page that says so, not an empty file.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ANALYSIS_ROLES)
  const db = await getDb()
  const consultation = await db.selectFrom('consultation').select(['id', 'slug']).where('id', '=', params.id ?? '').executeTakeFirst()
  if (!consultation) throw new Response('not_found', { status: 404 })
  const version = await findCurrentSurveyVersion(db, consultation.id)
  if (!version || (await countSubmittedResponses(db, consultation.id)) === 0) {
    return redirect(`/admin/consultations/${consultation.id}/analysis/nothing-to-export`, 303)
  }
  const threshold = getEnv().SUPPRESSION_THRESHOLD
  const t = await i18n.getFixedT(await getLocale(request), 'analysis')
  await recordAudit(db, { actor: user.id, action: 'responses.exported', entity: 'consultation', entityId: consultation.id, detail: { format: 'csv', threshold } })
  const chunks = streamResponsesCsv({
    location: databaseLocationFromEnv({ DATABASE_URL: getEnv().DATABASE_URL }),
    consultationId: consultation.id,
    definition: version.definition,
    protection: { threshold, mark: t('suppressed.primary', { threshold }) },
  })
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next()
      if (next.done) controller.close()
      else controller.enqueue(next.value)
    },
    async cancel() {
      await chunks.return(undefined)
    },
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${consultation.slug}-responses.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
