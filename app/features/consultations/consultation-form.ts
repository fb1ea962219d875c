import { z } from 'zod'
import { SUPPORTED_LOCALES } from '../i18n/config.ts'
import { londonToEpoch } from '../i18n/london-time.ts'

// The consultation form, shared by "create" and "edit". Errors are i18n keys (namespace "auth").

/** A retention period officers may set: at least a month for analysis, at most ten years. */
export const RETENTION_MIN_DAYS = 30
export const RETENTION_MAX_DAYS = 3650
export const RETENTION_DEFAULT_DAYS = 365

const text = (max: number) => z.string().trim().min(1, 'errors.field_required').max(max, 'errors.field_too_long')
const part = z.coerce.number({ invalid_type_error: 'errors.date_invalid' }).int('errors.date_invalid')

export const ConsultationFormSchema = z
  .object({
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'errors.slug_invalid')
      .min(3, 'errors.slug_invalid')
      .max(80, 'errors.slug_invalid'),
    title: text(200),
    summary: text(600),
    purpose: text(3000),
    whatCanChange: text(3000),
    howAnswersUsed: text(3000),
    howDecisionMade: text(3000),
    opensDay: part,
    opensMonth: part,
    opensYear: part,
    opensTime: z.string().regex(/^\d{1,2}:\d{2}$/, 'errors.time_invalid'),
    closesDay: part,
    closesMonth: part,
    closesYear: part,
    closesTime: z.string().regex(/^\d{1,2}:\d{2}$/, 'errors.time_invalid'),
    locales: z.array(z.enum(SUPPORTED_LOCALES as [string, ...string[]])).default([]),
    partners: z.string().max(2000, 'errors.field_too_long').default(''),
    estimatedMinutes: z.coerce.number().int('errors.minutes_invalid').min(1, 'errors.minutes_invalid').max(120, 'errors.minutes_invalid'),
    // How long after closing the responses are kept before they are anonymised (docs/operations.md).
    retentionDays: z
      .string()
      .trim()
      .regex(/^\d{1,5}$/, 'errors.retention_invalid')
      .transform(Number)
      .refine((n) => n >= RETENTION_MIN_DAYS && n <= RETENTION_MAX_DAYS, 'errors.retention_invalid')
      .default(String(RETENTION_DEFAULT_DAYS)),
    frameworkId: z.string().max(64).default(''),
  })
  .transform((v, ctx) => {
    const at = (prefix: 'opens' | 'closes') => {
      const [hour, minute] = v[`${prefix}Time`].split(':').map(Number) as [number, number]
      const epoch = londonToEpoch({ year: v[`${prefix}Year`], month: v[`${prefix}Month`], day: v[`${prefix}Day`], hour, minute })
      if (epoch === null) ctx.addIssue({ code: 'custom', path: [`${prefix}Day`], message: 'errors.date_invalid' })
      return epoch ?? 0
    }
    const opensAt = at('opens')
    const closesAt = at('closes')
    if (opensAt && closesAt && closesAt <= opensAt) ctx.addIssue({ code: 'custom', path: ['closesDay'], message: 'errors.closes_before_opens' })
    return {
      slug: v.slug,
      content: {
        title: v.title,
        summary: v.summary,
        purpose: v.purpose,
        whatCanChange: v.whatCanChange,
        howAnswersUsed: v.howAnswersUsed,
        howDecisionMade: v.howDecisionMade,
      },
      opensAt,
      closesAt,
      // English is always offered: it is the language every text is written in first.
      locales: ['en', ...new Set(v.locales.filter((l) => l !== 'en'))],
      partners: v.partners
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
      estimatedMinutes: v.estimatedMinutes,
      retentionDays: v.retentionDays,
      frameworkId: v.frameworkId,
    }
  })

export type ConsultationFormValues = z.output<typeof ConsultationFormSchema>
