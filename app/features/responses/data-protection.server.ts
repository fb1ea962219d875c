import type { DB } from '../../../db/connection.ts'
import { discardDatasetSnapshot } from '../analysis/dataset-loader.server.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { hashSecret, normaliseCode } from './codes.ts'
import { deleteExpiredDrafts } from './responses.server.ts'
import { anonymiseExpiredEvents } from '../events/retention.server.ts'
import { log, logError } from '../../utils/log.server.ts'

const DAY = 24 * 60 * 60 * 1000
export const REDACTED = '[redacted]'

export type DeleteResult = { status: 'deleted'; consultationId: string } | { status: 'not_found' }

/**
 * A resident deletes their own submitted response with its reference and the
 * deletion code shown once on the confirmation page. Call inside a transaction.
 */
export async function deleteOwnResponse(db: DB, args: { reference: string; deletionCode: string }, now = Date.now()): Promise<DeleteResult> {
  const reference = args.reference.trim().toUpperCase().replace(/\s+/g, '')
  const code = normaliseCode(args.deletionCode)
  if (!/^HYS-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(reference) || !/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/.test(code)) return { status: 'not_found' }
  const row = await db
    .selectFrom('response')
    .select(['id', 'consultation_id', 'deletion_code_hash'])
    .where('reference', '=', reference)
    .where('status', '=', 'submitted')
    .executeTakeFirst()
  // The same answer for a wrong reference and a wrong code: neither can be probed.
  if (!row || !row.deletion_code_hash || row.deletion_code_hash !== hashSecret(code)) return { status: 'not_found' }
  await db.deleteFrom('response').where('id', '=', row.id).execute()
  // The analysis snapshot holds their answers too.
  await discardDatasetSnapshot(db, row.consultation_id)
  await recordAudit(db, { actor: 'resident', action: 'response.deleted', entity: 'response', entityId: row.id, detail: { consultationId: row.consultation_id } }, now)
  return { status: 'deleted', consultationId: row.consultation_id }
}

/**
 * Responses to consultations whose retention period has ended are anonymised:
 * free text redacted, equality descriptions removed, every code and token link removed.
 */
export async function anonymiseExpiredResponses(db: DB, now = Date.now()) {
  const consultations = await db.selectFrom('consultation').select(['id', 'closes_at', 'retention_days']).execute()
  let total = 0
  for (const c of consultations) {
    if (Number(c.closes_at) + Number(c.retention_days) * DAY > now) continue
    const ids = db
      .selectFrom('response')
      .select('id')
      .where('consultation_id', '=', c.id)
      .where('status', '=', 'submitted')
      .where('anonymised_at', 'is', null)
    const pending = await ids.execute()
    if (!pending.length) continue
    await db.updateTable('answer').set({ text_value: REDACTED }).where('response_id', 'in', ids).where('text_value', 'is not', null).execute()
    await db.updateTable('equality_answer').set({ text_value: null }).where('response_id', 'in', ids).execute()
    // An analyst's quote protection quotes words of the answer (often a name).
    await db.deleteFrom('quote_protection').where('response_id', 'in', ids).execute()
    // A second entry's values (paper verification) may hold free text too.
    await db
      .updateTable('paper_verification_item')
      .set({ first_value: null, second_value: null })
      .where('form_number', 'in', db.selectFrom('paper_verification').select('form_number').where('response_id', 'in', ids))
      .execute()
    await db
      .updateTable('response')
      .set({ draft_token_hash: null, resume_code_hash: null, deletion_code_hash: null, interviewer_note: null, anonymised_at: now, updated_at: now })
      .where('id', 'in', pending.map((p) => p.id))
      .execute()
    await recordAudit(db, { actor: 'system', action: 'responses.anonymised', entity: 'consultation', entityId: c.id, detail: { responses: pending.length } }, now)
    total += pending.length
  }
  return total
}

/** The scheduled data-protection job: expired drafts deleted, old responses and old events' data anonymised. */
export async function runRetention(db: DB, now = Date.now()) {
  return db.transaction().execute(async (trx) => {
    const draftsDeleted = await deleteExpiredDrafts(trx, now)
    if (draftsDeleted) {
      await recordAudit(trx, { actor: 'system', action: 'drafts.deleted', entity: 'response', detail: { drafts: draftsDeleted } }, now)
    }
    const anonymised = await anonymiseExpiredResponses(trx, now)
    const eventsAnonymised = await anonymiseExpiredEvents(trx, now)
    return { draftsDeleted, anonymised, eventsAnonymised }
  })
}

/** What the scheduler needs of time: the real clock in the app, a controlled one in tests. */
export interface RetentionClock {
  now: () => number
  setTimeout: (run: () => unknown, ms: number) => { unref?: () => unknown }
  setInterval: (run: () => unknown, ms: number) => { unref?: () => unknown }
}

const realClock: RetentionClock = { now: () => Date.now(), setTimeout: (run, ms) => setTimeout(run, ms), setInterval: (run, ms) => setInterval(run, ms) }

/**
 * The data-protection job, in every instance (it is idempotent): 5 seconds
 * after start, then every `minutes` (0: never). Each run resolves once done,
 * logging what it changed, or the error (the next run tries again).
 */
export function scheduleRetention(db: DB, minutes: number, clock: RetentionClock = realClock) {
  if (!minutes) return
  const run = () =>
    runRetention(db, clock.now())
      .then((result) => {
        if (result.draftsDeleted || result.anonymised || result.eventsAnonymised) log('info', 'retention job', result)
      })
      .catch((error) => logError(error, { job: 'retention' }))
  // A pending run never keeps a finished process alive.
  clock.setTimeout(run, 5_000).unref?.()
  clock.setInterval(run, minutes * 60_000).unref?.()
}
