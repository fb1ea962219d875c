import crypto from 'node:crypto'
import type { DB } from '../../../db/connection.ts'
import { discardDatasetSnapshot } from '../analysis/dataset-loader.server.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { listWards } from '../consultations/consultations.server.ts'
import { answerToRows } from '../surveys/answers.ts'
import { parseSurveyDefinition, type SurveyDefinition } from '../surveys/definition.ts'
import { EXTERNAL_ID, MAX_LISTED_PROBLEMS } from './columns.ts'
import { type ImportFormat, readImportFile } from './read-file.server.ts'
import { type ImportProblem, type ImportRow, type ImportTable, validateImport } from './validate-rows.ts'

// Imports of partners' files: the file is read and every row checked first;
// only a file without a single problem is stored, in one transaction, as one
// batch. An admin can roll a batch back (its responses and their answers are
// deleted, the batch is kept, marked rolled back). Both are audited.

export interface ImportSurvey {
  id: string
  versionNumber: number
  definition: SurveyDefinition
}

/**
 * The consultation's current survey version, read and validated afresh: the
 * version a new import is checked against and stored under.
 */
export async function currentImportSurvey(db: DB, consultationId: string): Promise<ImportSurvey | null> {
  const row = await db
    .selectFrom('survey_version')
    .select(['id', 'version_number', 'definition'])
    .where('consultation_id', '=', consultationId)
    .orderBy('version_number', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!row) return null
  const parsed = parseSurveyDefinition(JSON.parse(row.definition))
  if (!parsed.ok) throw new Error(`Survey version ${row.id} is invalid: ${parsed.problems.join('; ')}`)
  return { id: row.id, versionNumber: Number(row.version_number), definition: parsed.definition }
}

/** Which of these external ids the consultation already has. */
export async function findImportedIds(db: DB, consultationId: string, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>()
  const unique = [...new Set(ids.filter(Boolean))]
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('response')
      .select('external_id')
      .where('consultation_id', '=', consultationId)
      .where('external_id', 'in', unique.slice(i, i + 500))
      .execute()
    for (const row of rows) if (row.external_id) found.add(row.external_id)
  }
  return found
}

/** The external ids a table names (trimmed), to look up before validating. */
export function externalIdsOf(table: ImportTable): string[] {
  const index = table.headers.findIndex((h) => h.trim().toLowerCase() === EXTERNAL_ID)
  return index < 0 ? [] : table.rows.map((r) => (r.cells[index] ?? '').trim()).filter(Boolean)
}

export type CheckResult =
  | { ok: true; format: ImportFormat; rows: ImportRow[] }
  | { ok: false; problems: ImportProblem[]; problemCount: number }

/** Reads and checks a whole file against the survey; nothing is written. */
export async function checkImportFile(
  db: DB,
  args: { consultationId: string; survey: ImportSurvey; bytes: Uint8Array; fileName: string; wardCodes?: string[] },
  now = Date.now(),
): Promise<CheckResult> {
  const read = await readImportFile(args.bytes, args.fileName)
  if (!read.ok) return { ok: false, problems: [read.problem], problemCount: 1 }
  const wardCodes = args.wardCodes ?? (await listWards(db)).map((w) => w.code)
  const importedIds = await findImportedIds(db, args.consultationId, externalIdsOf(read.table))
  const result = validateImport(args.survey.definition, read.table, { wardCodes, importedIds, now, versionNumber: args.survey.versionNumber, maxListed: MAX_LISTED_PROBLEMS })
  return result.ok ? { ok: true, format: read.format, rows: result.rows } : result
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '')
}

export type StoreResult = { status: 'imported'; batchId: string; count: number } | { status: 'duplicate' }

/**
 * Stores checked rows as one batch, in one transaction: every response (submitted,
 * channel from the row's method, entered by the importing officer) and its
 * answers, or nothing. Another import of the same ids at the same moment is
 * refused by the unique index and comes back as `duplicate`.
 */
export async function storeImport(
  db: DB,
  args: { consultationId: string; survey: ImportSurvey; fileName: string; format: ImportFormat; rows: ImportRow[]; userId: string },
  now = Date.now(),
): Promise<StoreResult> {
  const batchId = crypto.randomUUID()
  const wardQuestion = args.survey.definition.questions.find((q) => q.type === 'ward')
  const byKey = new Map(args.survey.definition.questions.map((q) => [q.key, q]))
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('import_batch')
        .values({
          id: batchId,
          consultation_id: args.consultationId,
          survey_version_id: args.survey.id,
          file_name: args.fileName,
          row_count: args.rows.length,
          created_by: args.userId,
          created_at: now,
          rolled_back_at: null,
          rolled_back_by: null,
        })
        .execute()
      const RESPONSES_PER_INSERT = 500
      const ANSWERS_PER_INSERT = 1000
      let answers: { response_id: string; question_key: string; position: number; option_code: string | null; number_value: number | null; text_value: string | null; item_code: string | null }[] = []
      for (let i = 0; i < args.rows.length; i += RESPONSES_PER_INSERT) {
        const chunk = args.rows.slice(i, i + RESPONSES_PER_INSERT).map((row) => {
          const id = crypto.randomUUID()
          for (const [key, value] of Object.entries(row.answers)) {
            for (const answer of answerToRows(byKey.get(key)!, value)) answers.push({ ...answer, response_id: id })
          }
          const ward = wardQuestion ? row.answers[wardQuestion.key] : undefined
          return {
            id,
            consultation_id: args.consultationId,
            survey_version_id: args.survey.id,
            channel: row.channel,
            locale: row.locale,
            status: 'submitted',
            ward_code: typeof ward === 'string' ? ward : null,
            entered_by: args.userId,
            batch_id: batchId,
            external_id: row.externalId,
            created_at: now,
            updated_at: now,
            submitted_at: row.submittedAt ?? now,
            expires_at: null,
          }
        })
        await trx.insertInto('response').values(chunk).execute()
        while (answers.length >= ANSWERS_PER_INSERT) await trx.insertInto('answer').values(answers.splice(0, ANSWERS_PER_INSERT)).execute()
      }
      if (answers.length) await trx.insertInto('answer').values(answers).execute()
      answers = []
      await recordAudit(
        trx,
        {
          actor: args.userId,
          action: 'import.created',
          entity: 'import_batch',
          entityId: batchId,
          detail: { consultationId: args.consultationId, surveyVersion: args.survey.versionNumber, fileName: args.fileName, format: args.format, rows: args.rows.length },
        },
        now,
      )
    })
  } catch (error) {
    if (isUniqueViolation(error)) return { status: 'duplicate' }
    throw error
  }
  return { status: 'imported', batchId, count: args.rows.length }
}

export interface BatchSummary {
  id: string
  fileName: string
  rowCount: number
  versionNumber: number
  createdAt: number
  createdBy: string
  rolledBackAt: number | null
  rolledBackBy: string | null
}

/** The consultation's import batches, newest first, with who imported and who rolled back. */
export async function listBatches(db: DB, consultationId: string): Promise<BatchSummary[]> {
  const rows = await db
    .selectFrom('import_batch')
    .innerJoin('survey_version', 'survey_version.id', 'import_batch.survey_version_id')
    .leftJoin('app_user as creator', 'creator.id', 'import_batch.created_by')
    .leftJoin('app_user as roller', 'roller.id', 'import_batch.rolled_back_by')
    .select([
      'import_batch.id',
      'import_batch.file_name',
      'import_batch.row_count',
      'import_batch.created_at',
      'import_batch.rolled_back_at',
      'survey_version.version_number',
      'creator.name as creator_name',
      'creator.email as creator_email',
      'roller.name as roller_name',
      'roller.email as roller_email',
    ])
    .where('import_batch.consultation_id', '=', consultationId)
    .orderBy('import_batch.created_at', 'desc')
    .orderBy('import_batch.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    rowCount: Number(r.row_count),
    versionNumber: Number(r.version_number),
    createdAt: Number(r.created_at),
    createdBy: r.creator_name || r.creator_email || '?',
    rolledBackAt: r.rolled_back_at === null ? null : Number(r.rolled_back_at),
    rolledBackBy: r.rolled_back_at === null ? null : r.roller_name || r.roller_email || '?',
  }))
}

export type RollbackResult = { status: 'rolled_back'; deleted: number; fileName: string } | { status: 'not_found' } | { status: 'already_rolled_back' }

/**
 * Deletes a batch's responses and their answers and marks the batch rolled
 * back, in one transaction. Only admins may (the route checks the role). A
 * second rollback of the same batch (a double click, two admins) finds it done.
 */
export async function rollbackBatch(db: DB, args: { consultationId: string; batchId: string; userId: string }, now = Date.now()): Promise<RollbackResult> {
  return db.transaction().execute(async (trx): Promise<RollbackResult> => {
    const batch = await trx
      .selectFrom('import_batch')
      .select(['id', 'file_name', 'row_count', 'rolled_back_at'])
      .where('id', '=', args.batchId)
      .where('consultation_id', '=', args.consultationId)
      .executeTakeFirst()
    if (!batch) return { status: 'not_found' }
    // Marked first: of two rollbacks at once, the second waits here, then finds it done.
    const marked = await trx
      .updateTable('import_batch')
      .set({ rolled_back_at: now, rolled_back_by: args.userId })
      .where('id', '=', args.batchId)
      .where('rolled_back_at', 'is', null)
      .executeTakeFirst()
    if (Number(marked.numUpdatedRows) !== 1) return { status: 'already_rolled_back' }
    const ofBatch = (eb: DB) => eb.selectFrom('response').select('id').where('batch_id', '=', args.batchId).where('consultation_id', '=', args.consultationId)
    await trx.deleteFrom('answer').where('response_id', 'in', ofBatch(trx)).execute()
    await trx.deleteFrom('equality_answer').where('response_id', 'in', ofBatch(trx)).execute()
    const deleted = await trx.deleteFrom('response').where('batch_id', '=', args.batchId).where('consultation_id', '=', args.consultationId).executeTakeFirst()
    await discardDatasetSnapshot(trx, args.consultationId)
    await recordAudit(
      trx,
      {
        actor: args.userId,
        action: 'import.rolled_back',
        entity: 'import_batch',
        entityId: args.batchId,
        detail: { consultationId: args.consultationId, fileName: batch.file_name, rows: Number(batch.row_count), deleted: Number(deleted.numDeletedRows) },
      },
      now,
    )
    return { status: 'rolled_back', deleted: Number(deleted.numDeletedRows), fileName: batch.file_name }
  })
}
