import crypto from 'node:crypto'
import type { DB } from '../../../db/connection.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { missingTranslations, parseSurveyDefinition } from '../surveys/definition.ts'
import type { ConsultationContent } from './consultations.server.ts'
import type { ConsultationFormValues } from './consultation-form.ts'

// Officers manage consultations: create, edit, duplicate, archive, open and
// close by hand (or by the clock, through opens_at and closes_at). Every change
// is audited with what it was before and after.

export const CONTENT_KEYS: (keyof ConsultationContent)[] = ['title', 'summary', 'purpose', 'whatCanChange', 'howAnswersUsed', 'howDecisionMade']

export async function findConsultationForStaff(db: DB, id: string) {
  const row = await db
    .selectFrom('consultation')
    .select(['id', 'slug', 'status', 'opens_at', 'closes_at', 'locales', 'content_i18n', 'partners', 'estimated_minutes', 'retention_days', 'archived_at', 'framework_id'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    slug: row.slug,
    status: row.status,
    opensAt: Number(row.opens_at),
    closesAt: Number(row.closes_at),
    locales: JSON.parse(row.locales) as string[],
    content: JSON.parse(row.content_i18n) as Record<string, ConsultationContent>,
    partners: JSON.parse(row.partners) as string[],
    estimatedMinutes: Number(row.estimated_minutes),
    retentionDays: Number(row.retention_days),
    archived: row.archived_at !== null,
    frameworkId: row.framework_id,
  }
}
export type StaffConsultation = NonNullable<Awaited<ReturnType<typeof findConsultationForStaff>>>

export async function slugTaken(db: DB, slug: string, exceptId?: string) {
  let query = db.selectFrom('consultation').select('id').where('slug', '=', slug)
  if (exceptId) query = query.where('id', '!=', exceptId)
  return Boolean(await query.executeTakeFirst())
}

export async function createConsultation(db: DB, values: ConsultationFormValues, actor: string, now = Date.now()) {
  const framework = await frameworkFor(db, values.frameworkId)
  const id = crypto.randomUUID()
  await db
    .insertInto('consultation')
    .values({
      id,
      slug: values.slug,
      framework_id: framework.id,
      status: 'draft',
      opens_at: values.opensAt,
      closes_at: values.closesAt,
      locales: JSON.stringify(values.locales),
      content_i18n: JSON.stringify({ en: values.content }),
      estimated_minutes: values.estimatedMinutes,
      retention_days: values.retentionDays,
      partners: JSON.stringify(values.partners),
      created_at: now,
      updated_at: now,
    })
    .execute()
  await recordAudit(db, { actor, action: 'consultation.created', entity: 'consultation', entityId: id, detail: { after: values } }, now)
  return id
}

/** The framework chosen on the form, or the first one (the partnership plan) when none or an unknown one is given. */
async function frameworkFor(db: DB, id: string) {
  const chosen = id ? await db.selectFrom('framework').select('id').where('id', '=', id).executeTakeFirst() : undefined
  return chosen ?? (await db.selectFrom('framework').select('id').orderBy('created_at').executeTakeFirstOrThrow())
}

/** Edits the English texts and the settings; translations of the texts are kept. */
export async function updateConsultation(db: DB, current: StaffConsultation, values: ConsultationFormValues, actor: string, now = Date.now()) {
  const content = { ...current.content, en: values.content }
  await db
    .updateTable('consultation')
    .set({
      slug: values.slug,
      framework_id: (await frameworkFor(db, values.frameworkId)).id,
      opens_at: values.opensAt,
      closes_at: values.closesAt,
      locales: JSON.stringify(values.locales),
      content_i18n: JSON.stringify(content),
      estimated_minutes: values.estimatedMinutes,
      retention_days: values.retentionDays,
      partners: JSON.stringify(values.partners),
      updated_at: now,
    })
    .where('id', '=', current.id)
    .execute()
  const before = { slug: current.slug, content: current.content.en, opensAt: current.opensAt, closesAt: current.closesAt, locales: current.locales, partners: current.partners, estimatedMinutes: current.estimatedMinutes, retentionDays: current.retentionDays }
  await recordAudit(db, { actor, action: 'consultation.updated', entity: 'consultation', entityId: current.id, detail: { before, after: values } }, now)
}

/** When the consultation was last changed: what a translation form sends back, so a stale save is refused. */
export async function contentBase(db: DB, id: string): Promise<string> {
  const row = await db.selectFrom('consultation').select('updated_at').where('id', '=', id).executeTakeFirstOrThrow()
  return String(Number(row.updated_at))
}

/**
 * Saves the start page texts in one language (never English: that is edited
 * with the consultation). Empty texts are removed. Returns false, saving
 * nothing, when the consultation changed since `base`.
 */
export async function saveContentTranslation(db: DB, current: StaffConsultation, locale: string, texts: Partial<ConsultationContent>, base: string, actor: string, now = Date.now()) {
  if (locale === 'en') return false
  const translated = Object.fromEntries(CONTENT_KEYS.map((key) => [key, (texts[key] ?? '').trim()]).filter(([, text]) => text)) as Partial<ConsultationContent>
  const content = { ...current.content, [locale]: translated }
  const updated = await db
    .updateTable('consultation')
    .set({ content_i18n: JSON.stringify(content), updated_at: Math.max(now, Number(base) + 1) })
    .where('id', '=', current.id)
    .where('updated_at', '=', Number(base))
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) return false
  await recordAudit(db, { actor, action: 'consultation.translated', entity: 'consultation', entityId: current.id, detail: { locale, before: current.content[locale] ?? {}, after: translated } }, now)
  return true
}

/** A draft copy with the same texts and the newest survey (as version 1), for the next round. */
export async function duplicateConsultation(db: DB, current: StaffConsultation, actor: string, now = Date.now()) {
  let slug = `${current.slug}-copy`
  for (let n = 2; await slugTaken(db, slug); n++) slug = `${current.slug}-copy-${n}`
  const id = crypto.randomUUID()
  await db
    .insertInto('consultation')
    .values({
      id,
      slug,
      framework_id: current.frameworkId,
      status: 'draft',
      opens_at: current.opensAt,
      closes_at: current.closesAt,
      locales: JSON.stringify(current.locales),
      content_i18n: JSON.stringify(current.content),
      estimated_minutes: current.estimatedMinutes,
      retention_days: current.retentionDays,
      partners: JSON.stringify(current.partners),
      created_at: now,
      updated_at: now,
    })
    .execute()
  const survey = await db
    .selectFrom('survey_version')
    .select('definition')
    .where('consultation_id', '=', current.id)
    .orderBy('version_number', 'desc')
    .executeTakeFirst()
  if (survey) {
    await db
      .insertInto('survey_version')
      .values({ id: crypto.randomUUID(), consultation_id: id, version_number: 1, definition: survey.definition, created_at: now })
      .execute()
  }
  await recordAudit(db, { actor, action: 'consultation.duplicated', entity: 'consultation', entityId: id, detail: { from: current.id, slug } }, now)
  return id
}

export async function archiveConsultation(db: DB, current: StaffConsultation, actor: string, now = Date.now()) {
  await db
    .updateTable('consultation')
    .set({ archived_at: now, status: current.status === 'open' ? 'closed' : current.status, closes_at: Math.min(current.closesAt, now), updated_at: now })
    .where('id', '=', current.id)
    .execute()
  await recordAudit(db, { actor, action: 'consultation.archived', entity: 'consultation', entityId: current.id, detail: { before: { status: current.status } } }, now)
}

/** Every text a resident would miss in each offered language: survey and start page. */
export async function missingForOpening(db: DB, current: StaffConsultation): Promise<{ locale: string; missing: string[] }[]> {
  const survey = await db
    .selectFrom('survey_version')
    .select('definition')
    .where('consultation_id', '=', current.id)
    .orderBy('version_number', 'desc')
    .executeTakeFirst()
  const parsed = survey ? parseSurveyDefinition(JSON.parse(survey.definition)) : null
  const out: { locale: string; missing: string[] }[] = []
  if (!parsed?.ok) out.push({ locale: 'en', missing: ['survey'] })
  for (const locale of current.locales) {
    const missing = CONTENT_KEYS.filter((key) => !current.content[locale]?.[key]?.trim()).map((key) => `consultation.${key}`)
    if (parsed?.ok) missing.push(...missingTranslations(parsed.definition, locale))
    if (missing.length) out.push({ locale, missing })
  }
  return out
}

export type OpenResult = { status: 'opened' } | { status: 'incomplete'; missing: { locale: string; missing: string[] }[] }

/** Open now, by hand: refused while any offered language is incomplete. */
export async function openNow(db: DB, current: StaffConsultation, actor: string, now = Date.now()): Promise<OpenResult> {
  const missing = await missingForOpening(db, current)
  if (missing.length) return { status: 'incomplete', missing }
  await db
    .updateTable('consultation')
    .set({ status: 'open', opens_at: Math.min(current.opensAt, now), closes_at: current.closesAt > now ? current.closesAt : now + 28 * 86_400_000, archived_at: null, updated_at: now })
    .where('id', '=', current.id)
    .execute()
  await recordAudit(db, { actor, action: 'consultation.opened', entity: 'consultation', entityId: current.id, detail: { before: { status: current.status } } }, now)
  return { status: 'opened' }
}

export async function closeNow(db: DB, current: StaffConsultation, actor: string, now = Date.now()) {
  await db.updateTable('consultation').set({ status: 'closed', closes_at: Math.min(current.closesAt, now), updated_at: now }).where('id', '=', current.id).execute()
  await recordAudit(db, { actor, action: 'consultation.closed', entity: 'consultation', entityId: current.id, detail: { before: { status: current.status } } }, now)
}
