import type { DB } from '../../../db/connection.ts'
import type { CensusMargins } from './census.ts'

/** The census_margin table by dimension (each row keeps its ONS source). */
export async function loadCensusMargins(db: DB): Promise<CensusMargins> {
  const rows = await db.selectFrom('census_margin').select(['dimension', 'category', 'count', 'source']).execute()
  const out: CensusMargins = {}
  for (const row of rows) (out[row.dimension] ??= []).push({ category: row.category, count: Number(row.count), source: row.source })
  return out
}
