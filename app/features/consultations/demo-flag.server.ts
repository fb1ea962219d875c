import { getDb } from '~/utils/db.server.ts'

// Whether to show the "synthetic data" banner; checked at most once a minute.
let cache: { value: boolean; at: number } | undefined

export async function hasSyntheticData(now = Date.now()): Promise<boolean> {
  if (cache && now - cache.at < 60_000) return cache.value
  try {
    const db = await getDb()
    const row = await db.selectFrom('consultation').select('id').where('is_synthetic', '=', 1).limit(1).executeTakeFirst()
    cache = { value: Boolean(row), at: now }
    return cache.value
  } catch {
    // The banner must never stop a page: with the database away, the page's own loader reports it.
    return cache?.value ?? false
  }
}
