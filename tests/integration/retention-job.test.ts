import crypto from 'node:crypto'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { findConsultationBySlug, findCurrentSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { newToken } from '~/features/responses/codes.ts'
import { scheduleRetention, type RetentionClock } from '~/features/responses/data-protection.server.ts'
import { createDraft } from '~/features/responses/responses.server.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ORIGIN, startInProcessApp } from '../support/in-process-app.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

// The scheduled data-protection job really runs: with a clock the test
// controls (first run 5 seconds after start, then every interval), and in the
// production build started with RETENTION_INTERVAL_MINUTES set.

const DAY = 86_400_000
const T0 = Date.UTC(2027, 5, 1, 9, 0)

describe.each(ENGINES)('the scheduled retention job on %s', (engine: Engine) => {
  let t: TestDb
  afterEach(async () => {
    await t?.cleanup()
  })

  it('runs 5 seconds after start and then every interval, each time deleting the drafts that have expired by then', async () => {
    t = await createTestDb({ engine })
    const consultation = (await findConsultationBySlug(t.db, DEMO_SLUG))!
    const version = (await findCurrentSurveyVersion(t.db, consultation.id))!
    const draft = (ttlDays: number, createdAt: number) =>
      createDraft(t.db, { consultationId: consultation.id, surveyVersionId: version.id, locale: 'en', token: newToken(), ttlDays }, createdAt)
    await draft(28, T0 - 29 * DAY) // expired the day before the start
    const expiresTomorrow = await draft(1, T0)
    const keptLonger = await draft(28, T0)
    const drafts = async () => (await t.db.selectFrom('response').select('id').where('status', '=', 'draft').execute()).map((r) => r.id).sort()

    let now = T0
    const timers: { run: () => unknown; ms: number; repeats: boolean }[] = []
    const clock: RetentionClock = {
      now: () => now,
      setTimeout: (run, ms) => (timers.push({ run, ms, repeats: false }), {}),
      setInterval: (run, ms) => (timers.push({ run, ms, repeats: true }), {}),
    }
    const lines: string[] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)))
    try {
      scheduleRetention(t.db, 60, clock)
      expect(timers.map(({ ms, repeats }) => ({ ms, repeats }))).toEqual([
        { ms: 5_000, repeats: false },
        { ms: 60 * 60_000, repeats: true },
      ])
      // Nothing runs until a timer fires.
      expect(await drafts()).toHaveLength(3)

      now = T0 + 5_000
      await timers[0]!.run()
      expect(await drafts()).toEqual([expiresTomorrow.id, keptLonger.id].sort())

      now = T0 + 2 * DAY
      await timers[1]!.run()
      expect(await drafts()).toEqual([keptLonger.id])
      // Running again with nothing newly expired changes nothing.
      await timers[1]!.run()
      expect(await drafts()).toEqual([keptLonger.id])
    } finally {
      spy.mockRestore()
    }
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'action', 'detail', 'at']).where('action', '=', 'drafts.deleted').orderBy('at').execute()
    expect(audit.map((a) => [a.actor, Number(a.at), JSON.parse(a.detail)])).toEqual([
      ['system', T0 + 5_000, { drafts: 1 }],
      ['system', T0 + 2 * DAY, { drafts: 1 }],
    ])
    const logged = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(logged.filter((l) => l.message === 'retention job').map((l) => l.draftsDeleted)).toEqual([1, 1])
  })

  it('is not scheduled at all when the interval is 0', async () => {
    t = await createTestDb({ engine })
    const timers: number[] = []
    scheduleRetention(t.db, 0, { now: () => T0, setTimeout: (_run, ms) => (timers.push(ms), {}), setInterval: (_run, ms) => (timers.push(ms), {}) })
    expect(timers).toEqual([])
  })
})

describe('the production build with RETENTION_INTERVAL_MINUTES set', () => {
  it('deletes an expired draft by itself, soon after it starts', async () => {
    const app = await startInProcessApp('retention-job', { RETENTION_INTERVAL_MINUTES: '1' })
    try {
      // An expired draft, written as another process would.
      const db = new Database(app.dbFile)
      const { id: consultationId } = db.prepare('select id from consultation where slug = ?').get(DEMO_SLUG) as { id: string }
      const { id: versionId } = db.prepare('select id from survey_version where consultation_id = ? order by version_number desc').get(consultationId) as { id: string }
      const id = crypto.randomUUID()
      const created = Date.now() - 30 * DAY
      db.prepare(
        `insert into response (id, consultation_id, survey_version_id, channel, locale, status, draft_token_hash, created_at, updated_at, expires_at) values (?, ?, ?, 'online', 'en', 'draft', 'x', ?, ?, ?)`,
      ).run(id, consultationId, versionId, created, created, Date.now() - DAY)
      const exists = () => Boolean(db.prepare('select 1 from response where id = ?').get(id))
      expect(exists()).toBe(true)
      // The first request opens the database, which starts the job.
      expect((await app.handler(new Request(`${ORIGIN}/healthz`), {})).status).toBe(200)
      // The first run is 5 seconds after start; allow a loaded machine plenty more.
      for (let i = 0; i < 600 && exists(); i++) await new Promise((r) => setTimeout(r, 100))
      expect(exists()).toBe(false)
      const audit = db.prepare(`select actor, detail from audit_log where action = 'drafts.deleted'`).all() as { actor: string; detail: string }[]
      expect(audit).toEqual([{ actor: 'system', detail: JSON.stringify({ drafts: 1 }) }])
      db.close()
    } finally {
      app.cleanup()
    }
  }, 90_000)
})
