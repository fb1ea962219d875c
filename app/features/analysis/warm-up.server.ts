import { locationOf, type DB } from '../../../db/connection.ts'
import type { DatabaseLocation } from '../../../db/location.ts'
import { findCurrentSurveyVersion } from '../consultations/consultations.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { log } from '~/utils/log.server.ts'
import { getDataset } from './dataset-loader.server.ts'

// The first read of a consultation's responses takes seconds at 100,000
// responses (bench/README.md), while a kept dataset loads in a fraction of a
// second. So the server reads it before an analyst asks: at start-up for the
// consultations whose stored snapshot is missing or for an older survey, and
// soon after responses are deleted (which drops the snapshot). It runs off any
// request, in the dataset's worker thread; a failure only means the next
// analyst waits for the read, as before.

/** At most this many consultations are read at start-up, newest first. */
const START_UP_LIMIT = 10

/** Reads a consultation's dataset into memory and stores its snapshot. */
export async function warmAnalysisDataset(db: DB, location: DatabaseLocation, consultationId: string): Promise<boolean> {
  const version = await findCurrentSurveyVersion(db, consultationId)
  if (!version) return false
  const wardCodes = (await db.selectFrom('ward').select('code').orderBy('name').execute()).map((w) => w.code)
  await getDataset(db, { location, consultationId, definition: version.definition, versionId: version.id, wardCodes, includeEquality: true })
  return true
}

/** Consultations with submitted responses whose stored snapshot is missing or for another survey version. */
export async function consultationsToWarm(db: DB, limit = START_UP_LIMIT): Promise<string[]> {
  const rows = await db
    .selectFrom('consultation')
    .leftJoin('analysis_snapshot', 'analysis_snapshot.consultation_id', 'consultation.id')
    .select(['consultation.id', 'analysis_snapshot.survey_version_id as snapshotVersion'])
    .where('consultation.status', 'in', ['open', 'closed'])
    .where('consultation.archived_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('response').select('response.id').whereRef('response.consultation_id', '=', 'consultation.id').where('response.status', '=', 'submitted')))
    .orderBy('consultation.closes_at', 'desc')
    .execute()
  const out: string[] = []
  for (const row of rows) {
    if (out.length >= limit) break
    const current = await findCurrentSurveyVersion(db, row.id)
    if (current && row.snapshotVersion !== current.id) out.push(row.id)
  }
  return out
}

/** Warms these consultations one after another, after `delayMs`, without keeping the process alive for it. */
export function warmSoon(db: DB, location: DatabaseLocation, consultationIds: readonly string[], delayMs = 1_000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(async () => {
      for (const id of consultationIds) {
        const started = Date.now()
        try {
          if (await warmAnalysisDataset(db, location, id)) log('info', 'analysis dataset read ahead', { consultationId: id, ms: Date.now() - started })
        } catch (error) {
          log('warn', 'analysis dataset not read ahead', { consultationId: id, error: String(error) })
        }
      }
      resolve()
    }, delayMs)
    timer.unref()
  })
}

/** At start-up: the consultations an analyst would otherwise wait for. */
export async function scheduleAnalysisWarmUp(db: DB, location: DatabaseLocation, enabled: boolean): Promise<void> {
  if (!enabled) return
  try {
    const ids = await consultationsToWarm(db)
    if (ids.length) void warmSoon(db, location, ids, 5_000)
  } catch (error) {
    log('warn', 'analysis read-ahead not scheduled', { error: String(error) })
  }
}

/** After responses were deleted (their snapshot dropped): read the consultation again soon, off the request. */
export function readAheadAfterDeletion(db: DB, consultationId: string): void {
  const location = locationOf(db)
  if (!getEnv().ANALYSIS_READ_AHEAD || !location) return
  void warmSoon(db, location, [consultationId])
}
