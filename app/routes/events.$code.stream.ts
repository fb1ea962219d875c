import type { LoaderFunctionArgs } from '@remix-run/node'
import { startLiveStream } from '~/features/events/live-requests.server.ts'
import { SSE_HEADERS, openLiveStream } from '~/features/events/live.server.ts'

// Server-Sent Events for an event (see app/features/events/live.server.ts).
// ?view=participant (phones, the default), screen (the projector), presenter
// (staff only: results even while hidden). A browser that reconnects sends
// Last-Event-ID (or ?lastEventId= when the page's script reconnects itself)
// and catches up from the database. In production server.mjs answers this
// before Remix's router (node-live.server.ts), with the same checks.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { eventId, view, lastEventId } = await startLiveStream(request, params.code)
  return new Response(openLiveStream(eventId, view, lastEventId, request.signal), { headers: SSE_HEADERS })
}
