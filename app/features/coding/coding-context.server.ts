import type { DB } from '../../../db/connection.ts'
import { requireUser, type StaffUser } from '../auth/auth.server.ts'
import { ANALYSIS_ROLES } from '../analysis/permissions.ts'
import type { FrameData } from '../analysis/components/frame.tsx'
import { findCurrentSurveyVersion } from '../consultations/consultations.server.ts'
import { findConsultationForStaff } from '../consultations/manage.server.ts'
import type { Locale } from '../i18n/config.ts'
import { getDb } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import { freeTextQuestions } from './coding.server.ts'
import { ensureCodebook } from './codebook.server.ts'

// What every free-text coding page starts with: an analyst or administrator
// (checked on the server), the consultation (404 if unknown), its free-text
// questions, and the codebook, seeded with the calls to action on first use.
// Lighter than the analysis context: no dataset is loaded.

export type CodingT = (key: string, values?: Record<string, unknown>) => string

export interface CodingContext {
  user: StaffUser
  db: DB
  locale: Locale
  t: CodingT
  consultationId: string
  frame: FrameData
  questions: Array<{ key: string; title: string }>
}

export async function loadCodingContext(request: Request, id: string | undefined): Promise<CodingContext> {
  const user = await requireUser(request, ANALYSIS_ROLES)
  const db = await getDb()
  const found = await findConsultationForStaff(db, id ?? '')
  if (!found) throw new Response('not_found', { status: 404 })
  const synthetic = await db.selectFrom('consultation').select('is_synthetic').where('id', '=', found.id).executeTakeFirst()
  const locale = await getLocale(request)
  const fixed = await i18n.getFixedT(locale, 'coding')
  const t: CodingT = (key, values) => fixed(key, values as never) as unknown as string
  const version = await findCurrentSurveyVersion(db, found.id)
  await ensureCodebook(db, found.id, user.id)
  const title = (found.content[locale] ?? found.content.en)?.title ?? found.slug
  return {
    user,
    db,
    locale,
    t,
    consultationId: found.id,
    frame: { id: found.id, title, isSynthetic: Number(synthetic?.is_synthetic ?? 0) === 1, suppress: true, threshold: getEnv().SUPPRESSION_THRESHOLD, query: '' },
    questions: freeTextQuestions(version?.definition ?? null, locale),
  }
}

/** The chosen free-text question (?question=), or the first one; null when the survey has none. */
export function chooseQuestion(context: CodingContext, wanted: string | null) {
  return context.questions.find((q) => q.key === wanted) ?? context.questions[0] ?? null
}

export const themesBase = (consultationId: string) => `/admin/consultations/${consultationId}/analysis/themes`
