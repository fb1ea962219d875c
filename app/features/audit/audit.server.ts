import crypto from 'node:crypto'
import type { DB } from '../../../db/connection.ts'

/** Who did what, when. `detail` names what was touched, never the personal data itself. */
export async function recordAudit(
  db: DB,
  entry: { actor: string; action: string; entity: string; entityId?: string | null; detail?: Record<string, unknown> },
  now = Date.now(),
) {
  await db
    .insertInto('audit_log')
    .values({
      id: crypto.randomUUID(),
      at: now,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute()
}

export async function listAudit(db: DB, { entity, limit = 100 }: { entity?: string; limit?: number } = {}) {
  let query = db.selectFrom('audit_log').select(['at', 'actor', 'action', 'entity', 'entity_id', 'detail']).orderBy('at', 'desc').limit(limit)
  if (entity) query = query.where('entity', '=', entity)
  return query.execute()
}
