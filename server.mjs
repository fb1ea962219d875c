// Production server: Express in front of the Remix build. It owns what must
// hold for every request: a request id, security headers with a CSP nonce,
// a body size limit, a same-origin check on form posts, compression,
// static files, and a graceful shutdown.
import crypto from 'node:crypto'
import { createRequestHandler } from '@remix-run/express'
import { createRequestHandler as createRemixRequestHandler } from '@remix-run/node'
import compression from 'compression'
import express from 'express'

const PORT = Number(process.env.PORT ?? 3000)
const HOST = process.env.HOST ?? '0.0.0.0'
const MAX_BODY_BYTES = Number(process.env.MAX_BODY_BYTES ?? 256 * 1024)
// One line per request is an info line: LOG_LEVEL=warn or error leaves them out.
const LOG_REQUESTS = !['warn', 'error'].includes(process.env.LOG_LEVEL ?? 'info')
// Response imports are the one exception: partners' CSV or XLSX files of up to
// 20 MB (MAX_IMPORT_BYTES in app/features/imports/columns.ts) plus the form's
// other fields, on POSTs to /admin/consultations/<id>/import only.
const MAX_IMPORT_BODY_BYTES = 20 * 1024 * 1024 + 64 * 1024
const IMPORT_PATH = /^\/admin\/consultations\/[^/]+\/import\/?$/

const build = await import('./build/server/index.js')

// Check configuration and the database before taking traffic: a wrong
// DATABASE_URL or a database that is down stops the start with a clear message.
{
  const check = await createRemixRequestHandler(build, process.env.NODE_ENV)(new Request('http://localhost/healthz'), {})
  if (check.status !== 200) {
    console.error(JSON.stringify({ time: new Date().toISOString(), level: 'error', message: 'Not starting: the health check failed (see the error above).' }))
    process.exit(1)
  }
}

/** What the app's loaders and actions get as `context`. */
function loadContext(req, res) {
  return {
    cspNonce: res.locals.cspNonce,
    requestId: res.locals.requestId,
    clientIp: req.ip ?? req.socket.remoteAddress ?? 'unknown',
    bodyTooLarge: res.locals.bodyTooLarge === true,
    importTooLarge: res.locals.importTooLarge === true,
  }
}

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', process.env.TRUST_PROXY === 'true')

app.use((req, res, next) => {
  const requestId = req.get('x-request-id')?.slice(0, 64) || crypto.randomUUID()
  const nonce = crypto.randomBytes(16).toString('base64')
  res.locals.requestId = requestId
  res.locals.cspNonce = nonce
  res.set('X-Request-Id', requestId)
  res.set(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      // data: for the 1 KB language-name font the stylesheet carries inline (app/styles/app.scss)
      "font-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'self'",
      "object-src 'none'",
    ].join('; '),
  )
  res.set('X-Content-Type-Options', 'nosniff')
  res.set('Referrer-Policy', 'same-origin')
  res.set('X-Frame-Options', 'DENY')
  res.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()')
  res.set('Cross-Origin-Opener-Policy', 'same-origin')
  const started = process.hrtime.bigint()
  res.on('finish', () => {
    if (req.path.startsWith('/assets/') || !LOG_REQUESTS) return
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', message: 'request', requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }))
  })
  next()
})

// Cross-site request forgery: a state-changing request must come from this site.
// Browsers send Origin on every POST; a missing one (old clients, curl) falls back to Referer.
app.use((req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
  const source = req.get('origin') ?? req.get('referer')
  if (source) {
    let sourceHost
    try {
      sourceHost = new URL(source).host
    } catch {
      sourceHost = ''
    }
    if (sourceHost !== req.get('host')) return res.status(403).type('text/plain').send('Forbidden: cross-site request')
  }
  next()
})

// Bodies over the limit are refused before they are read: the request goes on
// as a GET of the same page, which the app answers with a translated 413 page.
// Bodies of unknown length (chunked) are not accepted on form posts.
app.use((req, res, next) => {
  if (req.method !== 'POST') return next()
  const declared = req.get('content-length')
  if (declared === undefined && req.get('transfer-encoding')) return res.status(411).type('text/plain').send('Length Required')
  const isImport = IMPORT_PATH.test(req.path)
  if (Number(declared ?? 0) > (isImport ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES)) {
    // An import over its limit gets the import page, saying why, in the officer's language.
    if (isImport) res.locals.importTooLarge = true
    else res.locals.bodyTooLarge = true
    res.set('Connection', 'close')
    req.method = 'GET'
    req.unpipe?.()
    req.resume()
  }
  next()
})

// Votes and live streams from a full hall are answered before compression and
// Remix's router, by the same code as their Remix routes
// (app/features/events/node-live.server.ts; bench/README.md, events.ts).
const answerLiveRequest = build.entry?.module?.answerLiveRequest
if (answerLiveRequest) {
  app.use((req, res, next) => {
    answerLiveRequest(req, res, loadContext(req, res)).then((answered) => answered || next(), next)
  })
}

app.use(compression())
app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
app.use(express.static('build/client', { maxAge: '1h' }))

app.all(
  '*',
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: loadContext,
  }),
)

const server = app.listen(PORT, HOST, () => {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', message: `Have Your Say is listening on http://localhost:${PORT}` }))
})

// SIGTERM: stop taking connections, let in-flight requests finish, then exit.
function shutdown(signal) {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: 'info', message: `${signal}: shutting down` }))
  server.close(() => process.exit(0))
  server.closeIdleConnections?.()
  setTimeout(() => process.exit(1), 10_000).unref()
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
