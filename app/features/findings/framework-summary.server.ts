import { sql } from 'kysely'
import type { DB } from '../../../db/connection.ts'
import { publishCount, publishDistribution, type PublishedCell, type SuppressionSettings } from '../analysis/publish.ts'
import type { Quote } from './cta-summary.ts'
import { buildConsultationCtaSummary, listCallsToAction, type CallToAction } from './cta-summary.server.ts'
import type { AnalysisContext } from '../analysis/analysis-context.server.ts'
import { tallyVotes, type ItemType } from '../events/tally.ts'

// The call-to-action summary across a framework: every consultation that
// serves it (survey responses) and every live event linked to it (votes in
// the room, counted apart and never added to survey results).

export interface FrameworkConsultationRow {
  id: string
  title: string
  responses: PublishedCell
  questions: string[]
  residents: PublishedCell
  themes: { name: string; residents: PublishedCell }[]
}

export interface FrameworkEventRow {
  id: string
  title: string
  startsAt: number
  /** phones that voted at the event (people in the room) */
  voters: PublishedCell
  votes: PublishedCell
  /** questions from the room about this call to action that a moderator let through */
  questions: PublishedCell
  /** each poll with votes: its options and how many phones chose each (suppressed as one table per poll) */
  results: EventItemResult[]
}

export interface EventItemResult {
  id: string
  title: string
  /** a phone may choose several options: counts add up to more than the voters */
  multi: boolean
  /** ranking: counts are first choices */
  ranking: boolean
  rows: { label: string; cell: PublishedCell }[]
  voters: PublishedCell
}

export interface FrameworkCtaSection {
  code: string
  title: string
  consultations: FrameworkConsultationRow[]
  /** residents across consultations who raised it (a resident answering two consultations counts twice) */
  residents: PublishedCell
  quotes: (Quote & { consultation: string })[]
  events: FrameworkEventRow[]
}

export interface FrameworkSummary {
  framework: { id: string; name: string }
  ctas: CallToAction[]
  sections: FrameworkCtaSection[]
}

const localised = (json: string, locale: string) => {
  const texts = JSON.parse(json) as Record<string, string>
  return texts[locale] || texts.en || ''
}

export async function buildFrameworkSummary(
  db: DB,
  {
    frameworkId,
    locale,
    settings,
    contextFor,
  }: {
    frameworkId: string
    locale: string
    settings: SuppressionSettings
    /** the analysis context of one consultation (the caller has checked the reader's role) */
    contextFor: (consultationId: string) => Promise<AnalysisContext | null>
  },
): Promise<FrameworkSummary | null> {
  const framework = await db.selectFrom('framework').select(['id', 'name_i18n']).where('id', '=', frameworkId).executeTakeFirst()
  if (!framework) return null
  const ctas = await listCallsToAction(db, frameworkId, locale)
  const consultations = await db
    .selectFrom('consultation')
    .select(['id'])
    .where('framework_id', '=', frameworkId)
    .where('archived_at', 'is', null)
    .where('status', '!=', 'draft')
    .orderBy('opens_at', 'desc')
    .orderBy('id')
    .execute()

  const sections: FrameworkCtaSection[] = ctas.map((c) => ({ code: c.code, title: c.title, consultations: [], residents: publishCount(0, settings), quotes: [], events: [] }))
  // Raw residents per consultation row, per call to action: suppressed together with their total below.
  const rowResidents: number[][] = ctas.map(() => [])
  for (const { id } of consultations) {
    const context = await contextFor(id)
    if (!context) continue
    const { summary, raw } = await buildConsultationCtaSummary(context, ctas)
    summary.sections.forEach((s, i) => {
      // A consultation appears under a call to action its survey or themes speak to.
      if (!s.questions.length && !s.themes.length) return
      rowResidents[i]!.push(raw.ctas[i]!.residents)
      sections[i]!.consultations.push({
        id,
        title: context.consultation.title,
        responses: summary.responses,
        questions: s.questions.map((q) => q.title),
        residents: s.residents,
        themes: s.themes.map((th) => ({ name: th.name, residents: th.residents })),
      })
      const quote = s.quotes[0]
      if (quote && sections[i]!.quotes.length < 3) sections[i]!.quotes.push({ ...quote, consultation: context.consultation.title })
    })
  }
  sections.forEach((s, i) => publishRowsAndTotal(s, rowResidents[i]!, settings))

  const events = await db
    .selectFrom('event')
    .select(['id', 'title_i18n', 'starts_at', 'cta_codes'])
    .where('framework_id', '=', frameworkId)
    .orderBy('starts_at', 'desc')
    .orderBy('id')
    .execute()
  if (events.length) {
    const ids = events.map((e) => e.id)
    const votes = await db
      .selectFrom('event_vote')
      .select(['event_id', (eb) => eb.fn.countAll<number>().as('votes'), sql<number>`count(distinct device_hash)`.as('voters')])
      .where('event_id', 'in', ids)
      .groupBy('event_id')
      .execute()
    const questions = await db
      .selectFrom('event_question')
      .select(['event_id', 'cta_code', (eb) => eb.fn.countAll<number>().as('n')])
      .where('event_id', 'in', ids)
      .where('status', '=', 'approved')
      .where('cta_code', 'is not', null)
      .groupBy(['event_id', 'cta_code'])
      .execute()
    const results = await loadEventResults(db, ids, locale, settings)
    for (const event of events) {
      const linked = new Set(JSON.parse(event.cta_codes) as string[])
      const v = votes.find((row) => row.event_id === event.id)
      sections.forEach((s) => {
        const asked = Number(questions.find((q) => q.event_id === event.id && q.cta_code === s.code)?.n ?? 0)
        if (!linked.has(s.code) && asked === 0) return
        s.events.push({
          id: event.id,
          title: localised(event.title_i18n, locale),
          startsAt: Number(event.starts_at),
          voters: publishCount(Number(v?.voters ?? 0), settings),
          votes: publishCount(Number(v?.votes ?? 0), settings),
          questions: publishCount(asked, settings),
          results: linked.has(s.code) ? (results.get(event.id) ?? []) : [],
        })
      })
    }
  }
  return { framework: { id: framework.id, name: localised(framework.name_i18n, locale) }, ctas, sections }
}

/**
 * The rows and their total as one table (primary and secondary suppression):
 * with the total shown, a single hidden row would be the total minus the
 * shown rows. A row whose count is hidden has its theme counts hidden too, as
 * a theme count can equal the row's (one theme, or one theme per resident).
 */
export function publishRowsAndTotal(section: FrameworkCtaSection, counts: readonly number[], settings: SuppressionSettings) {
  if (!counts.length) {
    section.residents = publishCount(0, settings)
    return
  }
  const total = counts.reduce((sum, n) => sum + n, 0)
  const published = publishDistribution({ counts: [...counts], answered: total, total }, false, settings)
  section.residents = withoutPercent(published.base)
  section.consultations.forEach((row, j) => {
    row.residents = withoutPercent(published.cells[j]!)
    if (row.residents.kind === 'suppressed') {
      row.themes = row.themes.map((th) => (th.residents.kind === 'shown' ? { ...th, residents: { kind: 'suppressed', reason: 'secondary', threshold: settings.threshold } } : th))
    }
  })
}

const withoutPercent = (cell: PublishedCell): PublishedCell => (cell.kind === 'shown' ? { kind: 'shown', count: cell.count } : cell)

/**
 * The results of every poll (not open text) that has votes, per event: each
 * option's count, suppressed as one table with the phones that voted (a
 * multiple-choice poll as a multi-valued table), in the event's order.
 */
async function loadEventResults(db: DB, eventIds: string[], locale: string, settings: SuppressionSettings): Promise<Map<string, EventItemResult[]>> {
  const items = await db
    .selectFrom('event_item')
    .select(['id', 'event_id', 'type', 'title_i18n', 'options'])
    .where('event_id', 'in', eventIds)
    .where('type', '!=', 'text')
    .orderBy('position')
    .orderBy('id')
    .execute()
  const out = new Map<string, EventItemResult[]>()
  if (!items.length) return out
  const votes = await db.selectFrom('event_vote').select(['item_id', 'option_code', 'option_codes']).where('event_id', 'in', eventIds).execute()
  const byItem = new Map<string, typeof votes>()
  for (const v of votes) byItem.set(v.item_id, [...(byItem.get(v.item_id) ?? []), v])
  for (const item of items) {
    const rows = byItem.get(item.id)
    if (!rows?.length) continue
    const type = item.type as ItemType
    const options = JSON.parse(item.options) as { code: string; label: Record<string, string> }[]
    const tally = tallyVotes(
      type,
      options.map((o) => o.code),
      rows,
    )
    if (tally.total === 0) continue
    const multi = type === 'multiple'
    const counts = options.map((o) => tally.counts[o.code] ?? 0)
    const published = publishDistribution({ counts, answered: tally.total, total: tally.total }, multi, settings)
    const list = out.get(item.event_id) ?? []
    list.push({
      id: item.id,
      title: localised(item.title_i18n, locale),
      multi,
      ranking: type === 'ranking',
      rows: options.map((o, i) => ({ label: o.label[locale] || o.label.en || o.code, cell: published.cells[i]! })),
      voters: published.base,
    })
    out.set(item.event_id, list)
  }
  return out
}
