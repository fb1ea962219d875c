import type { Kysely } from 'kysely'
import type { Database } from '../schema.ts'
import type { DatabaseLocation } from '../location.ts'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createI18n } from '../../app/features/i18n/create-i18n.ts'
import { NAMESPACES, type Locale } from '../../app/features/i18n/config.ts'
import { addEntry, findPublication, publishFindings } from '../../app/features/findings/you-said-we-did.server.ts'
import { DEMO_SLUG } from './demo.ts'

// "You said, we did" for the demo consultation: three synthetic entries in
// English and Bengali (marked is_synthetic), published, so a newcomer finds
// the public page linked from the start page. The headline findings are
// taken from the demo's synthetic responses, suppressed, at seed time.

const ENTRIES = [
  {
    said: {
      en: 'Many of you said the canal path and the underpasses feel unsafe after dark.',
      bn: 'আপনাদের অনেকে বলেছেন অন্ধকারের পর খালের পাশের পথ ও আন্ডারপাসগুলো অনিরাপদ মনে হয়।',
    },
    did: {
      en: 'The council and the Canal & River Trust have audited the lighting on every canal path and underpass; the ten worst spots get new lights by March.',
      bn: 'কাউন্সিল ও ক্যানাল অ্যান্ড রিভার ট্রাস্ট প্রতিটি খালের পথ ও আন্ডারপাসের আলো পরীক্ষা করেছে; সবচেয়ে খারাপ দশটি জায়গায় মার্চের মধ্যে নতুন বাতি বসবে।',
    },
  },
  {
    said: {
      en: 'Young people told us they are not listened to and that youth centres close too early.',
      bn: 'তরুণরা আমাদের বলেছে তাদের কথা শোনা হয় না এবং যুব কেন্দ্রগুলো খুব তাড়াতাড়ি বন্ধ হয়ে যায়।',
    },
    did: {
      en: 'Four youth centres now stay open until 10pm on Fridays and Saturdays, and the Youth Council will help design the next partnership congress.',
      bn: 'চারটি যুব কেন্দ্র এখন শুক্র ও শনিবার রাত ১০টা পর্যন্ত খোলা থাকে, এবং যুব কাউন্সিল পরবর্তী পার্টনারশিপ কংগ্রেসের পরিকল্পনায় সাহায্য করবে।',
    },
  },
  {
    said: {
      en: 'The cost of living was the worry most of you raised, and some of you did not know where to get help.',
      bn: 'জীবনযাত্রার ব্যয় ছিল আপনাদের বেশিরভাগের তোলা দুশ্চিন্তা, এবং আপনাদের কেউ কেউ জানতেন না কোথায় সাহায্য পাওয়া যায়।',
    },
    did: {
      en: 'One cost-of-living helpline now answers in English, Bengali, Somali and Urdu, and the partners’ advice sessions are listed in one place.',
      bn: 'একটি জীবনযাত্রার ব্যয় হেল্পলাইন এখন ইংরেজি, বাংলা, সোমালি ও উর্দুতে উত্তর দেয়, এবং অংশীদারদের পরামর্শ সেশনগুলো এক জায়গায় তালিকাভুক্ত।',
    },
  },
]

// The seed runs outside Vite (no import.meta.glob), so it reads the locale files itself.
const LOCALES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../locales')
const messages = (locale: Locale) => Object.fromEntries(NAMESPACES.map((ns) => [ns, JSON.parse(fs.readFileSync(path.join(LOCALES, locale, `${ns}.json`), 'utf8'))]))

export async function seedDemoFindings(db: Kysely<Database>, location: DatabaseLocation, { threshold = 10, now = Date.now() } = {}) {
  const consultation = await db.selectFrom('consultation').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirst()
  if (!consultation || (await findPublication(db, consultation.id))) return { created: false }
  const existing = await db.selectFrom('you_said_we_did').select('id').where('consultation_id', '=', consultation.id).executeTakeFirst()
  if (!existing) for (const texts of ENTRIES) await addEntry(db, { consultationId: consultation.id, texts, actor: 'system', synthetic: true }, now)
  const tFor = async (locale: Locale) => {
    const i18n = createI18n(locale, messages(locale))
    return (key: string, values?: Record<string, unknown>) => i18n.t(key.includes(':') ? key : `analysis:${key}`, values as never) as unknown as string
  }
  const system = { id: 'system', email: 'system@localhost', name: 'Demo seed', role: 'admin' as const }
  await publishFindings(db, { consultationId: consultation.id, user: system, tFor, location, threshold, synthetic: true }, now)
  return { created: true }
}
