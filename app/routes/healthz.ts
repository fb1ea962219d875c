import { sql } from 'kysely'
import { getDb } from '~/utils/db.server.ts'

// For load balancers and monitoring: 200 when the database answers.
export async function loader() {
  try {
    const db = await getDb()
    await sql`select 1`.execute(db)
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
  } catch {
    return Response.json({ status: 'error', database: 'unavailable' }, { status: 503 })
  }
}
