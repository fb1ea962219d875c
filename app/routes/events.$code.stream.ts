import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '~/features/auth/auth.server.ts'
import { EVENT_MODERATORS, loadPublicEvent } from '~/features/events/context.server.ts'
import { LIVE_VIEWS, type LiveView } from '~/features/events/live-types.ts'
import { MAX_STREAMS, liveStreamCount, openLiveStream } from '~/features/events/live.server.ts'

// Server-Sent Events for an event (see app/features/events/live.server.ts).
// ?view=participant (phones, the default), screen (the projector), presenter
// (staff only: results even while hidden). A browser that reconnects sends
// Last-Event-ID (or ?lastEventId= when the page's script reconnects itself)
// and catches up from the database.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await loadPublicEvent(params.code)
  const url = new URL(request.url)
  const asked = url.searchParams.get('view') as LiveView | null
  const view: LiveView = asked && LIVE_VIEWS.includes(asked) ? asked : 'participant'
  if (view === 'presenter') await requireUser(request, EVENT_MODERATORS)
  if (liveStreamCount() >= MAX_STREAMS) {
    return new Response('busy', { status: 503, headers: { 'Retry-After': '5', 'Content-Type': 'text/plain; charset=utf-8' } })
  }
  const last = request.headers.get('Last-Event-ID') ?? url.searchParams.get('lastEventId')
  const lastEventId = last && /^\d{1,15}$/.test(last) ? Number(last) : null
  return new Response(openLiveStream(event.id, view, lastEventId, request.signal), {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: the compression middleware (server.mjs) leaves this response
      // alone, so no frame waits in a gzip buffer; no-cache: never stored.
      'Cache-Control': 'no-cache, no-transform',
      // Proxies such as nginx pass each frame on at once.
      'X-Accel-Buffering': 'no',
    },
  })
}
