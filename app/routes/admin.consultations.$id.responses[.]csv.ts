import type { LoaderFunctionArgs } from '@remix-run/node'
import { streamResponsesCsv } from '~/features/analysis/read-worker.server.ts'
import { recordAudit } from '~/features/audit/audit.server.ts'
import { requireUser } from '~/features/auth/auth.server.ts'
import { findCurrentSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { getDb } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { databaseLocationFromEnv } from '../../db/location.ts'

// One row per submitted response, streamed through the read path (a worker
// thread on SQLite), so a large export never holds up residents. Equality
// answers are not in this file.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ['admin', 'analyst'])
  const db = await getDb()
  const consultation = await db.selectFrom('consultation').select(['id', 'slug']).where('id', '=', params.id ?? '').executeTakeFirst()
  if (!consultation) throw new Response('not_found', { status: 404 })
  const version = await findCurrentSurveyVersion(db, consultation.id)
  if (!version) throw new Response('not_found', { status: 404 })
  await recordAudit(db, { actor: user.id, action: 'responses.exported', entity: 'consultation', entityId: consultation.id, detail: { format: 'csv' } })
  const chunks = streamResponsesCsv({
    location: databaseLocationFromEnv({ DATABASE_URL: getEnv().DATABASE_URL }),
    consultationId: consultation.id,
    definition: version.definition,
  })
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(next.value))
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
