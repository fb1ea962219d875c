import crypto from 'node:crypto'
import type { DB } from '../connection.ts'
import type { Role } from '../schema.ts'
import { createUser } from '../../app/features/auth/auth.server.ts'

// One demo account per role, each with a random password printed once by the
// seed (never stored in plain text, never the same on two machines).
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@demo.haveyoursay.example', name: 'Demo Administrator', role: 'admin' },
  { email: 'officer@demo.haveyoursay.example', name: 'Demo Officer', role: 'officer' },
  { email: 'analyst@demo.haveyoursay.example', name: 'Demo Analyst', role: 'analyst' },
  { email: 'moderator@demo.haveyoursay.example', name: 'Demo Moderator', role: 'moderator' },
]

export async function seedDemoUsers(db: DB): Promise<{ email: string; role: Role; password: string }[]> {
  const created: { email: string; role: Role; password: string }[] = []
  for (const user of DEMO_USERS) {
    const exists = await db.selectFrom('app_user').select('id').where('email', '=', user.email).executeTakeFirst()
    if (exists) continue
    const password = crypto.randomBytes(15).toString('base64url')
    await createUser(db, { ...user, password }, 'seed')
    created.push({ email: user.email, role: user.role, password })
  }
  return created
}
