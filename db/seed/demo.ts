import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import { demoConsultationContent, demoSurvey } from './demo-survey.ts'
import { answerToRows, type Answers } from '../../app/features/surveys/answers.ts'
import { keepVisibleAnswers } from '../../app/features/surveys/skip-logic.ts'
import { SCALE_CODES, SurveyDefinitionSchema } from '../../app/features/surveys/definition.ts'
import { ETHNIC_GROUPS, PREFER_NOT_TO_SAY } from '../../app/features/equality/questions.ts'
import { newReference } from '../../app/features/responses/codes.ts'
import { seedDemoEvents } from './demo-events.ts'
import { seedDemoCoding } from './demo-coding.ts'
import { createSeededRandom, pickWeighted } from './random.ts'
import census from './data/tower-hamlets-census-2021.json' with { type: 'json' }

// Demo data: every record made here is marked is_synthetic = 1 and the site
// shows a banner saying so. Random choices use a fixed seed, so every fresh
// start shows the same demo.

export const DEMO_SLUG = 'a-tower-hamlets-for-all-your-priorities'
export const CLOSED_DEMO_SLUG = 'community-safety-charter-2023'
const DAY = 24 * 60 * 60 * 1000

export async function seedDemo(db: Kysely<Database>, frameworkId: string, options: { responses?: number; now?: number } = {}) {
  const now = options.now ?? Date.now()
  // Live events (votes in the room) have their own demo: db/seed/demo-events.ts.
  await seedDemoEvents(db, frameworkId, { now })
  const existing = await db.selectFrom('consultation').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirst()
  if (existing) {
    // Free-text coding came later than the demo: a database seeded before gets it now.
    await seedDemoCoding(db, existing.id, { now })
    return { created: false, responses: 0 }
  }

  const definition = SurveyDefinitionSchema.parse(demoSurvey)
  const consultationId = crypto.randomUUID()
  const versionId = crypto.randomUUID()
  const opensAt = now - 21 * DAY
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('consultation')
      .values({
        id: consultationId,
        slug: DEMO_SLUG,
        framework_id: frameworkId,
        status: 'open',
        opens_at: opensAt,
        // Closes at noon London time about eight weeks after the demo starts.
        closes_at: londonNoon(now + 35 * DAY),
        locales: JSON.stringify(['en', 'bn']),
        content_i18n: JSON.stringify(demoConsultationContent),
        estimated_minutes: 5,
        partners: JSON.stringify(['Tower Hamlets Council', 'NHS North East London', 'Metropolitan Police', 'Tower Hamlets Council for Voluntary Service']),
        is_synthetic: 1,
        created_at: opensAt,
        updated_at: opensAt,
      })
      .execute()
    await trx
      .insertInto('survey_version')
      .values({ id: versionId, consultation_id: consultationId, version_number: 1, definition: JSON.stringify(definition), created_at: opensAt })
      .execute()

    await seedClosedConsultation(trx, frameworkId, now)
  })

  const wards = await db.selectFrom('ward').select('code').orderBy('name').execute()
  const count = options.responses ?? 240
  const random = createSeededRandom(20231114)
  // Questions added to the demo later draw from a generator of their own, so
  // the answers to the first questions stay the same as before.
  const later = createSeededRandom(20231115)
  // The ethnic group too (it once drew from `random`: see skipFormerEthnicDraws).
  // Of the seeds tried, this one's 240-response demo comes closest to ETHNIC_WEIGHTS.
  const ethnicity = createSeededRandom(20231361)
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i++) {
      const submittedAt = opensAt + Math.floor(random() * (now - opensAt - DAY)) + DAY / 2
      const answers = { ...syntheticAnswers(random, wards.map((w) => w.code)), ...syntheticLaterAnswers(later, submittedAt) }
      const kept = keepVisibleAnswers(definition, answers)
      const responseId = crypto.randomUUID()
      const channel = pickWeighted(random, [['online', 60], ['paper', 15], ['phone', 12], ['face_to_face', 13]])
      const locale = pickWeighted(random, [['en', 62], ['bn', 28], ['so', 5], ['ur', 5]])
      await trx
        .insertInto('response')
        .values({
          id: responseId,
          consultation_id: consultationId,
          survey_version_id: versionId,
          channel,
          locale,
          status: 'submitted',
          reference: newReference(),
          ward_code: typeof kept.ward === 'string' ? kept.ward : null,
          is_synthetic: 1,
          created_at: submittedAt - 6 * 60 * 1000,
          updated_at: submittedAt,
          submitted_at: submittedAt,
        })
        .execute()
      const rows = definition.questions
        .filter((q) => kept[q.key] !== undefined)
        .flatMap((q) => answerToRows(q, kept[q.key]!))
        .map((row) => ({ ...row, response_id: responseId }))
      if (rows.length) await trx.insertInto('answer').values(rows).execute()
      await addSyntheticEquality(trx, responseId, random, ethnicity)
    }
  })
  await seedDemoCoding(db, consultationId, { now })
  return { created: true, responses: count }
}

function londonNoon(epochMs: number) {
  const d = new Date(epochMs)
  d.setUTCHours(12, 0, 0, 0)
  return d.getTime()
}

const COMMENTS = [
  'More youth clubs open in the evenings so young people have somewhere safe to go.',
  'Fix the damp in council flats. My children keep getting ill.',
  'Cheaper childcare so I can go back to work.',
  'Better street lighting around the canal path at night.',
  'More GP appointments. It takes weeks to see a doctor.',
  'Stop drug dealing on our estate stairwells.',
  'Free English classes in the evening for parents.',
  'Cleaner streets and more bins, the rubbish is everywhere on market days.',
  'Help with energy bills for pensioners.',
  'More apprenticeships with local employers at Canary Wharf.',
  'বাড়িভাড়া অনেক বেশি, সাশ্রয়ী আবাসন দরকার।',
  'শিশুদের জন্য আরও খেলার মাঠ ও পার্ক চাই।',
  'মসজিদের কাছে রাতে আরও পুলিশ টহল দরকার।',
  'বয়স্কদের জন্য বাংলায় স্বাস্থ্য তথ্য দিন।',
  'Mental health support in Bengali and Sylheti for older people.',
  'Listen to young people before closing youth services.',
  'Racism on buses is getting worse, please do something.',
]

function syntheticAnswers(random: () => number, wardCodes: string[]): Answers {
  const answers: Answers = {}
  answers.connection = pickWeighted(random, [['under_1', 8], ['1_5', 22], ['6_10', 20], ['over_10', 42], ['not_resident', 8]])
  if (random() < 0.85) answers.ward = wardCodes[Math.floor(random() * wardCodes.length)]!
  const priorities = ['fair_inclusive', 'mental_health', 'safe_homes', 'work_income', 'children_thrive', 'clean_green']
  const weights = [12, 14, 30, 24, 14, 6]
  const ranking: string[] = []
  const howMany = 1 + Math.floor(random() * 3)
  while (ranking.length < howMany) {
    const pick = pickWeighted(random, priorities.map((p, i) => [p, ranking.includes(p) ? 0 : weights[i]!] as [string, number]))
    if (!ranking.includes(pick)) ranking.push(pick)
  }
  answers.priorities = ranking
  answers.safe_day = pickWeighted(random, SCALE_CODES.map((c, i) => [c, [10, 28, 18, 24, 14, 6][i]!] as [string, number]))
  if (random() < 0.9) {
    if (random() < 0.15) answers.wellbeing = ['none']
    else {
      const options = ['cost_of_living', 'housing', 'loneliness', 'work', 'crime_asb', 'discrimination']
      const chosen = options.filter((_, i) => random() < [0.62, 0.4, 0.22, 0.25, 0.3, 0.12][i]!)
      answers.wellbeing = chosen.length ? chosen : ['cost_of_living']
    }
  }
  if (random() < 0.92) answers.needed_help = random() < 0.38 ? 'yes' : 'no'
  if (answers.needed_help === 'yes') {
    const options = ['council', 'food_bank', 'faith_group', 'charity', 'family']
    const chosen = options.filter((_, i) => random() < [0.35, 0.3, 0.25, 0.2, 0.45][i]!)
    answers.help_sources = chosen.length ? chosen : ['none']
  }
  if (random() < 0.85) answers.young_listened = pickWeighted(random, SCALE_CODES.map((c, i) => [c, [6, 20, 26, 22, 12, 14][i]!] as [string, number]))
  if (random() < 0.8) answers.children = pickWeighted(random, [[0, 40], [1, 18], [2, 20], [3, 12], [4, 6], [5, 4]])
  if (random() < 0.6) answers.one_change = COMMENTS[Math.floor(random() * COMMENTS.length)]!
  return answers
}

/** The grid of statements about the local area, and the date of the last congress for the few who went. */
function syntheticLaterAnswers(random: () => number, submittedAt: number): Answers {
  const answers: Answers = {}
  if (random() < 0.88) {
    // Weights over SCALE_CODES (strongly agree … don't know), per statement.
    const weights: Record<string, number[]> = {
      get_on_well: [24, 38, 16, 10, 5, 7],
      influence_decisions: [5, 17, 26, 27, 15, 10],
      safe_public_spaces: [12, 32, 18, 22, 12, 4],
    }
    const ratings: Record<string, string> = {}
    for (const [statement, w] of Object.entries(weights)) {
      if (random() < 0.95) ratings[statement] = pickWeighted(random, SCALE_CODES.map((c, i) => [c, w[i]!] as [string, number]))
    }
    if (Object.keys(ratings).length) answers.area_statements = ratings
  }
  if (random() < 0.14) {
    // Many name the first congress; the rest a day between it and when they answered.
    const first = Date.UTC(2023, 10, 14)
    const day = random() < 0.4 ? first : first + Math.floor(random() * Math.max(1, (submittedAt - first) / DAY)) * DAY
    answers.congress_date = new Date(day).toISOString().slice(0, 10)
  }
  return answers
}

// Who gives an ethnic group: the borough's Census 2021 mix (TS021, all ages),
// detailed group by detailed group, with two modest gaps on purpose so the
// respondent profile has something to show, as in many council surveys:
// Bangladeshi residents under-represented, White British over-represented.
const ETHNIC_SKEW: Record<string, number> = { asian_bangladeshi: 0.85, white_british: 1.15 }
const ETHNIC_WEIGHTS = Object.fromEntries(
  Object.entries(ETHNIC_GROUPS).map(([broad, group]) => [
    broad,
    group.options.map((code): [string, number] => {
      const figure = census.ethnicGroupDetailed.categories.find((c) => c.code === code)
      if (!figure) throw new Error(`no census figure for ${code}`)
      return [code, figure.count * (ETHNIC_SKEW[code] ?? 1)]
    }),
  ]),
)
const sum = (items: [string, number][]) => items.reduce((s, [, w]) => s + w, 0)
const ETHNIC_TOTAL = sum(Object.values(ETHNIC_WEIGHTS).flat())
// The broad group's weight is its detailed groups' together; 2% prefer not to say.
const ETHNIC_BROAD_WEIGHTS: [string, number][] = [
  ...Object.entries(ETHNIC_WEIGHTS).map(([broad, items]): [string, number] => [broad, sum(items)]),
  [PREFER_NOT_TO_SAY, (ETHNIC_TOTAL * 2) / 98],
]

/** Seven in ten synthetic respondents answer the equality questions (stored apart from their answers). */
export async function addSyntheticEquality(trx: Kysely<Database>, responseId: string, random: () => number, ethnicity: () => number) {
  if (random() >= 0.7) return
  const equality = syntheticEquality(random, ethnicity)
  await trx
    .insertInto('equality_answer')
    .values(Object.entries(equality).map(([key, code]) => ({ response_id: responseId, question_key: key, option_code: code, text_value: null })))
    .execute()
}

function syntheticEquality(random: () => number, ethnicity: () => number): Record<string, string> {
  const out: Record<string, string> = {}
  out.age_band = pickWeighted(random, [['16_24', 14], ['25_34', 30], ['35_49', 28], ['50_64', 16], ['65_74', 7], ['75_plus', 3], ['prefer_not_to_say', 2]])
  out.sex = pickWeighted(random, [['female', 55], ['male', 42], ['prefer_not_to_say', 3]])
  skipFormerEthnicDraws(random)
  const broad = pickWeighted(ethnicity, ETHNIC_BROAD_WEIGHTS)
  out.ethnic_group_broad = broad
  const detailed = ETHNIC_WEIGHTS[broad]
  if (detailed) out.ethnic_group = pickWeighted(ethnicity, detailed)
  out.religion = pickWeighted(random, [['muslim', 36], ['none', 30], ['christian', 22], ['hindu', 3], ['buddhist', 2], ['jewish', 1], ['sikh', 1], ['prefer_not_to_say', 5]])
  out.long_term_condition = pickWeighted(random, [['yes', 18], ['no', 78], ['prefer_not_to_say', 4]])
  if (out.long_term_condition === 'yes') out.activity_limitation = pickWeighted(random, [['a_lot', 30], ['a_little', 45], ['not_at_all', 25]])
  return out
}

/**
 * Makes, and throws away, the draws the demo first made for the ethnic group
 * (detailed groups near-even, which was implausible), so every other answer
 * in the demo stays the same: the comments and answers tests code and count.
 */
function skipFormerEthnicDraws(random: () => number) {
  const broad = pickWeighted(random, [['asian', 40], ['white', 42], ['black', 8], ['mixed', 5], ['other', 3], ['prefer_not_to_say', 2]])
  // Asian: Bangladeshi 75% of the time, else any Asian group; the others: any of their groups.
  if (broad !== 'prefer_not_to_say' && (broad !== 'asian' || random() >= 0.75)) random()
}

/** A closed consultation, so the home page shows what closed looks like. */
async function seedClosedConsultation(trx: Kysely<Database>, frameworkId: string, now: number) {
  const id = crypto.randomUUID()
  const opensAt = now - 120 * DAY
  await trx
    .insertInto('consultation')
    .values({
      id,
      slug: CLOSED_DEMO_SLUG,
      framework_id: frameworkId,
      status: 'closed',
      opens_at: opensAt,
      closes_at: now - 60 * DAY,
      locales: JSON.stringify(['en', 'bn']),
      content_i18n: JSON.stringify({
        en: {
          title: 'Community safety: what should the congress charter promise?',
          summary: 'Ideas for the community safety charter agreed at the partnership congress.',
          purpose: 'The first partnership congress worked on community safety. We asked residents what the charter should commit partners to.',
          whatCanChange: 'The commitments in the community safety charter.',
          howAnswersUsed: 'Answers were read by analysts and summarised for the congress tables.',
          howDecisionMade: 'Partners agreed the charter at the congress.',
        },
        bn: {
          title: 'কমিউনিটির নিরাপত্তা: কংগ্রেস সনদে কী প্রতিশ্রুতি থাকা উচিত?',
          summary: 'পার্টনারশিপ কংগ্রেসে গৃহীত কমিউনিটি নিরাপত্তা সনদের জন্য ধারণা।',
          purpose: 'প্রথম পার্টনারশিপ কংগ্রেস কমিউনিটির নিরাপত্তা নিয়ে কাজ করেছে। সনদে অংশীদারদের কী প্রতিশ্রুতি দেওয়া উচিত, তা আমরা বাসিন্দাদের কাছে জানতে চেয়েছিলাম।',
          whatCanChange: 'কমিউনিটি নিরাপত্তা সনদের প্রতিশ্রুতিসমূহ।',
          howAnswersUsed: 'বিশ্লেষকরা উত্তরগুলো পড়ে কংগ্রেসের টেবিলগুলোর জন্য সারসংক্ষেপ করেছেন।',
          howDecisionMade: 'অংশীদাররা কংগ্রেসে সনদটি অনুমোদন করেছেন।',
        },
      }),
      estimated_minutes: 3,
      partners: JSON.stringify(['Tower Hamlets Council', 'Metropolitan Police']),
      is_synthetic: 1,
      created_at: opensAt,
      updated_at: opensAt,
    })
    .execute()
  const definition = SurveyDefinitionSchema.parse({
    schemaVersion: 1,
    locales: ['en', 'bn'],
    questions: [
      {
        key: 'safety_priority',
        type: 'text',
        required: true,
        maxLength: 300,
        ctas: ['CTA3'],
        title: { en: 'What should partners promise to do about crime and anti-social behaviour?', bn: 'অপরাধ ও অসামাজিক আচরণ নিয়ে অংশীদারদের কী করার প্রতিশ্রুতি দেওয়া উচিত?' },
      },
    ],
  })
  await trx
    .insertInto('survey_version')
    .values({ id: crypto.randomUUID(), consultation_id: id, version_number: 1, definition: JSON.stringify(definition), created_at: opensAt })
    .execute()
}
