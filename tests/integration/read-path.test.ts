import { afterEach, describe, expect, it } from 'vitest'
import { streamResponsesCsv } from '~/features/analysis/read-worker.server.ts'
import { findConsultationBySlug, findCurrentSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, locationOf, type Engine, type TestDb } from '../support/test-db.ts'

let t: TestDb | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
})

async function exportCsv(db: TestDb) {
  const consultation = (await findConsultationBySlug(db.db, DEMO_SLUG))!
  const version = (await findCurrentSurveyVersion(db.db, consultation.id))!
  const chunks: Uint8Array[] = []
  const location = locationOf(db)
  for await (const chunk of streamResponsesCsv({ location, consultationId: consultation.id, definition: version.definition, chunkSize: 7 })) {
    chunks.push(chunk)
  }
  return { text: Buffer.concat(chunks).toString('utf8'), consultation }
}

describe.each(ENGINES)('the read path for heavy reads on %s', (engine: Engine) => {
  it('streams one CSV row per submitted response, a column per question, with a BOM', async () => {
    t = await createTestDb({ engine, demoResponses: 50 })
    const { text } = await exportCsv(t)
    expect(text.startsWith('\uFEFFreference,channel,language,ward_code,submitted_at,connection,ward,priorities')).toBe(true)
    const lines = text.split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(51)
    expect(lines.slice(1).every((line) => /^HYS-[0-9A-Z]{4}-[0-9A-Z]{4},/.test(line))).toBe(true)
  })

  it('quotes commas, quotes and line breaks, and keeps Bengali text intact', async () => {
    t = await createTestDb({ engine, demoResponses: 1 })
    const response = await t.db.selectFrom('response').select('id').executeTakeFirstOrThrow()
    await t.db.deleteFrom('answer').where('response_id', '=', response.id).where('question_key', '=', 'one_change').execute()
    await t.db
      .insertInto('answer')
      .values({ response_id: response.id, question_key: 'one_change', position: 0, option_code: null, number_value: null, text_value: 'আরও পার্ক, "now"\nplease' })
      .execute()
    const { text } = await exportCsv(t)
    expect(text).toContain('"আরও পার্ক, ""now""\nplease"')
  })

  it('reads while the app keeps writing, and never sees drafts', async () => {
    t = await createTestDb({ engine, demoResponses: 20 })
    const writes = (async () => {
      for (let i = 0; i < 30; i++) await t!.db.updateTable('response').set({ updated_at: Date.now() }).execute()
    })()
    const { text } = await exportCsv(t)
    await writes
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(21)
  })
})
