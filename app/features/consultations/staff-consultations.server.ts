import type { DB } from '../../../db/connection.ts'

/** Every consultation with its submitted responses counted by method (channel) and language. */
export async function listConsultationsWithCounts(db: DB, locale: string) {
  const consultations = await db
    .selectFrom('consultation')
    .select(['id', 'slug', 'status', 'content_i18n', 'closes_at', 'archived_at'])
    .orderBy('closes_at', 'desc')
    .execute()
  const counts = await db
    .selectFrom('response')
    .select(['consultation_id', 'channel', 'locale', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'submitted')
    .groupBy(['consultation_id', 'channel', 'locale'])
    .execute()
  return consultations.map((c) => {
    const content = JSON.parse(c.content_i18n) as Record<string, { title: string }>
    const mine = counts.filter((row) => row.consultation_id === c.id)
    const sum = (key: 'channel' | 'locale') => {
      const out: Record<string, number> = {}
      for (const row of mine) out[row[key]] = (out[row[key]] ?? 0) + Number(row.n)
      return Object.entries(out).sort((a, b) => b[1] - a[1])
    }
    return {
      id: c.id,
      slug: c.slug,
      status: c.archived_at !== null ? 'archived' : c.status,
      title: (content[locale] ?? content.en)!.title,
      total: mine.reduce((s, row) => s + Number(row.n), 0),
      byChannel: sum('channel'),
      byLocale: sum('locale'),
    }
  })
}
