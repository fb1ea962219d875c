import SQLite from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findConsultationBySlug, findCurrentSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { newToken } from '~/features/responses/codes.ts'
import { createDraft, loadAnswers, saveAnswer } from '~/features/responses/responses.server.ts'
import { findQuestion } from '~/features/surveys/definition.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { createTestDb, type TestDb } from '../support/test-db.ts'

// Another process (a second instance on the same file, `npm run data:retention`, a staff
// import) writes between a transaction's first read and its first write. With a plain
// BEGIN the transaction holds a read snapshot that is now stale, and SQLite refuses the
// upgrade to a writer at once with SQLITE_BUSY_SNAPSHOT ("database is locked"): busy_timeout
// cannot wait that out. The app's transactions begin IMMEDIATE (db/connection.ts), so they
// take the write lock first and the other writer waits for the commit instead.
// See docs/decisions/0007-sqlite-write-transactions-begin-immediate.md.
describe('SQLite write transactions with another process writing', () => {
  let t: TestDb
  let other: SQLite.Database

  beforeEach(async () => {
    t = await createTestDb({ engine: 'sqlite' })
    // A second connection to the same file, as another process has. No busy_timeout, so
    // the test can see whether the app's transaction holds the write lock.
    other = new SQLite(t.location)
    other.pragma('busy_timeout = 0')
  })
  afterEach(async () => {
    other.close()
    await t.cleanup()
  })

  async function draftWithQuestion() {
    const consultation = (await findConsultationBySlug(t.db, DEMO_SLUG))!
    const version = (await findCurrentSurveyVersion(t.db, consultation.id))!
    const draft = await createDraft(t.db, { consultationId: consultation.id, surveyVersionId: version.id, locale: 'en', token: newToken(), ttlDays: 28 })
    const bystander = await createDraft(t.db, { consultationId: consultation.id, surveyVersionId: version.id, locale: 'en', token: newToken(), ttlDays: 28 })
    return { version, draft, bystander, question: findQuestion(version.definition, 'connection')! }
  }

  it('a read-then-write transaction commits when another connection writes between its read and its write', async () => {
    const { version, draft, bystander, question } = await draftWithQuestion()
    const otherWrite = other.prepare('update response set updated_at = ? where id = ?')
    let otherWroteDuringTransaction = false
    let otherWaited = false

    await t.db.transaction().execute(async (trx) => {
      await loadAnswers(trx, draft.id, version.definition) // the read: a snapshot from here on
      try {
        otherWrite.run(111, bystander.id)
        otherWroteDuringTransaction = true
      } catch (error) {
        // The app's transaction holds the write lock: the other writer must wait, as its
        // busy_timeout would make it, and write after the commit.
        expect((error as { code?: string }).code).toBe('SQLITE_BUSY')
        otherWaited = true
      }
      await saveAnswer(trx, { responseId: draft.id, question, value: 'over_10', locale: 'en', ttlDays: 28 })
    })
    if (otherWaited) otherWrite.run(111, bystander.id)

    expect(otherWroteDuringTransaction).toBe(false)
    expect(await loadAnswers(t.db, draft.id, version.definition)).toEqual({ connection: 'over_10' })
    const row = await t.db.selectFrom('response').select('updated_at').where('id', '=', bystander.id).executeTakeFirstOrThrow()
    expect(row.updated_at).toBe(111)
  })

  it('another process writing through its own busy_timeout waits for the commit and loses nothing', async () => {
    const { version, draft, bystander, question } = await draftWithQuestion()
    // The other process: a child with a 5 s busy_timeout, as the app's connections have.
    const { spawn } = await import('node:child_process')
    const script = `
      const SQLite = require('better-sqlite3')
      const db = new SQLite(process.argv[1]); db.pragma('busy_timeout = 5000')
      process.stdin.once('data', () => {
        try { db.prepare('update response set updated_at = 222 where id = ?').run(process.argv[2]); process.stdout.write('ok') }
        catch (e) { process.stdout.write('error ' + e.code) }
        db.close()
      })
      process.stdout.write('ready')`
    const child = spawn(process.execPath, ['-e', script, t.location, bystander.id], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] })
    const output: string[] = []
    const nextOutput = () => new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())))
    expect(await nextOutput()).toBe('ready')

    const childDone = nextOutput().then((text) => output.push(text))
    await t.db.transaction().execute(async (trx) => {
      await loadAnswers(trx, draft.id, version.definition)
      child.stdin.write('go\n')
      // Give the other process the moment it needs to try its write; whatever it did,
      // this transaction's write below must succeed.
      await Promise.race([childDone, new Promise((resolve) => setTimeout(resolve, 500))])
      await saveAnswer(trx, { responseId: draft.id, question, value: '1_5', locale: 'en', ttlDays: 28 })
    })
    await childDone
    child.stdin.end()

    expect(output).toEqual(['ok'])
    expect(await loadAnswers(t.db, draft.id, version.definition)).toEqual({ connection: '1_5' })
    const row = await t.db.selectFrom('response').select('updated_at').where('id', '=', bystander.id).executeTakeFirstOrThrow()
    expect(row.updated_at).toBe(222)
  })
})

describe('the settings every SQLite connection of the app has', () => {
  it('WAL, foreign keys on, a 5 s busy_timeout, synchronous FULL unless NORMAL is asked for', async () => {
    const t = await createTestDb({ engine: 'sqlite' })
    try {
      const { openSqlite } = await import('../../db/connection.ts')
      const full = openSqlite(t.location)
      const normal = openSqlite(t.location, { synchronous: 'NORMAL' })
      const settings = (db: SQLite.Database) => ({
        journal_mode: db.pragma('journal_mode', { simple: true }),
        foreign_keys: db.pragma('foreign_keys', { simple: true }),
        busy_timeout: db.pragma('busy_timeout', { simple: true }),
        synchronous: db.pragma('synchronous', { simple: true }), // 2 = FULL, 1 = NORMAL
      })
      expect(settings(full)).toEqual({ journal_mode: 'wal', foreign_keys: 1, busy_timeout: 5000, synchronous: 2 })
      expect(settings(normal)).toEqual({ journal_mode: 'wal', foreign_keys: 1, busy_timeout: 5000, synchronous: 1 })
      full.close()
      normal.close()
    } finally {
      await t.cleanup()
    }
  })
})
