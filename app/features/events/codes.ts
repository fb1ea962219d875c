// Join codes: 6 characters a resident can read off a projector at the back of
// a hall and type on a phone. The alphabet leaves out every character that
// looks like another (0/O/Q, 1/I/L, 2/Z, 5/S, 6/G/b, 8/B): 22 characters,
// 22^6 = 113 million codes.
export const CODE_ALPHABET = 'ACDEFHJKMNPRTUVWXY3479'
export const CODE_LENGTH = 6
export const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`)

/** A code from random bytes (the server passes crypto.randomBytes; client-safe module). */
export function newJoinCode(random: (n: number) => Uint8Array): string {
  let code = ''
  while (code.length < CODE_LENGTH) {
    for (const byte of random(CODE_LENGTH * 2)) {
      // 22 * 11 = 242: bytes from 242 up would favour the first characters.
      if (byte >= 242 || code.length >= CODE_LENGTH) continue
      code += CODE_ALPHABET[byte % CODE_ALPHABET.length]
    }
  }
  return code
}

/**
 * What a resident typed, as a code: upper case, without spaces or dashes.
 * Null when it cannot be a code at all (wrong length or a character not used).
 */
export function normaliseJoinCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 40) return null
  const code = compactJoinCode(input)
  return CODE_PATTERN.test(code) ? code : null
}

/** Upper case, without the spaces, dashes, underscores and dots people type between the groups. */
function compactJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-_.]/g, '')
}

/**
 * Six letters and digits that are not a code only because of a character codes
 * never use (Z, O, 1...): a mistyped code, not a wrong format.
 */
export function isMistypedJoinCode(input: string): boolean {
  return /^[A-Z0-9]{6}$/.test(compactJoinCode(input)) && normaliseJoinCode(input) === null
}

/** "ACD 347": two groups of three, easier to read aloud and to copy. */
export function displayJoinCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`
}
