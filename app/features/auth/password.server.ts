import crypto from 'node:crypto'
import { promisify } from 'node:util'

// Passwords are hashed with scrypt (memory-hard; built into Node, so nothing
// native to install), with a random salt per password. The parameters are
// stored with the hash so they can be raised later without breaking old ones.
const scrypt = promisify(crypto.scrypt) as (password: string, salt: Buffer, keylen: number, options: crypto.ScryptOptions) => Promise<Buffer>
const PARAMS = { N: 2 ** 15, r: 8, p: 1 }
const KEY_LENGTH = 32
const MAX_MEMORY = 128 * PARAMS.N * PARAMS.r * 2

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16)
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...PARAMS, maxmem: MAX_MEMORY })
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64')
  const params = { N: Number(n), r: Number(r), p: Number(p) }
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, {
    ...params,
    maxmem: 128 * params.N * params.r * 2,
  })
  return crypto.timingSafeEqual(actual, expected)
}
