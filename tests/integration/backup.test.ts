import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createSqliteDb } from '../../db/connection.ts'
import { BackupError, backupSqlite } from '../../db/backup.ts'
import { createTestDb, type TestDb } from '../support/test-db.ts'

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
