import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { createDb, type DB } from '../../db/connection.ts'
import { migrateToLatest } from '../../db/migrate.ts'
import { seedReferenceData } from '../../db/seed/reference-data.ts'
import { seedDemo } from '../../db/seed/demo.ts'

const TMP = path.resolve('tests/.tmp')

/** A real SQLite file, migrated and seeded, removed by the returned cleanup. */
export async function createTestDb({ demoResponses = 0 }: { demoResponses?: number } = {}) {
  fs.mkdirSync(TMP, { recursive: true })
  const filename = path.join(TMP, `test-${crypto.randomUUID()}.db`)
  const db = createDb({ filename })
  await migrateToLatest(db)
  const { frameworkId } = await seedReferenceData(db)
  await seedDemo(db, frameworkId, { responses: demoResponses })
  return {
    db,
    filename,
    async cleanup() {
      await db.destroy()
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(filename + suffix, { force: true })
    },
  }
}

export type TestDb = { db: DB; filename: string; cleanup: () => Promise<void> }
