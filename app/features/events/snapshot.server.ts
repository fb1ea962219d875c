import type { DB } from '../../../db/connection.ts'
import type { LiveItem, LiveQuestion, LiveSnapshot, LiveView } from './live-types.ts'
import { PHONE_QUESTIONS } from './constants.ts'
import { barShares, orderQuestionQueue, tallyVotes, wordCloud, type ItemType } from './tally.ts'

// The state of an event as each live view shows it, read from the database.
// Computed once per change for all the streams of an instance (live.server.ts),
// and again for a page's first render, so a page without JavaScript shows the
// same as the stream.

export interface Snapshots {
  seq: number
  kind: string
  views: Record<LiveView, LiveSnapshot>
}

const SCREEN_QUESTIONS = 8


export async function loadSnapshots(db: DB, eventId: string): Promise<Snapshots | null> {
  const event = await db.selectFrom('event').select(['kind', 'status', 'current_item_id', 'seq']).where('id', '=', eventId).executeTakeFirst()
  if (!event) return null
  const item = event.current_item_id
    ? await db.selectFrom('event_item').selectAll().where('id', '=', event.current_item_id).executeTakeFirst()
    : undefined

  let full: LiveItem | null = null
  if (item) {
    const type = item.type as ItemType
    const options = (JSON.parse(item.options) as { code: string }[]).map((o) => o.code)
    const base = { id: item.id, round: Number(item.round), state: item.state as LiveItem['state'], type, revealed: Number(item.results_visible) === 1 }
    if (type === 'text') {
      const total = await db.selectFrom('event_vote').select((eb) => eb.fn.countAll<number>().as('n')).where('item_id', '=', item.id).executeTakeFirst()
      const approved = await db
        .selectFrom('event_vote')
        .select(['shown_text', 'text_value'])
        .where('item_id', '=', item.id)
        .where('moderation', '=', 'approved')
        .orderBy('moderated_at', 'desc')
        .execute()
      const texts = approved.map((a) => a.shown_text ?? a.text_value ?? '')
      full = { ...base, total: Number(total?.n ?? 0), words: wordCloud(texts), answers: texts.slice(0, 6) }
    } else {
      const rows = await db.selectFrom('event_vote').select(['option_code', 'option_codes']).where('item_id', '=', item.id).execute()
      const tally = tallyVotes(type, options, rows)
      full = { ...base, total: tally.total, counts: tally.counts, ...(tally.points ? { points: tally.points } : {}), bars: barShares(tally) }
    }
  }

  let questions: (LiveQuestion & { created_at: number; answer_state: string })[] = []
  if (event.kind === 'ask_mayor') {
    const rows = await db
      .selectFrom('event_question')
      .leftJoin('event_upvote', 'event_upvote.question_id', 'event_question.id')
      .select(['event_question.id', 'event_question.text', 'event_question.shown_text', 'event_question.locale', 'event_question.answer_state', 'event_question.created_at'])
      .select((eb) => eb.fn.count<number>('event_upvote.device_hash').as('votes'))
      .where('event_question.event_id', '=', eventId)
      .where('event_question.status', '=', 'approved')
      .groupBy(['event_question.id', 'event_question.text', 'event_question.shown_text', 'event_question.locale', 'event_question.answer_state', 'event_question.created_at'])
      .execute()
    questions = orderQuestionQueue(
      rows.map((r) => ({
        id: r.id,
        text: r.shown_text ?? r.text,
        lang: r.locale,
        votes: Number(r.votes),
        state: r.answer_state,
        answer_state: r.answer_state,
        created_at: Number(r.created_at),
      })),
    )
  }

  const pendingVotes = await db
    .selectFrom('event_vote')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('moderation', 'in', ['pending', 'held'])
    .executeTakeFirst()
  const pendingQuestions = await db
    .selectFrom('event_question')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', 'in', ['pending', 'held'])
    .executeTakeFirst()

  const hidden = (i: LiveItem): LiveItem => ({ id: i.id, round: i.round, state: i.state, type: i.type, revealed: i.revealed, total: i.total })
  let participantItem: LiveItem | null = null
  if (full) {
    // Phones get the word cloud's top words, not the answers themselves: less to download.
    const { answers: _answers, words, ...rest } = full
    participantItem = full.revealed ? { ...rest, ...(words ? { words: words.slice(0, 20) } : {}) } : hidden(full)
  }
  const waiting = questions.filter((q) => q.answer_state === 'answering' || q.answer_state === 'queued')
  const done = questions.filter((q) => q.answer_state === 'answered' || q.answer_state === 'follow_up')
  const asked = event.kind === 'ask_mayor'
  const withText = (q: LiveQuestion) => ({ id: q.id, votes: q.votes, state: q.state, text: q.text, lang: q.lang })

  return {
    seq: Number(event.seq),
    kind: event.kind,
    views: {
      participant: { status: event.status, item: participantItem },
      // The same as the event page, plus the questions in the order the page lists them: waiting
      // (the one being answered first, then by upvotes), then answered and to follow up.
      questions: {
        status: event.status,
        item: participantItem,
        ...(asked ? { questions: [...waiting.slice(0, PHONE_QUESTIONS), ...done.slice(0, PHONE_QUESTIONS)].map(withText) } : {}),
      },
      screen: {
        status: event.status,
        item: full ? (full.revealed ? full : hidden(full)) : null,
        ...(asked ? { questions: waiting.slice(0, SCREEN_QUESTIONS).map(withText) } : {}),
      },
      presenter: {
        status: event.status,
        item: full,
        ...(asked ? { questions: waiting.slice(0, SCREEN_QUESTIONS).map(withText) } : {}),
        pending: Number(pendingVotes?.n ?? 0) + Number(pendingQuestions?.n ?? 0),
      },
    },
  }
}
