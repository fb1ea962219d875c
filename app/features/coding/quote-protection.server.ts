import type { Transaction } from 'kysely'
import type { DB } from '../../../db/connection.ts'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { listTextAnswers } from './coding.server.ts'
import { quoteKey, type QuoteProtection } from './quote-protection.ts'

// Quote protection in the database: one row per protected answer. The audit
// entry says what was done (how many words, withheld or not), never the words.

type Executor = DB | Transaction<Database>

const parsePhrases = (json: string): string[] => {
  try {
    const value = JSON.parse(json) as unknown
    return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : []
  } catch {
    return []
  }
}

/**
 * Every protected answer of a consultation, by quoteKey(responseId, questionKey).
 * For anything that sends answers out of the system: apply it with
 * applyQuoteProtection (quote-protection.ts) before redactPersonalDetails.
 */
export async function loadQuoteProtections(db: Executor, consultationId: string): Promise<Map<string, QuoteProtection>> {
  const rows = await db.selectFrom('quote_protection').select(['response_id', 'question_key', 'withheld', 'phrases']).where('consultation_id', '=', consultationId).execute()
  return new Map(rows.map((r) => [quoteKey(r.response_id, r.question_key), { withheld: Number(r.withheld) === 1, phrases: parsePhrases(r.phrases) }]))
}

export async function findQuoteProtection(db: Executor, consultationId: string, responseId: string, questionKey: string): Promise<QuoteProtection | null> {
  const row = await db
    .selectFrom('quote_protection')
    .select(['withheld', 'phrases'])
    .where('consultation_id', '=', consultationId)
    .where('response_id', '=', responseId)
    .where('question_key', '=', questionKey)
    .executeTakeFirst()
  return row ? { withheld: Number(row.withheld) === 1, phrases: parsePhrases(row.phrases) } : null
}

/** Sets (or, with nothing to protect, clears) one answer's protection; audited. 'no-answer' when it is not a free-text answer of the consultation. */
export async function saveQuoteProtection(
  db: DB,
  values: { consultationId: string; responseId: string; questionKey: string; protection: QuoteProtection; actor: string; now?: number },
): Promise<'saved' | 'cleared' | 'no-answer'> {
  const now = values.now ?? Date.now()
  return db.transaction().execute(async (trx) => {
    if (!(await listTextAnswers(trx, values.consultationId, values.questionKey, [values.responseId])).length) return 'no-answer'
    const { withheld, phrases } = values.protection
    if (!withheld && phrases.length === 0) {
      await trx.deleteFrom('quote_protection').where('response_id', '=', values.responseId).where('question_key', '=', values.questionKey).execute()
    } else {
      const row = { withheld: withheld ? 1 : 0, phrases: JSON.stringify(phrases), updated_by: values.actor, updated_at: now }
      await trx
        .insertInto('quote_protection')
        .values({ response_id: values.responseId, question_key: values.questionKey, consultation_id: values.consultationId, ...row })
        .onConflict((oc) => oc.columns(['response_id', 'question_key']).doUpdateSet(row))
        .execute()
    }
    await recordAudit(
      trx,
      { actor: values.actor, action: 'coding.quote_protection_saved', entity: 'response', entityId: values.responseId, detail: { question: values.questionKey, withheld, phrases: phrases.length } },
      now,
    )
    return !withheld && phrases.length === 0 ? 'cleared' : 'saved'
  })
}
