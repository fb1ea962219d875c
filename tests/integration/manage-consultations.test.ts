import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConsultationFormSchema } from '~/features/consultations/consultation-form.ts'
import {
  archiveConsultation,
  closeNow,
  createConsultation,
  duplicateConsultation,
  findConsultationForStaff,
  openNow,
  updateConsultation,
} from '~/features/consultations/manage.server.ts'
import { findConsultationBySlug, listPublicConsultations } from '~/features/consultations/consultations.server.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

const form = (overrides: Record<string, unknown> = {}) =>
  ConsultationFormSchema.parse({
    slug: 'Youth-Services-2027',
    title: 'Youth services: what should open in the evenings?',
    summary: 'Tell us which youth services you use.',
    purpose: 'Plan youth services.',
    whatCanChange: 'Opening hours and places.',
    howAnswersUsed: 'Read by analysts.',
    howDecisionMade: 'Cabinet decides in June.',
    opensDay: '1',
    opensMonth: '3',
    opensYear: '2027',
    opensTime: '09:00',
    closesDay: '30',
    closesMonth: '4',
    closesYear: '2027',
    closesTime: '17:30',
    locales: ['bn'],
    partners: 'Tower Hamlets Council\n\nYouth Council ',
    estimatedMinutes: '6',
    ...overrides,
  })

describe('the consultation form', () => {
  it('reads London times, always offers English, and lists partners a line each', () => {
    const values = form()
    expect(values.slug).toBe('youth-services-2027')
    expect(values.opensAt).toBe(Date.UTC(2027, 2, 1, 9, 0))
    expect(values.closesAt).toBe(Date.UTC(2027, 3, 30, 16, 30)) // BST
    expect(values.locales).toEqual(['en', 'bn'])
    expect(values.partners).toEqual(['Tower Hamlets Council', 'Youth Council'])
  })

  it('refuses a closing date before the opening date, an impossible date and a bad web address', () => {
    const result = ConsultationFormSchema.safeParse({ ...form(), slug: 'no spaces!', opensDay: '31', opensMonth: '2', closesYear: '2026' })
    expect(result.success).toBe(false)
  })
})

describe.each(ENGINES)('managing consultations on %s', (engine: Engine) => {
  let t: TestDb
  beforeEach(async () => {
    t = await createTestDb({ engine })
  })
  afterEach(async () => {
    await t.cleanup()
  })

  it('creates a draft, edits it keeping translations, and audits before and after', async () => {
    const id = await createConsultation(t.db, form(), 'officer-1')
    let c = (await findConsultationForStaff(t.db, id))!
    expect(c).toMatchObject({ status: 'draft', slug: 'youth-services-2027', locales: ['en', 'bn'] })
    expect(await findConsultationBySlug(t.db, c.slug)).toBeUndefined() // drafts are not public
    await t.db.updateTable('consultation').set({ content_i18n: JSON.stringify({ ...c.content, bn: { ...c.content.en, title: 'যুব সেবা' } }) }).where('id', '=', id).execute()
    c = (await findConsultationForStaff(t.db, id))!
    await updateConsultation(t.db, c, form({ title: 'Youth services 2027' }), 'officer-2')
    c = (await findConsultationForStaff(t.db, id))!
    expect(c.content.en!.title).toBe('Youth services 2027')
    expect(c.content.bn!.title).toBe('যুব সেবা')
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'action', 'detail']).where('entity_id', '=', id).orderBy('at').execute()
    expect(audit.map((a) => [a.actor, a.action])).toEqual([
      ['officer-1', 'consultation.created'],
      ['officer-2', 'consultation.updated'],
    ])
    const detail = JSON.parse(audit[1]!.detail)
    expect(detail.before.content.title).toBe('Youth services: what should open in the evenings?')
    expect(detail.after.content.title).toBe('Youth services 2027')
  })

  it('will not open without a survey or with a language incomplete, and says what is missing', async () => {
    const id = await createConsultation(t.db, form(), 'officer-1')
    const c = (await findConsultationForStaff(t.db, id))!
    const result = await openNow(t.db, c, 'officer-1')
    expect(result.status).toBe('incomplete')
    if (result.status === 'incomplete') {
      expect(result.missing[0]).toEqual({ locale: 'en', missing: ['survey'] })
      expect(result.missing.find((m) => m.locale === 'bn')?.missing).toContain('consultation.title')
    }
    expect((await findConsultationForStaff(t.db, id))!.status).toBe('draft')
  })

  it('duplicates with its survey, opens and closes by hand, and archives out of the public lists', async () => {
    const demo = (await findConsultationBySlug(t.db, DEMO_SLUG))!
    const copyId = await duplicateConsultation(t.db, (await findConsultationForStaff(t.db, demo.id))!, 'officer-1')
    let copy = (await findConsultationForStaff(t.db, copyId))!
    expect(copy.slug).toBe(`${DEMO_SLUG}-copy`)
    const surveys = await t.db.selectFrom('survey_version').select('version_number').where('consultation_id', '=', copyId).execute()
    expect(surveys).toEqual([{ version_number: 1 }])
    const now = Date.now()
    expect(await openNow(t.db, copy, 'officer-1', now)).toEqual({ status: 'opened' })
    copy = (await findConsultationForStaff(t.db, copyId))!
    expect(copy.status).toBe('open')
    expect((await listPublicConsultations(t.db, now + 1000)).open.map((c) => c.slug)).toContain(copy.slug)
    await closeNow(t.db, copy, 'officer-1', now + 2000)
    copy = (await findConsultationForStaff(t.db, copyId))!
    expect(copy.status).toBe('closed')
    await archiveConsultation(t.db, copy, 'officer-1', now + 3000)
    const lists = await listPublicConsultations(t.db, now + 4000)
    expect([...lists.open, ...lists.recentlyClosed].map((c) => c.slug)).not.toContain(copy.slug)
  })
})
