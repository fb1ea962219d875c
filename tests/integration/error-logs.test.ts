import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ORIGIN, leakIn, startInProcessApp, type InProcessApp } from '../support/in-process-app.ts'

// docs/operations.md: an unexpected error is logged with the request id (the one
// sent back as X-Request-Id), so an operator can find the stack trace of the
// request a resident or a load balancer reports.
let app: InProcessApp
beforeAll(async () => {
  app = await startInProcessApp('error-logs')
})
afterAll(() => app.cleanup())

describe('error logs carry the request id', () => {
  it("a loader's unexpected error is logged with the request's id and a stack trace, and the resident sees no stack", async () => {
    const page = '/c/a-tower-hamlets-for-all-your-priorities/q/connection'
    const get = () => app.handler(new Request(ORIGIN + page), { clientIp: '127.0.0.1', cspNonce: 'n', requestId: 'req-4f1c-error-log-test' })
    expect((await get()).status).toBe(200)
    // Another process breaks the database under the running app: the page's queries now fail.
    const other = new Database(app.dbFile)
    other.exec('alter table consultation rename to consultation_elsewhere')
    const lines: string[] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)))
    try {
      const response = await get()
      expect(response.status).toBe(500)
      expect(leakIn(await response.text())).toBeNull()
    } finally {
      spy.mockRestore()
      other.exec('alter table consultation_elsewhere rename to consultation')
      other.close()
    }
    const errors = lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(errors.length).toBeGreaterThan(0)
    for (const error of errors) {
      expect(error).toMatchObject({ level: 'error', requestId: 'req-4f1c-error-log-test' })
    }
    expect(errors.some((error) => typeof error.stack === 'string' && /consultation/.test(String(error.error)))).toBe(true)
  })
})
