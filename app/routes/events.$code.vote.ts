import type { ActionFunctionArgs } from '@remix-run/node'
import { loadPublicEvent } from '~/features/events/context.server.ts'
import { receiveVote } from '~/features/events/vote-handler.server.ts'

// The same vote as the event page's form, answered in JSON for the page's
// script (public/events-live.js): the phone keeps its page and its live
// stream, and sends a few hundred bytes instead of reloading.
export async function loader() {
  return new Response('method_not_allowed', { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event } = await loadPublicEvent(params.code)
  const result = await receiveVote(request, context, event)
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  if (!result.ok && result.setCookie) headers.append('Set-Cookie', result.setCookie)
  if (!result.ok && result.status === 429) headers.set('Retry-After', '60')
  return Response.json(
    result.ok ? { ok: true, outcome: result.outcome, message: result.message, seq: result.seq } : { ok: false, error: result.error, message: result.message },
    { status: result.ok ? 200 : result.status, headers },
  )
}
