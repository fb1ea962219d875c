import type { AppLoadContext } from '@remix-run/node'
import { requireUser } from '../auth/auth.server.ts'
import { EVENT_MODERATORS, loadRoomEvent, roomJsonError } from './context.server.ts'
import { LIVE_VIEWS, type LiveView } from './live-types.ts'
import { MAX_STREAMS, liveStreamCount } from './live.server.ts'
import { receiveVote } from './vote-handler.server.ts'

// The two requests a full hall makes most: a phone's vote (JSON, for
// public/events-live.js) and a live stream. The Remix routes
// (events.$code.vote.ts, events.$code.stream.ts) and the production server's
// fast path (node-live.server.ts) both answer them here, so they cannot differ.

export interface LiveStreamStart {
  eventId: string
  view: LiveView
  lastEventId: number | null
}

/**
 * Checks a stream request: the event (404), the view (?view=participant,
 * screen, or presenter for staff only), the server's stream limit, and where
 * the browser left off. Throws a Response when the stream cannot start.
 */
export async function startLiveStream(request: Request, code: string | undefined): Promise<LiveStreamStart> {
  const { event } = await loadRoomEvent(request, code)
  const url = new URL(request.url)
  const asked = url.searchParams.get('view') as LiveView | null
  const view: LiveView = asked && LIVE_VIEWS.includes(asked) ? asked : 'participant'
  if (view === 'presenter') await requireUser(request, EVENT_MODERATORS)
  if (liveStreamCount() >= MAX_STREAMS) throw await roomJsonError(request, 503, 'busy', 'live.busy', { 'Retry-After': '5' })
  const last = request.headers.get('Last-Event-ID') ?? url.searchParams.get('lastEventId')
  const lastEventId = last && /^\d{1,15}$/.test(last) ? Number(last) : null
  return { eventId: event.id, view, lastEventId }
}

/** A vote from the page's script, answered in JSON with a translated message. */
export async function voteJsonResponse(request: Request, context: AppLoadContext, code: string | undefined): Promise<Response> {
  const { event } = await loadRoomEvent(request, code)
  const result = await receiveVote(request, context, event)
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  if (!result.ok && result.status === 429) headers.set('Retry-After', '60')
  return Response.json(
    result.ok ? { ok: true, outcome: result.outcome, message: result.message, seq: result.seq } : { ok: false, error: result.error, message: result.message },
    { status: result.ok ? 200 : result.status, headers },
  )
}
