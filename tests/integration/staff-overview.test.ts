import { afterEach, describe, expect, it } from 'vitest'
import { loadStaffOverview } from '~/features/staff/overview.server.ts'
import { DEMO_MAYOR_CODE, DEMO_POLL_CODE } from '../../db/seed/demo-events.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

// The staff home's overview: open consultations with their responses this
// week, and events live or coming up with the texts waiting for a moderator,
// each shown only to the roles whose pages it links to.

const DAY = 86_400_000

describe.each(ENGINES)('staff overview on %s', (engine: Engine) => {
  let t: TestDb
  afterEach(async () => {
    await t.cleanup()
  })

  it('counts responses this week and texts waiting, for the roles that use them', async () => {
    t = await createTestDb({ engine, demoResponses: 40 })
    const now = Date.now()
    const demo = await t.db.selectFrom('consultation').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()
    const submitted = await t.db.selectFrom('response').select('id').where('consultation_id', '=', demo.id).where('status', '=', 'submitted').orderBy('id').execute()
    // Every response a month old, then three of them yesterday.
    await t.db.updateTable('response').set({ submitted_at: now - 30 * DAY }).where('consultation_id', '=', demo.id).where('status', '=', 'submitted').execute()
    await t.db.updateTable('response').set({ submitted_at: now - DAY }).where('id', 'in', submitted.slice(0, 3).map((r) => r.id)).execute()
    // Nothing waits for a moderator, then two questions to the Mayor do.
    await t.db.updateTable('event_vote').set({ moderation: 'approved' }).where('moderation', 'in', ['pending', 'held']).execute()
    await t.db.updateTable('event_question').set({ status: 'approved' }).where('status', 'in', ['pending', 'held']).execute()
    const mayor = await t.db.selectFrom('event').select('id').where('code', '=', DEMO_MAYOR_CODE).executeTakeFirstOrThrow()
    const questions = await t.db.selectFrom('event_question').select('id').where('event_id', '=', mayor.id).orderBy('id').limit(2).execute()
    expect(questions).toHaveLength(2)
    await t.db.updateTable('event_question').set({ status: 'pending' }).where('id', 'in', questions.map((q) => q.id)).execute()

    const officer = await loadStaffOverview(t.db, 'officer', 'en', now)
    const consultation = officer.consultations!.find((c) => c.id === demo.id)!
    expect(consultation.total).toBe(submitted.length)
    expect(consultation.lastWeek).toBe(3)
    // Closed consultations are not "open".
    expect(officer.consultations!.every((c) => c.closesAt > now)).toBe(true)
    const events = officer.events!
    expect(events[0]!.event.status).toBe('live')
    expect(events.find((e) => e.event.code === DEMO_MAYOR_CODE)!.waiting).toBe(2)
    expect(events.find((e) => e.event.code === DEMO_POLL_CODE)!.waiting).toBe(0)
    expect(officer.canPresent).toBe(true)
    expect(officer.canAnalyse).toBe(false)

    // A moderator sees events (to moderate) but not consultations; an analyst the reverse.
    const moderator = await loadStaffOverview(t.db, 'moderator', 'en', now)
    expect(moderator.consultations).toBeNull()
    expect(moderator.events).not.toBeNull()
    expect(moderator.canPresent).toBe(false)
    const analyst = await loadStaffOverview(t.db, 'analyst', 'bn', now)
    expect(analyst.events).toBeNull()
    expect(analyst.canAnalyse).toBe(true)
    expect(analyst.consultations!.find((c) => c.id === demo.id)!.title).toMatch(/[\u0980-\u09FF]/)
  })
})
