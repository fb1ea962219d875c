import { expect, test } from '@playwright/test'
import bnCommon from '../../locales/bn/common.json' with { type: 'json' }

const SLUG = 'a-tower-hamlets-for-all-your-priorities'

test.describe('guards on every response', () => {
  test('security headers, with a per-request CSP nonce and no unsafe-inline scripts', async ({ request }) => {
    const first = await request.get('/')
    const second = await request.get(`/c/${SLUG}`)
    for (const response of [first, second]) {
      const headers = response.headers()
      expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
      expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
      expect(headers['content-security-policy']).not.toContain('unsafe-inline')
      expect(headers['x-content-type-options']).toBe('nosniff')
      expect(headers['referrer-policy']).toBe('same-origin')
      expect(headers['x-request-id']).toMatch(/[0-9a-f-]{36}/)
    }
    const nonce = (h: string) => h.match(/nonce-([^']+)/)![1]
    expect(nonce(first.headers()['content-security-policy']!)).not.toBe(nonce(second.headers()['content-security-policy']!))
    const notFound = await request.get('/no/such/page')
    expect(notFound.status()).toBe(404)
    expect(notFound.headers()['content-security-policy']).toBeTruthy()
  })

  test('the same headers on static files, the health check, a redirect and a 413', async ({ request }) => {
    const origin = `http://localhost:${process.env.E2E_PORT ?? 3100}`
    const responses = {
      script: await request.get('/enhance.js'),
      icon: await request.get('/favicon.svg'),
      health: await request.get('/healthz'),
      redirect: await request.post(`/c/${SLUG}/q/connection`, { headers: { Origin: origin }, form: { answer: 'over_10', intent: 'continue' }, maxRedirects: 0 }),
      tooLarge: await request.post(`/c/${SLUG}/q/one_change`, { headers: { Origin: origin }, form: { answer: 'x'.repeat(300 * 1024) } }),
    }
    expect(Object.fromEntries(Object.entries(responses).map(([name, r]) => [name, r.status()]))).toEqual({ script: 200, icon: 200, health: 200, redirect: 302, tooLarge: 413 })
    for (const [name, response] of Object.entries(responses)) {
      const headers = response.headers()
      expect(headers['content-security-policy'], name).toContain("frame-ancestors 'none'")
      expect(headers['x-content-type-options'], name).toBe('nosniff')
      expect(headers['referrer-policy'], name).toBe('same-origin')
    }
  })

  test('the only script on a resident page carries the nonce', async ({ page }) => {
    const response = await page.goto(`/c/${SLUG}/q/connection`)
    const nonce = response!.headers()['content-security-policy']!.match(/nonce-([^']+)/)![1]
    const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => ({ src: e.getAttribute('src'), nonce: (e as HTMLScriptElement).nonce })))
    expect(scripts).toEqual([{ src: '/enhance.js', nonce }])
  })

  test('a body over the limit gets 413 and a translated page, and nothing is saved', async ({ request }) => {
    const big = 'x'.repeat(300 * 1024)
    const response = await request.post(`/c/${SLUG}/q/one_change?lng=bn`, {
      headers: { Origin: `http://localhost:${process.env.E2E_PORT ?? 3100}` },
      form: { answer: big, intent: 'continue' },
    })
    expect(response.status()).toBe(413)
    const html = await response.text()
    expect(html).toContain(bnCommon.errors.too_large_title)
    expect(html).not.toMatch(/at [\w.]+ \(.*:\d+:\d+\)/) // no stack trace
  })

  test('one instance on SQLite sees only itself on the message bus', async ({ request }) => {
    const response = await request.get('/healthz/cluster')
    expect(response.status()).toBe(200)
    const body = (await response.json()) as { instance: string; instances: string[] }
    expect(body.instances).toEqual([body.instance])
  })

  test('health check answers with the database status', async ({ request }) => {
    const response = await request.get('/healthz')
    expect(response.status()).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
    expect(response.headers()['cache-control']).toBe('no-store')
  })
})
