import type { ActionFunctionArgs } from '@remix-run/node'
import { voteJsonResponse } from '~/features/events/live-requests.server.ts'

// The same vote as the event page's form, answered in JSON for the page's
// script (public/events-live.js): the phone keeps its page and its live
// stream, and sends a few hundred bytes instead of reloading. In production
// server.mjs answers this before Remix's router (node-live.server.ts), with
// the same code.
export async function loader() {
  return new Response('method_not_allowed', { status: 405, headers: { Allow: 'POST' } })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return voteJsonResponse(request, context, params.code)
}
