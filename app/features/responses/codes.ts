import crypto from 'node:crypto'

// Codes people read aloud or type: Crockford's base32 (no I, L, O or U).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export function randomCode(length: number): string {
  const bytes = crypto.randomBytes(length)
  let out = ''
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % 32]
  return out
}

/** A reference a resident can quote: HYS-XXXX-XXXX (40 bits). */
export function newReference(): string {
  const code = randomCode(8)
  return `HYS-${code.slice(0, 4)}-${code.slice(4)}`
}

/** A resume code: XXXX-XXXX-XX (50 bits); stored only as a hash. */
export function newResumeCode(): string {
  const code = randomCode(10)
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`
}

/** Accepts what people type: lower case, spaces, missing dashes, O for 0, I or L for 1. */
export function normaliseCode(input: string): string {
  const clean = input.toUpperCase().replace(/[^0-9A-Z]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1')
  if (clean.length !== 10) return clean
  return `${clean.slice(0, 4)}-${clean.slice(4, 8)}-${clean.slice(8)}`
}

export function newToken(): string {
  return crypto.randomBytes(24).toString('base64url')
}

/** Codes and tokens are random with 40+ bits, so a fast hash is enough to keep them unreadable at rest. */
export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex')
}
