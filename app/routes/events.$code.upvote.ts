import type { ActionFunctionArgs } from '@remix-run/node'
import { loadPublicEvent } from '~/features/events/context.server.ts'
import { receiveQuestionPost } from '~/features/events/questions-handler.server.ts'

// Upvotes (and questions) from the questions page's script, answered in JSON.
export async function loader() {
  return new Response('method_not_allowed', { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event } = await loadPublicEvent(params.code)
  if (event.kind !== 'ask_mayor') throw new Response('not_found', { status: 404 })
  const result = await receiveQuestionPost(request, context, event)
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  if (!result.ok && result.setCookie) headers.append('Set-Cookie', result.setCookie)
  if (!result.ok) return Response.json({ ok: false, message: result.message }, { status: result.status, headers })
  return Response.json(result.kind === 'upvote' ? { ok: true, votes: result.votes, mine: result.mine, message: result.message } : { ok: true, held: result.held }, { headers })
}
