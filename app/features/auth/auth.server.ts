import crypto from 'node:crypto'
import { createCookie, redirect } from '@remix-run/node'
import type { DB } from '../../../db/connection.ts'
import type { Role } from '../../../db/schema.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { hashSecret } from '../responses/codes.ts'
import { getDb } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { hashPassword, verifyPassword } from './password.server.ts'
import { ROLES } from './roles.ts'

export { ROLES }

// Staff sign-in: email and password, server-side sessions (the cookie holds a
// random token; the database only its hash), lock-out after repeated failures.

export const MAX_FAILED_ATTEMPTS = 5
export const LOCK_MINUTES = 15
const SESSION_HOURS = 12

export interface StaffUser {
  id: string
  email: string
  name: string
  role: Role
}

let cookie: ReturnType<typeof createCookie> | undefined
function staffCookie() {
  const env = getEnv()
  cookie ??= createCookie('hys_staff', {
    path: '/',
    httpOnly: true,
    // Strict: a staff session is never sent on a request that starts on another site.
    sameSite: 'strict',
    secure: env.cookieSecure,
    secrets: [env.SESSION_SECRET],
    maxAge: SESSION_HOURS * 60 * 60,
  })
  return cookie
}

export async function createUser(db: DB, args: { email: string; name: string; role: Role; password: string }, actor = 'system', now = Date.now()) {
  const id = crypto.randomUUID()
  const email = args.email.trim().toLowerCase()
  await db
    .insertInto('app_user')
    .values({ id, email, name: args.name.trim(), role: args.role, password_hash: await hashPassword(args.password), created_at: now, updated_at: now })
    .execute()
  await recordAudit(db, { actor, action: 'user.created', entity: 'user', entityId: id, detail: { after: { email, name: args.name.trim(), role: args.role } } }, now)
  return { id, email, name: args.name.trim(), role: args.role } satisfies StaffUser
}

export type SignInResult =
  | { status: 'ok'; user: StaffUser; setCookie: string }
  | { status: 'wrong' }
  | { status: 'locked'; until: number }

// A hash to compare against when the email is unknown, so timing does not reveal which emails exist.
let decoyHash: Promise<string> | undefined

export async function signIn(db: DB, email: string, password: string, now = Date.now()): Promise<SignInResult> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'name', 'role', 'password_hash', 'failed_attempts', 'locked_until', 'disabled_at'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst()
  if (!user || user.disabled_at !== null) {
    decoyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'))
    await verifyPassword(password, await decoyHash)
    return { status: 'wrong' }
  }
  if (user.locked_until !== null && Number(user.locked_until) > now) return { status: 'locked', until: Number(user.locked_until) }
  if (!(await verifyPassword(password, user.password_hash))) {
    const attempts = Number(user.failed_attempts) + 1
    const lock = attempts >= MAX_FAILED_ATTEMPTS ? now + LOCK_MINUTES * 60_000 : null
    await db
      .updateTable('app_user')
      .set({ failed_attempts: lock ? 0 : attempts, locked_until: lock, updated_at: now })
      .where('id', '=', user.id)
      .execute()
    if (lock) {
      await recordAudit(db, { actor: 'system', action: 'user.locked', entity: 'user', entityId: user.id, detail: { minutes: LOCK_MINUTES } }, now)
      return { status: 'locked', until: lock }
    }
    return { status: 'wrong' }
  }
  await db.updateTable('app_user').set({ failed_attempts: 0, locked_until: null }).where('id', '=', user.id).execute()
  const token = crypto.randomBytes(32).toString('base64url')
  await db
    .insertInto('staff_session')
    .values({ id_hash: hashSecret(token), user_id: user.id, created_at: now, expires_at: now + SESSION_HOURS * 3_600_000 })
    .execute()
  await recordAudit(db, { actor: user.id, action: 'user.signed_in', entity: 'user', entityId: user.id }, now)
  return { status: 'ok', user: { id: user.id, email: user.email, name: user.name, role: user.role }, setCookie: await staffCookie().serialize(token) }
}

export async function findUserBySession(db: DB, token: string | null | undefined, now = Date.now()): Promise<StaffUser | null> {
  if (!token || typeof token !== 'string') return null
  const row = await db
    .selectFrom('staff_session')
    .innerJoin('app_user', 'app_user.id', 'staff_session.user_id')
    .select(['app_user.id', 'app_user.email', 'app_user.name', 'app_user.role', 'app_user.disabled_at', 'staff_session.expires_at'])
    .where('staff_session.id_hash', '=', hashSecret(token))
    .executeTakeFirst()
  if (!row || row.disabled_at !== null || Number(row.expires_at) <= now) return null
  return { id: row.id, email: row.email, name: row.name, role: row.role }
}

export async function getStaffUser(request: Request): Promise<StaffUser | null> {
  const token = await staffCookie().parse(request.headers.get('Cookie'))
  return findUserBySession(await getDb(), token)
}

/**
 * Every staff loader and action starts here: no session sends the person to
 * sign in (coming back afterwards); a role without permission gets a 403.
 */
export async function requireUser(request: Request, roles: readonly Role[] = ROLES): Promise<StaffUser> {
  const user = await getStaffUser(request)
  if (!user) {
    const url = new URL(request.url)
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  }
  if (!roles.includes(user.role)) throw new Response('forbidden', { status: 403 })
  return user
}

/** Ends this session, or (everywhere) every session of this user. Returns the cookie that clears the browser's. */
export async function signOut(request: Request, { everywhere = false } = {}) {
  const db = await getDb()
  const token = await staffCookie().parse(request.headers.get('Cookie'))
  const user = await findUserBySession(db, token)
  if (user && everywhere) {
    await db.deleteFrom('staff_session').where('user_id', '=', user.id).execute()
    await recordAudit(db, { actor: user.id, action: 'user.signed_out_everywhere', entity: 'user', entityId: user.id })
  } else if (typeof token === 'string') {
    await db.deleteFrom('staff_session').where('id_hash', '=', hashSecret(token)).execute()
  }
  return staffCookie().serialize('', { maxAge: 0 })
}
