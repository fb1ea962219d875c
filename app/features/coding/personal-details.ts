// Finds personal details in free text so a quote can be flagged on the coding
// screen and redacted before it leaves the system (reports, exports, public
// pages). Pure and deterministic: no data is sent anywhere. It errs towards
// flagging: a false alarm costs an analyst a glance, a miss can identify a resident.

export type PersonalDetailKind = 'email' | 'phone' | 'postcode' | 'address' | 'name'

export interface PersonalDetail {
  kind: PersonalDetailKind
  start: number
  end: number
  text: string
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu
// UK numbers: 07… mobiles, 01/02/03 landlines, +44 forms; spaces, dots, dashes or brackets between digits.
const PHONE = /(?:\+44\s?\(?0?\)?\s?|\b0)(?:[\s.\-()]*\d){9,10}\b/g
// Full and outward-only UK postcodes (E1 6AN, E14, SW1A 1AA), any case.
const POSTCODE = /\b(?:[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|(?:E|EC|N|NW|SE|SW|W|WC)\d{1,2}[A-Z]?)\b/gi
// A house number (or flat) followed by a street name ending in a street word.
const STREET_WORDS = 'street|st|road|rd|lane|ln|avenue|ave|close|court|ct|way|place|pl|square|sq|gardens|terrace|walk|row|drive|crescent|estate|house|mews|grove|hill|green|park|wharf|quay'
const ADDRESS = new RegExp(`\\b(?:flat\\s+\\d+[a-z]?,?\\s+)?\\d{1,4}[a-z]?,?\\s+(?:[A-Z][\\p{L}'-]+\\s+){1,3}(?:${STREET_WORDS})\\b`, 'giu')
// Names introduced by a phrase, or after a title (the name itself must be capitalised). Bengali: "আমার নাম …".
const NAME_AFTER_PHRASE = /\b(?:[Mm]y name is|[Ii] am called|[Ii]'m called|[Nn]ame:|[Mm]y (?:son|daughter|husband|wife|neighbour|mum|dad|mother|father|friend|landlord)\s*,?)\s+((?:[A-Z][\p{L}'-]+)(?:\s+[A-Z][\p{L}'-]+){0,2})/gu
const NAME_AFTER_TITLE = /\b(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor)\.?\s+((?:[A-Z][\p{L}'-]+)(?:\s+[A-Z][\p{L}'-]+){0,2})/gu
const BENGALI_NAME = /আমার নাম\s+([\u0980-\u09FF]+(?:\s+[\u0980-\u09FF]+)?)/gu

/**
 * Bengali (০–৯), Arabic-Indic (٠–٩) and Urdu (۰–۹) digits as ASCII digits, so
 * "০৭৯১১ ১২৩৪৫৬" is found as a phone number. One code unit for one, so
 * positions in the result are positions in the original text.
 */
export function asciiDigits(text: string): string {
  return text.replace(/[\u09E6-\u09EF\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const code = d.charCodeAt(0)
    return String(code - (code >= 0x09e6 ? 0x09e6 : code >= 0x06f0 ? 0x06f0 : 0x0660))
  })
}

function collect(text: string, pattern: RegExp, kind: PersonalDetailKind, group = 0, search = text): PersonalDetail[] {
  const found: PersonalDetail[] = []
  for (const match of search.matchAll(pattern)) {
    const value = match[group]
    if (!value) continue
    const start = (match.index ?? 0) + match[0].indexOf(value)
    found.push({ kind, start, end: start + value.length, text: text.slice(start, start + value.length) })
  }
  return found
}

/** Every personal detail found, in text order, overlaps merged (the earlier or longer wins). */
export function findPersonalDetails(text: string): PersonalDetail[] {
  if (!text) return []
  const all = [
    ...collect(text, EMAIL, 'email'),
    ...collect(text, PHONE, 'phone', 0, asciiDigits(text)),
    ...collect(text, ADDRESS, 'address'),
    ...collect(text, POSTCODE, 'postcode'),
    ...collect(text, NAME_AFTER_PHRASE, 'name', 1),
    ...collect(text, NAME_AFTER_TITLE, 'name', 1),
    ...collect(text, BENGALI_NAME, 'name', 1),
  ].sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: PersonalDetail[] = []
  for (const detail of all) {
    const last = kept[kept.length - 1]
    if (last && detail.start < last.end) {
      if (detail.end > last.end) kept[kept.length - 1] = { ...last, end: detail.end, text: text.slice(last.start, detail.end) }
      continue
    }
    kept.push(detail)
  }
  return kept
}

export const REDACTION_MARK: Record<PersonalDetailKind, string> = {
  email: '[email removed]',
  phone: '[phone number removed]',
  postcode: '[postcode removed]',
  address: '[address removed]',
  name: '[name removed]',
}

/** The text with every personal detail replaced by a mark saying what was removed. */
export function redactPersonalDetails(text: string): { text: string; redactions: PersonalDetail[] } {
  const redactions = findPersonalDetails(text)
  let out = ''
  let at = 0
  for (const r of redactions) {
    out += text.slice(at, r.start) + REDACTION_MARK[r.kind]
    at = r.end
  }
  return { text: out + text.slice(at), redactions }
}
