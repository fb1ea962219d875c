import type { ActionFunctionArgs } from '@remix-run/node'
import { loadRoomEvent } from '~/features/events/context.server.ts'
import { receiveQuestionPost } from '~/features/events/questions-handler.server.ts'

// Upvotes (and questions) from the questions page's script, answered in JSON
// with a translated message, an unknown join code included.
export async function loader() {
  return new Response('method_not_allowed', { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event } = await loadRoomEvent(request, params.code, 'ask_mayor')
  const result = await receiveQuestionPost(request, context, event)
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  if (!result.ok) return Response.json({ ok: false, message: result.message }, { status: result.status, headers })
  return Response.json(result.kind === 'upvote' ? { ok: true, votes: result.votes, mine: result.mine, message: result.message } : { ok: true, held: result.held }, { headers })
}
