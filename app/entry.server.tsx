import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { NonceContext } from './utils/nonce.ts'
import { logError } from './utils/log.server.ts'

const ABORT_DELAY = 5_000

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const safe = safePath(request.url)
  if (safe) return new Response(null, { status: 302, headers: { Location: safe } })
  const nonce = typeof loadContext.cspNonce === 'string' ? loadContext.cspNonce : ''
  // Bots and no-JS clients get the whole page at once; browsers get it streamed.
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) logError(error, { requestId: loadContext.requestId })
        },
      },
    )
    setTimeout(abort, ABORT_DELAY)
  })
}

/**
 * The router builds links with `new URL`, which reads a backslash as a slash:
 * a path starting /\ (or /%5C) would read as "//host" and fail to render.
 * Such an address is sent to the same path without the leading slashes.
 */
export function safePath(url: string): string | null {
  const { pathname, search } = new URL(url)
  if (!/^\/(%5C|\\|\/)/i.test(pathname)) return null
  return `/${pathname.replace(/^(\/|%5C|\\)+/i, '')}${search}`
}

export function handleError(error: unknown, { request, context }: { request: Request; context?: AppLoadContext }) {
  if (request.signal.aborted) return
  // Remix's own answers to bad requests (404, 405...) are not faults of the service.
  const status = (error as { status?: number } | null)?.status
  if (typeof status === 'number' && status < 500) return
  // The request id ties the stack trace to the request's own log line and to the
  // X-Request-Id a resident or a load balancer can quote.
  logError(error, { requestId: context?.requestId, url: request.url })
}

// The production server's fast path for votes and live streams in the room (server.mjs).
export { answerLiveRequest } from './features/events/node-live.server.ts'
