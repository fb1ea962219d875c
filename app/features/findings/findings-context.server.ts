import type { DB } from '../../../db/connection.ts'
import type { DatabaseLocation } from '../../../db/location.ts'
import type { AnalysisContext } from '../analysis/analysis-context.server.ts'
import { getDataset } from '../analysis/dataset-loader.server.ts'
import { createLabeller, type Translate } from '../analysis/labels.ts'
import type { StaffUser } from '../auth/auth.server.ts'
import { findCurrentSurveyVersion } from '../consultations/consultations.server.ts'
import { findConsultationForStaff } from '../consultations/manage.server.ts'
import type { Locale } from '../i18n/config.ts'

// An analysis context for one consultation without a request: the framework
// summary reads several consultations, and publishing "You said, we did"
// takes a snapshot of the headline findings. The caller has checked the
// role. Always suppressed and without equality answers: what this feeds
// is published or read across consultations.

export interface FindingsContextOptions {
  consultationId: string
  user: StaffUser
  locale: Locale
  t: Translate
  location: DatabaseLocation
  threshold: number
}

export async function analysisContextFor(db: DB, options: FindingsContextOptions): Promise<AnalysisContext | null> {
  const found = await findConsultationForStaff(db, options.consultationId)
  if (!found) return null
  const synthetic = await db.selectFrom('consultation').select('is_synthetic').where('id', '=', found.id).executeTakeFirst()
  const wards = await db.selectFrom('ward').select(['code', 'name']).orderBy('name').execute()
  const wardCodes = wards.map((w) => w.code)
  const version = await findCurrentSurveyVersion(db, found.id)
  const dataset = version
    ? await getDataset(db, { location: options.location, consultationId: found.id, definition: version.definition, versionId: version.id, wardCodes, includeEquality: false })
    : null
  const title = (found.content[options.locale] ?? found.content.en)?.title ?? found.slug
  return {
    user: options.user,
    db,
    locale: options.locale,
    t: options.t,
    consultation: { id: found.id, slug: found.slug, title, status: found.status, isSynthetic: Number(synthetic?.is_synthetic ?? 0) === 1 },
    definition: version?.definition ?? null,
    dataset,
    wards,
    wardCodes,
    labeller: version ? createLabeller(options.t, options.locale, version.definition, new Map(wards.map((w) => [w.code, w.name]))) : null,
    canSeeEquality: false,
    canUnsuppress: false,
    settings: { threshold: options.threshold, suppress: true },
  }
}
