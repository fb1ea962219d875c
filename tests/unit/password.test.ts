import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from '~/features/auth/password.server.ts'
import { checkPassword } from '~/features/auth/password-policy.ts'

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one; each hash is salted', async () => {
    const hash = await hashPassword('correct horse battery staple')
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true)
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false)
    expect(await hashPassword('correct horse battery staple')).not.toBe(hash)
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false)
  })
})

describe('password rules (NCSC: length over complexity, a deny-list)', () => {
  it('accepts long passphrases of any characters, without composition rules', () => {
    expect(checkPassword('correct horse battery staple')).toBeNull()
    expect(checkPassword('আমার বাড়ি বো রোডে')).toBeNull()
    expect(checkPassword('alllowercaseletters')).toBeNull()
  })

  it('refuses short, common, sequential and personal passwords', () => {
    expect(checkPassword('short')).toBe('auth:errors.password_too_short')
    expect(checkPassword('x'.repeat(257) + 'yz')).toBe('auth:errors.password_too_long')
    expect(checkPassword('Password123456!')).toBe('auth:errors.password_common')
    expect(checkPassword('passwordpassword')).toBe('auth:errors.password_common')
    expect(checkPassword('TowerHamlets2026')).toBe('auth:errors.password_common')
    expect(checkPassword('123456789012')).toBe('auth:errors.password_common')
    expect(checkPassword('qwertyuiop12')).toBe('auth:errors.password_common')
    expect(checkPassword('aaaaaaaaaaaaaa')).toBe('auth:errors.password_common')
    expect(checkPassword('rumana.begum-2026', { email: 'rumana.begum@towerhamlets.gov.uk' })).toBe('auth:errors.password_personal')
  })
})
