import crypto from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createUser } from '~/features/auth/auth.server.ts'
import { addTheme, ctaThemeId, ensureCodebook, listThemes, mergeTheme, setThemeStatus } from '~/features/coding/codebook.server.ts'
import { applyThemeToAnswers, blindAnswers, codingsByResponse, loadCodingScreen, nextUncoded, reviewedResponses, saveCoding } from '~/features/coding/coding.server.ts'
import { createSample, sampleAgreement, sampleResponseIds, findSample } from '~/features/coding/samples.server.ts'
import { SurveyDefinitionSchema } from '~/features/surveys/definition.ts'
import type { DB } from '../../db/connection.ts'
import { DEMO_SLUG, seedDemo } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

// Free-text coding against a real database on each engine: the codebook is
// seeded once however many requests open it, bulk coding is one transaction,
// the blind second pass never sees the first pass, and agreement worked out
// from stored codings matches a hand-worked example.

const QUESTION = 'say_more'

/** A consultation of its own (not the demo's), with one free-text question and these answers. */
async function makeConsultation(db: DB, texts: string[]) {
  const framework = await db.selectFrom('framework').select('id').executeTakeFirstOrThrow()
  const id = crypto.randomUUID()
  const versionId = crypto.randomUUID()
  const now = Date.UTC(2026, 0, 5)
  await db
    .insertInto('consultation')
    .values({
      id,
      slug: `coding-${id.slice(0, 8)}`,
      framework_id: framework.id,
      status: 'open',
      opens_at: now,
      closes_at: now + 86_400_000 * 30,
      locales: JSON.stringify(['en']),
      content_i18n: JSON.stringify({ en: { title: 'Coding test', summary: 's', purpose: 'p', whatCanChange: 'w', howAnswersUsed: 'h', howDecisionMade: 'd' } }),
      estimated_minutes: 2,
      created_at: now,
      updated_at: now,
    })
    .execute()
  const definition = SurveyDefinitionSchema.parse({
    schemaVersion: 1,
    locales: ['en'],
    questions: [{ key: QUESTION, type: 'text', ctas: ['CTA1'], title: { en: 'Tell us more' } }],
  })
  await db.insertInto('survey_version').values({ id: versionId, consultation_id: id, version_number: 1, definition: JSON.stringify(definition), created_at: now }).execute()
  const responseIds: string[] = []
  for (const [i, text] of texts.entries()) {
    const responseId = crypto.randomUUID()
    responseIds.push(responseId)
    await db
      .insertInto('response')
      .values({ id: responseId, consultation_id: id, survey_version_id: versionId, channel: 'online', locale: 'en', status: 'submitted', created_at: now + i, updated_at: now + i, submitted_at: now + i })
      .execute()
    await db.insertInto('answer').values({ response_id: responseId, question_key: QUESTION, position: 0, option_code: null, number_value: null, text_value: text, item_code: null }).execute()
  }
  return { id, responseIds }
}

describe.each(ENGINES)('free-text coding on %s', (engine: Engine) => {
  let t: TestDb
  let analyst: { id: string }
  let second: { id: string }
  beforeEach(async () => {
    t = await createTestDb({ engine })
    analyst = await createUser(t.db, { email: 'first.analyst@example.org', name: 'First Analyst', role: 'analyst', password: 'lantern orchard velvet' })
    second = await createUser(t.db, { email: 'second.analyst@example.org', name: 'Second Analyst', role: 'analyst', password: 'lantern orchard velvet' })
  })
  afterEach(async () => {
    await t.cleanup()
  })

  it('seeds the five calls to action once, even when two requests open the codebook at once, and keeps a retired one retired', async () => {
    const { id } = await makeConsultation(t.db, ['one'])
    const added = await Promise.all([ensureCodebook(t.db, id, analyst.id), ensureCodebook(t.db, id, second.id)])
    expect(added[0] + added[1]).toBe(5)
    const themes = await listThemes(t.db, id)
    expect(themes.map((th) => th.ctaCode)).toEqual(['CTA1', 'CTA2', 'CTA3', 'CTA4', 'CTA5'])
    expect(themes.every((th) => th.origin === 'call_to_action' && th.status === 'active')).toBe(true)
    expect(themes[2]!.name).toMatch(/^CTA3: .*safe/)

    expect(await setThemeStatus(t.db, id, ctaThemeId(id, 'CTA2'), 'retired', analyst.id)).toBe(true)
    expect(await ensureCodebook(t.db, id, analyst.id)).toBe(0)
    const again = await listThemes(t.db, id)
    expect(again).toHaveLength(5)
    expect(again.find((th) => th.ctaCode === 'CTA2')!.status).toBe('retired')
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', 'like', 'coding.%').execute()
    expect(audit.map((a) => a.action)).toContain('coding.theme_retired')
    expect(audit.filter((a) => a.action === 'coding.codebook_seeded').length).toBeGreaterThanOrEqual(1)
  })

  it('bulk coding adds one theme to many answers in one transaction, keeps their other themes, and is audited', async () => {
    const { id, responseIds } = await makeConsultation(t.db, ['more police', 'police at night', 'cheaper rent', 'police and lights'])
    const other = await makeConsultation(t.db, ['police elsewhere'])
    const safety = await addTheme(t.db, id, { name: 'Safety', definition: '', includeNotes: '', excludeNotes: '', cta: 'CTA3' }, { actor: analyst.id })
    const lights = await addTheme(t.db, id, { name: 'Lighting', definition: '', includeNotes: '', excludeNotes: '', cta: null }, { actor: analyst.id })
    await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId: responseIds[3]!, pass: 'first', themeIds: [lights], coder: analyst.id }))

    // A failure after the bulk write rolls back every coding and its audit entry.
    await expect(
      t.db.transaction().execute(async (trx) => {
        await applyThemeToAnswers(trx, { consultationId: id, questionKey: QUESTION, themeId: safety, responseIds: [responseIds[0]!, responseIds[1]!], coder: analyst.id, via: 'bulk' })
        throw new Error('interrupted')
      }),
    ).rejects.toThrow('interrupted')
    expect((await codingsByResponse(t.db, id, QUESTION, 'first')).get(responseIds[0]!)).toBeUndefined()
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'coding.bulk_coded').execute()).toHaveLength(0)

    const added = await t.db.transaction().execute((trx) =>
      applyThemeToAnswers(trx, {
        consultationId: id,
        questionKey: QUESTION,
        themeId: safety,
        // an answer of another consultation is ignored
        responseIds: [responseIds[0]!, responseIds[1]!, responseIds[3]!, other.responseIds[0]!],
        coder: analyst.id,
        via: 'bulk',
      }),
    )
    expect(added).toBe(3)
    const codes = await codingsByResponse(t.db, id, QUESTION, 'first')
    expect(codes.get(responseIds[0]!)).toEqual([safety])
    expect(codes.get(responseIds[3]!)!.sort()).toEqual([safety, lights].sort())
    expect(codes.has(responseIds[2]!)).toBe(false)
    expect((await reviewedResponses(t.db, id, QUESTION, 'first')).size).toBe(3)
    expect(await t.db.selectFrom('coding').select('id').where('consultation_id', '=', other.id).execute()).toHaveLength(0)
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'entity_id', 'detail']).where('action', '=', 'coding.bulk_coded').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: analyst.id, entity_id: safety })
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ answers: 3, added: 3 })

    // Applying again adds nothing new; a retired theme is refused.
    expect(await t.db.transaction().execute((trx) => applyThemeToAnswers(trx, { consultationId: id, questionKey: QUESTION, themeId: safety, responseIds, coder: analyst.id, via: 'bulk' }))).toBe(1)
    await setThemeStatus(t.db, id, lights, 'retired', analyst.id)
    expect(await t.db.transaction().execute((trx) => applyThemeToAnswers(trx, { consultationId: id, questionKey: QUESTION, themeId: lights, responseIds, coder: analyst.id, via: 'bulk' }))).toBe('invalid-theme')
    // Coding that answer again on the screen replaces the themes on offer and keeps the retired one.
    expect(await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId: responseIds[3]!, pass: 'first', themeIds: [], coder: analyst.id }))).toBe('saved')
    expect((await codingsByResponse(t.db, id, QUESTION, 'first')).get(responseIds[3]!)).toEqual([lights])
    expect(await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId: responseIds[3]!, pass: 'first', themeIds: [lights], coder: analyst.id }))).toBe('invalid-theme')
  })

  it('the blind second pass never shows the first pass, and saving it leaves the first pass alone', async () => {
    const { id, responseIds } = await makeConsultation(t.db, ['damp flat', 'more jobs', 'youth club', 'gp waits'])
    await ensureCodebook(t.db, id, analyst.id)
    const cta3 = ctaThemeId(id, 'CTA3')
    const cta4 = ctaThemeId(id, 'CTA4')
    for (const responseId of responseIds) {
      await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId, pass: 'first', themeIds: [cta3], coder: analyst.id }))
    }
    expect(await createSample(t.db, { consultationId: id, questionKey: QUESTION, size: 2, seed: 1, secondCoderId: analyst.id, createdBy: analyst.id })).toEqual({ ok: false, error: 'same_coder' })
    expect(await createSample(t.db, { consultationId: id, questionKey: QUESTION, size: 9, seed: 1, secondCoderId: second.id, createdBy: analyst.id })).toEqual({ ok: false, error: 'size_over', available: 4 })
    const created = await createSample(t.db, { consultationId: id, questionKey: QUESTION, size: 3, seed: 7, secondCoderId: second.id, createdBy: analyst.id })
    expect(created.ok).toBe(true)
    const sampleId = created.ok ? created.id : ''
    const ids = await sampleResponseIds(t.db, sampleId)
    expect(ids).toHaveLength(3)
    // Samples of a question never share answers, so each second coding belongs to one sample and one coder.
    expect(await createSample(t.db, { consultationId: id, questionKey: QUESTION, size: 2, seed: 1, secondCoderId: second.id, createdBy: analyst.id })).toEqual({ ok: false, error: 'size_over', available: 1 })

    const screen = await loadCodingScreen(t.db, { consultationId: id, questionKey: QUESTION, pass: 'second', responseIds: ids })
    expect(screen).toMatchObject({ total: 3, coded: 0, checked: [], reviewed: false })
    expect(ids).toContain(screen.answer!.responseId)
    for (const responseId of ids) {
      const one = await loadCodingScreen(t.db, { consultationId: id, questionKey: QUESTION, pass: 'second', responseId, responseIds: ids })
      expect(one.checked).toEqual([])
    }

    await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId: ids[0]!, pass: 'second', themeIds: [cta4], coder: second.id }))
    const after = await loadCodingScreen(t.db, { consultationId: id, questionKey: QUESTION, pass: 'second', responseId: ids[0]!, responseIds: ids })
    expect(after).toMatchObject({ checked: [cta4], reviewed: true, coded: 1 })
    expect((await codingsByResponse(t.db, id, QUESTION, 'first')).get(ids[0]!)).toEqual([cta3])
    // The first-pass screen still shows the first pass only.
    const first = await loadCodingScreen(t.db, { consultationId: id, questionKey: QUESTION, pass: 'first', responseId: ids[0]! })
    expect(first.checked).toEqual([cta3])
  })

  it('refuses as second coder anyone who first-coded a sampled answer, even when someone else has since recoded it', async () => {
    const { id, responseIds } = await makeConsultation(t.db, ['damp flat', 'more jobs', 'youth club', 'gp waits'])
    await ensureCodebook(t.db, id, analyst.id)
    const cta3 = ctaThemeId(id, 'CTA3')
    const cta4 = ctaThemeId(id, 'CTA4')
    // The would-be second coder coded one answer in the first pass; the first analyst then recoded it.
    await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId: responseIds[2]!, pass: 'first', themeIds: [cta3], coder: second.id }))
    await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId: responseIds[2]!, pass: 'first', themeIds: [cta4], coder: analyst.id }))
    expect(await t.db.selectFrom('coding').select('coder_id').where('response_id', '=', responseIds[2]!).execute()).toEqual([{ coder_id: analyst.id }])
    expect(await createSample(t.db, { consultationId: id, questionKey: QUESTION, size: 4, seed: 1, secondCoderId: second.id, createdBy: analyst.id })).toEqual({ ok: false, error: 'coder_coded_first' })
    expect(await t.db.selectFrom('coding_sample').select('id').execute()).toHaveLength(0)
    // A third analyst who never coded them may be the second coder.
    const third = await createUser(t.db, { email: 'third.analyst@example.org', name: 'Third Analyst', role: 'analyst', password: 'lantern orchard velvet' })
    expect((await createSample(t.db, { consultationId: id, questionKey: QUESTION, size: 4, seed: 1, secondCoderId: third.id, createdBy: analyst.id })).ok).toBe(true)
  })

  it('hides first-pass codes of a pending blind sample from its second coder on every coding screen, and lets them code none of it in the first pass', async () => {
    const { id, responseIds } = await makeConsultation(t.db, ['damp flat', 'more jobs', 'youth club', 'gp waits', 'bus routes', 'parks'])
    await ensureCodebook(t.db, id, analyst.id)
    const cta3 = ctaThemeId(id, 'CTA3')
    const cta4 = ctaThemeId(id, 'CTA4')
    for (const responseId of responseIds) {
      await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId, pass: 'first', themeIds: [cta3], coder: analyst.id }))
    }
    const created = await createSample(t.db, { consultationId: id, questionKey: QUESTION, size: 2, seed: 5, secondCoderId: second.id, createdBy: analyst.id })
    const sampled = await sampleResponseIds(t.db, created.ok ? created.id : '')
    const others = responseIds.filter((r) => !sampled.includes(r))
    expect(await blindAnswers(t.db, id, second.id)).toEqual(new Set(sampled.map((r) => `${r}\u0000${QUESTION}`)))
    expect(await blindAnswers(t.db, id, analyst.id)).toEqual(new Set())

    // The first-pass screen: the sample is left out of the list, and opening one of its answers shows neither it nor its codes.
    const list = await loadCodingScreen(t.db, { consultationId: id, questionKey: QUESTION, pass: 'first', userId: second.id })
    expect(list).toMatchObject({ total: 4, coded: 4 })
    for (const responseId of sampled) {
      const one = await loadCodingScreen(t.db, { consultationId: id, questionKey: QUESTION, pass: 'first', responseId, userId: second.id })
      expect(one).toMatchObject({ blind: true, answer: null, checked: [] })
    }
    let at = await loadCodingScreen(t.db, { consultationId: id, questionKey: QUESTION, pass: 'first', responseId: others[0]!, userId: second.id })
    const seen = [at.answer!.responseId]
    while (at.nextId) {
      at = await loadCodingScreen(t.db, { consultationId: id, questionKey: QUESTION, pass: 'first', responseId: at.nextId, userId: second.id })
      seen.push(at.answer!.responseId)
    }
    expect(seen).toEqual(others)
    // The first analyst still sees every answer with its codes.
    expect((await loadCodingScreen(t.db, { consultationId: id, questionKey: QUESTION, pass: 'first', responseId: sampled[0]!, userId: analyst.id })).checked).toEqual([cta3])

    // Neither the coding screen nor bulk coding lets them code their sample in the first pass.
    expect(await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId: sampled[0]!, pass: 'first', themeIds: [cta4], coder: second.id }))).toBe('blind')
    expect(await t.db.transaction().execute((trx) => applyThemeToAnswers(trx, { consultationId: id, questionKey: QUESTION, themeId: cta4, responseIds, coder: second.id, via: 'bulk' }))).toBe(others.length)
    const codes = await codingsByResponse(t.db, id, QUESTION, 'first')
    for (const r of sampled) expect(codes.get(r)).toEqual([cta3])

    // Once their pass is complete, the sample is an ordinary part of the first pass again.
    for (const responseId of sampled) {
      await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId, pass: 'second', themeIds: [cta4], coder: second.id }))
    }
    expect(await blindAnswers(t.db, id, second.id)).toEqual(new Set())
    expect((await loadCodingScreen(t.db, { consultationId: id, questionKey: QUESTION, pass: 'first', responseId: sampled[0]!, userId: second.id })).checked).toEqual([cta3])
  })

  it('pages the coding screen in the database: list order, place, neighbours and the next answer not yet coded', async () => {
    const { id, responseIds } = await makeConsultation(t.db, ['a first', '   ', 'c third', 'd fourth', 'e fifth'])
    // Two answers submitted at the same moment are ordered by response id; a blank answer and a draft are not in the list.
    const tie = Date.UTC(2026, 0, 5) + 100
    await t.db.updateTable('response').set({ submitted_at: tie }).where('id', 'in', [responseIds[2]!, responseIds[3]!]).execute()
    await t.db.updateTable('response').set({ status: 'draft' }).where('id', '=', responseIds[4]!).execute()
    await ensureCodebook(t.db, id, analyst.id)
    const cta1 = ctaThemeId(id, 'CTA1')
    const tied = [responseIds[2]!, responseIds[3]!].sort()
    const order = [responseIds[0]!, ...tied]
    const screen = (responseId?: string) => loadCodingScreen(t.db, { consultationId: id, questionKey: QUESTION, pass: 'first', responseId, userId: analyst.id })
    const start = await screen()
    expect(start).toMatchObject({ index: 1, total: 3, coded: 0, previousId: null, nextId: order[1], reviewed: false, blind: false })
    expect(start.answer).toEqual({ responseId: order[0], text: 'a first' })
    expect(await screen(order[1])).toMatchObject({ index: 2, previousId: order[0], nextId: order[2] })
    expect(await screen(order[2])).toMatchObject({ index: 3, previousId: order[1], nextId: null })
    // Not in the list: nothing to show.
    expect((await screen(responseIds[4]!)).answer).toBeNull()
    await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId: order[1]!, pass: 'first', themeIds: [cta1], coder: analyst.id }))
    expect(await nextUncoded(t.db, { consultationId: id, questionKey: QUESTION, pass: 'first', afterId: order[1]!, userId: analyst.id })).toBe(order[2])
    await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId: order[2]!, pass: 'first', themeIds: [], coder: analyst.id }))
    // Past the end it starts again from the top.
    expect(await nextUncoded(t.db, { consultationId: id, questionKey: QUESTION, pass: 'first', afterId: order[2]!, userId: analyst.id })).toBe(order[0])
    expect(await screen()).toMatchObject({ index: 1, coded: 2 })
    await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId: order[0]!, pass: 'first', themeIds: [cta1], coder: analyst.id }))
    expect(await nextUncoded(t.db, { consultationId: id, questionKey: QUESTION, pass: 'first', afterId: order[0]!, userId: analyst.id })).toBeNull()
    // All coded: the screen opens on the last answer.
    expect(await screen()).toMatchObject({ index: 3, coded: 3, checked: [], reviewed: true })
  })

  it('merges one theme into another: codings move (both passes, no duplicates), the theme shows as merged, and the audit log says which answers moved', async () => {
    const { id, responseIds } = await makeConsultation(t.db, ['police', 'police and lights', 'lights', 'rent'])
    const police = await addTheme(t.db, id, { name: 'Police', definition: '', includeNotes: '', excludeNotes: '', cta: 'CTA3' }, { actor: analyst.id })
    const safety = await addTheme(t.db, id, { name: 'Safety', definition: '', includeNotes: '', excludeNotes: '', cta: 'CTA3' }, { actor: analyst.id })
    const rent = await addTheme(t.db, id, { name: 'Rent', definition: '', includeNotes: '', excludeNotes: '', cta: null }, { actor: analyst.id })
    const code = (responseId: string, pass: 'first' | 'second', themeIds: string[]) =>
      t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId, pass, themeIds, coder: pass === 'first' ? analyst.id : second.id }))
    await code(responseIds[0]!, 'first', [police])
    await code(responseIds[1]!, 'first', [police, safety])
    await code(responseIds[2]!, 'first', [safety])
    await code(responseIds[3]!, 'first', [rent])
    await code(responseIds[0]!, 'second', [police])

    expect(await mergeTheme(t.db, id, police, police, analyst.id)).toEqual({ ok: false, error: 'same_theme' })
    await setThemeStatus(t.db, id, rent, 'retired', analyst.id)
    expect(await mergeTheme(t.db, id, police, rent, analyst.id)).toEqual({ ok: false, error: 'not_active' })
    expect(await mergeTheme(t.db, id, police, 'no-such-theme', analyst.id)).toEqual({ ok: false, error: 'not_found' })

    expect(await mergeTheme(t.db, id, police, safety, analyst.id)).toEqual({ ok: true, moved: 2, alreadyThere: 1 })
    const first = await codingsByResponse(t.db, id, QUESTION, 'first')
    expect(first.get(responseIds[0]!)).toEqual([safety])
    expect(first.get(responseIds[1]!)).toEqual([safety])
    expect(first.get(responseIds[2]!)).toEqual([safety])
    expect((await codingsByResponse(t.db, id, QUESTION, 'second')).get(responseIds[0]!)).toEqual([safety])
    expect(await t.db.selectFrom('coding').select('id').where('theme_id', '=', police).execute()).toHaveLength(0)
    const merged = (await listThemes(t.db, id)).find((th) => th.id === police)!
    expect(merged).toMatchObject({ status: 'merged', mergedInto: safety })
    // Not offered for coding any more, and not merged twice.
    expect((await listThemes(t.db, id, { activeOnly: true })).map((th) => th.id)).not.toContain(police)
    expect(await mergeTheme(t.db, id, police, safety, analyst.id)).toEqual({ ok: false, error: 'not_active' })
    expect(await setThemeStatus(t.db, id, police, 'active', analyst.id)).toBe(false)
    const audit = await t.db.selectFrom('audit_log').select(['actor', 'entity_id', 'detail']).where('action', '=', 'coding.theme_merged').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: analyst.id, entity_id: police })
    expect(JSON.parse(audit[0]!.detail)).toEqual({
      consultationId: id,
      into: safety,
      moved: 2,
      alreadyThere: 1,
      first: expect.arrayContaining([`${responseIds[0]}:${QUESTION}`, `${responseIds[1]}:${QUESTION}`]),
      second: [`${responseIds[0]}:${QUESTION}`],
    })
  })

  it('agreement from stored codings matches the hand-worked example (κ = 0.60, α = 0.62), and says when the sample is not coded by both', async () => {
    const { id, responseIds } = await makeConsultation(t.db, Array.from({ length: 10 }, (_, i) => `answer number ${i}`))
    const themeA = await addTheme(t.db, id, { name: 'Theme A', definition: '', includeNotes: '', excludeNotes: '', cta: null }, { actor: analyst.id })
    const created = await createSample(t.db, { consultationId: id, questionKey: QUESTION, size: 10, seed: 3, secondCoderId: second.id, createdBy: analyst.id })
    const sample = (await findSample(t.db, id, created.ok ? created.id : ''))!
    expect(sample).toMatchObject({ size: 10, seed: 3, secondCoderId: second.id, secondCoderName: 'Second Analyst' })

    const pending = await sampleAgreement(t.db, id, sample)
    expect(pending.report).toMatchObject({ units: 0, missingFirst: 10, missingSecond: 10, overall: null })

    // Theme A: the first pass gives it to answers 0–4, the second to 0–3 and 5.
    const first = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    const secondPass = [1, 1, 1, 1, 0, 1, 0, 0, 0, 0]
    for (const [i, responseId] of responseIds.entries()) {
      await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId, pass: 'first', themeIds: first[i] ? [themeA] : [], coder: analyst.id }))
      await t.db.transaction().execute((trx) => saveCoding(trx, { consultationId: id, questionKey: QUESTION, responseId, pass: 'second', themeIds: secondPass[i] ? [themeA] : [], coder: second.id }))
    }
    const { report, themes } = await sampleAgreement(t.db, id, sample)
    expect(themes.map((th) => th.name)).toEqual(['Theme A'])
    expect(report).toMatchObject({ sampleSize: 10, units: 10, missingFirst: 0, missingSecond: 0 })
    const kappa = report.perTheme[0]!.result
    expect(kappa.ok && kappa.value.kappa).toBeCloseTo(0.6, 10)
    expect(kappa.ok && kappa.value.band).toBe('moderate')
    expect(report.overall!.ok && report.overall!.value.alpha).toBeCloseTo(0.62, 10)
    expect(report.overall!.ok && report.overall!.value.band).toBe('unreliable')
  })

  it('the demo seed has a codebook, most answers coded and a double-coded sample with figures, and seeding again changes nothing', async () => {
    const demo = await createTestDb({ engine, demoResponses: 120 })
    try {
      const consultation = await demo.db.selectFrom('consultation').select(['id', 'framework_id']).where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()
      const themes = await listThemes(demo.db, consultation.id)
      expect(themes.filter((th) => th.origin === 'call_to_action')).toHaveLength(5)
      expect(themes.filter((th) => th.origin === 'suggested').length).toBeGreaterThanOrEqual(2)
      const answers = await demo.db.selectFrom('answer').select('response_id').where('question_key', '=', 'one_change').execute()
      const reviewed = await reviewedResponses(demo.db, consultation.id, 'one_change', 'first')
      expect(reviewed.size).toBeGreaterThan(answers.length / 2)
      expect(reviewed.size).toBeLessThan(answers.length) // some are left for the coding screen
      const [sample] = await demo.db.selectFrom('coding_sample').select('id').where('consultation_id', '=', consultation.id).execute()
      const found = (await findSample(demo.db, consultation.id, sample!.id))!
      const { report } = await sampleAgreement(demo.db, consultation.id, found)
      expect(report).toMatchObject({ sampleSize: 30, units: 30, missingFirst: 0, missingSecond: 0 })
      expect(report.overall?.ok).toBe(true)
      expect(report.perTheme.some((r) => r.result.ok)).toBe(true)

      const count = async () => Number((await demo.db.selectFrom('coding').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
      const before = await count()
      await seedDemo(demo.db, consultation.framework_id)
      expect(await count()).toBe(before)
      expect(await listThemes(demo.db, consultation.id)).toHaveLength(themes.length)
      expect(await demo.db.selectFrom('coding_sample').select('id').execute()).toHaveLength(1)
    } finally {
      await demo.cleanup()
    }
  })
})
