import type { DB } from '../../../db/connection.ts'

// The responses CSV is protected in the worker that writes it, from the same
// read as its rows (app/features/analysis/csv-export.worker.server.ts and
// ./csv-protection.ts). What the route needs before starting it:

export async function countSubmittedResponses(db: DB, consultationId: string): Promise<number> {
  const row = await db.selectFrom('response').select((eb) => eb.fn.countAll<number>().as('n')).where('consultation_id', '=', consultationId).where('status', '=', 'submitted').executeTakeFirst()
  return Number(row?.n ?? 0)
}
