import crypto from 'node:crypto'
import type { DB } from '../../../db/connection.ts'
import type { DatabaseLocation } from '../../../db/location.ts'
import { buildDashboardData } from '../analysis/dashboard-page.server.ts'
import type { Translate } from '../analysis/labels.ts'
import { recordAudit } from '../audit/audit.server.ts'
import type { StaffUser } from '../auth/auth.server.ts'
import { isLocale, type Locale } from '../i18n/config.ts'
import { countResidentsByCta, publishThemes } from './cta-summary.ts'
import { listCallsToAction, loadThemeData } from './cta-summary.server.ts'
import { analysisContextFor } from './findings-context.server.ts'
import { topAnswers, type EntryTexts, type Headline } from './you-said-we-did.ts'

// Entries officers write, and the publication that makes them public with a
// snapshot of the headline findings: suppressed when published, so the
// public page never reads responses and never shows a small count.

export interface Entry extends EntryTexts {
  id: string
  position: number
}

export async function listEntries(db: DB, consultationId: string): Promise<Entry[]> {
  const rows = await db
    .selectFrom('you_said_we_did')
    .select(['id', 'position', 'said_i18n', 'did_i18n'])
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ id: r.id, position: Number(r.position), said: JSON.parse(r.said_i18n), did: JSON.parse(r.did_i18n) }))
}

export async function addEntry(db: DB, { consultationId, texts, actor, synthetic = false }: { consultationId: string; texts: EntryTexts; actor: string; synthetic?: boolean }, now = Date.now()) {
  const last = await db.selectFrom('you_said_we_did').select((eb) => eb.fn.max('position').as('p')).where('consultation_id', '=', consultationId).executeTakeFirst()
  const id = crypto.randomUUID()
  await db
    .insertInto('you_said_we_did')
    .values({
      id,
      consultation_id: consultationId,
      position: Number(last?.p ?? 0) + 1,
      said_i18n: JSON.stringify(texts.said),
      did_i18n: JSON.stringify(texts.did),
      created_by: actor,
      created_at: now,
      updated_at: now,
      is_synthetic: synthetic ? 1 : 0,
    })
    .execute()
  await recordAudit(db, { actor, action: 'you_said_we_did.added', entity: 'consultation', entityId: consultationId, detail: { entry: id } }, now)
  return id
}

export async function updateEntry(db: DB, { consultationId, id, texts, actor }: { consultationId: string; id: string; texts: EntryTexts; actor: string }, now = Date.now()) {
  const result = await db
    .updateTable('you_said_we_did')
    .set({ said_i18n: JSON.stringify(texts.said), did_i18n: JSON.stringify(texts.did), updated_at: now })
    .where('id', '=', id)
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) === 0) return false
  await recordAudit(db, { actor, action: 'you_said_we_did.changed', entity: 'consultation', entityId: consultationId, detail: { entry: id } }, now)
  return true
}

export async function removeEntry(db: DB, { consultationId, id, actor }: { consultationId: string; id: string; actor: string }, now = Date.now()) {
  const result = await db.deleteFrom('you_said_we_did').where('id', '=', id).where('consultation_id', '=', consultationId).executeTakeFirst()
  if (Number(result.numDeletedRows) === 0) return false
  await recordAudit(db, { actor, action: 'you_said_we_did.removed', entity: 'consultation', entityId: consultationId, detail: { entry: id } }, now)
  return true
}

export interface Publication {
  publishedAt: number
  headlines: Partial<Record<Locale, Headline>>
}

/** One row by its key: cheap enough for the resident's start page. */
export async function isPublished(db: DB, consultationId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('findings_publication').select('consultation_id').where('consultation_id', '=', consultationId).executeTakeFirst())
}

export async function findPublication(db: DB, consultationId: string): Promise<Publication | null> {
  const row = await db.selectFrom('findings_publication').select(['published_at', 'headline_json']).where('consultation_id', '=', consultationId).executeTakeFirst()
  return row ? { publishedAt: Number(row.published_at), headlines: JSON.parse(row.headline_json) } : null
}

/** The headline findings in one language: responses, the top answers per closed question, theme counts. */
export async function buildHeadline(db: DB, options: { consultationId: string; user: StaffUser; locale: Locale; t: Translate; location: DatabaseLocation; threshold: number }): Promise<Headline> {
  const context = await analysisContextFor(db, options)
  if (!context) throw new Error('consultation not found')
  const data = buildDashboardData(context, new URLSearchParams(), { withCrossTab: false })
  const consultation = await db.selectFrom('consultation').select('framework_id').where('id', '=', options.consultationId).executeTakeFirstOrThrow()
  const ctas = await listCallsToAction(db, consultation.framework_id, options.locale)
  const themeData = await loadThemeData(db, options.consultationId)
  // The codebook starts with a theme per call to action, named "CTA1: <English title>":
  // while it keeps that name, the public page names it in the reader's language.
  const english = new Map((await listCallsToAction(db, consultation.framework_id, 'en')).map((c) => [`${c.code}: ${c.title}`, c.code]))
  const themeName = (name: string) => {
    const code = english.get(name)
    const local = code ? ctas.find((c) => c.code === code) : undefined
    return local ? { name: `${local.code}: ${local.title}`, lang: options.locale } : { name, lang: 'en' }
  }
  const themes = countResidentsByCta([...ctas.map((c) => c.code), null], themeData.themes, themeData.codings).flatMap((group) =>
    publishThemes(group, context.settings).themes.map((th) => ({ ...themeName(th.name), cta: group.code, residents: th.residents })),
  )
  return {
    state: data.state,
    responses: data.matching,
    questions:
      data.state === 'ok'
        ? data.questions.flatMap((q) =>
            // A grid has a table per statement: each is a headline of its own,
            // already titled "question: statement".
            q.tables.map((table) => ({
              key: table.id,
              title: q.tables.length > 1 ? table.title : q.title,
              ...(q.lang ? { lang: q.lang } : {}),
              top: topAnswers(table.rows).map((r) => ({ label: r.label, ...(r.lang ? { lang: r.lang } : {}), cell: r.cell })),
              base: table.base,
              multi: table.multi,
            })),
          )
        : [],
    themes: themes.filter((th) => th.residents.kind === 'shown' ? th.residents.count > 0 : true),
  }
}

/** Publishes (or refreshes) the page: a snapshot of the headline findings in every language the consultation offers. */
export async function publishFindings(
  db: DB,
  options: { consultationId: string; user: StaffUser; tFor: (locale: Locale) => Promise<Translate>; location: DatabaseLocation; threshold: number; synthetic?: boolean },
  now = Date.now(),
) {
  const row = await db.selectFrom('consultation').select('locales').where('id', '=', options.consultationId).executeTakeFirstOrThrow()
  const locales = ['en', ...(JSON.parse(row.locales) as string[])].filter((l, i, all): l is Locale => isLocale(l) && all.indexOf(l) === i)
  const headlines: Partial<Record<Locale, Headline>> = {}
  for (const locale of locales) {
    headlines[locale] = await buildHeadline(db, { ...options, locale, t: await options.tFor(locale) })
  }
  const values = { published_at: now, published_by: options.user.id, headline_json: JSON.stringify(headlines), is_synthetic: options.synthetic ? 1 : 0 }
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('findings_publication').where('consultation_id', '=', options.consultationId).execute()
    await trx.insertInto('findings_publication').values({ consultation_id: options.consultationId, ...values }).execute()
  })
  await recordAudit(db, { actor: options.user.id, action: 'you_said_we_did.published', entity: 'consultation', entityId: options.consultationId, detail: { locales } }, now)
}

export async function unpublishFindings(db: DB, { consultationId, actor }: { consultationId: string; actor: string }, now = Date.now()) {
  await db.deleteFrom('findings_publication').where('consultation_id', '=', consultationId).execute()
  await recordAudit(db, { actor, action: 'you_said_we_did.unpublished', entity: 'consultation', entityId: consultationId }, now)
}
