import { afterEach, describe, expect, it, vi } from 'vitest'
import { resetEnvForTests } from '~/utils/env.server.ts'
import { log } from '~/utils/log.server.ts'

describe('LOG_LEVEL', () => {
  afterEach(() => {
    delete process.env.LOG_LEVEL
    resetEnvForTests()
    vi.restoreAllMocks()
  })

  function linesAt(level: string) {
    process.env.SESSION_SECRET = 'unit-test-secret-that-is-at-least-32-chars'
    process.env.LOG_LEVEL = level
    resetEnvForTests()
    const out = vi.spyOn(console, 'log').mockImplementation(() => {})
    log('debug', 'd')
    log('info', 'i')
    log('warn', 'w')
    const messages = out.mock.calls.map((call) => (JSON.parse(String(call[0])) as { message: string }).message)
    out.mockRestore()
    return messages
  }

  it('writes the lines at or above the level, as JSON', () => {
    expect(linesAt('debug')).toEqual(['d', 'i', 'w'])
    expect(linesAt('info')).toEqual(['i', 'w'])
    expect(linesAt('warn')).toEqual(['w'])
  })
})
