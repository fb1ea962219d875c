import type { DB } from '../../../db/connection.ts'
import { databaseLocationFromEnv } from '../../../db/location.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { requireUser, type StaffUser } from '../auth/auth.server.ts'
import { findCurrentSurveyVersion } from '../consultations/consultations.server.ts'
import { findConsultationForStaff } from '../consultations/manage.server.ts'
import type { SurveyDefinition } from '../surveys/definition.ts'
import { getDb } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import type { Locale } from '../i18n/config.ts'
import type { Dataset } from './dataset.ts'
import { getDataset } from './dataset-loader.server.ts'
import { createLabeller, type Labeller, type Translate } from './labels.ts'
import { ANALYSIS_ROLES, canSeeEqualityData, canSwitchOffSuppression } from './permissions.ts'
import type { SuppressionSettings } from './publish.ts'

// What every analysis page and export starts with: the role checked on the
// server, the consultation (404 if unknown), its current survey, the dataset
// (cached), the filters from the query string and the suppression settings.

export interface AnalysisContext {
  user: StaffUser
  db: DB
  locale: Locale
  t: Translate
  consultation: { id: string; slug: string; title: string; status: string; isSynthetic: boolean }
  /** null when the consultation has no survey yet */
  definition: SurveyDefinition | null
  dataset: Dataset | null
  wards: { code: string; name: string }[]
  wardCodes: string[]
  labeller: Labeller | null
  canSeeEquality: boolean
  canUnsuppress: boolean
  settings: SuppressionSettings
}

export async function loadAnalysisContext(request: Request, id: string | undefined, { exporting = false } = {}): Promise<AnalysisContext> {
  const user = await requireUser(request, ANALYSIS_ROLES)
  const db = await getDb()
  const found = await findConsultationForStaff(db, id ?? '')
  if (!found) throw new Response('not_found', { status: 404 })
  const synthetic = await db.selectFrom('consultation').select('is_synthetic').where('id', '=', found.id).executeTakeFirst()
  const locale = await getLocale(request)
  const fixed = await i18n.getFixedT(locale, ['analysis', 'survey', 'equality'])
  const t: Translate = (key, values) => fixed(key, values as never) as unknown as string
  const wards = await db.selectFrom('ward').select(['code', 'name']).orderBy('name').execute()
  const wardCodes = wards.map((w) => w.code)
  const version = await findCurrentSurveyVersion(db, found.id)
  const canSeeEquality = canSeeEqualityData(user.role)
  const dataset = version
    ? await getDataset(db, {
        location: databaseLocationFromEnv({ DATABASE_URL: getEnv().DATABASE_URL }),
        consultationId: found.id,
        definition: version.definition,
        versionId: version.id,
        wardCodes,
        includeEquality: canSeeEquality,
      })
    : null
  const url = new URL(request.url)
  const canUnsuppress = canSwitchOffSuppression(user.role)
  // Exports are always suppressed; on screen an analyst may switch it off (?suppression=off).
  const suppress = exporting || !canUnsuppress || url.searchParams.get('suppression') !== 'off'
  const title = (found.content[locale] ?? found.content.en)?.title ?? found.slug
  return {
    user,
    db,
    locale,
    t,
    consultation: { id: found.id, slug: found.slug, title, status: found.status, isSynthetic: Number(synthetic?.is_synthetic ?? 0) === 1 },
    definition: version?.definition ?? null,
    dataset,
    wards,
    wardCodes,
    labeller: version ? createLabeller(t, locale, version.definition, new Map(wards.map((w) => [w.code, w.name]))) : null,
    canSeeEquality,
    canUnsuppress,
    settings: { threshold: getEnv().SUPPRESSION_THRESHOLD, suppress },
  }
}

/** An analyst viewing unsuppressed counts is recorded, once per page view. */
export async function auditUnsuppressedView(context: AnalysisContext, page: string) {
  if (context.settings.suppress) return
  await recordAudit(context.db, { actor: context.user.id, action: 'analysis.viewed_unsuppressed', entity: 'consultation', entityId: context.consultation.id, detail: { page } })
}

export { parseFilters, filterQuery } from './filter-options.ts'
export { loadCensusMargins } from './census-margins.server.ts'
