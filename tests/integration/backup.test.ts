import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import pg from 'pg'
import { createSqliteDb } from '../../db/connection.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { BackupError, backupPostgres, backupSqlite } from '../../db/backup.ts'
import { ENGINES, POSTGRES_SKIP_REASON, createTestDb, type TestDb } from '../support/test-db.ts'

async function waitFor(check: () => boolean, ms: number) {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

let t: TestDb | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
})

describe('backups (SQLite, while the app writes)', () => {
  it('`npm run db:backup` copies the database while another process writes whole responses, and the restored copy has every response acknowledged before it started', async () => {
    const { location, db } = await createTestDb({ demoResponses: 120 })
    await db.destroy()
    const target = path.resolve('tests/.tmp', `backup-${Date.now()}.db`)
    let writer: ReturnType<typeof spawn> | undefined
    try {
      // The "app": another process submitting responses (draft, answers, submit) as fast as it can.
      writer = spawn(process.execPath, ['--import', 'tsx', 'tests/support/backup-writer.ts', location], { stdio: ['ignore', 'pipe', 'pipe'] })
      const acknowledged: { id: string; answers: number }[] = []
      let buffer = ''
      let writerErrors = ''
      writer.stdout!.on('data', (chunk) => {
        buffer += chunk
        const parts = buffer.split('\n')
        buffer = parts.pop()!
        for (const line of parts) if (line.startsWith('{')) acknowledged.push(JSON.parse(line))
      })
      writer.stderr!.on('data', (chunk) => (writerErrors += chunk))
      const writerExit = new Promise<number | null>((resolve) => writer!.on('exit', resolve))
      await waitFor(() => acknowledged.length >= 20, 60_000)

      // Every response acknowledged by now must be in the backup.
      const before = acknowledged.slice()
      const cli = spawn('npm', ['run', '--silent', 'db:backup', '--', target], { env: { ...process.env, DATABASE_URL: location }, stdio: ['ignore', 'pipe', 'pipe'] })
      let cliOutput = ''
      cli.stdout.on('data', (d) => (cliOutput += d))
      cli.stderr.on('data', (d) => (cliOutput += d))
      const cliStatus = await new Promise<number | null>((resolve) => cli.on('exit', resolve))
      const during = acknowledged.length - before.length
      expect(cliStatus, cliOutput).toBe(0)
      expect(cliOutput).toContain(`Backup written to ${target}`)
      // The writer kept committing while the backup command ran, and went on after it.
      expect(during).toBeGreaterThan(0)
      const atEnd = acknowledged.length
      await waitFor(() => acknowledged.length > atEnd, 30_000)
      writer.kill('SIGTERM')
      expect(await writerExit, writerErrors).toBe(0)
      expect(fs.readdirSync(path.dirname(target)).filter((f) => f.startsWith(path.basename(target)) && f !== path.basename(target))).toEqual([])

      // Restore as docs/operations.md says: stop the app, replace the database file with
      // the backup, delete the -wal and -shm files beside it, start the app.
      fs.copyFileSync(target, location)
      for (const suffix of ['-wal', '-shm']) fs.rmSync(location + suffix, { force: true })
      const restored = createSqliteDb(location)
      try {
        await migrateToLatest(restored)
        expect(await sql<{ integrity_check: string }>`pragma integrity_check`.execute(restored).then((r) => r.rows[0]!.integrity_check)).toBe('ok')
        const rows = await restored
          .selectFrom('response')
          .leftJoin('answer', 'answer.response_id', 'response.id')
          .select(['response.id', 'response.status', 'response.is_synthetic', (eb) => eb.fn.count<number>('answer.question_key').as('answers')])
          .groupBy(['response.id', 'response.status', 'response.is_synthetic'])
          .execute()
        const inCopy = new Map(rows.map((row) => [row.id, row]))
        for (const response of before) {
          expect(inCopy.get(response.id), `acknowledged response ${response.id}`).toMatchObject({ status: 'submitted', answers: response.answers })
        }
        // No submitted response is half-written: each of the writer's has all five answer rows.
        const written = rows.filter((row) => row.status === 'submitted' && Number(row.is_synthetic) === 0)
        expect(written.length).toBeGreaterThanOrEqual(before.length)
        expect(written.filter((row) => Number(row.answers) !== 5)).toEqual([])
        expect(rows.filter((row) => Number(row.is_synthetic) === 1)).toHaveLength(120)
      } finally {
        await restored.destroy()
      }
    } finally {
      if (writer && writer.exitCode === null && writer.signalCode === null) writer.kill('SIGKILL')
      for (const file of [location, target]) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
    }
  }, 180_000)

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

/**
 * A tiny filesystem, so a backup runs out of space as on a full disk. Mounting
 * needs root; as root (CI) a failed mount fails the test rather than skipping it.
 */
function mountTinyDisk(size: string): string {
  const dir = path.resolve('tests/.tmp', `full-${crypto.randomUUID()}`)
  fs.mkdirSync(dir, { recursive: true })
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' })
  if (mounted.status !== 0) {
    fs.rmdirSync(dir)
    throw new Error(`Running as root, but cannot mount a ${size} tmpfs to fill up (${mounted.stderr.trim() || mounted.error?.message}): the full-disk backup cannot be tested here.`)
  }
  return dir
}

function unmount(dir: string) {
  spawnSync('umount', [dir])
  fs.rmdirSync(dir)
}

const isRoot = process.getuid?.() === 0
const count = async (db: TestDb['db']) => Number((await db.selectFrom('response').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

describe('a backup onto a full disk', () => {
  it.skipIf(!isRoot)('SQLite: says the disk is full, leaves no partial file, and the database is untouched (skipped when not root: mounting a tiny disk needs root)', async () => {
    t = await createTestDb({ demoResponses: 120 })
    const before = await count(t.db)
    const disk = mountTinyDisk('64k')
    try {
      const target = path.join(disk, 'backup.db')
      await expect(backupSqlite(t.location, target)).rejects.toThrow(/the disk holding .* is full/)
      expect(fs.readdirSync(disk)).toEqual([])
      expect(await count(t.db)).toBe(before)
    } finally {
      unmount(disk)
    }
  })

  it.runIf(isRoot && ENGINES.includes('postgres'))(
    `PostgreSQL: pg_dump onto a full disk says so, leaves no partial file, and the database is untouched (${!isRoot ? 'skipped when not root: mounting a tiny disk needs root' : ENGINES.includes('postgres') ? 'running' : POSTGRES_SKIP_REASON})`,
    async () => {
      t = await createTestDb({ engine: 'postgres', demoResponses: 80 })
      const before = await count(t.db)
      // The dump of 80 responses is over 10 KiB (see below): 8 KiB cannot hold it.
      const disk = mountTinyDisk('8k')
      try {
        const target = path.join(disk, 'backup.pgdump')
        const failure = await backupPostgres(t.location, target).then(
          () => null,
          (error: unknown) => error,
        )
        expect(failure).toBeInstanceOf(BackupError)
        expect(String((failure as Error).message)).toMatch(/^Backup failed: the disk holding .*backup\.pgdump is full\. Nothing was changed/)
        expect(fs.readdirSync(disk)).toEqual([])
        expect(await count(t.db)).toBe(before)
      } finally {
        unmount(disk)
      }
    },
  )
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
