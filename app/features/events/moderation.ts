// Open text from the room (answers and questions) is held for a moderator
// before any screen shows it. These checks hold a text back automatically:
// a word on the blocked list (English and Bengali), or what looks like
// personal details (a phone number or an email address).

export type HeldReason = 'blocked_word' | 'personal_details'

export interface BlockedWord {
  locale: string
  word: string
}

/** Words from the list that appear in the text. English: whole words, any case. Bengali: anywhere (words take suffixes). */
export function findBlockedWords(text: string, list: BlockedWord[]): string[] {
  const lower = text.toLowerCase().normalize('NFC')
  const found: string[] = []
  for (const { word } of list) {
    const w = word.toLowerCase().normalize('NFC').trim()
    if (!w) continue
    if (/^[\p{Script=Latin}\p{N}\s'’-]+$/u.test(w)) {
      const escaped = w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      if (new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(lower)) found.push(word)
    } else if (lower.includes(w)) {
      found.push(word)
    }
  }
  return found
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u
// UK numbers (07700 900123, +44 20 7946 0000) and any run of 10+ digits with spaces or dashes.
const PHONE = /(?:\+?\d[\d\s-]{8,}\d)/
// Bengali digits are digits too.
const toAsciiDigits = (text: string) => text.replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6))

export function looksLikePersonalDetails(text: string): boolean {
  const ascii = toAsciiDigits(text)
  if (EMAIL.test(ascii)) return true
  const match = ascii.match(PHONE)
  return Boolean(match && match[0].replace(/\D/g, '').length >= 10)
}

/** Why a text is held back, or null when it only needs a moderator's approval. */
export function holdReason(text: string, list: BlockedWord[]): HeldReason | null {
  if (findBlockedWords(text, list).length) return 'blocked_word'
  if (looksLikePersonalDetails(text)) return 'personal_details'
  return null
}

/** Open text as stored: trimmed, line breaks kept, runs of spaces and control characters removed. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Length as a resident counts it (characters, not UTF-16 units). */
export function textLength(text: string): number {
  return Array.from(text).length
}
