import { z } from 'zod'
import { SUPPORTED_LOCALES } from '../i18n/config.ts'
import { londonParts, londonToEpoch } from '../i18n/london-time.ts'
import type { ItemType } from './tally.ts'

// The officer's forms: an event, and an item of a poll. Errors are keys in the
// "events" namespace. Dates and times are London wall-clock time.

export const EVENT_KINDS = ['poll', 'ask_mayor', 'congress'] as const
export type EventKind = (typeof EVENT_KINDS)[number]
export const OTHER_LOCALES = SUPPORTED_LOCALES.filter((l) => l !== 'en')

type Raw = Record<string, string | string[]>
export type FormErrors = Record<string, string>

const text = (max: number) => z.string().trim().min(1, 'errors.required').max(max, 'errors.too_long')
const optionalText = (max: number) => z.string().trim().max(max, 'errors.too_long').default('')

function raw(form: FormData, multi: string[]): Raw {
  const out: Raw = {}
  for (const [key, value] of form.entries()) {
    if (typeof value !== 'string') continue
    if (multi.includes(key)) out[key] = [...((out[key] as string[] | undefined) ?? []), value]
    else out[key] = value
  }
  for (const key of multi) out[key] ??= []
  return out
}

/** A London date and time from four fields; null with an error key when missing or not a real time. */
function londonDateTime(values: Raw, prefix: string, required: boolean): { epoch: number | null; error?: string } {
  const get = (name: string) => (typeof values[`${prefix}${name}`] === 'string' ? (values[`${prefix}${name}`] as string).trim() : '')
  const [day, month, year, time] = [get('Day'), get('Month'), get('Year'), get('Time')]
  if (!day && !month && !year && !time) return required ? { epoch: null, error: 'errors.date_required' } : { epoch: null }
  const timeMatch = /^(\d{1,2})[:.](\d{2})$/.exec(time)
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year) || !timeMatch) return { epoch: null, error: 'errors.date_invalid' }
  const epoch = londonToEpoch({ year: Number(year), month: Number(month), day: Number(day), hour: Number(timeMatch[1]), minute: Number(timeMatch[2]) })
  return epoch === null ? { epoch: null, error: 'errors.date_invalid' } : { epoch }
}

export interface EventFormValues {
  kind: EventKind
  title: Record<string, string>
  startsAt: number
  venue: string
  locales: string[]
  ctaCodes: string[]
  questionsOpenAt: number | null
  questionsCloseAt: number | null
  theme: Record<string, string> | null
}

const EventFields = z.object({
  kind: z.enum(EVENT_KINDS, { errorMap: () => ({ message: 'errors.kind_required' }) }),
  title: text(200),
  venue: text(200),
  locales: z.array(z.enum(SUPPORTED_LOCALES as [string, ...string[]])).default([]),
  ctas: z.array(z.string().regex(/^[A-Z0-9_-]{1,20}$/)).default([]),
  theme: optionalText(300),
  ...Object.fromEntries(OTHER_LOCALES.flatMap((l) => [[`title_${l}`, optionalText(200)], [`theme_${l}`, optionalText(300)]])),
})

export function parseEventForm(form: FormData, ctaCodes: string[]): { raw: Raw; values: EventFormValues | null; errors: FormErrors } {
  const values = raw(form, ['locales', 'ctas'])
  const errors: FormErrors = {}
  const parsed = EventFields.safeParse(values)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message.startsWith('errors.') ? issue.message : 'errors.invalid'
  }
  const starts = londonDateTime(values, 'starts', true)
  if (starts.error) errors.startsDay = starts.error
  const opens = londonDateTime(values, 'questionsOpen', false)
  if (opens.error) errors.questionsOpenDay = opens.error
  const closes = londonDateTime(values, 'questionsClose', false)
  if (closes.error) errors.questionsCloseDay = closes.error
  if (!opens.error && !closes.error && (opens.epoch === null) !== (closes.epoch === null)) errors.questionsCloseDay = 'errors.questions_window_both'
  if (opens.epoch !== null && closes.epoch !== null && closes.epoch <= opens.epoch) errors.questionsCloseDay = 'errors.closes_before_opens'
  if (!parsed.success || Object.keys(errors).length) return { raw: values, values: null, errors }
  const data = parsed.data as Record<string, unknown> & z.infer<typeof EventFields>
  if (data.kind === 'congress' && !data.theme) errors.theme = 'errors.theme_required'
  const unknownCta = data.ctas.find((c) => !ctaCodes.includes(c))
  if (unknownCta) errors.ctas = 'errors.invalid'
  if (Object.keys(errors).length) return { raw: values, values: null, errors }
  const locales = ['en', ...new Set(data.locales.filter((l) => l !== 'en'))]
  const translated = (field: 'title' | 'theme') => {
    const out: Record<string, string> = { en: data[field] }
    for (const l of OTHER_LOCALES) {
      const value = data[`${field}_${l}`]
      if (typeof value === 'string' && value && locales.includes(l)) out[l] = value
    }
    return out
  }
  return {
    raw: values,
    errors,
    values: {
      kind: data.kind,
      title: translated('title'),
      startsAt: starts.epoch!,
      venue: data.venue,
      locales,
      ctaCodes: ctaCodes.filter((c) => data.ctas.includes(c)),
      questionsOpenAt: data.kind === 'ask_mayor' ? opens.epoch : null,
      questionsCloseAt: data.kind === 'ask_mayor' ? closes.epoch : null,
      theme: data.kind === 'congress' ? translated('theme') : null,
    },
  }
}

// ---------- Poll items ----------

export const CHOICE_TYPES: ItemType[] = ['single', 'multiple', 'ranking']
export const MAX_OPTIONS = 8

export interface ItemFormValues {
  type: ItemType
  title: Record<string, string>
  /** choice types: the option labels per language, in order (codes o1, o2, ...) */
  options: { code: string; label: Record<string, string> }[]
}

const lines = (value: unknown) =>
  (typeof value === 'string' ? value : '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)

/** The item form for an event offered in `locales`. Scale and open text items have no options to type. */
export function parseItemForm(form: FormData, locales: string[]): { raw: Raw; values: ItemFormValues | null; errors: FormErrors } {
  const values = raw(form, [])
  const errors: FormErrors = {}
  const type = values.type as ItemType
  if (!['single', 'multiple', 'scale', 'ranking', 'text'].includes(type)) errors.type = 'errors.type_required'
  const title: Record<string, string> = {}
  for (const l of locales) {
    const value = typeof values[`title_${l}`] === 'string' ? (values[`title_${l}`] as string).trim() : ''
    if (value.length > 300) errors[`title_${l}`] = 'errors.too_long'
    else if (value) title[l] = value
  }
  if (!title.en) errors.title_en ??= 'errors.required'
  const options: ItemFormValues['options'] = []
  if (CHOICE_TYPES.includes(type)) {
    const en = lines(values.options_en)
    if (en.length < 2 || en.length > MAX_OPTIONS) errors.options_en = 'errors.options_count'
    else if (en.some((l) => l.length > 120)) errors.options_en = 'errors.option_too_long'
    for (const l of locales.filter((l) => l !== 'en')) {
      const other = lines(values[`options_${l}`])
      if (other.length && other.length !== en.length) errors[`options_${l}`] = 'errors.options_match'
      else if (other.some((o) => o.length > 120)) errors[`options_${l}`] = 'errors.option_too_long'
    }
    if (!errors.options_en) {
      en.forEach((label, i) => {
        const labels: Record<string, string> = { en: label }
        for (const l of locales.filter((l) => l !== 'en')) {
          const other = lines(values[`options_${l}`])
          if (other.length === en.length) labels[l] = other[i]!
        }
        options.push({ code: `o${i + 1}`, label: labels })
      })
    }
  }
  if (Object.keys(errors).length) return { raw: values, values: null, errors }
  return { raw: values, errors, values: { type, title, options } }
}

/** The form's values for an existing event (London wall-clock time). */
export function eventFormValues(event: {
  kind: string
  title: Record<string, string>
  startsAt: number
  venue: string
  locales: string[]
  ctaCodes: string[]
  questionsOpenAt: number | null
  questionsCloseAt: number | null
  theme: Record<string, string> | null
}): Raw {
  const out: Raw = { kind: event.kind, title: event.title.en ?? '', venue: event.venue, locales: event.locales, ctas: event.ctaCodes, theme: event.theme?.en ?? '' }
  for (const l of OTHER_LOCALES) {
    out[`title_${l}`] = event.title[l] ?? ''
    out[`theme_${l}`] = event.theme?.[l] ?? ''
  }
  const put = (prefix: string, epoch: number | null) => {
    if (epoch === null) return
    const p = londonParts(epoch)
    out[`${prefix}Day`] = String(p.day)
    out[`${prefix}Month`] = String(p.month)
    out[`${prefix}Year`] = String(p.year)
    out[`${prefix}Time`] = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
  }
  put('starts', event.startsAt)
  put('questionsOpen', event.questionsOpenAt)
  put('questionsClose', event.questionsCloseAt)
  return out
}

/** The item form's values for an existing item: its title and option labels per language. */
export function itemFormValues(item: { type: ItemType; title: Record<string, string>; options: { label: Record<string, string> }[] }, locales: string[]): Raw {
  const out: Raw = { type: item.type }
  for (const l of locales) {
    out[`title_${l}`] = item.title[l] ?? ''
    out[`options_${l}`] = CHOICE_TYPES.includes(item.type) ? item.options.map((o) => o.label[l] ?? '').join('\n') : ''
  }
  // A language without every label translated is left empty: the form refuses a partial list.
  for (const l of locales) {
    if (CHOICE_TYPES.includes(item.type) && item.options.some((o) => !o.label[l])) out[`options_${l}`] = ''
  }
  return out
}

/**
 * Once an item has been opened or has votes, what people voted for must not
 * change under them: its type and its options (their number and order, so
 * each code keeps its meaning) are fixed, and only the wording can be
 * corrected. Returns the form errors such an edit breaks; none when it may go ahead.
 */
export function lockedItemEditErrors(current: { type: ItemType; options: { code: string }[] }, edited: ItemFormValues): FormErrors {
  if (edited.type !== current.type) return { type: 'errors.item_locked_type' }
  if (CHOICE_TYPES.includes(current.type) && edited.options.length !== current.options.length) return { options_en: 'errors.item_locked_options' }
  return {}
}
