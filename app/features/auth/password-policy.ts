// Password rules after the NCSC's guidance: length over complexity (at least
// 12 characters, any characters, no composition rules), and a deny-list of
// passwords attackers try first. Returns an i18n key, or null when acceptable.

export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

/** Words at the heart of the most common passwords (and this service's own names). */
const COMMON_WORDS = new Set([
  'password', 'passw0rd', 'qwerty', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'letmein', 'welcome', 'admin',
  'administrator', 'iloveyou', 'monkey', 'dragon', 'football', 'baseball', 'sunshine', 'princess', 'master',
  'shadow', 'superman', 'batman', 'trustno', 'starwars', 'whatever', 'freedom', 'computer', 'login', 'secret',
  'changeme', 'default', 'summer', 'winter', 'spring', 'autumn', 'london', 'england', 'arsenal', 'chelsea',
  'liverpool', 'tottenham', 'westham', 'towerhamlets', 'haveyoursay', 'council', 'partnership', 'abcdef',
  'abcdefghijkl', 'abc', 'test', 'testing', 'guest', 'user', 'hello', 'charlie', 'michael', 'jessica',
])

const SEQUENCES = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm']

export function checkPassword(password: string, context: { email?: string; name?: string } = {}): string | null {
  const length = [...password].length
  if (length < MIN_PASSWORD_LENGTH) return 'auth:errors.password_too_short'
  if (length > MAX_PASSWORD_LENGTH) return 'auth:errors.password_too_long'
  const lower = password.toLowerCase()
  const letters = lower.replace(/[^a-z]/g, '')
  const core = lower.replace(/[^a-z0-9]/g, '')
  // The same character, or a keyboard or alphabet run, however long.
  if (new Set([...lower]).size <= 2) return 'auth:errors.password_common'
  if (core.length >= 8 && SEQUENCES.some((seq) => (seq + seq).includes(core))) return 'auth:errors.password_common'
  // A common word padded with digits or symbols ("Password123456!"), or repeated.
  if (letters && (COMMON_WORDS.has(letters) || [...COMMON_WORDS].some((word) => letters === word.repeat(Math.max(1, Math.round(letters.length / word.length)))))) {
    return 'auth:errors.password_common'
  }
  const local = context.email?.toLowerCase().split('@')[0]?.replace(/[^a-z0-9]/g, '')
  if (local && local.length >= 4 && core.includes(local)) return 'auth:errors.password_personal'
  const name = context.name?.toLowerCase().replace(/[^a-z]/g, '')
  if (name && name.length >= 4 && letters.includes(name)) return 'auth:errors.password_personal'
  return null
}
