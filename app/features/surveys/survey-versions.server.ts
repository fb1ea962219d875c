import crypto from 'node:crypto'
import type { DB } from '../../../db/connection.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { parseSurveyDefinition, type SurveyDefinition } from './definition.ts'

// A survey version is immutable once residents have answered it: saving a new
// definition then makes the next version, and earlier responses keep theirs.

export async function surveyStatus(db: DB, consultationId: string) {
  const current = await db
    .selectFrom('survey_version')
    .select(['id', 'version_number', 'definition'])
    .where('consultation_id', '=', consultationId)
    .orderBy('version_number', 'desc')
    .executeTakeFirst()
  if (!current) return { current: null, responses: 0, versions: 0 }
  const responses = await db
    .selectFrom('response')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_version_id', '=', current.id)
    .executeTakeFirstOrThrow()
  const versions = await db.selectFrom('survey_version').select('id').where('consultation_id', '=', consultationId).execute()
  return { current: { id: current.id, versionNumber: Number(current.version_number), definition: current.definition }, responses: Number(responses.n), versions: versions.length }
}

export type SaveSurveyResult =
  | { status: 'saved'; versionNumber: number; newVersion: boolean }
  | { status: 'invalid'; problems: string[] }

/** Validates and saves a survey definition (JSON text) for a consultation. Call inside a transaction. */
export async function saveSurveyDefinition(db: DB, consultationId: string, json: string, actor: string, now = Date.now()): Promise<SaveSurveyResult> {
  let input: unknown
  try {
    input = JSON.parse(json)
  } catch (error) {
    return { status: 'invalid', problems: [`(file): not valid JSON: ${error instanceof Error ? error.message : String(error)}`] }
  }
  const parsed = parseSurveyDefinition(input)
  if (!parsed.ok) return { status: 'invalid', problems: parsed.problems }
  const definition: SurveyDefinition = parsed.definition
  const { current, responses } = await surveyStatus(db, consultationId)
  const text = JSON.stringify(definition)
  if (current && responses === 0) {
    await db.updateTable('survey_version').set({ definition: text }).where('id', '=', current.id).execute()
    await recordAudit(db, { actor, action: 'survey.updated', entity: 'consultation', entityId: consultationId, detail: { version: current.versionNumber, before: JSON.parse(current.definition), after: definition } }, now)
    return { status: 'saved', versionNumber: current.versionNumber, newVersion: false }
  }
  const versionNumber = (current?.versionNumber ?? 0) + 1
  await db
    .insertInto('survey_version')
    .values({ id: crypto.randomUUID(), consultation_id: consultationId, version_number: versionNumber, definition: text, created_at: now })
    .execute()
  await recordAudit(db, { actor, action: 'survey.version_created', entity: 'consultation', entityId: consultationId, detail: { version: versionNumber, after: definition } }, now)
  // The first survey of a consultation is simply version 1; after that, a new version.
  return { status: 'saved', versionNumber, newVersion: current !== null }
}
