// npm run db:backup [-- target-file]: a consistent copy of the database while the app runs.
import { backupDatabase, defaultBackupName } from './backup.ts'
import { databaseLocationFromEnv } from './location.ts'

try {
  const location = databaseLocationFromEnv()
  const target = process.argv[2] ?? defaultBackupName(location)
  const { file, bytes } = await backupDatabase(location, target)
  console.log(`Backup written to ${file} (${(bytes / 1024).toFixed(0)} KiB)`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
}
