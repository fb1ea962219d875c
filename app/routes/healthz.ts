import type { LoaderFunctionArgs } from '@remix-run/node'
import { sql } from 'kysely'
import { getDb } from '~/utils/db.server.ts'
import { log } from '~/utils/log.server.ts'
import { getBus } from '~/features/realtime/bus.server.ts'

// For load balancers and monitoring: 200 when the database answers.
export async function loader({ context }: LoaderFunctionArgs) {
  try {
    const db = await getDb()
    await sql`select 1`.execute(db)
    // Joining the message bus here means every instance is on it from its start-up check.
    await getBus()
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    // The reason goes to the log (operators), not to the caller.
    log('error', 'health check failed', { requestId: context.requestId, error: error instanceof Error ? error.message : String(error) })
    return Response.json({ status: 'error', database: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  }
}
