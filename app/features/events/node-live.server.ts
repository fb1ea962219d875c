import type { IncomingMessage, ServerResponse } from 'node:http'
import { createReadableStreamFromReadable, type AppLoadContext } from '@remix-run/node'
import { startLiveStream, voteJsonResponse } from './live-requests.server.ts'
import { SSE_HEADERS, followEvent } from './live.server.ts'

// The production server's fast path for a full hall (server.mjs calls it
// before Remix's request handler, after its own security middleware): a
// phone's JSON vote and a live stream are answered here with the same code as
// the Remix routes (live-requests.server.ts), without Remix's router, and a
// stream's frames are written straight to the socket instead of through a web
// ReadableStream. Remix matches every request against all the routes twice
// (the match, then the resource route's query), which was a tenth of a vote's
// server time in bench/events.ts; the stream pipe's promise per frame per
// phone was another share of the fan-out.

type NodeRequest = IncomingMessage & { originalUrl?: string }

const LIVE_PATH = /^\/events\/([^/?]+)\/(vote|stream)\/?(?:\?|$)/
/** A phone that stops reading: past this many bytes waiting, its stream ends (it reconnects and catches up). */
const MAX_BUFFERED_BYTES = 1024 * 1024

/** True when the request was answered here; false to leave it to Remix. */
export async function answerLiveRequest(req: NodeRequest, res: ServerResponse, context: AppLoadContext): Promise<boolean> {
  const url = req.originalUrl ?? req.url ?? '/'
  const match = LIVE_PATH.exec(url)
  if (!match) return false
  const [, code, what] = match
  if ((what === 'vote' && req.method !== 'POST') || (what === 'stream' && req.method !== 'GET')) return false
  const request = toFetchRequest(req, res, url)
  try {
    if (what === 'vote') return await send(res, await voteJsonResponse(request, context, safeDecode(code!)))
    const { eventId, view, lastEventId } = await startLiveStream(request, safeDecode(code!))
    res.writeHead(200, SSE_HEADERS)
    res.flushHeaders()
    followEvent(
      eventId,
      view,
      lastEventId,
      {
        write(bytes) {
          // write() says false once its buffer is past the high-water mark: only then is it worth
          // asking how far behind this phone is (the getter itself costs, a thousand times a frame).
          if (!res.write(bytes) && res.writableLength > MAX_BUFFERED_BYTES) throw new Error('the browser is not reading')
        },
        end: () => res.end(),
      },
      request.signal,
    )
    return true
  } catch (error) {
    // Expected refusals (404, a redirect to sign in, 503) are Responses, as in a Remix route.
    if (error instanceof Response) return send(res, error)
    throw error
  }
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function toFetchRequest(req: NodeRequest, res: ServerResponse, url: string): Request {
  const headers = new Headers()
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v)
    else if (value !== undefined) headers.set(key, value)
  }
  // Aborted when the browser goes away before the answer is complete (a stream's end).
  const controller = new AbortController()
  let finished = false
  res.on('finish', () => (finished = true))
  res.on('close', () => {
    if (!finished) controller.abort()
  })
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal: controller.signal }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    init.body = createReadableStreamFromReadable(req)
    init.duplex = 'half'
  }
  return new Request(new URL(url, `http://${req.headers.host ?? 'localhost'}`), init)
}

async function send(res: ServerResponse, response: Response): Promise<true> {
  res.statusCode = response.status
  for (const [key, value] of response.headers) if (key !== 'set-cookie') res.setHeader(key, value)
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('Set-Cookie', cookies)
  res.end(Buffer.from(await response.arrayBuffer()))
  return true
}
