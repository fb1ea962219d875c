import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import pg from 'pg'
import { createPostgresDb, createSqliteDb, type DB } from '../../db/connection.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { seedReferenceData } from '../../db/seed/reference-data.ts'
import { seedDemo } from '../../db/seed/demo.ts'

const TMP = path.resolve('tests/.tmp')

export type Engine = 'sqlite' | 'postgres'

/**
 * The engines integration tests run on. PostgreSQL needs TEST_POSTGRES_URL
 * (a server the tests may create databases on); `npm test` starts a throwaway
 * one with scripts/test-postgres.sh when Debian's PostgreSQL is installed.
 */
export const ENGINES: Engine[] = process.env.TEST_POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite']
export const POSTGRES_SKIP_REASON = 'TEST_POSTGRES_URL is not set: PostgreSQL is not installed on this machine'

export interface TestDb {
  engine: Engine
  db: DB
  /** SQLite file path, or the PostgreSQL URL of this test's own database */
  location: string
  cleanup: () => Promise<void>
}

/** Where the app's own connections (the read worker, the dataset loader) find this test's database. */
export function locationOf(db: Pick<TestDb, 'engine' | 'location'>) {
  return db.engine === 'postgres' ? ({ kind: 'postgres', url: db.location } as const) : ({ kind: 'sqlite', filename: db.location } as const)
}

/** A real database (a SQLite file, or a fresh PostgreSQL database), migrated and seeded. */
export async function createTestDb({ engine = 'sqlite', demoResponses = 0 }: { engine?: Engine; demoResponses?: number } = {}): Promise<TestDb> {
  const { db, location, drop } = engine === 'postgres' ? await freshPostgres() : freshSqlite()
  await migrateToLatest(db)
  const { frameworkId } = await seedReferenceData(db)
  await seedDemo(db, frameworkId, { responses: demoResponses })
  return {
    engine,
    db,
    location,
    async cleanup() {
      await db.destroy()
      await drop()
    },
  }
}

function freshSqlite() {
  fs.mkdirSync(TMP, { recursive: true })
  const filename = path.join(TMP, `test-${crypto.randomUUID()}.db`)
  return {
    db: createSqliteDb(filename),
    location: filename,
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(filename + suffix, { force: true })
    },
  }
}

async function freshPostgres() {
  const serverUrl = process.env.TEST_POSTGRES_URL
  if (!serverUrl) throw new Error(POSTGRES_SKIP_REASON)
  const name = `hys_test_${crypto.randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    db: createPostgresDb(url.toString(), { max: 4 }),
    location: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}
