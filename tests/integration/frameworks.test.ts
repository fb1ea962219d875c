import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createFramework, listFrameworks, parseCallsToAction, updateTexts } from '~/features/frameworks/frameworks.server.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

describe('calls to action typed one a line', () => {
  it('reads "CODE | Title" lines and refuses anything else or repeated codes', () => {
    expect(parseCallsToAction('cta1 | Good advice for everyone\n\nCTA2 | Safe streets ')).toEqual([
      { code: 'CTA1', title: 'Good advice for everyone' },
      { code: 'CTA2', title: 'Safe streets' },
    ])
    expect(parseCallsToAction('CTA1 Good advice')).toBeNull()
    expect(parseCallsToAction('CTA1 | One\nCTA1 | Two')).toBeNull()
  })
})

describe.each(ENGINES)('frameworks on %s', (engine: Engine) => {
  let t: TestDb
  beforeEach(async () => {
    t = await createTestDb({ engine })
  })
  afterEach(async () => {
    await t.cleanup()
  })

  it('edits a call to action in several languages, keeps English, and audits before and after', async () => {
    const [plan] = await listFrameworks(t.db)
    const cta3 = plan!.callsToAction.find((c) => c.code === 'CTA3')!
    expect(await updateTexts(t.db, { kind: 'call_to_action', id: cta3.id, texts: { en: cta3.title.en!, so: 'Qof kasta oo Tower Hamlets ku nool waa inuu dareemaa badbaado', ur: '' } }, 'admin-1')).toBe(true)
    expect(await updateTexts(t.db, { kind: 'call_to_action', id: cta3.id, texts: { en: '  ' } }, 'admin-1')).toBe(false)
    const [after] = await listFrameworks(t.db)
    const updated = after!.callsToAction.find((c) => c.code === 'CTA3')!
    expect(updated.title.so).toMatch(/^Qof kasta/)
    expect(updated.title.bn).toBe(cta3.title.bn)
    expect(updated.title.en).toBe(cta3.title.en)
    const audit = await t.db.selectFrom('audit_log').select(['action', 'detail']).where('entity_id', '=', cta3.id).execute()
    expect(audit).toHaveLength(1)
    expect(JSON.parse(audit[0]!.detail).before.so).toBeUndefined()
  })

  it('adds a framework for another partnership with its calls to action', async () => {
    await createFramework(t.db, { code: 'east-london-health', name: 'East London health plan', vision: 'Healthier lives', callsToAction: [{ code: 'H1', title: 'Faster GP appointments' }] }, 'admin-1')
    const frameworks = await listFrameworks(t.db)
    expect(frameworks.map((f) => f.code)).toEqual(['th-partnership-plan-2023', 'east-london-health'])
    expect(frameworks[1]!.callsToAction).toEqual([expect.objectContaining({ code: 'H1', title: { en: 'Faster GP appointments' } })])
  })
})
