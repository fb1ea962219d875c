import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { getEnv, resetEnvForTests } from '~/utils/env.server.ts'

// Without SESSION_SECRET (a demo or development run) a random secret is kept on disk:
// beside the SQLite file, or in data/ when the database is PostgreSQL.
describe('the demo session secret', () => {
  const saved = { cwd: process.cwd(), DATABASE_URL: process.env.DATABASE_URL, SESSION_SECRET: process.env.SESSION_SECRET }
  afterEach(() => {
    process.chdir(saved.cwd)
    for (const key of ['DATABASE_URL', 'SESSION_SECRET'] as const) {
      if (saved[key] === undefined) delete process.env[key]
      else process.env[key] = saved[key]
    }
    resetEnvForTests()
  })

  const freshRun = (databaseUrl: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hys-env-'))
    process.chdir(dir)
    process.env.DATABASE_URL = databaseUrl
    delete process.env.SESSION_SECRET
    resetEnvForTests()
    return dir
  }

  it('keeps it beside the SQLite file, and gives the same one on the next start', () => {
    const dir = freshRun('file:db/here.db')
    const secret = getEnv().SESSION_SECRET
    expect(secret).toMatch(/^[0-9a-f]{64}$/)
    expect(fs.readFileSync(path.join(dir, 'db', 'session-secret'), 'utf8')).toBe(secret)
    resetEnvForTests()
    expect(getEnv().SESSION_SECRET).toBe(secret)
  })

  it('keeps it in data/ with PostgreSQL, never in a folder named after the URL', () => {
    const dir = freshRun('postgres://user:pw@127.0.0.1:5432/hys')
    const secret = getEnv().SESSION_SECRET
    expect(fs.readFileSync(path.join(dir, 'data', 'session-secret'), 'utf8')).toBe(secret)
    expect(fs.readdirSync(dir)).toEqual(['data'])
  })
})
