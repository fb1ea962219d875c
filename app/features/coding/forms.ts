import { z } from 'zod'

// The analysts' forms for free-text coding, parsed the same way with or
// without JavaScript. Errors are keys in the "coding" namespace; a form that
// is not ours at all (a missing id) parses to an error, never a throw.

/** Lexicon keys (CTA1–CTA5) and cluster keys (cluster-<hash of its answers>, app/features/coding/suggestions.ts) a form may carry. */
export const SUGGESTION_KEY = /^(CTA[1-5]|cluster-[0-9a-z]{1,13})$/

export const CTA_CODES = ['CTA1', 'CTA2', 'CTA3', 'CTA4', 'CTA5'] as const
export type FormErrors = Record<string, string>
type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FormErrors; raw: Record<string, string> }

const text = (max: number) => z.string({ required_error: 'errors.required' }).trim().min(1, 'errors.required').max(max, 'errors.too_long')
const optionalText = (max: number) => z.string().trim().max(max, 'errors.too_long').default('')
const id = z.string().trim().min(1, 'errors.invalid').max(100, 'errors.invalid')

function single(form: FormData): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of form.entries()) if (typeof value === 'string' && !(key in out)) out[key] = value
  return out
}

const many = (form: FormData, key: string) => [...new Set(form.getAll(key).filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 100))]

function errorsOf(error: z.ZodError): FormErrors {
  const errors: FormErrors = {}
  for (const issue of error.issues) errors[String(issue.path[0])] ??= issue.message.startsWith('errors.') ? issue.message : 'errors.invalid'
  return errors
}

// ---------------------------------------------------------------------------
// A codebook theme

export const ThemeFormSchema = z.object({
  name: text(120),
  definition: optionalText(2000),
  includeNotes: optionalText(2000),
  excludeNotes: optionalText(2000),
  cta: z
    .string()
    .default('')
    .transform((v) => (v === '' ? null : v))
    .pipe(z.enum(CTA_CODES, { errorMap: () => ({ message: 'errors.invalid_cta' }) }).nullable()),
})
export type ThemeFormValues = z.infer<typeof ThemeFormSchema>

export function parseThemeForm(form: FormData): Parsed<ThemeFormValues> {
  const raw = single(form)
  const parsed = ThemeFormSchema.safeParse(raw)
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: errorsOf(parsed.error), raw }
}

// ---------------------------------------------------------------------------
// One answer on the coding screen: "save" with at least one theme, or "none"

export interface CodingFormValues {
  responseId: string
  /** empty when the coder said the answer is not about any theme */
  themeIds: string[]
  /** where to go after saving */
  move: 'next' | 'stay'
}

/**
 * Theme numbers typed on the coding screen ("3 12", "3, 12"): the themes at
 * those places in `order` (the ids in the order the screen numbered them), so
 * a theme past the ninth is as quick to give by keyboard, with or without
 * JavaScript. Null when a number is not one on the screen.
 */
export function themesFromNumbers(typed: string, order: readonly string[]): string[] | null {
  const tokens = typed.split(/[\s,;]+/).filter(Boolean)
  const ids: string[] = []
  for (const token of tokens) {
    if (!/^\d{1,4}$/.test(token)) return null
    const n = Number(token)
    if (n < 1 || n > order.length) return null
    ids.push(order[n - 1]!)
  }
  return ids
}

export function parseCodingForm(form: FormData): Parsed<CodingFormValues> {
  const raw = single(form)
  const responseId = id.safeParse(raw.responseId ?? '')
  if (!responseId.success) return { ok: false, errors: { responseId: 'errors.invalid' }, raw }
  const intent = raw.intent === 'none' ? 'none' : 'save'
  if (intent === 'none') return { ok: true, value: { responseId: responseId.data, themeIds: [], move: raw.move === 'stay' ? 'stay' : 'next' } }
  const order = (raw.order ?? '').split(',').filter((x) => x.length > 0 && x.length <= 100)
  const numbered = themesFromNumbers((raw.numbers ?? '').slice(0, 200), order)
  if (numbered === null) return { ok: false, errors: { numbers: 'errors.theme_number' }, raw }
  const themeIds = [...new Set([...many(form, 'themes'), ...numbered])]
  if (themeIds.length === 0) return { ok: false, errors: { themes: 'errors.choose_theme' }, raw }
  return { ok: true, value: { responseId: responseId.data, themeIds, move: raw.move === 'stay' ? 'stay' : 'next' } }
}

// ---------------------------------------------------------------------------
// Bulk coding: one theme applied to the answers ticked in a search

export interface BulkFormValues {
  themeId: string
  responseIds: string[]
}

export const MAX_BULK = 5000

export function parseBulkForm(form: FormData): Parsed<BulkFormValues> {
  const raw = single(form)
  const errors: FormErrors = {}
  const themeId = id.safeParse(raw.theme ?? '')
  if (!themeId.success) errors.theme = 'errors.choose_bulk_theme'
  const responseIds = many(form, 'responses')
  if (responseIds.length === 0) errors.responses = 'errors.choose_answers'
  if (responseIds.length > MAX_BULK) errors.responses = 'errors.too_many_answers'
  if (Object.keys(errors).length || !themeId.success) return { ok: false, errors, raw }
  return { ok: true, value: { themeId: themeId.data, responseIds } }
}

// ---------------------------------------------------------------------------
// Drawing a sample for double coding

export const MAX_SAMPLE = 500

export const SampleFormSchema = z.object({
  question: z.string({ required_error: 'errors.no_question' }).trim().min(1, 'errors.no_question').max(100, 'errors.no_question'),
  size: z
    .string({ required_error: 'errors.size_required' })
    .trim()
    .min(1, 'errors.size_required')
    .regex(/^\d{1,6}$/, 'errors.size_whole')
    .transform(Number)
    .pipe(z.number().int().min(2, 'errors.size_range').max(MAX_SAMPLE, 'errors.size_range')),
  seed: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d{1,9}$/.test(v), 'errors.seed_whole')
    .transform((v) => (v === '' ? null : Number(v))),
  secondCoder: z.string({ required_error: 'errors.choose_coder' }).trim().min(1, 'errors.choose_coder').max(100, 'errors.choose_coder'),
})
export type SampleFormValues = z.infer<typeof SampleFormSchema>

export function parseSampleForm(form: FormData): Parsed<SampleFormValues> {
  const raw = single(form)
  const parsed = SampleFormSchema.safeParse(raw)
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: errorsOf(parsed.error), raw }
}

// ---------------------------------------------------------------------------
// Accepting a suggestion: a new theme (optionally renamed), or merged into one

export interface AcceptFormValues {
  kind: 'lexicon' | 'cluster'
  key: string
  name: string
  codeAnswers: boolean
}

export function parseAcceptForm(form: FormData): Parsed<AcceptFormValues> {
  const raw = single(form)
  const errors: FormErrors = {}
  const kind = raw.kind === 'lexicon' || raw.kind === 'cluster' ? raw.kind : null
  const key = SUGGESTION_KEY.test(raw.key ?? '') ? raw.key : null
  const name = text(120).safeParse(raw.name ?? '')
  if (!name.success) errors[`name-${raw.key ?? ''}`] = name.error.issues[0]?.message ?? 'errors.required'
  if (!kind || !key) errors.key = 'errors.invalid'
  if (!kind || !key || !name.success) return { ok: false, errors, raw }
  return { ok: true, value: { kind, key, name: name.data, codeAnswers: raw.codeAnswers === 'yes' } }
}
