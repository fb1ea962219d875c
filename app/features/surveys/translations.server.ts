import type { DB } from '../../../db/connection.ts'
import { editSurvey, surveyStatus } from './survey-versions.server.ts'
import { readTranslationWorkbook, type WorkbookError } from './translation-workbook.server.ts'
import {
  applyTranslations,
  hasChanges,
  isRefused,
  listTranslatableTexts,
  MAX_TEXT_LENGTH,
  summariseReport,
  type ApplyOptions,
  type TranslationReport,
} from './translations.ts'

// Saving translations of a survey's content: from the side-by-side editor or
// from a translator's workbook. Both go through editSurvey, so a save is
// validated, audited with before and after, makes a new version once
// residents have answered, and is refused when someone else saved first.

export type SaveTranslationsResult =
  | { status: 'saved'; report: TranslationReport; versionNumber: number; newVersion: boolean }
  /** nothing to save: the survey is left as it is (no new version) */
  | { status: 'unchanged'; report: TranslationReport }
  /** unknown ids or texts too long: nothing saved */
  | { status: 'refused'; report: TranslationReport }
  | { status: 'invalid'; problems: string[] }
  | { status: 'conflict'; by: string | null; at: number | null }

export async function saveTranslations(
  db: DB,
  consultationId: string,
  locale: string,
  base: string,
  translations: ReadonlyMap<string, string> | Record<string, string>,
  actor: string,
  options: ApplyOptions & { source: 'editor' | 'xlsx' },
  now = Date.now(),
): Promise<SaveTranslationsResult> {
  let report: TranslationReport | null = null
  const result = await editSurvey(
    db,
    consultationId,
    base,
    (current) => {
      if (!current) return { ok: false, problems: ['(survey): there is no survey to translate yet'] }
      const applied = applyTranslations(current, locale, translations, options)
      report = applied.report
      if (isRefused(applied.report) || !hasChanges(applied.report)) return { ok: false, problems: [] }
      return { ok: true, definition: applied.definition, summary: summariseReport(locale, applied.report, options.source) }
    },
    actor,
    now,
  )
  const applied = report as TranslationReport | null
  if (result.status === 'conflict') return result
  if (result.status === 'saved') return { status: 'saved', report: applied!, versionNumber: result.versionNumber, newVersion: result.newVersion }
  if (applied && isRefused(applied)) return { status: 'refused', report: applied }
  if (applied && !hasChanges(applied)) return { status: 'unchanged', report: applied }
  return { status: 'invalid', problems: result.problems }
}

export type ImportResult = SaveTranslationsResult | { status: 'file_errors'; errors: WorkbookError[] }

/** Reads a translator's workbook and saves it: any problem with the file refuses all of it. */
export async function importTranslationWorkbook(
  db: DB,
  consultationId: string,
  locale: string,
  base: string,
  bytes: Uint8Array,
  actor: string,
  now = Date.now(),
): Promise<ImportResult> {
  const { current } = await surveyStatus(db, consultationId)
  const knownIds = new Set(current ? listTranslatableTexts(current.parsed, locale).map((text) => text.id) : [])
  const read = await readTranslationWorkbook(bytes, locale, knownIds)
  if (!read.ok) return { status: 'file_errors', errors: read.errors }
  // An empty cell in a workbook leaves the translation as it is: only the editor removes one.
  const result = await saveTranslations(db, consultationId, locale, base, read.translations, actor, { english: read.english, blankClears: false, source: 'xlsx' }, now)
  if (result.status === 'refused') {
    const errors: WorkbookError[] = [
      ...result.report.unknown.map((id) => ({ key: 'unknown_id', values: { row: read.rows.get(id) ?? 0, id } })),
      ...result.report.tooLong.map((id) => ({ key: 'too_long', values: { row: read.rows.get(id) ?? 0, length: read.translations.get(id)?.length ?? 0, max: MAX_TEXT_LENGTH } })),
    ]
    return { status: 'file_errors', errors }
  }
  return result
}
