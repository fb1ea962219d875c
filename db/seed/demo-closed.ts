import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import { compileLexicon, matchThemes } from '../../app/features/analysis/statistics/text-clustering.ts'
import { ctaThemeId, ensureCodebook } from '../../app/features/coding/codebook.server.ts'
import { CTA_LEXICONS } from '../../app/features/coding/cta-lexicons.ts'
import { newReference } from '../../app/features/responses/codes.ts'
import { CLOSED_DEMO_SLUG, addSyntheticEquality } from './demo.ts'
import { SYNTHETIC_CODERS, syntheticCoder } from './demo-coding.ts'
import { createSeededRandom, pickWeighted } from './random.ts'

// Synthetic answers to the closed demo consultation (what the community
// safety charter should promise, asked before the first congress), so
// "Recently closed" leads to results, not an empty page: 72 answers in
// English and Bengali by four methods, with equality answers, coded to the
// calls to action with the keyword lexicons. Only `npm run db:seed` adds them
// (tests build their own data); runs once.

const QUESTION = 'safety_priority'
const RESPONSES = 72

const ANSWERS: { text: string; locale: 'en' | 'bn' }[] = [
  { locale: 'en', text: 'More police patrols on the estates at night, not just on the main roads.' },
  { locale: 'en', text: 'Better lighting along the canal towpath. I will not walk there after dark.' },
  { locale: 'en', text: 'Deal with the drug dealing in our stairwells. Residents report it and nothing happens.' },
  { locale: 'en', text: 'Youth clubs open late on Fridays so young people have somewhere safe to go.' },
  { locale: 'en', text: 'Take hate crime seriously and tell us what happened after we report it.' },
  { locale: 'en', text: 'CCTV that actually works in the underpasses near the station.' },
  { locale: 'en', text: 'Safer routes to school with crossing patrols and fewer speeding cars.' },
  { locale: 'en', text: 'One place to report anti-social behaviour instead of being passed between the council and the police.' },
  { locale: 'en', text: 'Women should be able to walk home safely. Ask women which streets feel unsafe.' },
  { locale: 'en', text: 'More neighbourhood wardens we can get to know by name.' },
  { locale: 'en', text: 'Stop and search should be fair. Young Black and Asian men are stopped far too often.' },
  { locale: 'en', text: 'Fix broken door entry systems so strangers cannot get into the blocks.' },
  { locale: 'en', text: 'Mental health support for people in crisis, so the police are not the only ones called.' },
  { locale: 'en', text: 'Clear the rubbish and fly-tipping: dark, dirty corners feel dangerous.' },
  { locale: 'en', text: 'Work with landlords to stop flats being used for drug dealing.' },
  { locale: 'en', text: 'Keep the community centre open. It is where people look out for each other.' },
  { locale: 'bn', text: 'রাতে এস্টেটে আরও পুলিশ টহল দরকার।' },
  { locale: 'bn', text: 'খালের পাশের রাস্তায় আলো বাড়ান, অন্ধকারে হাঁটতে ভয় লাগে।' },
  { locale: 'bn', text: 'সিঁড়িঘরে মাদক বিক্রি বন্ধ করুন।' },
  { locale: 'bn', text: 'তরুণদের জন্য সন্ধ্যায় নিরাপদ জায়গা ও যুব ক্লাব চাই।' },
  { locale: 'bn', text: 'বর্ণবিদ্বেষমূলক অপরাধের অভিযোগ গুরুত্ব দিয়ে দেখুন।' },
  { locale: 'bn', text: 'অসামাজিক আচরণের অভিযোগ জানানোর একটাই সহজ উপায় চাই, বাংলায়।' },
  { locale: 'bn', text: 'স্কুলে যাওয়ার পথ নিরাপদ করুন, গাড়ির গতি কমান।' },
  { locale: 'bn', text: 'নারীরা যেন রাতে নিরাপদে বাড়ি ফিরতে পারেন।' },
]

export async function seedClosedDemoResponses(db: Kysely<Database>, { now = Date.now() }: { now?: number } = {}) {
  const closed = await db.selectFrom('consultation').select(['id', 'opens_at', 'closes_at']).where('slug', '=', CLOSED_DEMO_SLUG).executeTakeFirst()
  if (!closed) return { created: 0 }
  if (await db.selectFrom('response').select('id').where('consultation_id', '=', closed.id).executeTakeFirst()) return { created: 0 }
  const version = await db.selectFrom('survey_version').select('id').where('consultation_id', '=', closed.id).orderBy('version_number', 'desc').executeTakeFirstOrThrow()
  const wards = (await db.selectFrom('ward').select('code').orderBy('name').execute()).map((w) => w.code)
  const random = createSeededRandom(20231201)
  const ethnicity = createSeededRandom(20231202)
  const opensAt = Number(closed.opens_at)
  const span = Number(closed.closes_at) - opensAt
  const coder = await syntheticCoder(db, SYNTHETIC_CODERS[0]!, now)
  const lexicon = compileLexicon(CTA_LEXICONS)

  await db.transaction().execute(async (trx) => {
    await ensureCodebook(trx, closed.id, coder, { now, audit: false })
    for (let i = 0; i < RESPONSES; i++) {
      const id = crypto.randomUUID()
      const answer = ANSWERS[Math.floor(random() * ANSWERS.length)]!
      const submittedAt = opensAt + Math.floor(random() * span)
      await trx
        .insertInto('response')
        .values({
          id,
          consultation_id: closed.id,
          survey_version_id: version.id,
          channel: pickWeighted(random, [['online', 55], ['paper', 20], ['face_to_face', 15], ['phone', 10]]),
          locale: answer.locale,
          status: 'submitted',
          reference: newReference(),
          ward_code: wards[Math.floor(random() * wards.length)] ?? null,
          is_synthetic: 1,
          created_at: submittedAt - 3 * 60 * 1000,
          updated_at: submittedAt,
          submitted_at: submittedAt,
        })
        .execute()
      await trx.insertInto('answer').values({ response_id: id, question_key: QUESTION, position: 0, text_value: answer.text }).execute()
      await addSyntheticEquality(trx, id, random, ethnicity)
      // A first coding with the keyword lexicons, as an analyst would start.
      const themes = matchThemes(answer.text, lexicon).map((m) => ctaThemeId(closed.id, m.themeId))
      for (const themeId of themes) {
        await trx
          .insertInto('coding')
          .values({ id: crypto.randomUUID(), consultation_id: closed.id, response_id: id, question_key: QUESTION, theme_id: themeId, pass: 'first', coder_id: coder, created_at: now })
          .execute()
      }
      await trx.insertInto('coding_review').values({ response_id: id, question_key: QUESTION, pass: 'first', consultation_id: closed.id, coder_id: coder, reviewed_at: now }).execute()
    }
  })
  return { created: RESPONSES }
}
