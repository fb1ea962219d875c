import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import { scaleOptions, commitmentOptions } from '../../app/features/events/builtin-options.ts'
import { createSeededRandom, pickWeighted } from './random.ts'

// Demo live events, so a newcomer sees "votes in the room" working: a live
// poll with votes, an Ask the Mayor taking questions, and the first
// partnership congress (14 November 2023, community safety) with its tables,
// commitments and charter. Every event is marked is_synthetic = 1 (pages show
// "Demo: synthetic data"), and so is every vote, question and upvote; the
// people and numbers are made up. Random choices use a fixed seed. Running it
// twice changes nothing (events are found by their join codes).

export const DEMO_POLL_CODE = 'DEMA47'
export const DEMO_MAYOR_CODE = 'MAYR47'
export const DEMO_CONGRESS_CODE = 'CTA347'

const DAY = 24 * 60 * 60 * 1000

/** A synthetic device: what the database would hold for a phone (a SHA-256), made from the seed. */
function device(random: () => number): string {
  return crypto.createHash('sha256').update(`demo-device:${random()}:${random()}`).digest('hex')
}

type Trx = Kysely<Database>

async function insertEvent(
  trx: Trx,
  args: {
    code: string
    kind: 'poll' | 'ask_mayor' | 'congress'
    title: Record<string, string>
    startsAt: number
    venue: string
    ctaCodes: string[]
    frameworkId: string
    status: 'scheduled' | 'live' | 'ended'
    questionsOpenAt?: number
    questionsCloseAt?: number
    theme?: Record<string, string>
    now: number
  },
) {
  const id = crypto.randomUUID()
  await trx
    .insertInto('event')
    .values({
      id,
      code: args.code,
      kind: args.kind,
      title_i18n: JSON.stringify(args.title),
      starts_at: args.startsAt,
      venue: args.venue,
      locales: JSON.stringify(['en', 'bn', 'so', 'ur']),
      cta_codes: JSON.stringify(args.ctaCodes),
      framework_id: args.frameworkId,
      status: args.status,
      seq: 1,
      questions_open_at: args.questionsOpenAt ?? null,
      questions_close_at: args.questionsCloseAt ?? null,
      theme_i18n: args.theme ? JSON.stringify(args.theme) : null,
      is_synthetic: 1,
      created_by: 'seed',
      created_at: args.now,
      updated_at: args.now,
    })
    .execute()
  return id
}

async function insertItem(
  trx: Trx,
  args: {
    eventId: string
    position: number
    type: string
    title: Record<string, string>
    options: { code: string; label: Record<string, string> }[]
    state: 'draft' | 'open' | 'closed'
    visible: boolean
    commitmentId?: string
    at: number
  },
) {
  const id = crypto.randomUUID()
  await trx
    .insertInto('event_item')
    .values({
      id,
      event_id: args.eventId,
      position: args.position,
      type: args.type,
      title_i18n: JSON.stringify(args.title),
      options: JSON.stringify(args.options),
      state: args.state,
      results_visible: args.visible ? 1 : 0,
      opened_at: args.state === 'draft' ? null : args.at,
      closed_at: args.state === 'closed' ? args.at + 5 * 60_000 : null,
      commitment_id: args.commitmentId ?? null,
      created_at: args.at - DAY,
      updated_at: args.at,
    })
    .execute()
  return id
}

type VoteRow = Database['event_vote'] extends infer T ? { [K in keyof T]?: unknown } : never

async function insertVotes(trx: Trx, rows: VoteRow[]) {
  for (let i = 0; i < rows.length; i += 200) {
    await trx
      .insertInto('event_vote')
      .values(rows.slice(i, i + 200) as never)
      .execute()
  }
}

const o = (code: string, en: string, bn: string) => ({ code, label: { en, bn } })

export async function seedDemoEvents(db: Kysely<Database>, frameworkId: string, { now = Date.now() }: { now?: number } = {}) {
  const existing = await db.selectFrom('event').select('code').where('code', 'in', [DEMO_POLL_CODE, DEMO_MAYOR_CODE, DEMO_CONGRESS_CODE]).execute()
  if (existing.length) return { created: false }
  const random = createSeededRandom(20231114)
  await db.transaction().execute(async (trx) => {
    await seedBlockedWords(trx, now)
    await seedPoll(trx, frameworkId, random, now)
    await seedAskTheMayor(trx, frameworkId, random, now)
    await seedCongress(trx, frameworkId, random)
  })
  return { created: true }
}

async function seedBlockedWords(trx: Trx, now: number) {
  // A starting list for the demo; moderators edit it at /admin/events/blocked-words.
  const words: [string, string][] = [
    ['en', 'idiot'],
    ['en', 'scum'],
    ['en', 'vermin'],
    ['en', 'parasite'],
    ['bn', 'বোকা'],
    ['bn', 'শুয়োর'],
    ['bn', 'হারামজাদা'],
  ]
  for (const [locale, word] of words) {
    await trx
      .insertInto('event_blocked_word')
      .values({ id: crypto.randomUUID(), locale, word, created_by: 'seed', created_at: now })
      .onConflict((oc) => oc.columns(['locale', 'word']).doNothing())
      .execute()
  }
}

async function seedPoll(trx: Trx, frameworkId: string, random: () => number, now: number) {
  const startsAt = now - 30 * 60_000
  const eventId = await insertEvent(trx, {
    code: DEMO_POLL_CODE,
    kind: 'poll',
    title: { en: 'A Tower Hamlets for All: community evening (demo)', bn: 'সবার জন্য টাওয়ার হ্যামলেটস: কমিউনিটি সন্ধ্যা (ডেমো)' },
    startsAt,
    venue: 'Demo venue: community hall, Bethnal Green',
    ctaCodes: ['CTA1', 'CTA2', 'CTA3', 'CTA4', 'CTA5'],
    frameworkId,
    status: 'live',
    now,
  })
  const at = startsAt + 10 * 60_000
  const locales = ['en', 'bn', 'so', 'ur']
  const priorities = [
    o('o1', 'Fairness and tackling racism', 'ন্যায্যতা ও বর্ণবাদ মোকাবিলা'),
    o('o2', 'Mental health and wellbeing', 'মানসিক স্বাস্থ্য ও সুস্থতা'),
    o('o3', 'Safe streets and good homes', 'নিরাপদ রাস্তা ও ভালো বাসস্থান'),
    o('o4', 'Good work and a fair income', 'ভালো কাজ ও ন্যায্য আয়'),
    o('o5', 'Children and young people', 'শিশু ও তরুণেরা'),
  ]
  const first = await insertItem(trx, {
    eventId,
    position: 1,
    type: 'single',
    title: { en: 'Which matters most to you tonight?', bn: 'আজ রাতে আপনার কাছে কোনটি সবচেয়ে গুরুত্বপূর্ণ?' },
    options: priorities,
    state: 'open',
    visible: true,
    at,
  })
  const scale = await insertItem(trx, {
    eventId,
    position: 2,
    type: 'scale',
    title: { en: 'I feel safe walking in my neighbourhood after dark.', bn: 'সন্ধ্যার পর নিজের এলাকায় হাঁটতে আমি নিরাপদ বোধ করি।' },
    options: scaleOptions(locales),
    state: 'closed',
    visible: true,
    at: at - 20 * 60_000,
  })
  const multiple = await insertItem(trx, {
    eventId,
    position: 3,
    type: 'multiple',
    title: { en: 'Which would help your family most this year?', bn: 'এই বছর কোনগুলো আপনার পরিবারকে সবচেয়ে বেশি সাহায্য করবে?' },
    options: [
      o('o1', 'Help with energy bills', 'বিদ্যুৎ-গ্যাস বিলে সাহায্য'),
      o('o2', 'More GP appointments', 'জিপির আরও অ্যাপয়েন্টমেন্ট'),
      o('o3', 'Youth clubs open later', 'দেরি পর্যন্ত খোলা যুব ক্লাব'),
      o('o4', 'English classes for parents', 'অভিভাবকদের জন্য ইংরেজি ক্লাস'),
    ],
    state: 'draft',
    visible: false,
    at,
  })
  await insertItem(trx, {
    eventId,
    position: 4,
    type: 'ranking',
    title: { en: 'Put these in order: what should partners do first?', bn: 'ক্রম অনুযায়ী সাজান: অংশীদারদের প্রথমে কী করা উচিত?' },
    options: priorities.slice(0, 4),
    state: 'draft',
    visible: false,
    at,
  })
  const words = await insertItem(trx, {
    eventId,
    position: 5,
    type: 'text',
    title: { en: 'In a few words: what would make Tower Hamlets fairer?', bn: 'কয়েকটি শব্দে: কী করলে টাওয়ার হ্যামলেটস আরও ন্যায্য হবে?' },
    options: [],
    state: 'closed',
    visible: true,
    at: at - 40 * 60_000,
  })
  await trx.updateTable('event').set({ current_item_id: first }).where('id', '=', eventId).execute()

  const votes: VoteRow[] = []
  const vote = (itemId: string, values: Partial<VoteRow>, i: number) =>
    votes.push({
      id: crypto.randomUUID(),
      event_id: eventId,
      item_id: itemId,
      device_hash: device(random),
      locale: pickWeighted(random, [['en', 60], ['bn', 30], ['so', 5], ['ur', 5]]),
      option_code: null,
      option_codes: null,
      text_value: null,
      moderation: null,
      is_synthetic: 1,
      created_at: at + i * 3_000,
      updated_at: at + i * 3_000,
      ...values,
    })
  for (let i = 0; i < 64; i++) vote(first, { option_code: pickWeighted(random, [['o1', 12], ['o2', 14], ['o3', 30], ['o4', 26], ['o5', 18]]) }, i)
  for (let i = 0; i < 71; i++) {
    vote(scale, { option_code: pickWeighted(random, [['strongly_agree', 8], ['agree', 25], ['neither', 17], ['disagree', 30], ['strongly_disagree', 20]]) }, i)
  }
  void multiple
  const texts: [string, string][] = [
    ['Cheaper rents', 'approved'],
    ['Fair rents and more council homes', 'approved'],
    ['Listen to young people', 'approved'],
    ['More youth clubs', 'approved'],
    ['Jobs for local people', 'approved'],
    ['সাশ্রয়ী বাসস্থান', 'approved'],
    ['Tackle racism on buses', 'approved'],
    ['Cleaner streets', 'approved'],
    ['Affordable childcare', 'approved'],
    ['More council homes', 'approved'],
    ['Safe streets at night', 'approved'],
    ['Jobs and fair pay', 'approved'],
    ['Call me on 07700 900123 about housing', 'held'],
    ['Better GP access', 'pending'],
  ]
  texts.forEach(([text, moderation], i) =>
    vote(
      words,
      {
        text_value: text,
        moderation,
        held_reason: moderation === 'held' ? 'personal_details' : null,
        moderated_by: moderation === 'approved' ? 'seed' : null,
        moderated_at: moderation === 'approved' ? at - 30 * 60_000 + i * 1000 : null,
      },
      i,
    ),
  )
  await insertVotes(trx, votes)
}

async function seedAskTheMayor(trx: Trx, frameworkId: string, random: () => number, now: number) {
  const startsAt = now + 7 * DAY
  const eventId = await insertEvent(trx, {
    code: DEMO_MAYOR_CODE,
    kind: 'ask_mayor',
    title: { en: 'Ask the Mayor: Whitechapel (demo)', bn: 'মেয়রকে জিজ্ঞাসা করুন: হোয়াইটচ্যাপেল (ডেমো)' },
    startsAt,
    venue: 'Demo venue: Whitechapel Idea Store',
    ctaCodes: ['CTA1', 'CTA3', 'CTA4'],
    frameworkId,
    status: 'scheduled',
    questionsOpenAt: now - 7 * DAY,
    questionsCloseAt: startsAt - 60 * 60_000,
    now,
  })
  const questions: [string, string, string | null, number][] = [
    ['When will the damp in council flats on our estate be fixed?', 'approved', 'CTA3', 41],
    ['What is the council doing about drug dealing in stairwells?', 'approved', 'CTA3', 33],
    ['Will youth centres stay open in the evenings?', 'approved', 'CTA5', 28],
    ['How will local people get the jobs at new developments?', 'approved', 'CTA4', 19],
    ['আমাদের এলাকার জন্য বাংলায় স্বাস্থ্য তথ্য কবে পাওয়া যাবে?', 'approved', 'CTA2', 12],
    ['Why do the bins on Commercial Road overflow every weekend?', 'pending', null, 0],
    ['My neighbour is an idiot, can you move him?', 'held', null, 0],
  ]
  for (const [i, [text, status, cta, upvotes]] of questions.entries()) {
    const id = crypto.randomUUID()
    const created = now - (6 - i) * DAY
    await trx
      .insertInto('event_question')
      .values({
        id,
        event_id: eventId,
        device_hash: device(random),
        locale: /[\u0980-\u09ff]/.test(text) ? 'bn' : 'en',
        phase: 'before',
        text,
        status,
        held_reason: status === 'held' ? 'blocked_word' : null,
        cta_code: cta,
        moderated_by: status === 'approved' ? 'seed' : null,
        moderated_at: status === 'approved' ? created + 3_600_000 : null,
        is_synthetic: 1,
        created_at: created,
        updated_at: created,
      })
      .execute()
    if (upvotes) {
      await trx
        .insertInto('event_upvote')
        .values(Array.from({ length: upvotes }, (_, k) => ({ question_id: id, device_hash: device(random), event_id: eventId, is_synthetic: 1, created_at: created + k * 60_000 })))
        .execute()
    }
  }
}

async function seedCongress(trx: Trx, frameworkId: string, random: () => number) {
  // 14 November 2023, 18:00 London (GMT).
  const startsAt = Date.UTC(2023, 10, 14, 18, 0)
  const eventId = await insertEvent(trx, {
    code: DEMO_CONGRESS_CODE,
    kind: 'congress',
    title: { en: "The Mayor's first partnership congress: community safety (demo)", bn: 'মেয়রের প্রথম পার্টনারশিপ কংগ্রেস: কমিউনিটির নিরাপত্তা (ডেমো)' },
    startsAt,
    venue: 'Demo venue: Tower Hamlets Town Hall, Whitechapel',
    ctaCodes: ['CTA3'],
    frameworkId,
    status: 'ended',
    theme: {
      en: 'Community safety: a charter and commitments to improve outcomes around crime and anti-social behaviour',
      bn: 'কমিউনিটির নিরাপত্তা: অপরাধ ও অসামাজিক আচরণ সংক্রান্ত ফলাফল উন্নত করতে একটি সনদ ও প্রতিশ্রুতি',
    },
    now: startsAt,
  })
  const tables: {
    name: string
    facilitator: string
    cta: string
    issues: string[]
    // Written in English; bn is the wording given for its live vote (commitmentVoteTitle).
    commitments: { text: string; bn: string; votes: [number, number, number]; owners: string[]; status: 'committed' | 'in_progress' | 'done' | null }[]
  }[] = [
    {
      name: 'Safer streets and public spaces',
      facilitator: 'Synthetic facilitator A',
      cta: 'CTA3',
      issues: ['Poor lighting on canal paths and in underpasses', 'Women and girls avoid some streets after dark'],
      commitments: [
        {
          text: 'Audit lighting on every canal path and underpass, and fix the worst within a year',
          bn: 'খালের পাশের প্রতিটি পথ ও আন্ডারপাসের আলো পরীক্ষা করা, এবং সবচেয়ে খারাপগুলো এক বছরের মধ্যে ঠিক করা',
          votes: [118, 9, 6],
          owners: ['Tower Hamlets Council', 'Canal & River Trust'],
          status: 'in_progress',
        },
        {
          text: 'Run women-led safety walks in every ward twice a year',
          bn: 'প্রতিটি ওয়ার্ডে বছরে দুবার নারীদের নেতৃত্বে নিরাপত্তা পদযাত্রা (সেফটি ওয়াক) করা',
          votes: [102, 14, 17],
          owners: ['Tower Hamlets Council', 'Metropolitan Police'],
          status: 'done',
        },
      ],
    },
    {
      name: 'Anti-social behaviour on estates',
      facilitator: 'Synthetic facilitator B',
      cta: 'CTA3',
      issues: ['Drug dealing in stairwells', 'Residents do not know who to report to'],
      commitments: [
        {
          text: 'One number and one online form for reporting anti-social behaviour, in four languages',
          bn: 'অসামাজিক আচরণের খবর জানাতে একটি ফোন নম্বর ও একটি অনলাইন ফর্ম, চারটি ভাষায়',
          votes: [126, 4, 3],
          owners: ['Tower Hamlets Council'],
          status: 'in_progress',
        },
        {
          text: 'Close every stairwell to non-residents with fob entry',
          bn: 'ফব-চাবি দিয়ে প্রবেশের ব্যবস্থা করে প্রতিটি সিঁড়িঘর বাসিন্দা ছাড়া অন্যদের জন্য বন্ধ করা',
          votes: [41, 77, 15],
          owners: [],
          status: null,
        },
      ],
    },
    {
      name: 'Young people and safety',
      facilitator: 'Synthetic facilitator C',
      cta: 'CTA5',
      issues: ['Nowhere safe to go in the evenings', 'Young people feel stopped and searched unfairly'],
      commitments: [
        {
          text: 'Keep youth centres open until 10pm on Fridays and Saturdays',
          bn: 'শুক্র ও শনিবার রাত ১০টা পর্যন্ত যুব কেন্দ্রগুলো খোলা রাখা',
          votes: [109, 12, 12],
          owners: ['Tower Hamlets Council', 'Tower Hamlets Council for Voluntary Service'],
          status: 'committed',
        },
        {
          text: 'Young people help design the borough\u2019s stop and search scrutiny',
          bn: 'বরোর স্টপ অ্যান্ড সার্চ (থামিয়ে তল্লাশি) তদারকি কীভাবে হবে, তা ঠিক করতে তরুণরা সাহায্য করবে',
          votes: [97, 21, 15],
          owners: ['Metropolitan Police', 'Tower Hamlets Council'],
          status: 'committed',
        },
      ],
    },
    {
      name: 'Hate crime and community cohesion',
      facilitator: 'Synthetic facilitator D',
      cta: 'CTA1',
      issues: ['Hate crime is under-reported', 'Faith groups want to work together on safety'],
      commitments: [
        {
          text: 'Third-party hate crime reporting centres in mosques, churches and community centres',
          bn: 'মসজিদ, গির্জা ও কমিউনিটি সেন্টারে হেট ক্রাইম (বিদ্বেষমূলক অপরাধ) জানানোর তৃতীয় পক্ষের কেন্দ্র',
          votes: [121, 6, 6],
          owners: ['Metropolitan Police', 'Tower Hamlets Council for Voluntary Service'],
          status: 'done',
        },
      ],
    },
  ]
  let position = 0
  const votes: VoteRow[] = []
  for (const [t, table] of tables.entries()) {
    const tableId = crypto.randomUUID()
    await trx
      .insertInto('congress_table')
      .values({ id: tableId, event_id: eventId, position: t + 1, name: table.name, facilitator: table.facilitator, cta_code: table.cta, created_at: startsAt })
      .execute()
    for (const [i, text] of table.issues.entries()) {
      await trx
        .insertInto('congress_issue')
        .values({ id: crypto.randomUUID(), event_id: eventId, table_id: tableId, text, created_by: 'facilitator', created_at: startsAt + (20 + i) * 60_000 })
        .execute()
    }
    for (const commitment of table.commitments) {
      const commitmentId = crypto.randomUUID()
      const votedAt = startsAt + (90 + position * 4) * 60_000
      const itemId = await insertItem(trx, {
        eventId,
        position: ++position,
        type: 'single',
        title: { en: commitment.text, bn: commitment.bn },
        options: commitmentOptions(['en', 'bn', 'so', 'ur']),
        state: 'closed',
        visible: true,
        commitmentId,
        at: votedAt,
      })
      const agreed = commitment.votes[0] > commitment.votes[1]
      await trx
        .insertInto('congress_commitment')
        .values({
          id: commitmentId,
          event_id: eventId,
          table_id: tableId,
          text: commitment.text,
          vote_item_id: itemId,
          decision: agreed ? 'agreed' : 'not_agreed',
          owners: JSON.stringify(commitment.owners),
          charter_status: agreed ? commitment.status : null,
          status_updated_at: agreed ? Date.UTC(2024, 5, 1) : null,
          status_updated_by: agreed ? 'seed' : null,
          created_by: 'facilitator',
          created_at: startsAt + 60 * 60_000,
          updated_at: votedAt,
        })
        .execute()
      const [support, oppose, abstain] = commitment.votes
      const codes = [...Array(support).fill('support'), ...Array(oppose).fill('oppose'), ...Array(abstain).fill('abstain')] as string[]
      codes.forEach((code, i) =>
        votes.push({
          id: crypto.randomUUID(),
          event_id: eventId,
          item_id: itemId,
          device_hash: device(random),
          locale: pickWeighted(random, [['en', 65], ['bn', 30], ['so', 3], ['ur', 2]]),
          option_code: code,
          option_codes: null,
          text_value: null,
          moderation: null,
          is_synthetic: 1,
          created_at: votedAt + i * 500,
          updated_at: votedAt + i * 500,
        }),
      )
    }
  }
  await insertVotes(trx, votes)
}
