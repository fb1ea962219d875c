// npm run data:retention: deletes expired drafts and anonymises responses and events' data past their retention period, now.
import { createDb } from '../db/connection.ts'
import { databaseLocationFromEnv } from '../db/location.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { runRetention } from '../app/features/responses/data-protection.server.ts'

const db = createDb(databaseLocationFromEnv())
try {
  await migrateToLatest(db)
  const { draftsDeleted, anonymised, eventsAnonymised } = await runRetention(db)
  console.log(`Deleted ${draftsDeleted} expired draft(s); anonymised ${anonymised} response(s) and the data of ${eventsAnonymised} event(s).`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await db.destroy()
}
