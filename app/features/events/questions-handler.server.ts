import type { AppLoadContext } from '@remix-run/node'
import { getDb } from '~/utils/db.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import { eventsT, roomPostAllowed } from './context.server.ts'
import { readDevice } from './device.server.ts'
import type { EventRecord } from './events.server.ts'
import { listQuestions, setUpvote, submitQuestion } from './questions.server.ts'

// Questions and upvotes from phones, for the questions page (no JavaScript)
// and the JSON endpoint its script uses. Every refusal has a translated
// message; nothing refused is stored.

export type QuestionOutcome =
  | { ok: true; kind: 'asked'; held: boolean }
  | { ok: true; kind: 'upvote'; questionId: string; mine: boolean; votes: number; message: string }
  | { ok: false; status: number; field: 'question' | 'list'; questionId?: string; message: string; text?: string }

export async function receiveQuestionPost(request: Request, context: AppLoadContext, event: EventRecord): Promise<QuestionOutcome> {
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const form = await readForm(request)
  const intent = form.get('intent')
  const questionId = typeof form.get('question') === 'string' ? (form.get('question') as string) : ''
  const field = intent === 'ask' ? ('question' as const) : ('list' as const)
  const text = typeof form.get('text') === 'string' ? (form.get('text') as string) : ''
  const refuse = (status: number, key: string): QuestionOutcome => ({
    ok: false,
    status,
    field,
    questionId,
    message: t(`questions.errors.${key}`),
    ...(intent === 'ask' ? { text } : {}),
  })
  const check = readDevice(request)
  // As for votes: a refusal never hands out a new device cookie (only a page view does, within its limit).
  if (check.status !== 'ok') return refuse(check.status === 'forged' ? 403 : 400, 'no_device')
  if (!roomPostAllowed(context, check.device.hash)) return refuse(429, 'too_many_requests')
  const db = await getDb()
  if (intent === 'ask') {
    const result = await submitQuestion(db, { event, deviceHash: check.device.hash, locale, text })
    if (result.status === 'received') return { ok: true, kind: 'asked', held: result.held }
    return refuse(result.status === 'closed' ? 409 : 400, result.status)
  }
  if (intent === 'upvote' || intent === 'unvote') {
    const on = intent === 'upvote'
    const result = await setUpvote(db, { event, questionId, deviceHash: check.device.hash, on })
    if (result.status !== 'ok') return refuse(result.status === 'closed' ? 409 : 404, result.status === 'closed' ? 'vote_closed' : 'not_found')
    const row = (await listQuestions(db, event.id, { deviceHash: check.device.hash, statuses: ['approved'] })).find((q) => q.id === questionId)
    return { ok: true, kind: 'upvote', questionId, mine: row?.mine ?? on, votes: row?.votes ?? 0, message: t(on ? 'questions.upvoted' : 'questions.unvoted') }
  }
  return refuse(400, 'bad_request')
}
