import { requireUser } from '../auth/auth.server.ts'
import { getDb } from '~/utils/db.server.ts'
import { findConsultationForStaff } from './manage.server.ts'

export const OFFICERS = ['admin', 'officer'] as const

/** Every officer page about one consultation: the role checked on the server, then the consultation (404 if unknown). */
export async function loadConsultationForOfficer(request: Request, id: string | undefined) {
  const user = await requireUser(request, OFFICERS)
  const db = await getDb()
  const consultation = await findConsultationForStaff(db, id ?? '')
  if (!consultation) throw new Response('not_found', { status: 404 })
  return { user, db, consultation }
}
