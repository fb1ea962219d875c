// npm run db:migrate: brings the database named by DATABASE_URL (default data/have-your-say.db) up to date.
import { createDb } from './connection.ts'
import { migrateToLatest } from './migrate.ts'
import { databaseLocationFromEnv, redactUrl } from './location.ts'

const location = databaseLocationFromEnv()
const filename = location.kind === 'sqlite' ? location.filename : redactUrl(location.url)
const db = createDb(location)
try {
  const result = await migrateToLatest(db)
  const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? []
  console.log(applied.length ? `Applied ${applied.length} migration(s) to ${filename}: ${applied.join(', ')}` : `${filename} is up to date`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await db.destroy()
}
