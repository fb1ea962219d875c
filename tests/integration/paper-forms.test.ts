import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createUser } from '~/features/auth/auth.server.ts'
import { findConsultationForStaff } from '~/features/consultations/manage.server.ts'
import { findConsultationBySlug } from '~/features/consultations/consultations.server.ts'
import { FORM_NUMBER_PATTERN } from '~/features/paper/form-numbers.ts'
import { loadPaperSurvey, newFormNumbers, paperContent, paperCopies, recordPaperForms } from '~/features/paper/paper-forms.server.ts'
import { paperDocumentHtml } from '~/features/paper/pdf-document.server.tsx'
import { htmlToPdf } from '~/features/paper/pdf.server.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

// Printing paper forms records one unique form number per copy, tied to the
// survey version and language, and an audit entry saying who printed what.

describe.each(ENGINES)('paper forms on %s', (engine: Engine) => {
  let t: TestDb
  let officer: { id: string }
  let consultationId: string
  beforeEach(async () => {
    t = await createTestDb({ engine, demoResponses: 2 })
    officer = await createUser(t.db, { email: 'paper.officer@example.org', name: 'Paper Officer', role: 'officer', password: 'lantern orchard velvet' })
    consultationId = (await findConsultationBySlug(t.db, DEMO_SLUG))!.id
  })
  afterEach(async () => {
    await t.cleanup()
  })

  it('records N unique form numbers and one audit entry for a print', async () => {
    const survey = (await loadPaperSurvey(t.db, consultationId))!
    const now = Date.UTC(2026, 2, 3, 10)
    const numbers = await recordPaperForms(
      t.db,
      { consultationId, survey, locale: 'bn', largePrint: true, copies: 120, printedBy: officer.id, format: 'print' },
      now,
    )
    expect(numbers).toHaveLength(120)
    expect(new Set(numbers).size).toBe(120)
    for (const number of numbers) expect(number).toMatch(FORM_NUMBER_PATTERN)

    const rows = await t.db.selectFrom('paper_form').selectAll().where('consultation_id', '=', consultationId).execute()
    expect(rows).toHaveLength(120)
    expect(new Set(rows.map((r) => r.form_number))).toEqual(new Set(numbers))
    for (const row of rows) {
      expect(row).toMatchObject({ survey_version_id: survey.versionId, locale: 'bn', printed_by: officer.id, response_id: null, entered_at: null })
      expect(Number(row.large_print)).toBe(1)
      expect(Number(row.printed_at)).toBe(now)
    }

    const audit = await t.db.selectFrom('audit_log').select(['actor', 'action', 'entity', 'entity_id', 'detail']).where('action', '=', 'paper.printed').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: officer.id, entity: 'consultation', entity_id: consultationId })
    expect(JSON.parse(audit[0]!.detail)).toEqual({
      copies: 120,
      locale: 'bn',
      largePrint: true,
      format: 'print',
      surveyVersion: survey.versionNumber,
      first: numbers[0],
      last: numbers.at(-1),
    })
  })

  it('never gives out a form number twice, even when the random numbers repeat', async () => {
    const survey = (await loadPaperSurvey(t.db, consultationId))!
    const first = await recordPaperForms(t.db, { consultationId, survey, locale: 'en', largePrint: false, copies: 3, printedBy: officer.id, format: 'pdf' })
    // A generator that offers the printed numbers again, and a repeat, before new ones.
    const offers = [...first, first[0]!, 'P-0000-0001', 'P-0000-0001', 'P-0000-0002', 'P-0000-0003']
    const next = await newFormNumbers(t.db, 3, () => offers.shift() ?? 'P-0000-0004')
    expect(next).toEqual(['P-0000-0001', 'P-0000-0002', 'P-0000-0003'])
    await recordPaperForms(t.db, { consultationId, survey, locale: 'en', largePrint: false, copies: 3, printedBy: officer.id, format: 'print', numbers: next })
    // The database refuses a repeat outright.
    await expect(
      recordPaperForms(t.db, { consultationId, survey, locale: 'en', largePrint: false, copies: 1, printedBy: officer.id, format: 'print', numbers: [first[0]!] }),
    ).rejects.toThrow()
    expect((await t.db.selectFrom('paper_form').select('form_number').execute()).length).toBe(6)
    // The refused print left no audit entry either (one transaction).
    expect((await t.db.selectFrom('audit_log').select('id').where('action', '=', 'paper.printed').execute()).length).toBe(2)
  })

  it('links an entered form to its response, and keeps the form when the resident deletes the response', async () => {
    const survey = (await loadPaperSurvey(t.db, consultationId))!
    const [number] = await recordPaperForms(t.db, { consultationId, survey, locale: 'en', largePrint: false, copies: 1, printedBy: officer.id, format: 'print' })
    const response = await t.db.selectFrom('response').select('id').where('consultation_id', '=', consultationId).executeTakeFirstOrThrow()
    await t.db.updateTable('paper_form').set({ response_id: response.id, entered_at: Date.now() }).where('form_number', '=', number!).execute()
    // One form, one response.
    const [other] = await recordPaperForms(t.db, { consultationId, survey, locale: 'en', largePrint: false, copies: 1, printedBy: officer.id, format: 'print' })
    await expect(t.db.updateTable('paper_form').set({ response_id: response.id }).where('form_number', '=', other!).execute()).rejects.toThrow()
    await t.db.deleteFrom('answer').where('response_id', '=', response.id).execute()
    await t.db.deleteFrom('response').where('id', '=', response.id).execute()
    const row = await t.db.selectFrom('paper_form').select(['response_id']).where('form_number', '=', number!).executeTakeFirstOrThrow()
    expect(row.response_id).toBeNull()
    // A form belongs to a real consultation and a real officer.
    await expect(
      recordPaperForms(t.db, { consultationId: 'no-such-consultation', survey, locale: 'en', largePrint: false, copies: 1, printedBy: officer.id, format: 'print' }),
    ).rejects.toThrow()
  })

  // Rendering a PDF does not touch the database: once (on SQLite) is enough. Chromium is part of the test setup.
  if (engine === 'sqlite') it('makes a PDF of the copies with Chromium', { timeout: 120_000 }, async () => {
    const consultation = (await findConsultationForStaff(t.db, consultationId))!
    const survey = (await loadPaperSurvey(t.db, consultationId))!
    const numbers = await newFormNumbers(t.db, 2)
    const html = paperDocumentHtml({
      content: await paperContent(t.db, consultation, survey, 'bn'),
      copies: await paperCopies('http://localhost', consultationId, numbers),
      largePrint: false,
    })
    // The stylesheet is inlined by the build (vitest leaves CSS out); the Bengali font is always there.
    expect(html).toContain("font-family:'HYS Bengali'")
    const pdf = await htmlToPdf(html)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    // Two copies of several pages each: questions, then the equality page.
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []
    expect(pages.length).toBeGreaterThanOrEqual(4)
  })
})
