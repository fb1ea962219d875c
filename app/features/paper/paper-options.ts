// What an officer asks to print: the form's language, standard or large
// print, and how many copies. Read the same way from the print form (POST)
// and from the PDF address (query string), so both make the same copies.

export const MAX_COPIES = 500

export interface PaperOptions {
  locale: string
  largePrint: boolean
  copies: number
}

export type PaperOptionsResult =
  | { ok: true; options: PaperOptions }
  | { ok: false; errors: Record<string, string>; raw: Record<string, string> }

/** Field names: lng, large ('1' for large print), copies. Errors are keys in the paper namespace. */
export function parsePaperOptions(get: (name: string) => unknown, offered: string[]): PaperOptionsResult {
  const text = (name: string) => {
    const value = get(name)
    return typeof value === 'string' ? value.trim() : ''
  }
  const raw = { lng: text('lng'), large: text('large'), copies: text('copies') }
  const errors: Record<string, string> = {}
  if (!offered.includes(raw.lng)) errors.lng = 'errors.language'
  // Digits people type in their own script (১২, ۱۲) count as numbers too.
  const digits = raw.copies.replace(/[০-৯]/g, (d) => String(d.charCodeAt(0) - 0x09e6)).replace(/[۰-۹]/g, (d) => String(d.charCodeAt(0) - 0x06f0)).replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
  const copies = Number(digits)
  if (!raw.copies) errors.copies = 'errors.copies_required'
  else if (!/^\d+$/.test(digits)) errors.copies = 'errors.copies_whole'
  else if (copies < 1 || copies > MAX_COPIES) errors.copies = 'errors.copies_range'
  if (Object.keys(errors).length) return { ok: false, errors, raw }
  return { ok: true, options: { locale: raw.lng, largePrint: raw.large === '1', copies } }
}
