// npm run db:seed: reference data (partnership plan, wards, census margins) and the synthetic demo.
import { createDb } from './connection.ts'
import { databaseLocationFromEnv, redactUrl } from './location.ts'
import { migrateToLatest } from './migrate.ts'
import { seedReferenceData } from './seed/reference-data.ts'
import { seedDemo } from './seed/demo.ts'
import { seedDemoUsers } from './seed/demo-users.ts'
import { seedDemoFindings } from './seed/demo-findings.ts'
import { seedClosedDemoResponses } from './seed/demo-closed.ts'

const location = databaseLocationFromEnv()
const filename = location.kind === 'sqlite' ? location.filename : redactUrl(location.url)
const db = createDb(location)
try {
  await migrateToLatest(db)
  const reference = await seedReferenceData(db)
  console.log(reference.created ? 'Seeded the partnership plan, 20 wards and census margins.' : 'Reference data already present.')
  if (process.argv.includes('--no-demo')) {
    console.log('Skipped the demo (--no-demo).')
  } else {
    const demo = await seedDemo(db, reference.frameworkId)
    console.log(demo.created ? `Seeded the demo consultation with ${demo.responses} synthetic responses.` : 'Demo data already present.')
    const closed = await seedClosedDemoResponses(db)
    if (closed.created) console.log(`Seeded the closed demo consultation with ${closed.created} synthetic responses.`)
    const findings = await seedDemoFindings(db, location)
    if (findings.created) console.log('Published "You said, we did" for the demo consultation.')
    const users = await seedDemoUsers(db)
    if (users.length) {
      console.log('Demo staff accounts (passwords are shown only now; sign in at /sign-in):')
      for (const u of users) console.log(`  ${u.role.padEnd(9)} ${u.email}  ${u.password}`)
    }
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await db.destroy()
}
