// Sets up an event in the browser tests' database (tests/.tmp/e2e.db) with the
// app's own functions, for tests whose subject is what residents do, not how
// an officer prepares the event:
//   npx tsx tests/e2e/seed-event.ts '<json spec>'   → prints the event as JSON
// Run while the test server is idle (one test at a time): it writes to the same file.
import { createSqliteDb } from '../../db/connection.ts'
import { addItem, controlItem, createEvent, getEvent, setEventStatus, type ItemOption } from '../../app/features/events/events.server.ts'
import { moderateQuestion } from '../../app/features/events/moderation.server.ts'
import { setUpvote, submitQuestion } from '../../app/features/events/questions.server.ts'

interface Spec {
  kind: 'poll' | 'ask_mayor' | 'congress'
  title: Record<string, string>
  locales: string[]
  ctaCodes?: string[]
  live?: boolean
  item?: { title: Record<string, string>; options: ItemOption[]; reveal?: boolean }
  /** approved unless `pending`; `upvotes` devices upvote it */
  questions?: { text: string; pending?: boolean; upvotes?: number }[]
}

const spec = JSON.parse(process.argv[2] ?? '{}') as Spec
const db = createSqliteDb(process.env.DATABASE_URL ?? 'tests/.tmp/e2e.db')
try {
  const { id, code } = await createEvent(
    db,
    {
      kind: spec.kind,
      title: spec.title,
      startsAt: Date.now() + 60 * 60_000,
      venue: 'Test hall, Bow',
      locales: spec.locales,
      ctaCodes: spec.ctaCodes ?? [],
      questionsOpenAt: null,
      questionsCloseAt: null,
      theme: spec.kind === 'congress' ? { en: 'Safety' } : null,
    },
    'e2e',
  )
  let event = (await getEvent(db, id))!
  if (spec.live) await setEventStatus(db, event, 'live', 'e2e')
  event = (await getEvent(db, id))!
  let itemId: string | null = null
  if (spec.item) {
    itemId = await addItem(db, event, { type: 'single', title: spec.item.title, options: spec.item.options }, 'e2e')
    await controlItem(db, event, itemId, 'open', 'e2e')
    if (spec.item.reveal) await controlItem(db, event, itemId, 'reveal', 'e2e')
    event = (await getEvent(db, id))!
  }
  const questions: { id: string; text: string }[] = []
  for (const [i, question] of (spec.questions ?? []).entries()) {
    // A second apart, so questions with equal votes keep this order.
    const sent = await submitQuestion(db, { event, deviceHash: `e2e-asker-${i}`, locale: 'en', text: question.text, now: Date.now() - 60_000 + i * 1000 })
    if (sent.status !== 'received') throw new Error(`question not received: ${sent.status}`)
    if (!question.pending) await moderateQuestion(db, event, sent.id, { action: 'approve', ctaCode: spec.ctaCodes?.[0] ?? null }, 'e2e')
    for (let v = 0; v < (question.upvotes ?? 0); v++) await setUpvote(db, { event, questionId: sent.id, deviceHash: `e2e-voter-${i}-${v}`, on: true })
    questions.push({ id: sent.id, text: question.text })
  }
  console.log(JSON.stringify({ id, code, itemId, questions }))
} finally {
  await db.destroy()
}
