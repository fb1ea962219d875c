import type { Kysely } from 'kysely'
import { epochMs } from './dialect.ts'

// Archived consultations leave the public lists; their responses stay for analysis.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('consultation').addColumn('archived_at', epochMs(db)).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('consultation').dropColumn('archived_at').execute()
}
