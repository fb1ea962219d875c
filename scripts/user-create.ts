// npm run user:create -- --email someone@example.org --role admin [--name "Full Name"]
// Creates a staff account with a random password, printed once. Roles: admin, officer, analyst, moderator.
import crypto from 'node:crypto'
import { parseArgs } from 'node:util'
import { createDb } from '../db/connection.ts'
import { databaseLocationFromEnv } from '../db/location.ts'
import { migrateToLatest } from '../db/migrate.ts'
import type { Role } from '../db/schema.ts'
import { ROLES, createUser } from '../app/features/auth/auth.server.ts'

const usage = `Usage: npm run user:create -- --email someone@example.org --role ${ROLES.join('|')} [--name "Full Name"]`
let values: { email?: string; role?: string; name?: string }
try {
  values = parseArgs({ options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } } }).values
} catch {
  // An unknown or malformed option: the usage line, not a stack trace.
  console.error(usage)
  process.exit(2)
}
const role = values.role as Role
if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email) || !ROLES.includes(role)) {
  console.error(usage)
  process.exit(2)
}
const db = createDb(databaseLocationFromEnv())
try {
  await migrateToLatest(db)
  // Four random words' worth of entropy: 20 characters from 32 symbols.
  const password = crypto.randomBytes(15).toString('base64url')
  const user = await createUser(db, { email: values.email, name: values.name ?? values.email.split('@')[0]!, role, password }, 'cli')
  console.log(`Created ${user.role} ${user.email}. Password (shown once): ${password}`)
} catch (error) {
  const message = error instanceof Error ? error.message : String(error)
  console.error(/unique|UNIQUE/.test(message) ? `There is already an account for ${values.email}.` : message)
  process.exitCode = 1
} finally {
  await db.destroy()
}
