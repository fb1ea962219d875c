// Importing a partner's file: how fast a 20,000-row CSV of the demo survey is
// checked (parsed with csv-parse, every row through the survey's validator and
// skip logic, external ids looked up) and then stored (one transaction), into a
// fresh SQLite file and, when TEST_POSTGRES_URL is set, a fresh PostgreSQL
// database. Each engine runs in its own child process, so its peak memory is its own.
//   npx tsx bench/import.ts                 (ROWS=20000 by default)
//   ROWS=50000 npx tsx bench/import.ts
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const ROWS = Number(process.env.ROWS ?? 20_000)
const SELF = fileURLToPath(import.meta.url)

interface Figures {
  engine: string
  rows: number
  fileBytes: number
  checkMs: number
  storeMs: number
  responses: number
  answers: number
  /** MiB: the process's peak resident set (getrusage), and the largest sampled RSS */
  peakRssMiB: number
  sampledRssMiB: number
  baselineRssMiB: number
}

if (process.argv[2] === '--child') {
  await child(process.argv[3] as 'sqlite' | 'postgres', process.argv[4]!)
} else {
  await parent()
}

async function parent() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hys-import-bench-'))
  const file = path.join(dir, `demo-${ROWS}.csv`)
  try {
    const started = performance.now()
    const bytes = await writeCsv(file, ROWS)
    console.log(`Generated ${ROWS.toLocaleString('en-GB')} rows of the demo survey: ${file} (${(bytes / 1024 / 1024).toFixed(1)} MiB) in ${Math.round(performance.now() - started)} ms`)
    const cpus = os.cpus()
    console.log(
      `Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Node ${process.version}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    )
    const engines = ['sqlite', ...(process.env.TEST_POSTGRES_URL ? ['postgres'] : [])]
    if (!process.env.TEST_POSTGRES_URL) console.log('PostgreSQL: skipped (TEST_POSTGRES_URL is not set)')
    const results: Figures[] = []
    for (const engine of engines) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', engine, file], { encoding: 'utf8', env: process.env, maxBuffer: 16 * 1024 * 1024 })
      const line = run.stdout.split('\n').find((l) => l.startsWith('{"engine"'))
      if (run.status !== 0 || !line) {
        console.error(`${engine} failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`)
        process.exitCode = 1
        continue
      }
      results.push(JSON.parse(line) as Figures)
    }
    const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en-GB')
    const table = [
      ['', ...results.map((r) => r.engine)],
      ['rows', ...results.map((r) => r.rows.toLocaleString('en-GB'))],
      ['check (parse + validate + id lookup)', ...results.map((r) => `${Math.round(r.checkMs).toLocaleString('en-GB')} ms`)],
      ['  rows per second', ...results.map((r) => rate(r.rows, r.checkMs))],
      ['import (one transaction)', ...results.map((r) => `${Math.round(r.storeMs).toLocaleString('en-GB')} ms`)],
      ['  rows per second', ...results.map((r) => rate(r.rows, r.storeMs))],
      ['stored: responses / answer rows', ...results.map((r) => `${r.responses.toLocaleString('en-GB')} / ${r.answers.toLocaleString('en-GB')}`)],
      ['RSS before the file (MiB)', ...results.map((r) => r.baselineRssMiB.toFixed(0))],
      ['peak RSS, getrusage maxRSS (MiB)', ...results.map((r) => r.peakRssMiB.toFixed(0))],
      ['peak RSS, sampled every 20 ms (MiB)', ...results.map((r) => r.sampledRssMiB.toFixed(0))],
    ]
    const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)))
    console.log('')
    for (const row of table) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '))
    for (const r of results) {
      if (r.responses !== r.rows) {
        console.error(`${r.engine}: ${r.responses} responses stored, expected ${r.rows}`)
        process.exitCode = 1
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** A seeded generator, so every run imports the same file. */
function seeded(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Valid rows of the demo survey as a partner's CSV (UTF-8 with a BOM, CRLF), skip logic respected. */
async function writeCsv(file: string, rows: number): Promise<number> {
  const { demoSurvey } = await import('../db/seed/demo-survey.ts')
  const { SurveyDefinitionSchema, SCALE_CODES } = await import('../app/features/surveys/definition.ts')
  const { importColumns, IMPORT_METHODS } = await import('../app/features/imports/columns.ts')
  const { csvLine } = await import('../app/features/imports/template.server.ts')
  const { default: wardData } = await import('../db/seed/data/tower-hamlets-wards-2022.json', { with: { type: 'json' } })
  const definition = SurveyDefinitionSchema.parse(demoSurvey)
  const q = Object.fromEntries(definition.questions.map((question) => [question.key, question])) as Record<string, (typeof definition.questions)[number]>
  const codes = (key: string) => ('options' in q[key]! ? (q[key] as { options: { code: string }[] }).options.map((o) => o.code) : [])
  const wards = wardData.wards.map((w: { code: string }) => w.code)
  const random = seeded(20_231_114)
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
  const texts = ['আমাদের এলাকায় আরও সবুজ জায়গা আর ভালো বাস চাই।', 'More youth clubs, and safer streets at night, please.', 'Waxaan rabnaa guryo la awoodi karo.', 'صاف ستھری گلیاں اور بہتر صحت کی سہولیات۔', '']
  const headers = importColumns(definition).map((c) => c.name)
  const out = fs.openSync(file, 'w')
  let buffer = `\uFEFF${csvLine(headers)}\r\n`
  for (let i = 0; i < rows; i++) {
    const connection = pick(codes('connection'))
    const ranked = [...codes('priorities')].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 3))
    const wellbeing = random() < 0.15 ? ['none'] : codes('wellbeing').filter((c) => c !== 'none' && random() < 0.3)
    const neededHelp = pick(['yes', 'no', ''])
    const cells: Record<string, string> = {
      external_id: `PARTNER-${String(i + 1).padStart(6, '0')}`,
      method: pick(IMPORT_METHODS),
      language: pick(['en', 'en', 'en', 'bn', 'bn', 'so', 'ur']),
      submitted_at: `2025-0${1 + Math.floor(random() * 5)}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}${random() < 0.5 ? 'T14:30' : ''}`,
      connection,
      ward: connection === 'not_resident' ? '' : pick(wards),
      safe_day: pick(SCALE_CODES),
      congress_date: random() < 0.3 ? `2024-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}` : '',
      wellbeing: wellbeing.join(';'),
      needed_help: neededHelp,
      help_sources: neededHelp === 'yes' ? codes('help_sources').filter((c) => c !== 'none' && random() < 0.4).join(';') : '',
      young_listened: random() < 0.7 ? pick(SCALE_CODES) : '',
      children: random() < 0.8 ? String(Math.floor(random() * 5)) : '',
      one_change: pick(texts),
    }
    ranked.forEach((code, place) => (cells[`priorities.${place + 1}`] = code))
    for (const statement of (q.area_statements as { statements: { code: string }[] }).statements) {
      if (random() < 0.8) cells[`area_statements.${statement.code}`] = pick(SCALE_CODES)
    }
    buffer += `${csvLine(headers.map((h) => cells[h] ?? ''))}\r\n`
    if (buffer.length > 1 << 20) {
      fs.writeSync(out, buffer)
      buffer = ''
    }
  }
  fs.writeSync(out, buffer)
  fs.closeSync(out)
  return fs.statSync(file).size
}

async function child(engine: 'sqlite' | 'postgres', file: string) {
  const { createPostgresDb, createSqliteDb } = await import('../db/connection.ts')
  const { migrateToLatest } = await import('../db/migrate.ts')
  const { seedReferenceData } = await import('../db/seed/reference-data.ts')
  const { seedDemo, DEMO_SLUG } = await import('../db/seed/demo.ts')
  const { createUser } = await import('../app/features/auth/auth.server.ts')
  const { checkImportFile, currentImportSurvey, storeImport } = await import('../app/features/imports/imports.server.ts')

  // A fresh database: a SQLite file next to the CSV, or a new PostgreSQL database dropped at the end.
  let drop = async () => {}
  let db
  if (engine === 'postgres') {
    const serverUrl = process.env.TEST_POSTGRES_URL!
    const name = `hys_bench_import_${crypto.randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const url = new URL(serverUrl)
    url.pathname = `/${name}`
    db = createPostgresDb(url.toString(), { max: 4 })
    drop = async () => {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    }
  } else {
    db = createSqliteDb(path.join(path.dirname(file), 'import-bench.db'))
  }
  try {
    await migrateToLatest(db)
    const { frameworkId } = await seedReferenceData(db)
    await seedDemo(db, frameworkId, { responses: 0 })
    const consultation = await db.selectFrom('consultation').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirstOrThrow()
    const survey = (await currentImportSurvey(db, consultation.id))!
    const officer = await createUser(db, { email: 'bench@example.org', name: 'Bench Officer', role: 'officer', password: 'lantern orchard velvet' })

    // RSS sampled every 20 ms; a synchronous stretch (better-sqlite3) delays samples, so getrusage's peak is given too.
    let sampled = process.memoryUsage().rss
    const sampler = setInterval(() => {
      sampled = Math.max(sampled, process.memoryUsage().rss)
    }, 20)
    const baseline = process.memoryUsage().rss
    const bytes = new Uint8Array(fs.readFileSync(file))
    const t0 = performance.now()
    const checked = await checkImportFile(db, { consultationId: consultation.id, survey, bytes, fileName: path.basename(file) })
    const t1 = performance.now()
    if (!checked.ok) throw new Error(`The generated file has ${checked.problemCount} problems: ${JSON.stringify(checked.problems.slice(0, 5))}`)
    const stored = await storeImport(db, { consultationId: consultation.id, survey, fileName: path.basename(file), format: checked.format, rows: checked.rows, userId: officer.id })
    const t2 = performance.now()
    clearInterval(sampler)
    sampled = Math.max(sampled, process.memoryUsage().rss)
    if (stored.status !== 'imported') throw new Error(`Import refused: ${stored.status}`)
    const responses = await db.selectFrom('response').select((eb) => eb.fn.countAll<number>().as('n')).where('batch_id', '=', stored.batchId).executeTakeFirstOrThrow()
    const answers = await db
      .selectFrom('answer')
      .innerJoin('response', 'response.id', 'answer.response_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('response.batch_id', '=', stored.batchId)
      .executeTakeFirstOrThrow()
    const figures: Figures = {
      engine: engine === 'postgres' ? 'PostgreSQL' : 'SQLite',
      rows: checked.rows.length,
      fileBytes: bytes.length,
      checkMs: t1 - t0,
      storeMs: t2 - t1,
      responses: Number(responses.n),
      answers: Number(answers.n),
      // maxRSS is in KiB on Linux.
      peakRssMiB: process.resourceUsage().maxRSS / 1024,
      sampledRssMiB: sampled / 1024 / 1024,
      baselineRssMiB: baseline / 1024 / 1024,
    }
    console.log(JSON.stringify(figures))
  } finally {
    await db.destroy()
    await drop()
  }
}
