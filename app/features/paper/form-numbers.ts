import { randomCode } from '../responses/codes.ts'

// A paper form's number: P-XXXX-XXXX in Crockford's base32 (40 bits), short
// enough to read aloud over the phone and to type from a returned form.

export const FORM_NUMBER_PATTERN = /^P-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/

export function newFormNumber(): string {
  const code = randomCode(8)
  return `P-${code.slice(0, 4)}-${code.slice(4)}`
}

export function isFormNumber(value: unknown): value is string {
  return typeof value === 'string' && FORM_NUMBER_PATTERN.test(value)
}

/**
 * A form number as people type it ("p 7kd4 2qxm", "7KD42QXM", O for 0, I or L
 * for 1), or null when it cannot be one.
 */
export function normaliseFormNumber(input: string): string | null {
  let clean = input.toUpperCase().replace(/[^0-9A-Z]/g, '')
  if (clean.length === 9 && clean.startsWith('P')) clean = clean.slice(1)
  clean = clean.replace(/O/g, '0').replace(/[IL]/g, '1')
  const number = `P-${clean.slice(0, 4)}-${clean.slice(4)}`
  return clean.length === 8 && isFormNumber(number) ? number : null
}
