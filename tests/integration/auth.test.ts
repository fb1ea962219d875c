import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LOCK_MINUTES, MAX_FAILED_ATTEMPTS, createUser, findUserBySession, signIn } from '~/features/auth/auth.server.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

process.env.SESSION_SECRET ??= 'integration-test-secret-at-least-32-characters'

describe.each(ENGINES)('staff accounts on %s', (engine: Engine) => {
  let t: TestDb
  beforeEach(async () => {
    t = await createTestDb({ engine })
  })
  afterEach(async () => {
    await t.cleanup()
  })

  const tokenOf = (setCookie: string) => {
    // The cookie value is signed JSON; the token inside is what the session row hashes.
    const value = decodeURIComponent(setCookie.split(';')[0]!.split('=').slice(1).join('='))
    return JSON.parse(Buffer.from(value.split('.')[0]!, 'base64').toString('utf8')) as string
  }

  it('signs in with the right password, keeps only a hash of the session token, and audits it', async () => {
    const user = await createUser(t.db, { email: ' Rumana@Example.org ', name: 'Rumana', role: 'analyst', password: 'lantern orchard velvet' })
    expect(user.email).toBe('rumana@example.org')
    const result = await signIn(t.db, 'RUMANA@example.org', 'lantern orchard velvet')
    expect(result.status).toBe('ok')
    if (result.status !== 'ok') return
    expect(result.setCookie).toMatch(/HttpOnly/i)
    expect(result.setCookie).toMatch(/SameSite=Strict/i)
    const token = tokenOf(result.setCookie)
    expect(await findUserBySession(t.db, token)).toMatchObject({ email: 'rumana@example.org', role: 'analyst' })
    const stored = await t.db.selectFrom('staff_session').select('id_hash').execute()
    expect(JSON.stringify(stored)).not.toContain(token)
    const stale = Date.now() + 13 * 3_600_000
    expect(await findUserBySession(t.db, token, stale)).toBeNull()
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'user').execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['user.created', 'user.signed_in'])
  })

  it('refuses a wrong password or an unknown email the same way, and locks after repeated failures', async () => {
    await createUser(t.db, { email: 'officer@example.org', name: 'Officer', role: 'officer', password: 'lantern orchard velvet' })
    expect(await signIn(t.db, 'nobody@example.org', 'whatever')).toEqual({ status: 'wrong' })
    const now = Date.now()
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) expect((await signIn(t.db, 'officer@example.org', 'nope', now)).status).toBe('wrong')
    const locked = await signIn(t.db, 'officer@example.org', 'nope', now)
    expect(locked).toEqual({ status: 'locked', until: now + LOCK_MINUTES * 60_000 })
    expect((await signIn(t.db, 'officer@example.org', 'lantern orchard velvet', now + 60_000)).status).toBe('locked')
    expect((await signIn(t.db, 'officer@example.org', 'lantern orchard velvet', now + (LOCK_MINUTES + 1) * 60_000)).status).toBe('ok')
  })
})
