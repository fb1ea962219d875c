import crypto from 'node:crypto'
import type { DB } from '../../../db/connection.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { parseSurveyDefinition, type SurveyDefinition } from './definition.ts'

// A survey version is immutable once residents have answered it: saving a
// change then makes the next version, and earlier responses keep theirs.
// Every save names the version and revision the officer started from (the
// "base"); a save from an out-of-date base is refused, so two officers editing
// at once never overwrite each other.

export async function surveyStatus(db: DB, consultationId: string) {
  const current = await db
    .selectFrom('survey_version')
    .select(['id', 'version_number', 'definition', 'revision'])
    .where('consultation_id', '=', consultationId)
    .orderBy('version_number', 'desc')
    .executeTakeFirst()
  if (!current) return { current: null, answered: 0, submitted: 0, inProgress: 0, versions: 0, base: NO_SURVEY }
  // Drafts count as answers to this version (a resident part-way through
  // carries on with it), but officers are told sent and unsent apart.
  const byStatus = await db
    .selectFrom('response')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('survey_version_id', '=', current.id)
    .groupBy('status')
    .execute()
  const count = (status: string) => Number(byStatus.find((row) => row.status === status)?.n ?? 0)
  const submitted = count('submitted')
  const answered = byStatus.reduce((sum, row) => sum + Number(row.n), 0)
  const versions = await db.selectFrom('survey_version').select('id').where('consultation_id', '=', consultationId).execute()
  return {
    current: {
      id: current.id,
      versionNumber: Number(current.version_number),
      definition: current.definition,
      parsed: JSON.parse(current.definition) as SurveyDefinition,
    },
    /** responses of any status: a change then makes a new version */
    answered,
    submitted,
    /** drafts: started and not sent */
    inProgress: answered - submitted,
    versions: versions.length,
    /** what an edit form sends back, so a stale save can be recognised */
    base: `${current.id}:${Number(current.revision)}`,
  }
}

/** The base of a consultation that has no survey yet. */
export const NO_SURVEY = 'none:0'

export type SurveyChange =
  | { ok: true; definition: SurveyDefinition; summary: string }
  | { ok: false; problems: string[] }

export type SaveSurveyResult =
  | { status: 'saved'; versionNumber: number; newVersion: boolean }
  | { status: 'invalid'; problems: string[] }
  | { status: 'conflict'; by: string | null; at: number | null }

class Conflict extends Error {}

/**
 * Applies one change to a consultation's survey. `change` gets the current
 * definition (null when there is none) and returns the new one or problems.
 * The result is validated as a whole, so a change can never leave a broken survey.
 */
export async function editSurvey(
  db: DB,
  consultationId: string,
  base: string,
  change: (current: SurveyDefinition | null) => SurveyChange,
  actor: string,
  now = Date.now(),
): Promise<SaveSurveyResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      const status = await surveyStatus(trx, consultationId)
      if (base !== status.base) throw new Conflict()
      const changed = change(status.current?.parsed ?? null)
      if (!changed.ok) return { status: 'invalid', problems: changed.problems }
      const parsed = parseSurveyDefinition(changed.definition)
      if (!parsed.ok) return { status: 'invalid', problems: parsed.problems }
      const definition = parsed.definition
      const text = JSON.stringify(definition)
      const { current } = status
      if (current && status.answered === 0) {
        const [revision] = base.split(':').slice(1).map(Number)
        const updated = await trx
          .updateTable('survey_version')
          .set((eb) => ({ definition: text, revision: eb('revision', '+', 1) }))
          .where('id', '=', current.id)
          .where('revision', '=', revision!)
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) !== 1) throw new Conflict()
        await recordAudit(trx, { actor, action: 'survey.updated', entity: 'consultation', entityId: consultationId, detail: { version: current.versionNumber, change: changed.summary, before: current.parsed, after: definition } }, now)
        return { status: 'saved', versionNumber: current.versionNumber, newVersion: false }
      }
      const versionNumber = (current?.versionNumber ?? 0) + 1
      // unique (consultation_id, version_number): a second officer's insert fails here
      await trx
        .insertInto('survey_version')
        .values({ id: crypto.randomUUID(), consultation_id: consultationId, version_number: versionNumber, definition: text, created_at: now })
        .execute()
      await recordAudit(trx, { actor, action: 'survey.version_created', entity: 'consultation', entityId: consultationId, detail: { version: versionNumber, change: changed.summary, before: current?.parsed ?? null, after: definition } }, now)
      // The first survey of a consultation is simply version 1; after that, a new version.
      return { status: 'saved', versionNumber, newVersion: current !== null }
    })
  } catch (error) {
    if (error instanceof Conflict || isUniqueViolation(error)) return { status: 'conflict', ...(await lastSurveyChange(db, consultationId)) }
    throw error
  }
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '')
}

/** Who last changed the survey, and when: what the officer whose save was refused is told. */
export async function lastSurveyChange(db: DB, consultationId: string): Promise<{ by: string | null; at: number | null }> {
  const entry = await db
    .selectFrom('audit_log')
    .leftJoin('app_user', 'app_user.id', 'audit_log.actor')
    .select(['audit_log.at', 'app_user.email', 'audit_log.actor'])
    .where('audit_log.entity', '=', 'consultation')
    .where('audit_log.entity_id', '=', consultationId)
    .where('audit_log.action', 'in', ['survey.updated', 'survey.version_created'])
    .orderBy('audit_log.at', 'desc')
    .executeTakeFirst()
  return { by: entry?.email ?? entry?.actor ?? null, at: entry ? Number(entry.at) : null }
}

/** Replaces the whole definition with uploaded JSON text (the JSON import). */
export async function saveSurveyDefinition(db: DB, consultationId: string, json: string, actor: string, base?: string, now = Date.now()): Promise<SaveSurveyResult> {
  let input: unknown
  try {
    input = JSON.parse(json)
  } catch (error) {
    return { status: 'invalid', problems: [`(file): not valid JSON: ${error instanceof Error ? error.message : String(error)}`] }
  }
  const parsed = parseSurveyDefinition(input)
  if (!parsed.ok) return { status: 'invalid', problems: parsed.problems }
  const startFrom = base ?? (await surveyStatus(db, consultationId)).base
  return editSurvey(db, consultationId, startFrom, () => ({ ok: true, definition: parsed.definition, summary: 'imported from JSON' }), actor, now)
}
