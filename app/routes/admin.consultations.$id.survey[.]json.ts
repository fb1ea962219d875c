import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/features/auth/auth.server.ts'
import { surveyStatus } from '~/features/surveys/survey-versions.server.ts'
import { getDb } from '~/utils/db.server.ts'

// The current survey definition as a JSON file, to edit and upload again (here or to another consultation).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, ['admin', 'officer'])
  const db = await getDb()
  const consultation = await db.selectFrom('consultation').select(['id', 'slug']).where('id', '=', params.id ?? '').executeTakeFirst()
  if (!consultation) throw new Response('not_found', { status: 404 })
  const { current } = await surveyStatus(db, consultation.id)
  if (!current) throw new Response('not_found', { status: 404 })
  return new Response(JSON.stringify(JSON.parse(current.definition), null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${consultation.slug}-survey-v${current.versionNumber}.json"`,
      'Cache-Control': 'no-store',
    },
  })
}
