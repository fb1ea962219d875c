import type { AppLoadContext } from '@remix-run/node'
import { getEnv } from './env.server.ts'

// Per-client limits on public form posts, counted in one-minute windows in
// this process. Several instances each count their own share, which is enough
// to stop a script flooding one instance; it is not an accounting system.
const windows = new Map<string, { start: number; count: number; windowMs: number }>()
const WINDOW_MS = 60_000

export type RateLimitBucket = 'form' | 'resume'

/** True while `key` has been counted at most `limit` times in its current window (a minute unless `windowMs` says otherwise). */
export function checkRateLimit(key: string, limit: number, now = Date.now(), windowMs = WINDOW_MS): boolean {
  const current = windows.get(key)
  if (!current || now - current.start >= current.windowMs) {
    windows.set(key, { start: now, count: 1, windowMs })
    if (windows.size > 50_000) sweep(now)
    return true
  }
  current.count++
  return current.count <= limit
}

function sweep(now: number) {
  for (const [key, value] of windows) if (now - value.start >= value.windowMs) windows.delete(key)
}

/** Throws a 429 (rendered as a translated page) when this client has posted too often. */
export function enforceRateLimit(context: AppLoadContext, bucket: RateLimitBucket = 'form') {
  const env = getEnv()
  if (env.RATE_LIMIT_DISABLED === 'true') return
  const limit = bucket === 'resume' ? Math.max(5, Math.floor(env.RATE_LIMIT_PER_MINUTE / 10)) : env.RATE_LIMIT_PER_MINUTE
  if (!checkRateLimit(`${bucket}:${context.clientIp ?? 'unknown'}`, limit)) {
    throw new Response('too_many_requests', { status: 429, headers: { 'Retry-After': '60' } })
  }
}

export function resetRateLimitsForTests() {
  windows.clear()
}
