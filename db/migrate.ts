import { type Kysely, Migrator, type MigrationResultSet } from 'kysely'
import { migrations } from './migrations/index.ts'

export function createMigrator(db: Kysely<any>) {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const result = await createMigrator(db).migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    const message = result.error instanceof Error ? result.error.message : String(result.error)
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${message}`, { cause: result.error })
  }
  return result
}
