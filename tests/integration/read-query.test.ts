import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { readInWorker, stopReadWorker } from '~/features/analysis/read-query.server.ts'
import { listTextAnswers } from '~/features/coding/coding.server.ts'
import { loadThemeData } from '~/features/findings/cta-summary.server.ts'
import type { DB } from '../../db/connection.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { ENGINES, createTestDb, type Engine, type TestDb } from '../support/test-db.ts'

// The read path for long queries (app/features/analysis/read-query.server.ts):
// compiled Kysely queries run in one snapshot off the app's connection (a
// worker thread with its own read-only connection on SQLite, the pool on
// PostgreSQL) and come back as Kysely returns them.

let t: TestDb | undefined
afterEach(async () => {
  await t?.cleanup()
  t = undefined
})

const QUESTION = 'one_change'

async function demoId(db: DB) {
  return (await db.selectFrom('consultation').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()).id
}

/** A query that keeps the database busy for a while (seconds on SQLite; a sleep on PostgreSQL). */
function heavy(engine: Engine, db: DB) {
  return engine === 'postgres'
    ? sql<{ n: number }>`select count(*)::int as n from (select pg_sleep(1.5)) s`.compile(db)
    : sql<{ n: number }>`with recursive c(x) as (select 1 union all select x + 1 from c where x < 15000000) select count(*) as n from c`.compile(db)
}

const wardCount = (db: DB) => db.selectFrom('ward').select((eb) => eb.fn.countAll<number>().as('n'))

/** How many times a 5 ms interval fires on this thread while `work` runs. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ ticks: number; result: T }> {
  let ticks = 0
  const timer = setInterval(() => ticks++, 5)
  try {
    const result = await work()
    return { ticks, result }
  } finally {
    clearInterval(timer)
  }
}

describe.each(ENGINES)('the read path for long queries on %s', (engine: Engine) => {
  it('returns the rows Kysely returns on the app connection: aliases, integers as numbers, nulls, bytes', async () => {
    t = await createTestDb({ engine, demoResponses: 40 })
    const db = t.db
    const id = await demoId(db)
    const bytes = Buffer.from([0, 1, 254, 255])
    const queries = [
      db
        .selectFrom('response')
        .select(['id as responseId', 'submitted_at', 'is_synthetic', 'ward_code'])
        .where('consultation_id', '=', id)
        .orderBy('submitted_at')
        .orderBy('id'),
      db.selectFrom('answer').innerJoin('response', 'response.id', 'answer.response_id').select(['answer.response_id', 'answer.position', 'answer.number_value', 'answer.text_value']).where('response.consultation_id', '=', id).orderBy('answer.response_id').orderBy('answer.question_key').orderBy('answer.position'),
      db.selectNoFrom([(engine === 'postgres' ? sql<Buffer>`${bytes}::bytea` : sql<Buffer>`${bytes}`).as('bytes'), sql<null>`null`.as('nothing')]),
    ] as const
    const [responses, answers, blobs] = await readInWorker(db, [queries[0].compile(), queries[1].compile(), queries[2].compile()])
    expect(responses).toEqual(await queries[0].execute())
    expect(answers).toEqual(await queries[1].execute())
    expect(blobs).toEqual(await queries[2].execute())
    expect(responses.length).toBe(40)
    expect(typeof responses[0]!.submitted_at).toBe('number')
    expect(Object.keys(responses[0]!).sort()).toEqual(['is_synthetic', 'responseId', 'submitted_at', 'ward_code'])
    expect(Buffer.isBuffer(blobs[0]!.bytes)).toBe(true)
    expect([...blobs[0]!.bytes]).toEqual([0, 1, 254, 255])
  })

  it('the findings theme data and every answer of a question are the same read off the connection as on it', async () => {
    t = await createTestDb({ engine, demoResponses: 60 })
    const id = await demoId(t.db)
    const viaReadPath = { themes: await loadThemeData(t.db, id), answers: await listTextAnswers(t.db, id, QUESTION) }
    // A transaction passed in runs the same queries itself, on the app connection.
    const onConnection = await t.db.transaction().execute(async (trx) => ({ themes: await loadThemeData(trx, id), answers: await listTextAnswers(trx, id, QUESTION) }))
    expect(viaReadPath).toEqual(onConnection)
    expect(viaReadPath.themes.codings.length).toBeGreaterThan(0)
    expect(viaReadPath.themes.texts.length).toBeGreaterThan(0)
    expect(viaReadPath.answers.length).toBeGreaterThan(0)
  })

  it('a caller inside a write transaction reads what it has written but not committed', async () => {
    t = await createTestDb({ engine, demoResponses: 10 })
    const id = await demoId(t.db)
    const response = await t.db.selectFrom('response').select('id').where('consultation_id', '=', id).where('status', '=', 'submitted').executeTakeFirstOrThrow()
    const before = await listTextAnswers(t.db, id, QUESTION)
    const seen = await t.db
      .transaction()
      .execute(async (trx) => {
        await trx.deleteFrom('answer').where('response_id', '=', response.id).where('question_key', '=', QUESTION).execute()
        await trx.insertInto('answer').values({ response_id: response.id, question_key: QUESTION, position: 0, option_code: null, number_value: null, text_value: 'written in this transaction' }).execute()
        const inside = await listTextAnswers(trx, id, QUESTION)
        throw Object.assign(new Error('roll back'), { inside })
      })
      .catch((error: { inside: Awaited<ReturnType<typeof listTextAnswers>> }) => error.inside)
    expect(seen.find((a) => a.responseId === response.id)?.text).toBe('written in this transaction')
    expect(await listTextAnswers(t.db, id, QUESTION)).toEqual(before)
  })

  it('reads one snapshot: a write committed while the batch runs is in none of its queries', async () => {
    t = await createTestDb({ engine })
    const db = t.db
    await readInWorker(db, [wardCount(db).compile()]) // the worker is up before the batch starts
    const [{ n: wardsBefore }] = await wardCount(db).execute()
    let finished = false
    const batch = readInWorker(db, [wardCount(db).compile(), heavy(engine, db), wardCount(db).compile()]).finally(() => (finished = true))
    await new Promise((resolve) => setTimeout(resolve, 300))
    await db.insertInto('ward').values({ code: 'E05999999', name: 'Written meanwhile', former_name: null, usual_residents_approx: 1, source: 'test' }).execute()
    const committedWhileReading = !finished
    const [first, , last] = await batch
    expect(committedWhileReading).toBe(true)
    expect(Number(first[0]!.n)).toBe(Number(wardsBefore))
    expect(Number(last[0]!.n)).toBe(Number(wardsBefore))
    expect(Number((await wardCount(db).execute())[0]!.n)).toBe(Number(wardsBefore) + 1)
  })

  it('the main thread keeps serving while a heavy query runs', async () => {
    t = await createTestDb({ engine })
    const db = t.db
    await readInWorker(db, [wardCount(db).compile()])
    const { ticks, result } = await ticksDuring(() => readInWorker(db, [heavy(engine, db)]))
    expect(result[0][0]!.n).toBeGreaterThan(0)
    expect(ticks).toBeGreaterThan(0)
    if (engine === 'sqlite') {
      // The contrast: the same query on the app's (synchronous) connection lets nothing else run.
      const onMain = await ticksDuring(() => db.executeQuery(heavy(engine, db)))
      expect(onMain.ticks).toBe(0)
    }
  })

  it('reports a failing query with the database message and keeps working', async () => {
    t = await createTestDb({ engine })
    const db = t.db
    await expect(readInWorker(db, [sql`select * from no_such_table`.compile(db)])).rejects.toThrow(/no_such_table/)
    const [wards] = await readInWorker(db, [wardCount(db).compile()])
    expect(Number(wards[0]!.n)).toBeGreaterThan(0)
  })
})

describe('the read worker (SQLite)', () => {
  it('starts again after it was stopped, failing only the batch that was out', async () => {
    t = await createTestDb({ engine: 'sqlite' })
    const db = t.db
    const out = readInWorker(db, [heavy('sqlite', db)])
    // Stopped while the batch is out (as if the thread died): the caller gets an error, not a hang.
    await new Promise((resolve) => setTimeout(resolve, 200))
    await stopReadWorker()
    await expect(out).rejects.toThrow(/read worker stopped/)
    const [wards] = await readInWorker(db, [wardCount(db).compile()])
    expect(Number(wards[0]!.n)).toBeGreaterThan(0)
  })

  it('refuses a statement that writes', async () => {
    t = await createTestDb({ engine: 'sqlite' })
    const db = t.db
    await expect(readInWorker(db, [db.deleteFrom('ward').compile()])).rejects.toThrow(/only runs queries that return rows/)
    expect(Number((await wardCount(db).execute())[0]!.n)).toBeGreaterThan(0)
  })
})
