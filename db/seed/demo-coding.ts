import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import { hashPassword } from '../../app/features/auth/password.server.ts'
import { compileLexicon, matchThemes, createSeededRandom, type ThemeLexicon } from '../../app/features/analysis/statistics/text-clustering.ts'
import { ctaThemeId, ensureCodebook } from '../../app/features/coding/codebook.server.ts'
import { CTA_LEXICONS } from '../../app/features/coding/cta-lexicons.ts'
import { drawSample } from '../../app/features/coding/sampling.ts'

// The demo's free-text coding: the codebook (five calls to action and three
// themes accepted from suggestions), a first coding of most answers to "What
// one change…" made with the keyword lexicons, and a sample of 30 coded again
// by a second, synthetic analyst, so the agreement report has figures on the
// first start. Deterministic; runs once (a demo sample marks it done).

const QUESTION = 'one_change'
const SAMPLE_SEED = 20231116
/** Coders that exist only in the demo: disabled, so nobody can sign in as them. */
export const SYNTHETIC_CODERS = [
  { email: 'coder-one@demo.haveyoursay.example', name: 'Synthetic coder one (demo)' },
  { email: 'coder-two@demo.haveyoursay.example', name: 'Synthetic coder two (demo)' },
]

const SUGGESTED: Array<ThemeLexicon & { name: string; definition: string; cta: string }> = [
  { id: 'youth', name: 'Youth clubs and services', cta: 'CTA5', definition: 'Places, clubs and services for young people, and keeping them open.', keywords: ['youth*', 'young people', 'যুব*'] },
  { id: 'housing', name: 'Housing costs and damp homes', cta: 'CTA3', definition: 'Rent and housing costs, damp and poor conditions in homes.', keywords: ['damp', 'rent*', 'housing', 'বাড়িভাড়া*', 'আবাসন*'] },
  { id: 'language', name: 'Services in community languages', cta: 'CTA2', definition: 'Health and council information or support in Bengali, Sylheti and other community languages.', keywords: ['bengali', 'sylheti', 'বাংলায়'] },
]

export async function syntheticCoder(db: Kysely<Database>, coder: { email: string; name: string }, now: number) {
  const found = await db.selectFrom('app_user').select('id').where('email', '=', coder.email).executeTakeFirst()
  if (found) return found.id
  const id = crypto.randomUUID()
  const passwordHash = await hashPassword(crypto.randomBytes(24).toString('base64url'))
  await db
    .insertInto('app_user')
    .values({ id, email: coder.email, name: coder.name, role: 'analyst', password_hash: passwordHash, disabled_at: now, created_at: now, updated_at: now })
    .execute()
  return id
}

export async function seedDemoCoding(db: Kysely<Database>, consultationId: string, { now = Date.now() }: { now?: number } = {}) {
  const done = await db.selectFrom('coding_sample').select('id').where('consultation_id', '=', consultationId).executeTakeFirst()
  if (done) return { created: false }
  const [first, second] = [await syntheticCoder(db, SYNTHETIC_CODERS[0]!, now), await syntheticCoder(db, SYNTHETIC_CODERS[1]!, now)]
  const answers = await db
    .selectFrom('answer')
    .innerJoin('response', 'response.id', 'answer.response_id')
    .select(['answer.response_id as responseId', 'answer.text_value as text'])
    .where('response.consultation_id', '=', consultationId)
    .where('response.status', '=', 'submitted')
    .where('answer.question_key', '=', QUESTION)
    .where('answer.text_value', 'is not', null)
    .orderBy('response.submitted_at')
    .orderBy('response.id')
    .execute()
  if (!answers.length) {
    await ensureCodebook(db, consultationId, first, { now, audit: false })
    return { created: false }
  }

  await db.transaction().execute(async (trx) => {
    await ensureCodebook(trx, consultationId, first, { now, audit: false })
    const suggestedIds: Record<string, string> = {}
    for (const [i, theme] of SUGGESTED.entries()) {
      suggestedIds[theme.id] = `demo-${consultationId}-${theme.id}`
      await trx
        .insertInto('theme')
        .values({
          id: suggestedIds[theme.id]!,
          consultation_id: consultationId,
          name: theme.name,
          definition: theme.definition,
          cta_code: theme.cta,
          origin: 'suggested',
          position: 6 + i,
          created_by: first,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute()
    }
    const lexicon = compileLexicon([...CTA_LEXICONS, ...SUGGESTED])
    const themeIdOf = (lexiconId: string) => (lexiconId.startsWith('CTA') ? ctaThemeId(consultationId, lexiconId) : suggestedIds[lexiconId]!)
    const firstCodes = new Map<string, string[]>()
    // Every sixth answer is left for the analyst to code on the coding screen.
    answers.forEach((a, i) => {
      if (i % 6 !== 5) firstCodes.set(a.responseId, matchThemes(a.text ?? '', lexicon).map((m) => themeIdOf(m.themeId)))
    })

    const random = createSeededRandom(SAMPLE_SEED)
    const allThemes = [...CTA_LEXICONS.map((l) => ctaThemeId(consultationId, l.id)), ...Object.values(suggestedIds)]
    const sample = drawSample([...firstCodes.keys()], 30, SAMPLE_SEED)
    const secondCodes = new Map<string, string[]>()
    // The second coder mostly agrees: now and then leaves a theme out or adds one.
    for (const responseId of sample) {
      let codes = [...firstCodes.get(responseId)!]
      if (codes.length && random() < 0.2) codes = codes.slice(0, -1)
      if (random() < 0.15) {
        const extra = allThemes[Math.floor(random() * allThemes.length)]!
        if (!codes.includes(extra)) codes.push(extra)
      }
      secondCodes.set(responseId, codes)
    }

    for (const [pass, coder, codes] of [['first', first, firstCodes], ['second', second, secondCodes]] as const) {
      const codingRows = [...codes].flatMap(([responseId, themeIds]) =>
        themeIds.map((themeId) => ({ id: crypto.randomUUID(), consultation_id: consultationId, response_id: responseId, question_key: QUESTION, theme_id: themeId, pass, coder_id: coder, created_at: now })),
      )
      const reviewRows = [...codes.keys()].map((responseId) => ({ response_id: responseId, question_key: QUESTION, pass, consultation_id: consultationId, coder_id: coder, reviewed_at: now }))
      for (let i = 0; i < codingRows.length; i += 200) await trx.insertInto('coding').values(codingRows.slice(i, i + 200)).execute()
      for (let i = 0; i < reviewRows.length; i += 200) await trx.insertInto('coding_review').values(reviewRows.slice(i, i + 200)).execute()
    }

    const sampleId = `demo-${consultationId}-sample`
    await trx
      .insertInto('coding_sample')
      .values({ id: sampleId, consultation_id: consultationId, question_key: QUESTION, size: sample.length, seed: SAMPLE_SEED, second_coder_id: second, created_by: first, created_at: now })
      .execute()
    await trx.insertInto('coding_sample_item').values(sample.map((responseId) => ({ sample_id: sampleId, response_id: responseId }))).execute()
  })
  return { created: true }
}
