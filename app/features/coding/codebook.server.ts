import crypto from 'node:crypto'
import type { DB } from '../../../db/connection.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { CTA_LEXICONS } from './cta-lexicons.ts'
import type { ThemeFormValues } from './forms.ts'

// The codebook of one consultation: its themes, each with a definition and
// include/exclude notes, optionally linked to a call to action. Every change
// is audited. Themes are never deleted (codings refer to them): they are
// retired, or merged into another theme.

export interface Theme {
  id: string
  name: string
  definition: string
  includeNotes: string
  excludeNotes: string
  ctaCode: string | null
  origin: string
  status: string
  mergedInto: string | null
  position: number
}

/** The seeded themes have ids made from the consultation, so two first visits at once insert them once. */
export const ctaThemeId = (consultationId: string, ctaCode: string) => `cta-${consultationId}-${ctaCode}`

export async function listThemes(db: DB, consultationId: string, { activeOnly = false } = {}): Promise<Theme[]> {
  let query = db
    .selectFrom('theme')
    .select(['id', 'name', 'definition', 'include_notes', 'exclude_notes', 'cta_code', 'origin', 'status', 'merged_into', 'position'])
    .where('consultation_id', '=', consultationId)
  if (activeOnly) query = query.where('status', '=', 'active')
  const rows = await query.orderBy('position').orderBy('id').execute()
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    definition: r.definition,
    includeNotes: r.include_notes,
    excludeNotes: r.exclude_notes,
    ctaCode: r.cta_code,
    origin: r.origin,
    status: r.status,
    mergedInto: r.merged_into,
    position: Number(r.position),
  }))
}

export async function findTheme(db: DB, consultationId: string, themeId: string): Promise<Theme | null> {
  return (await listThemes(db, consultationId)).find((t) => t.id === themeId) ?? null
}

/**
 * Seeds the five calls to action the first time a codebook is opened. Safe to
 * call on every visit and from two requests at once: the ids are fixed and a
 * second insert does nothing. Returns how many themes were added. The demo
 * seed passes audit: false (seeding is not a person's change).
 */
export async function ensureCodebook(db: DB, consultationId: string, actor: string, { now = Date.now(), audit = true }: { now?: number; audit?: boolean } = {}): Promise<number> {
  const existing = await db.selectFrom('theme').select('id').where('consultation_id', '=', consultationId).where('origin', '=', 'call_to_action').execute()
  if (existing.length >= CTA_LEXICONS.length) return 0
  const consultation = await db.selectFrom('consultation').select('framework_id').where('id', '=', consultationId).executeTakeFirstOrThrow()
  const ctas = await db.selectFrom('call_to_action').select(['code', 'title_i18n', 'position']).where('framework_id', '=', consultation.framework_id).orderBy('position').execute()
  let added = 0
  for (const cta of ctas) {
    const lexicon = CTA_LEXICONS.find((l) => l.id === cta.code)
    const title = (JSON.parse(cta.title_i18n) as Record<string, string>).en ?? cta.code
    const result = await db
      .insertInto('theme')
      .values({
        id: ctaThemeId(consultationId, cta.code),
        consultation_id: consultationId,
        name: `${cta.code}: ${title}`,
        definition: lexicon?.definition ?? title,
        include_notes: lexicon?.includeNotes ?? '',
        exclude_notes: lexicon?.excludeNotes ?? '',
        cta_code: cta.code,
        origin: 'call_to_action',
        position: Number(cta.position),
        created_by: actor,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst()
    if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) added++
  }
  if (added && audit) await recordAudit(db, { actor, action: 'coding.codebook_seeded', entity: 'consultation', entityId: consultationId, detail: { themes: added } }, now)
  return added
}

async function nextPosition(db: DB, consultationId: string) {
  const row = await db.selectFrom('theme').select((eb) => eb.fn.max('position').as('max')).where('consultation_id', '=', consultationId).executeTakeFirst()
  return Number(row?.max ?? 0) + 1
}

/** True when an active theme of the consultation already has this name (case and spacing ignored). */
export async function themeNameTaken(db: DB, consultationId: string, name: string, exceptId?: string) {
  const wanted = name.trim().replace(/\s+/g, ' ').toLowerCase()
  const themes = await listThemes(db, consultationId, { activeOnly: true })
  return themes.some((t) => t.id !== exceptId && t.name.trim().replace(/\s+/g, ' ').toLowerCase() === wanted)
}

export async function addTheme(
  db: DB,
  consultationId: string,
  values: ThemeFormValues,
  { actor, origin = 'analyst', now = Date.now() }: { actor: string; origin?: 'analyst' | 'suggested'; now?: number },
): Promise<string> {
  const id = crypto.randomUUID()
  await db
    .insertInto('theme')
    .values({
      id,
      consultation_id: consultationId,
      name: values.name,
      definition: values.definition,
      include_notes: values.includeNotes,
      exclude_notes: values.excludeNotes,
      cta_code: values.cta,
      origin,
      position: await nextPosition(db, consultationId),
      created_by: actor,
      created_at: now,
      updated_at: now,
    })
    .execute()
  await recordAudit(db, { actor, action: 'coding.theme_added', entity: 'theme', entityId: id, detail: { consultationId, origin, cta: values.cta } }, now)
  return id
}

export async function updateTheme(db: DB, consultationId: string, themeId: string, values: ThemeFormValues, actor: string, now = Date.now()) {
  const result = await db
    .updateTable('theme')
    .set({ name: values.name, definition: values.definition, include_notes: values.includeNotes, exclude_notes: values.excludeNotes, cta_code: values.cta, updated_at: now })
    .where('id', '=', themeId)
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) return false
  await recordAudit(db, { actor, action: 'coding.theme_edited', entity: 'theme', entityId: themeId, detail: { consultationId, cta: values.cta } }, now)
  return true
}

/** Retired themes stay on the answers already coded, but are no longer offered for coding. */
export async function setThemeStatus(db: DB, consultationId: string, themeId: string, status: 'active' | 'retired', actor: string, now = Date.now()) {
  const result = await db
    .updateTable('theme')
    .set({ status, merged_into: null, updated_at: now })
    .where('id', '=', themeId)
    .where('consultation_id', '=', consultationId)
    .where('status', '!=', 'merged')
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) return false
  await recordAudit(db, { actor, action: status === 'retired' ? 'coding.theme_retired' : 'coding.theme_restored', entity: 'theme', entityId: themeId, detail: { consultationId } }, now)
  return true
}

export type MergeResult = { ok: true; moved: number; alreadyThere: number } | { ok: false; error: 'same_theme' | 'not_found' | 'not_active' }

/**
 * Merges one theme into another: every coding of `fromId` (both passes, so
 * agreement is worked out on the merged theme) moves to `intoId`, an answer
 * that already had both keeps one, and `fromId` is marked merged into
 * `intoId`. One transaction; the audit entry lists the answers whose coding
 * moved, per pass, so the merge can be traced (and undone by hand).
 */
export async function mergeTheme(db: DB, consultationId: string, fromId: string, intoId: string, actor: string, now = Date.now()): Promise<MergeResult> {
  if (fromId === intoId) return { ok: false, error: 'same_theme' }
  return db.transaction().execute(async (trx) => {
    const themes = await trx.selectFrom('theme').select(['id', 'status']).where('consultation_id', '=', consultationId).where('id', 'in', [fromId, intoId]).execute()
    const from = themes.find((t) => t.id === fromId)
    const into = themes.find((t) => t.id === intoId)
    if (!from || !into) return { ok: false, error: 'not_found' } as const
    // A merged theme is merged once; merging into a retired or merged theme would hide the codings.
    if (from.status === 'merged' || into.status !== 'active') return { ok: false, error: 'not_active' } as const
    const codings = await trx.selectFrom('coding').select(['id', 'response_id', 'question_key', 'pass']).where('theme_id', '=', fromId).where('consultation_id', '=', consultationId).execute()
    const existing = new Set(
      (await trx.selectFrom('coding').select(['response_id', 'question_key', 'pass']).where('theme_id', '=', intoId).where('consultation_id', '=', consultationId).execute()).map(
        (c) => `${c.response_id}\u0000${c.question_key}\u0000${c.pass}`,
      ),
    )
    const duplicate = codings.filter((c) => existing.has(`${c.response_id}\u0000${c.question_key}\u0000${c.pass}`)).map((c) => c.id)
    for (let i = 0; i < duplicate.length; i += 500) await trx.deleteFrom('coding').where('id', 'in', duplicate.slice(i, i + 500)).execute()
    await trx.updateTable('coding').set({ theme_id: intoId }).where('theme_id', '=', fromId).where('consultation_id', '=', consultationId).execute()
    await trx.updateTable('theme').set({ status: 'merged', merged_into: intoId, updated_at: now }).where('id', '=', fromId).execute()
    const answers = (pass: string) => codings.filter((c) => c.pass === pass).map((c) => `${c.response_id}:${c.question_key}`)
    await recordAudit(
      trx,
      {
        actor,
        action: 'coding.theme_merged',
        entity: 'theme',
        entityId: fromId,
        detail: { consultationId, into: intoId, moved: codings.length - duplicate.length, alreadyThere: duplicate.length, first: answers('first'), second: answers('second') },
      },
      now,
    )
    return { ok: true, moved: codings.length - duplicate.length, alreadyThere: duplicate.length } as const
  })
}

/** Answers coded to each theme in the first (working) pass. */
export async function countCodingsByTheme(db: DB, consultationId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('coding')
    .select(['theme_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('consultation_id', '=', consultationId)
    .where('pass', '=', 'first')
    .groupBy('theme_id')
    .execute()
  return Object.fromEntries(rows.map((r) => [r.theme_id, Number(r.count)]))
}

/** The framework's calls to action, titled in the reader's language (English when not translated). */
export async function listCtas(db: DB, consultationId: string, locale: string): Promise<Array<{ code: string; title: string }>> {
  const rows = await db
    .selectFrom('call_to_action')
    .innerJoin('consultation', 'consultation.framework_id', 'call_to_action.framework_id')
    .select(['call_to_action.code', 'call_to_action.title_i18n'])
    .where('consultation.id', '=', consultationId)
    .orderBy('call_to_action.position')
    .execute()
  return rows.map((r) => {
    const titles = JSON.parse(r.title_i18n) as Record<string, string>
    return { code: r.code, title: titles[locale] ?? titles.en ?? r.code }
  })
}
