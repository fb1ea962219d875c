import { londonParts } from '../i18n/london-time.ts'
import { ConsultationFormSchema } from './consultation-form.ts'
import type { StaffConsultation } from './manage.server.ts'

const FIELDS = ['slug', 'title', 'summary', 'purpose', 'whatCanChange', 'howAnswersUsed', 'howDecisionMade', 'opensDay', 'opensMonth', 'opensYear', 'opensTime', 'closesDay', 'closesMonth', 'closesYear', 'closesTime', 'partners', 'estimatedMinutes', 'retentionDays', 'frameworkId'] as const

/** What was posted (to show back after an error) and the parsed result. */
export function parseConsultationForm(form: FormData) {
  const raw: Record<string, string | string[]> = {}
  for (const name of FIELDS) raw[name] = typeof form.get(name) === 'string' ? (form.get(name) as string).slice(0, 5000) : ''
  raw.locales = form.getAll('locales').filter((v): v is string => typeof v === 'string')
  const result = ConsultationFormSchema.safeParse(raw)
  const errors: Record<string, string> = {}
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? 'title')
      // zod's own messages (a wrong type) become the generic key.
      errors[key] ??= issue.message.startsWith('errors.') ? issue.message : 'errors.field_required'
    }
  }
  return { raw, values: result.success ? result.data : null, errors }
}

/** The form's values for an existing consultation. */
export function formValuesOf(c: StaffConsultation): Record<string, string | string[]> {
  const opens = londonParts(c.opensAt)
  const closes = londonParts(c.closesAt)
  const hhmm = (p: { hour: number; minute: number }) => `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`
  const en = c.content.en!
  return {
    slug: c.slug,
    ...en,
    opensDay: String(opens.day),
    opensMonth: String(opens.month),
    opensYear: String(opens.year),
    opensTime: hhmm(opens),
    closesDay: String(closes.day),
    closesMonth: String(closes.month),
    closesYear: String(closes.year),
    closesTime: hhmm(closes),
    locales: c.locales,
    partners: c.partners.join('\n'),
    estimatedMinutes: String(c.estimatedMinutes),
    retentionDays: String(c.retentionDays),
    frameworkId: c.frameworkId,
  }
}
