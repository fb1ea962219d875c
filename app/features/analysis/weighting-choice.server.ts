import type { DB } from '../../../db/connection.ts'
import { recordAudit } from '../audit/audit.server.ts'

// The weighting an analyst chose for the findings report: the weighting
// page's own choices (its query string), so the report runs exactly what the
// analyst saw, on the responses as they are when the report is made.

/** Only the weighting choices, in a fixed form: margins, own targets, cap, floor and merging (never the suppression switch). */
export function weightingQuery(params: URLSearchParams): string {
  const out = new URLSearchParams({ run: '1' })
  for (const [key, value] of params) {
    if (key === 'margin' || key === 'cap' || key === 'floor' || key === 'collapse' || /^target\.[a-z_]+\.[a-z0-9_]+$/.test(key)) out.append(key, value.slice(0, 20))
  }
  return out.toString()
}

export async function findWeightingChoice(db: DB, consultationId: string): Promise<{ query: string; savedAt: number } | null> {
  const row = await db.selectFrom('weighting_choice').select(['query', 'saved_at']).where('consultation_id', '=', consultationId).executeTakeFirst()
  return row ? { query: row.query, savedAt: Number(row.saved_at) } : null
}

export async function saveWeightingChoice(db: DB, { consultationId, query, actor, now = Date.now() }: { consultationId: string; query: string; actor: string; now?: number }) {
  await db.transaction().execute(async (trx) => {
    const row = { query, saved_by: actor, saved_at: now }
    await trx
      .insertInto('weighting_choice')
      .values({ consultation_id: consultationId, ...row })
      .onConflict((oc) => oc.column('consultation_id').doUpdateSet(row))
      .execute()
    await recordAudit(trx, { actor, action: 'analysis.weighting_saved', entity: 'consultation', entityId: consultationId, detail: { query } }, now)
  })
}

export async function clearWeightingChoice(db: DB, { consultationId, actor, now = Date.now() }: { consultationId: string; actor: string; now?: number }) {
  await db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom('weighting_choice').where('consultation_id', '=', consultationId).executeTakeFirst()
    if (Number(result.numDeletedRows) > 0) await recordAudit(trx, { actor, action: 'analysis.weighting_cleared', entity: 'consultation', entityId: consultationId }, now)
  })
}
