import type { LoaderFunctionArgs } from '@remix-run/node'
import { INSTANCE_ID, listInstances } from '~/features/realtime/bus.server.ts'
import { log } from '~/utils/log.server.ts'

// Which app instances reach each other over the message bus (PostgreSQL
// LISTEN/NOTIFY when several share a database; just this one on SQLite).
export async function loader({ context }: LoaderFunctionArgs) {
  try {
    const instances = await listInstances()
    return Response.json({ instance: INSTANCE_ID, instances }, { headers: { 'Cache-Control': 'no-store' } })
  } catch (error) {
    log('error', 'cluster check failed', { requestId: context.requestId, error: error instanceof Error ? error.message : String(error) })
    return Response.json({ instance: INSTANCE_ID, status: 'error', bus: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  }
}
