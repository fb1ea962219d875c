import type { DB } from '../../../db/connection.ts'
import { parseSurveyDefinition, type SurveyDefinition } from '../surveys/definition.ts'

export interface ConsultationContent {
  title: string
  summary: string
  purpose: string
  whatCanChange: string
  howAnswersUsed: string
  howDecisionMade: string
}

export interface PublicConsultation {
  id: string
  slug: string
  status: string
  opensAt: number
  closesAt: number
  locales: string[]
  content: Record<string, ConsultationContent>
  estimatedMinutes: number
  partners: string[]
  isSynthetic: boolean
  /** days after closing before responses are anonymised */
  retentionDays: number
}

/** Open now: status open and the clock inside its window. */
export function isOpen(c: Pick<PublicConsultation, 'status' | 'opensAt' | 'closesAt'>, now = Date.now()) {
  return c.status === 'open' && c.opensAt <= now && now < c.closesAt
}

export function contentFor(c: PublicConsultation, locale: string): { content: ConsultationContent; translated: boolean } {
  const translated = c.locales.includes(locale) && Boolean(c.content[locale])
  return { content: (translated ? c.content[locale] : c.content.en)!, translated }
}

const columns = [
  'id',
  'slug',
  'status',
  'opens_at',
  'closes_at',
  'locales',
  'content_i18n',
  'estimated_minutes',
  'partners',
  'is_synthetic',
  'retention_days',
] as const

type Row = { [K in (typeof columns)[number]]: K extends 'opens_at' | 'closes_at' | 'estimated_minutes' | 'is_synthetic' | 'retention_days' ? number | string : string }

function toPublic(row: Row): PublicConsultation {
  return {
    id: row.id,
    slug: row.slug,
    status: row.status,
    opensAt: Number(row.opens_at),
    closesAt: Number(row.closes_at),
    locales: JSON.parse(row.locales),
    content: JSON.parse(row.content_i18n),
    estimatedMinutes: Number(row.estimated_minutes),
    partners: JSON.parse(row.partners),
    isSynthetic: Number(row.is_synthetic) === 1,
    retentionDays: Number(row.retention_days),
  }
}

export async function listPublicConsultations(db: DB, now = Date.now()) {
  const rows = await db
    .selectFrom('consultation')
    .select(columns)
    .where('status', 'in', ['open', 'closed'])
    .where('archived_at', 'is', null)
    .where('opens_at', '<=', now)
    .orderBy('closes_at', 'asc')
    .execute()
  const all = rows.map(toPublic)
  return {
    open: all.filter((c) => isOpen(c, now)),
    recentlyClosed: all.filter((c) => !isOpen(c, now)).sort((a, b) => b.closesAt - a.closesAt).slice(0, 5),
  }
}

export async function findConsultationBySlug(db: DB, slug: string): Promise<PublicConsultation | undefined> {
  const row = await db.selectFrom('consultation').select(columns).where('slug', '=', slug).executeTakeFirst()
  if (!row || row.status === 'draft') return undefined
  return toPublic(row)
}

export interface SurveyVersion {
  id: string
  versionNumber: number
  definition: SurveyDefinition
}

/** The newest survey version: the one new responses use. */
export async function findCurrentSurveyVersion(db: DB, consultationId: string): Promise<SurveyVersion | undefined> {
  const row = await db
    .selectFrom('survey_version')
    .select(['id', 'version_number', 'definition', 'revision'])
    .where('consultation_id', '=', consultationId)
    .orderBy('version_number', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row ? toSurveyVersion(row) : undefined
}

export async function findSurveyVersion(db: DB, id: string): Promise<SurveyVersion | undefined> {
  const row = await db.selectFrom('survey_version').select(['id', 'version_number', 'definition', 'revision']).where('id', '=', id).executeTakeFirst()
  return row ? toSurveyVersion(row) : undefined
}

// Parsed definitions are kept by version and revision: the builder edits a
// version in place (bumping its revision) until residents have answered it.
const versionCache = new Map<string, SurveyVersion>()

function toSurveyVersion(row: { id: string; version_number: number; definition: string; revision: number }): SurveyVersion {
  const key = `${row.id}:${Number(row.revision)}`
  const cached = versionCache.get(key)
  if (cached) return cached
  const parsed = parseSurveyDefinition(JSON.parse(row.definition))
  // A stored definition was validated when saved; failing here means the data was altered.
  if (!parsed.ok) throw new Error(`Survey version ${row.id} is invalid: ${parsed.problems.join('; ')}`)
  const version = { id: row.id, versionNumber: row.version_number, definition: parsed.definition }
  if (versionCache.size > 500) versionCache.clear()
  versionCache.set(key, version)
  return version
}

export async function listWards(db: DB) {
  return db.selectFrom('ward').select(['code', 'name']).orderBy('name').execute()
}
