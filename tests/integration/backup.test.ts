import fs from 'node:fs'
import path from 'node:path'
import { execFileSync, spawnSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import pg from 'pg'
import { createSqliteDb } from '../../db/connection.ts'
import { BackupError, backupPostgres, backupSqlite } from '../../db/backup.ts'
import { ENGINES, POSTGRES_SKIP_REASON, createTestDb, type TestDb } from '../support/test-db.ts'

let t: TestDb | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
})

describe('backups (SQLite, while the app writes)', () => {
  it('copies the database while it is being written to, and the copy restores every response', async () => {
    t = await createTestDb({ demoResponses: 120 })
    const target = path.resolve('tests/.tmp', `backup-${Date.now()}.db`)
    // Keep writing while the backup runs.
    const writes = (async () => {
      for (let i = 0; i < 50; i++) await t!.db.updateTable('response').set({ updated_at: Date.now() }).where('status', '=', 'submitted').execute()
    })()
    const result = await backupSqlite(t.location, target)
    await writes
    expect(result.bytes).toBeGreaterThan(100_000)
    expect(fs.existsSync(`${target}.partial`)).toBe(false)

    // Restore = open the copy as the database (docs/operations.md); every response and answer is there.
    const restored = createSqliteDb(target)
    const count = async (db: typeof restored, table: 'response' | 'answer' | 'equality_answer') =>
      Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    for (const table of ['response', 'answer', 'equality_answer'] as const) {
      expect(await count(restored, table)).toBe(await count(t.db, table))
    }
    expect(await count(restored, 'response')).toBe(120)
    await restored.destroy()
    fs.rmSync(target, { force: true })
  })

  it('says clearly when there is nothing to back up or nowhere to write, and leaves no partial file', async () => {
    await expect(backupSqlite('tests/.tmp/does-not-exist.db', 'tests/.tmp/x.db')).rejects.toThrow(/there is no database at/)
    t = await createTestDb()
    // A target whose folder is really a file cannot be written.
    const blocked = path.join(t.location, 'copy.db')
    await expect(backupSqlite(t.location, blocked)).rejects.toBeInstanceOf(BackupError)
    await expect(backupSqlite(t.location, blocked)).rejects.toThrow(/^Backup failed/)
    expect(fs.existsSync(`${blocked}.partial`)).toBe(false)
  })
})

/** A 64 KiB filesystem, so a backup runs out of space as on a full disk (needs root to mount). */
function mountTinyDisk(): string | null {
  const dir = path.resolve('tests/.tmp', `full-${Date.now()}`)
  fs.mkdirSync(dir, { recursive: true })
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir])
  return mounted.status === 0 ? dir : null
}
const tinyDisk = process.getuid?.() === 0 ? mountTinyDisk() : null

describe('a backup onto a full disk', () => {
  it.skipIf(!tinyDisk)('says the disk is full, leaves no partial file, and the database is untouched (skipped when not root: mounting a tiny disk needs root)', async () => {
    t = await createTestDb({ demoResponses: 120 })
    const before = await t.db.selectFrom('response').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    const target = path.join(tinyDisk!, 'backup.db')
    await expect(backupSqlite(t.location, target)).rejects.toThrow(/the disk holding .* is full/)
    expect(fs.readdirSync(tinyDisk!)).toEqual([])
    const after = await t.db.selectFrom('response').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toEqual(before.n)
    spawnSync('umount', [tinyDisk!])
  })
})

describe.runIf(ENGINES.includes('postgres'))(`backups (PostgreSQL, pg_dump) — ${ENGINES.includes('postgres') ? 'running' : POSTGRES_SKIP_REASON}`, () => {
  it('dumps a consistent copy that pg_restore brings back with every response', async () => {
    t = await createTestDb({ engine: 'postgres', demoResponses: 80 })
    const target = path.resolve('tests/.tmp', `backup-${Date.now()}.pgdump`)
    const { bytes } = await backupPostgres(t.location, target)
    expect(bytes).toBeGreaterThan(10_000)
    const restoredName = `hys_restored_${Date.now()}`
    const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL })
    await admin.connect()
    await admin.query(`create database ${restoredName}`)
    try {
      const url = new URL(process.env.TEST_POSTGRES_URL!)
      url.pathname = `/${restoredName}`
      execFileSync('pg_restore', ['--no-owner', '-d', url.toString(), target])
      const restored = new pg.Client({ connectionString: url.toString() })
      await restored.connect()
      const counts = await restored.query(`select (select count(*) from response)::int as responses, (select count(*) from answer)::int as answers`)
      await restored.end()
      const original = await t.db.selectFrom('answer').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      expect(counts.rows[0]).toEqual({ responses: 80, answers: Number(original.n) })
    } finally {
      await admin.query(`drop database if exists ${restoredName} with (force)`)
      await admin.end()
      fs.rmSync(target, { force: true })
    }
  })
})
