import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createUser } from '~/features/auth/auth.server.ts'
import { findConsultationBySlug, findCurrentSurveyVersion, type SurveyVersion } from '~/features/consultations/consultations.server.ts'
import { loadAnswers } from '~/features/responses/responses.server.ts'
import { anonymiseExpiredResponses } from '~/features/responses/data-protection.server.ts'
import { fieldPrefix, parseEntry } from '~/features/assisted/entry.ts'
import {
  findVerification,
  listForReview,
  loadReview,
  lookUpPaperForm,
  resolveVerification,
  saveAssistedResponse,
  verifyPaperForm,
} from '~/features/assisted/assisted.server.ts'
import { NOBODY, filterOptions, listResponses, readFilters, responseCounts } from '~/features/assisted/responses-list.server.ts'
import { loadPaperSurvey, recordPaperForms } from '~/features/paper/paper-forms.server.ts'
import type { Answers } from '~/features/surveys/answers.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

process.env.SESSION_SECRET ??= 'integration-test-secret-at-least-32-characters'

// Assisted and paper entry on a real database (SQLite and PostgreSQL): what a
// saved response records, a paper form entered only once even when two
// officers race, second-person verification and its review, and the staff
// responses list's counts and filters.
describe.each(ENGINES)('assisted entry on %s', (engine: Engine) => {
  let t: TestDb
  let consultationId: string
  let version: SurveyVersion
  let wards: string[]
  let officer: { id: string }
  let colleague: { id: string }

  beforeEach(async () => {
    t = await createTestDb({ engine })
    const consultation = (await findConsultationBySlug(t.db, DEMO_SLUG))!
    consultationId = consultation.id
    version = (await findCurrentSurveyVersion(t.db, consultation.id))!
    wards = (await t.db.selectFrom('ward').select('code').orderBy('code').execute()).map((w) => w.code)
    officer = await createUser(t.db, { email: 'interviewer@example.org', name: 'Nasima Interviewer', role: 'officer', password: 'lantern orchard velvet' })
    colleague = await createUser(t.db, { email: 'checker@example.org', name: 'Abdi Checker', role: 'officer', password: 'harbour willow copper' })
  })
  afterEach(async () => {
    await t.cleanup()
  })

  const posted = (fields: Record<string, string | string[]>, note?: string) => {
    const data = new FormData()
    for (const [key, value] of Object.entries(fields)) {
      const [question, name] = key.split(':') as [string, string]
      for (const v of [value].flat()) data.append(`${fieldPrefix(question)}${name}`, v)
    }
    if (note !== undefined) data.append('interviewer_note', note)
    return data
  }
  const basic = { 'connection:answer': 'over_10', 'priorities:rank-1': 'safe_homes', 'safe_day:answer': 'agree' }

  async function enter(args: { answers: Answers; channel?: string; locale?: string; by?: string; note?: string | null; formNumber?: string; batch?: string }) {
    const saved = await saveAssistedResponse(t.db, {
      consultationId,
      version,
      channel: args.channel ?? 'phone',
      locale: args.locale ?? 'en',
      enteredBy: args.by ?? officer.id,
      note: args.note ?? null,
      answers: args.answers,
      formNumber: args.formNumber,
    })
    if (saved.status === 'saved' && args.batch) await t.db.updateTable('response').set({ batch_id: args.batch }).where('id', '=', saved.responseId).execute()
    return saved
  }

  async function printForms(copies: number, locale = 'bn') {
    const survey = (await loadPaperSurvey(t.db, consultationId))!
    return recordPaperForms(t.db, { consultationId, survey, printedBy: officer.id, locale, largePrint: false, copies, format: 'print' })
  }

  it('records method, language, enterer and note, drops skipped answers, and audits it', async () => {
    const parsed = parseEntry(
      version.definition,
      posted(
        { ...basic, 'ward:answer': wards[0]!, 'needed_help:answer': 'no', 'help_sources:answer': ['food_bank'], 'children:answer': '৩' },
        'Resident is hard of hearing; spoke slowly.',
      ),
      wards,
    )
    expect(parsed.errors).toEqual([])
    expect(parsed.dropped).toEqual(['help_sources'])
    const saved = await saveAssistedResponse(t.db, {
      consultationId,
      version,
      channel: 'phone',
      locale: 'bn',
      enteredBy: officer.id,
      note: parsed.note,
      answers: parsed.answers,
      dropped: parsed.dropped,
    })
    expect(saved.status).toBe('saved')
    if (saved.status !== 'saved') return
    expect(saved.reference).toMatch(/^HYS-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    const row = await t.db.selectFrom('response').selectAll().where('id', '=', saved.responseId).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      consultation_id: consultationId,
      survey_version_id: version.id,
      channel: 'phone',
      locale: 'bn',
      status: 'submitted',
      reference: saved.reference,
      entered_by: officer.id,
      interviewer_note: 'Resident is hard of hearing; spoke slowly.',
      ward_code: wards[0],
      draft_token_hash: null,
      expires_at: null,
    })
    expect(Number(row.submitted_at)).toBeGreaterThan(0)
    expect(await loadAnswers(t.db, saved.responseId, version.definition)).toEqual({
      connection: 'over_10',
      ward: wards[0],
      priorities: ['safe_homes'],
      safe_day: 'agree',
      needed_help: 'no',
      children: 3,
    })
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'action', 'detail']).where('entity_id', '=', saved.responseId).execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: officer.id, action: 'response.entered' })
    const detail = JSON.parse(audit[0]!.detail)
    expect(detail).toMatchObject({ channel: 'phone', locale: 'bn', droppedBySkipLogic: ['help_sources'], note: true })
    // The audit log names what happened, never what the note says.
    expect(audit[0]!.detail).not.toContain('hearing')
  })

  it('refuses a paper form entered a second time, and shows the first entry', async () => {
    const [formNumber] = await printForms(1)
    const lookup = await lookUpPaperForm(t.db, consultationId, formNumber!)
    expect(lookup.status).toBe('ready')
    if (lookup.status !== 'ready') return
    expect(lookup.form.locale).toBe('bn')
    const first = await enter({ answers: { connection: 'under_1', priorities: ['clean_green'], safe_day: 'agree' }, channel: 'paper', locale: 'bn', formNumber })
    expect(first.status).toBe('saved')
    if (first.status !== 'saved') return
    const form = await t.db.selectFrom('paper_form').selectAll().where('form_number', '=', formNumber!).executeTakeFirstOrThrow()
    expect(form.response_id).toBe(first.responseId)
    expect(Number(form.entered_at)).toBeGreaterThan(0)

    const second = await enter({ answers: { connection: 'over_10', priorities: ['safe_homes'], safe_day: 'agree' }, channel: 'paper', locale: 'bn', by: colleague.id, formNumber })
    expect(second).toEqual({ status: 'already_entered' })
    const again = await lookUpPaperForm(t.db, consultationId, formNumber!)
    expect(again.status).toBe('entered')
    if (again.status !== 'entered') return
    expect(again.entry).toMatchObject({ responseId: first.responseId, reference: first.reference, enteredByName: 'Nasima Interviewer', channel: 'paper', locale: 'bn' })
    expect(again.entry.answers).toEqual({ connection: 'under_1', priorities: ['clean_green'], safe_day: 'agree' })
    const responses = await t.db.selectFrom('response').select('id').where('consultation_id', '=', consultationId).where('channel', '=', 'paper').execute()
    expect(responses).toHaveLength(1)
    // A number not printed for this consultation is unknown.
    expect(await lookUpPaperForm(t.db, consultationId, 'P-0000-0000')).toEqual({ status: 'unknown' })
  })

  it('saves only one of two entries of the same form racing each other', async () => {
    const [formNumber] = await printForms(1)
    const answers = { connection: 'over_10', priorities: ['safe_homes'], safe_day: 'agree' }
    const results = await Promise.all([
      enter({ answers, channel: 'paper', formNumber }),
      enter({ answers, channel: 'paper', by: colleague.id, formNumber }),
      enter({ answers, channel: 'paper', formNumber }),
    ])
    expect(results.filter((r) => r.status === 'saved')).toHaveLength(1)
    expect(results.filter((r) => r.status === 'already_entered')).toHaveLength(2)
    const saved = results.find((r) => r.status === 'saved') as { responseId: string }
    const responses = await t.db.selectFrom('response').select('id').where('channel', '=', 'paper').execute()
    expect(responses.map((r) => r.id)).toEqual([saved.responseId])
    const answerRows = await t.db.selectFrom('answer').innerJoin('response', 'response.id', 'answer.response_id').select('answer.response_id').where('response.channel', '=', 'paper').execute()
    expect(new Set(answerRows.map((r) => r.response_id))).toEqual(new Set([saved.responseId]))
    const form = await t.db.selectFrom('paper_form').select(['response_id']).where('form_number', '=', formNumber!).executeTakeFirstOrThrow()
    expect(form.response_id).toBe(saved.responseId)
    const audits = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'response.entered').execute()
    expect(audits).toHaveLength(1)
  })

  it('verifies a paper form blind: flags each differing question, refuses the enterer and a second verification', async () => {
    const [matching, differing] = await printForms(2)
    const answers = { connection: 'over_10', priorities: ['safe_homes', 'work_income'], safe_day: 'agree', wellbeing: ['housing', 'loneliness'], needed_help: 'no' }
    await enter({ answers, channel: 'paper', locale: 'bn', formNumber: matching })
    const first = await enter({ answers, channel: 'paper', locale: 'bn', formNumber: differing, note: 'Written in pencil' })
    if (first.status !== 'saved') throw new Error('not saved')

    expect(await verifyPaperForm(t.db, { consultationId, formNumber: matching!, verifiedBy: officer.id, answers })).toEqual({ status: 'own_entry' })
    expect(await verifyPaperForm(t.db, { consultationId, formNumber: matching!, verifiedBy: colleague.id, answers: { ...answers, wellbeing: ['loneliness', 'housing'] } })).toEqual({
      status: 'matched',
    })
    expect(await verifyPaperForm(t.db, { consultationId, formNumber: matching!, verifiedBy: colleague.id, answers })).toEqual({ status: 'already_verified' })

    const second = { ...answers, safe_day: 'disagree', priorities: ['work_income', 'safe_homes'], needed_help: 'yes', help_sources: ['council'] }
    expect(await verifyPaperForm(t.db, { consultationId, formNumber: differing!, verifiedBy: colleague.id, answers: second })).toEqual({ status: 'mismatch', mismatches: 4 })
    const items = await t.db.selectFrom('paper_verification_item').selectAll().where('form_number', '=', differing!).orderBy('question_key').execute()
    expect(items.map((i) => [i.question_key, i.first_value, i.second_value, i.chosen])).toEqual([
      ['help_sources', null, '["council"]', null],
      ['needed_help', '"no"', '"yes"', null],
      ['priorities', '["safe_homes","work_income"]', '["work_income","safe_homes"]', null],
      ['safe_day', '"agree"', '"disagree"', null],
    ])
    expect((await findVerification(t.db, consultationId, matching!))?.status).toBe('matched')
    expect((await listForReview(t.db, consultationId)).map((f) => [f.formNumber, f.mismatches, f.enteredByName, f.verifiedByName])).toEqual([
      [differing, 4, 'Nasima Interviewer', 'Abdi Checker'],
    ])
    // Two second entries racing: one verification counts, the other is refused.
    const [raced] = await printForms(1)
    await enter({ answers, channel: 'paper', locale: 'bn', formNumber: raced })
    const third = await createUser(t.db, { email: 'third@example.org', name: 'Third Officer', role: 'officer', password: 'meadow lantern pebble' })
    const race = await Promise.all([
      verifyPaperForm(t.db, { consultationId, formNumber: raced!, verifiedBy: colleague.id, answers }),
      verifyPaperForm(t.db, { consultationId, formNumber: raced!, verifiedBy: third.id, answers: { ...answers, safe_day: 'disagree' } }),
    ])
    const statuses = race.map((r) => r.status)
    expect(statuses.filter((s) => s === 'already_verified')).toHaveLength(1)
    expect(statuses.filter((s) => s === 'matched' || s === 'mismatch')).toHaveLength(1)
    expect(await t.db.selectFrom('paper_verification').select('form_number').where('form_number', '=', raced!).execute()).toHaveLength(1)
    // Verifying a form nobody entered yet is refused.
    const [blank] = await printForms(1)
    expect(await verifyPaperForm(t.db, { consultationId, formNumber: blank!, verifiedBy: colleague.id, answers })).toEqual({ status: 'not_entered' })
  })

  it('resolving the differences updates the response, applies skip logic, and is audited', async () => {
    const [formNumber] = await printForms(1)
    const answers = { connection: 'over_10', priorities: ['safe_homes'], safe_day: 'agree', needed_help: 'no', children: 2 }
    const first = await enter({ answers, channel: 'paper', formNumber })
    if (first.status !== 'saved') throw new Error('not saved')
    const second = { connection: 'over_10', priorities: ['safe_homes'], safe_day: 'disagree', needed_help: 'yes', help_sources: ['food_bank'], children: 2 }
    await verifyPaperForm(t.db, { consultationId, formNumber: formNumber!, verifiedBy: colleague.id, answers: second })

    const review = (await loadReview(t.db, consultationId, formNumber!))!
    expect(review.mismatches.map((m) => m.questionKey)).toEqual(['safe_day', 'needed_help', 'help_sources'])
    expect(await resolveVerification(t.db, { consultationId, formNumber: formNumber!, reviewer: officer.id, choices: { safe_day: 'second' } })).toEqual({
      status: 'unchosen',
      questionKey: 'needed_help',
    })
    // Keeping "no" hides help_sources, so its second value cannot be kept.
    const result = await resolveVerification(t.db, {
      consultationId,
      formNumber: formNumber!,
      reviewer: officer.id,
      choices: { safe_day: 'second', needed_help: 'first', help_sources: 'second' },
    })
    expect(result).toEqual({ status: 'resolved', changed: ['safe_day', 'help_sources'] })
    expect(await loadAnswers(t.db, first.responseId, version.definition)).toEqual({ ...answers, safe_day: 'disagree' })
    const verification = (await findVerification(t.db, consultationId, formNumber!))!
    expect(verification).toMatchObject({ status: 'resolved', resolvedByName: 'Nasima Interviewer' })
    const chosen = await t.db.selectFrom('paper_verification_item').select(['question_key', 'chosen']).where('form_number', '=', formNumber!).orderBy('question_key').execute()
    expect(chosen).toEqual([
      { question_key: 'help_sources', chosen: 'second' },
      { question_key: 'needed_help', chosen: 'first' },
      { question_key: 'safe_day', chosen: 'second' },
    ])
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'detail']).where('action', '=', 'paper.verification_resolved').executeTakeFirstOrThrow()
    expect(audit.actor).toBe(officer.id)
    expect(JSON.parse(audit.detail)).toEqual({
      formNumber,
      choices: { safe_day: 'second', needed_help: 'first', help_sources: 'second' },
      changed: ['safe_day', 'help_sources'],
      droppedBySkipLogic: ['help_sources'],
    })
    expect(await listForReview(t.db, consultationId)).toEqual([])
    // A second reviewer finds nothing left to resolve.
    expect(await resolveVerification(t.db, { consultationId, formNumber: formNumber!, reviewer: colleague.id, choices: { safe_day: 'first', needed_help: 'first', help_sources: 'first' } })).toEqual({
      status: 'already_resolved',
    })
  })

  it('refuses a resolution that leaves a required question unanswered', async () => {
    const [formNumber] = await printForms(1)
    const first = await enter({ answers: { connection: 'over_10', priorities: ['safe_homes'], safe_day: 'agree' }, channel: 'paper', formNumber })
    if (first.status !== 'saved') throw new Error('not saved')
    // A second entry cannot normally miss a required answer; a verification stored by an older survey rule can.
    await verifyPaperForm(t.db, { consultationId, formNumber: formNumber!, verifiedBy: colleague.id, answers: { connection: 'over_10', priorities: ['safe_homes'] } })
    expect(await resolveVerification(t.db, { consultationId, formNumber: formNumber!, reviewer: officer.id, choices: { safe_day: 'second' } })).toEqual({
      status: 'missing',
      questionKey: 'safe_day',
    })
    expect((await findVerification(t.db, consultationId, formNumber!))?.status).toBe('mismatch')
    expect(await loadAnswers(t.db, first.responseId, version.definition)).toMatchObject({ safe_day: 'agree' })
  })

  it('anonymising old responses removes the interviewer note and the second entry\'s values', async () => {
    const [formNumber] = await printForms(1)
    const answers = { connection: 'over_10', priorities: ['safe_homes'], safe_day: 'agree', one_change: 'A bench near 12 Example Street' }
    const first = await enter({ answers, channel: 'paper', formNumber, note: 'Form returned by the resident at the library' })
    if (first.status !== 'saved') throw new Error('not saved')
    await verifyPaperForm(t.db, { consultationId, formNumber: formNumber!, verifiedBy: colleague.id, answers: { ...answers, one_change: 'A bench near 12 Example St' } })
    await t.db.updateTable('consultation').set({ closes_at: Date.now() - 400 * 86_400_000 }).where('id', '=', consultationId).execute()
    expect(await anonymiseExpiredResponses(t.db)).toBeGreaterThan(0)
    const row = await t.db.selectFrom('response').select(['interviewer_note', 'anonymised_at']).where('id', '=', first.responseId).executeTakeFirstOrThrow()
    expect(row.interviewer_note).toBeNull()
    expect(row.anonymised_at).not.toBeNull()
    const items = await t.db.selectFrom('paper_verification_item').select(['first_value', 'second_value']).where('form_number', '=', formNumber!).execute()
    expect(items).toEqual([{ first_value: null, second_value: null }])
  })

  it('lists responses with counts, filters by method, language, batch and enterer, and pages by 50', async () => {
    const answers = { connection: 'over_10', priorities: ['safe_homes'], safe_day: 'agree' }
    for (let i = 0; i < 3; i++) await enter({ answers, channel: 'phone', locale: 'bn' })
    await enter({ answers, channel: 'face_to_face', locale: 'en', by: colleague.id })
    await enter({ answers, channel: 'event', locale: 'en', by: colleague.id, batch: 'batch-2025-06' })
    const [formNumber] = await printForms(1, 'en')
    await enter({ answers, channel: 'paper', locale: 'en', formNumber })
    // An online response (no enterer) and an imported one.
    await enter({ answers, channel: 'online', locale: 'bn' })
    await t.db.updateTable('response').set({ entered_by: null }).where('channel', '=', 'online').execute()
    await enter({ answers, channel: 'import', locale: 'en', batch: 'batch-2025-07' })

    const counts = await responseCounts(t.db, consultationId)
    expect(counts.total).toBe(8)
    expect(counts.byMethod).toEqual([
      ['phone', 3],
      ['event', 1],
      ['face_to_face', 1],
      ['import', 1],
      ['online', 1],
      ['paper', 1],
    ])
    expect(counts.byLanguage).toEqual([
      ['bn', 4],
      ['en', 4],
    ])

    const options = await filterOptions(t.db, consultationId)
    expect(options).toEqual({
      methods: ['event', 'face_to_face', 'import', 'online', 'paper', 'phone'],
      languages: ['bn', 'en'],
      batches: ['batch-2025-06', 'batch-2025-07'],
      enterers: [
        { id: colleague.id, name: 'Abdi Checker' },
        { id: officer.id, name: 'Nasima Interviewer' },
      ],
      anyoneUnentered: true,
    })
    const list = (query: string) => listResponses(t.db, consultationId, readFilters(new URLSearchParams(query), options))
    expect((await list('method=phone')).total).toBe(3)
    expect((await list('method=phone&lang=en')).total).toBe(0)
    expect((await list('lang=bn')).total).toBe(4)
    expect((await list('batch=batch-2025-06')).rows.map((r) => r.channel)).toEqual(['event'])
    expect((await list(`enterer=${colleague.id}`)).total).toBe(2)
    expect((await list(`enterer=${NOBODY}`)).rows.map((r) => r.channel)).toEqual(['online'])
    // A value that is not offered is ignored rather than matching nothing.
    expect((await list('method=carrier-pigeon')).total).toBe(8)

    const paper = (await list('method=paper')).rows[0]!
    expect(paper).toMatchObject({ channel: 'paper', formNumber, verification: 'not_verified', enteredByName: 'Nasima Interviewer', batchId: null })
    expect((await list('method=phone')).rows[0]).toMatchObject({ verification: 'not_paper', formNumber: null })
    await verifyPaperForm(t.db, { consultationId, formNumber: formNumber!, verifiedBy: colleague.id, answers })
    expect((await list('method=paper')).rows[0]!.verification).toBe('matched')

    // Newest first, 50 a page.
    for (let i = 0; i < 50; i++) await enter({ answers, channel: 'phone', locale: 'en' }).then(() => undefined)
    const page1 = await listResponses(t.db, consultationId, {}, 1)
    const page2 = await listResponses(t.db, consultationId, {}, 2)
    expect([page1.total, page1.pages, page1.rows.length, page2.rows.length]).toEqual([58, 2, 50, 8])
    const ids = [...page1.rows, ...page2.rows].map((r) => r.id)
    expect(new Set(ids).size).toBe(58)
    const times = [...page1.rows, ...page2.rows].map((r) => r.submittedAt)
    expect([...times].sort((a, b) => b - a)).toEqual(times)
    expect((await listResponses(t.db, consultationId, {}, 99)).page).toBe(2)
  })
})
