import crypto from 'node:crypto'
import type { DB } from '../../../db/connection.ts'
import { recordAudit } from '../audit/audit.server.ts'

// The partnership plans consultations serve: their calls to action and focus
// areas, each with its texts per language. Administrators edit them; another
// partnership can add its own framework.

export type Texts = Record<string, string>

export async function listFrameworks(db: DB) {
  const frameworks = await db.selectFrom('framework').select(['id', 'code', 'name_i18n', 'vision_i18n']).orderBy('created_at').execute()
  const ctas = await db.selectFrom('call_to_action').select(['id', 'framework_id', 'code', 'position', 'title_i18n']).orderBy('position').execute()
  const areas = await db.selectFrom('focus_area').select(['id', 'framework_id', 'position', 'title_i18n', 'led_by', 'cta_codes']).orderBy('position').execute()
  return frameworks.map((f) => ({
    id: f.id,
    code: f.code,
    name: JSON.parse(f.name_i18n) as Texts,
    vision: JSON.parse(f.vision_i18n) as Texts,
    callsToAction: ctas.filter((c) => c.framework_id === f.id).map((c) => ({ id: c.id, code: c.code, title: JSON.parse(c.title_i18n) as Texts })),
    focusAreas: areas
      .filter((a) => a.framework_id === f.id)
      .map((a) => ({ id: a.id, title: JSON.parse(a.title_i18n) as Texts, ledBy: a.led_by, ctaCodes: JSON.parse(a.cta_codes) as string[] })),
  }))
}

/** Saves the title of a call to action or focus area in every language given; empty texts are removed. */
export async function updateTexts(db: DB, args: { kind: 'call_to_action' | 'focus_area'; id: string; texts: Texts }, actor: string, now = Date.now()) {
  // English is the text every other language is translated from: it cannot be emptied.
  if ('en' in args.texts && !args.texts.en?.trim()) return false
  const row = await db.selectFrom(args.kind).select(['id', 'title_i18n']).where('id', '=', args.id).executeTakeFirst()
  if (!row) return false
  const before = JSON.parse(row.title_i18n) as Texts
  const after: Texts = { ...before }
  for (const [locale, text] of Object.entries(args.texts)) {
    if (text.trim()) after[locale] = text.trim()
    else if (locale !== 'en') delete after[locale]
  }
  if (!after.en) return false
  await db.updateTable(args.kind).set({ title_i18n: JSON.stringify(after) }).where('id', '=', args.id).execute()
  await recordAudit(db, { actor, action: `${args.kind}.updated`, entity: 'framework', entityId: args.id, detail: { before, after } }, now)
  return true
}

/** A new framework for another partnership, with its calls to action (code and English title, one a line: "CTA1 | Title"). */
export async function createFramework(db: DB, args: { code: string; name: string; vision: string; callsToAction: { code: string; title: string }[] }, actor: string, now = Date.now()) {
  const id = crypto.randomUUID()
  await db
    .insertInto('framework')
    .values({
      id,
      code: args.code,
      name_i18n: JSON.stringify({ en: args.name }),
      vision_i18n: JSON.stringify({ en: args.vision }),
      period_from: '',
      period_to: '',
      source: `Entered by an administrator on ${new Date(now).toISOString().slice(0, 10)}`,
      created_at: now,
    })
    .execute()
  if (args.callsToAction.length) {
    await db
      .insertInto('call_to_action')
      .values(args.callsToAction.map((c, i) => ({ id: crypto.randomUUID(), framework_id: id, code: c.code, position: i + 1, title_i18n: JSON.stringify({ en: c.title }) })))
      .execute()
  }
  await recordAudit(db, { actor, action: 'framework.created', entity: 'framework', entityId: id, detail: { after: args } }, now)
  return id
}

/** Lines of "CODE | Title" into calls to action; null when a line does not fit. */
export function parseCallsToAction(text: string): { code: string; title: string }[] | null {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean)
  const out: { code: string; title: string }[] = []
  for (const line of lines) {
    const match = /^([A-Za-z0-9_-]{1,20})\s*\|\s*(.{3,300})$/.exec(line)
    if (!match) return null
    out.push({ code: match[1]!.toUpperCase(), title: match[2]!.trim() })
  }
  if (new Set(out.map((c) => c.code)).size !== out.length) return null
  return out
}

export async function listFrameworkNames(db: DB) {
  const rows = await db.selectFrom('framework').select(['id', 'name_i18n']).orderBy('created_at').execute()
  return rows.map((r) => ({ id: r.id, name: (JSON.parse(r.name_i18n) as Texts).en ?? r.id }))
}
