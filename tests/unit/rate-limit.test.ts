import { beforeEach, describe, expect, it } from 'vitest'
import { checkRateLimit, enforceRateLimit, resetRateLimitsForTests } from '~/utils/rate-limit.server.ts'
import { resetEnvForTests } from '~/utils/env.server.ts'

describe('rate limiting public form posts', () => {
  beforeEach(() => {
    resetRateLimitsForTests()
    process.env.SESSION_SECRET = 'unit-test-secret-that-is-at-least-32-chars'
    process.env.RATE_LIMIT_PER_MINUTE = '20'
    delete process.env.RATE_LIMIT_DISABLED
    resetEnvForTests()
  })

  it('allows up to the limit in a minute, then refuses until the window passes', () => {
    const t0 = 1_000_000
    for (let i = 0; i < 3; i++) expect(checkRateLimit('a', 3, t0 + i)).toBe(true)
    expect(checkRateLimit('a', 3, t0 + 10)).toBe(false)
    expect(checkRateLimit('b', 3, t0 + 10)).toBe(true)
    expect(checkRateLimit('a', 3, t0 + 60_000)).toBe(true)
  })

  it('a window longer than a minute (new phones per address per hour) counts for its whole length', () => {
    const t0 = 2_000_000
    const hour = 3_600_000
    expect(checkRateLimit('h', 2, t0, hour)).toBe(true)
    expect(checkRateLimit('h', 2, t0 + 60_000, hour)).toBe(true)
    expect(checkRateLimit('h', 2, t0 + 120_000, hour)).toBe(false)
    expect(checkRateLimit('h', 2, t0 + hour, hour)).toBe(true)
  })

  it('throws a 429 response with Retry-After, and limits resume attempts more tightly', () => {
    const context = { clientIp: '203.0.113.9' }
    for (let i = 0; i < 5; i++) enforceRateLimit(context, 'resume')
    let thrown: unknown
    try {
      enforceRateLimit(context, 'resume')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(429)
    expect((thrown as Response).headers.get('Retry-After')).toBe('60')
    // the form bucket is separate
    expect(() => enforceRateLimit(context, 'form')).not.toThrow()
  })
})
