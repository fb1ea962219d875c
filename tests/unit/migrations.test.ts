import { describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createSqliteDb } from '../../db/connection.ts'
import { createMigrator, migrateToLatest } from '../../db/migrate.ts'
import { migrations } from '../../db/migrations/index.ts'

describe('migrations', () => {
  it('run up, all the way down, and up again on an empty database', async () => {
    const db = createSqliteDb(':memory:')
    const first = await migrateToLatest(db)
    expect(first.results?.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => 'Success'))
    const migrator = createMigrator(db)
    for (let i = 0; i < Object.keys(migrations).length; i++) {
      const down = await migrator.migrateDown()
      expect(down.error).toBeUndefined()
    }
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'`.execute(db)
    expect(tables.rows).toEqual([])
    const again = await migrateToLatest(db)
    expect(again.error).toBeUndefined()
    await db.destroy()
  })

  it('makes STRICT tables with foreign keys enforced', async () => {
    const db = createSqliteDb(':memory:')
    await migrateToLatest(db)
    const strict = await sql<{ name: string; strict: number }>`select name, strict from pragma_table_list where schema = 'main' and name in ('response', 'answer', 'equality_answer')`.execute(db)
    expect(strict.rows.every((r) => r.strict === 1)).toBe(true)
    await expect(
      db.insertInto('answer').values({ response_id: 'missing', question_key: 'q', position: 0, option_code: 'x', number_value: null, text_value: null }).execute(),
    ).rejects.toThrow(/FOREIGN KEY/)
    await expect(sql`insert into ward (code, name, usual_residents_approx, source) values ('x', 'y', 'not a number', 's')`.execute(db)).rejects.toThrow(
      /cannot store TEXT value in INTEGER column/,
    )
    await db.destroy()
  })

  it('is a no-op when already up to date', async () => {
    const db = createSqliteDb(':memory:')
    await migrateToLatest(db)
    const second = await migrateToLatest(db)
    expect(second.results).toEqual([])
    await db.destroy()
  })
})
