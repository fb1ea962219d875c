import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ORIGIN, startInProcessApp, type InProcessApp } from '../support/in-process-app.ts'
import bnCommon from '../../locales/bn/common.json' with { type: 'json' }
import enCommon from '../../locales/en/common.json' with { type: 'json' }

// The production build with a small limit: the 21st post in a minute from one address is refused, in the resident's language.
let app: InProcessApp
beforeAll(async () => {
  app = await startInProcessApp('rate-limit', { RATE_LIMIT_DISABLED: 'false', RATE_LIMIT_PER_MINUTE: '20' })
})
afterAll(() => app.cleanup())

const post = (path: string, body: string, clientIp: string, cookie = '') =>
  app.handler(
    new Request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { Origin: ORIGIN, Host: 'localhost', 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body,
    }),
    { clientIp, cspNonce: 'n', requestId: 'r' },
  )

describe('rate limits on public form posts', () => {
  it('refuses posts over the limit with a translated 429 page and Retry-After, per client address', async () => {
    const path = '/c/a-tower-hamlets-for-all-your-priorities/q/connection'
    const statuses: number[] = []
    for (let i = 0; i < 20; i++) statuses.push((await post(path, 'answer=over_10&intent=continue', '198.51.100.7')).status)
    expect(statuses.every((s) => s === 302)).toBe(true)
    const refused = await post(`${path}?lng=bn`, 'answer=over_10&intent=continue', '198.51.100.7', 'hys_lng=bn')
    expect(refused.status).toBe(429)
    expect(refused.headers.get('Retry-After')).toBe('60')
    const html = await refused.text()
    expect(html).toContain(bnCommon.errors.too_many_requests_title)
    // Another address is not affected.
    expect((await post(path, 'answer=over_10&intent=continue', '198.51.100.8')).status).toBe(302)
  })

  it('limits resume attempts to a tenth (at least 5), to stop codes being guessed', async () => {
    const results: number[] = []
    for (let i = 0; i < 6; i++) results.push((await post('/resume', 'code=AAAA-BBBB-CC', '203.0.113.50')).status)
    expect(results.slice(0, 5)).toEqual([400, 400, 400, 400, 400])
    expect(results[5]).toBe(429)
    const page = await (await post('/resume', 'code=AAAA-BBBB-CC', '203.0.113.50')).text()
    expect(page).toContain(enCommon.errors.too_many_requests_title)
  })
})
