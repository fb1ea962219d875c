// The analysis pages at scale: 100,000 generated responses to a 20-question
// survey (every closed question type, two free-text questions, equality
// answers for 70%) in a fresh SQLite file. Times what the dashboard loader
// does (the cache check, reading the dataset in the worker thread, building
// every table), a cross-tab, raking to four census margins with the weighted
// results, and the XLSX export; prints peak memory and the machine.
//   npx tsx bench/analysis.ts            (RESPONSES=100000 RUNS=3 by default)
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import Database from 'better-sqlite3'
import { createSqliteDb } from '../db/connection.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { seedReferenceData } from '../db/seed/reference-data.ts'
import type { AnalysisContext } from '../app/features/analysis/analysis-context.server.ts'
import { filterMask } from '../app/features/analysis/aggregate.ts'
import { buildCrossTab } from '../app/features/analysis/dashboard.ts'
import { buildDashboardData } from '../app/features/analysis/dashboard-page.server.ts'
import { clearDatasetCache, getDataset } from '../app/features/analysis/dataset-loader.server.ts'
import { exportDocument, writeAnalysisWorkbook } from '../app/features/analysis/export.server.ts'
import { createLabeller } from '../app/features/analysis/labels.ts'
import { buildWeightingData } from '../app/features/analysis/weighting-page.server.ts'
import { loadCensusMargins } from '../app/features/analysis/census-margins.server.ts'
import { censusShares } from '../app/features/analysis/census.ts'
import { censusTargets, runWeighting } from '../app/features/analysis/weighting.ts'
import { streamResponsesCsv } from '../app/features/analysis/read-worker.server.ts'
import { clusterTexts } from '../app/features/analysis/statistics/text-clustering.ts'
import { workOutSuggestions } from '../app/features/coding/suggestions-cache.server.ts'
import { ETHNIC_GROUPS } from '../app/features/equality/questions.ts'
import { createI18n } from '../app/features/i18n/create-i18n.ts'
import { SCALE_CODES, SurveyDefinitionSchema } from '../app/features/surveys/definition.ts'

const RESPONSES = Number(process.env.RESPONSES ?? 100_000)
const RUNS = Number(process.env.RUNS ?? 3)
const DB_FILE = path.resolve('bench/.tmp/analysis.db')

// ---- the survey: 20 questions ------------------------------------------------
const opts = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ code: `${prefix}${i + 1}`, label: { en: `Option ${i + 1}` } }))
const base = (key: string, n: number) => ({ key, ctas: ['CTA1'], title: { en: `Question ${n}` } })
const definition = SurveyDefinitionSchema.parse({
  schemaVersion: 1,
  locales: ['en'],
  questions: [
    { ...base('q01', 1), type: 'single', options: opts('a', 5) },
    { ...base('q02', 2), type: 'single', options: opts('b', 3) },
    { ...base('q03', 3), type: 'single', options: opts('c', 8) },
    { ...base('q04', 4), type: 'multiple', options: opts('d', 6) },
    { ...base('q05', 5), type: 'multiple', options: opts('e', 10) },
    { ...base('q06', 6), type: 'multiple', options: opts('f', 4) },
    { ...base('q07', 7), type: 'scale' },
    { ...base('q08', 8), type: 'scale' },
    { ...base('q09', 9), type: 'scale' },
    { ...base('q10', 10), type: 'grid', statements: opts('g', 4) },
    { ...base('q11', 11), type: 'grid', statements: opts('h', 3) },
    { ...base('q12', 12), type: 'ward' },
    { ...base('q13', 13), type: 'ranking', maxRank: 3, options: opts('i', 6) },
    { ...base('q14', 14), type: 'ranking', maxRank: 2, options: opts('j', 5) },
    { ...base('q15', 15), type: 'number', min: 0, max: 20 },
    { ...base('q16', 16), type: 'number', min: 0, max: 100 },
    { ...base('q17', 17), type: 'single', options: opts('k', 2) },
    { ...base('q18', 18), type: 'single', options: opts('l', 4) },
    { ...base('q19', 19), type: 'text' },
    { ...base('q20', 20), type: 'text' },
  ],
})

function seeded(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// ---- free text: 20,000 answers to q19 (q20 left blank), from phrases on a few themes --
const TEXT_ANSWERS = Number(process.env.TEXT_ANSWERS ?? 20_000)
const TEXT_THEMES = [
  ['rubbish on the street', 'fly tipping near the estate', 'bins are overflowing', 'more street cleaning', 'litter in the park'],
  ['rent is too high', 'not enough social housing', 'damp and mould in our flat', 'overcrowded homes', 'repairs take months'],
  ['feel unsafe at night', 'more police on the streets', 'drug dealing near the station', 'better street lighting', 'antisocial behaviour on the stairs'],
  ['youth clubs closed', 'nothing for young people to do', 'more activities for teenagers', 'apprenticeships for young people', 'after school clubs'],
  ['buses are too crowded', 'cycle lanes are dangerous', 'traffic and pollution on the main road', 'step free access at the station', 'more pedestrian crossings'],
  ['ময়লা রাস্তায় পড়ে থাকে', 'বাসা ভাড়া অনেক বেশি', 'রাতে নিরাপদ মনে হয় না', 'তরুণদের জন্য কিছু নেই', 'বাস খুব ভিড়'],
]
const TEXT_OPENERS = ['', 'I think ', 'Honestly ', 'The council should know that ', 'In my area ', 'Please note ']
const TEXT_CLOSERS = ['', '.', ' and it is getting worse.', ' please do something.', ' since last year.', ' for families like mine.']

// ---- a fresh database (or, with BENCH_REUSE=1, the one a previous run left) ------
fs.mkdirSync('bench/.tmp', { recursive: true })
const reuse = process.env.BENCH_REUSE === '1' && fs.existsSync(DB_FILE)
if (!reuse) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(DB_FILE + suffix, { force: true })
const db = createSqliteDb(DB_FILE)
let consultationId: string = crypto.randomUUID()
let versionId: string = crypto.randomUUID()
const now = Date.now()
let seedSeconds = 0
if (reuse) {
  const found = await db.selectFrom('consultation').innerJoin('survey_version', 'survey_version.consultation_id', 'consultation.id').select(['consultation.id as id', 'survey_version.id as versionId']).where('slug', '=', 'bench-analysis').executeTakeFirstOrThrow()
  consultationId = found.id
  versionId = found.versionId
  // A database from an earlier version of the code: bring its schema up to date.
  await migrateToLatest(db)
} else {
await migrateToLatest(db)
const { frameworkId } = await seedReferenceData(db)
await db
  .insertInto('consultation')
  .values({
    id: consultationId,
    slug: 'bench-analysis',
    framework_id: frameworkId,
    status: 'open',
    opens_at: now - 84 * 86_400_000,
    closes_at: now + 86_400_000,
    locales: JSON.stringify(['en']),
    content_i18n: JSON.stringify({ en: { title: 'Analysis benchmark', summary: '', purpose: '', whatCanChange: '', howAnswersUsed: '', howDecisionMade: '' } }),
    estimated_minutes: 10,
    is_synthetic: 1,
    created_at: now,
    updated_at: now,
  })
  .execute()
await db.insertInto('survey_version').values({ id: versionId, consultation_id: consultationId, version_number: 1, definition: JSON.stringify(definition), created_at: now }).execute()
const wardRows = await db.selectFrom('ward').select(['code']).orderBy('name').execute()
const wardCodes = wardRows.map((w) => w.code)

const seedStart = performance.now()
{
  const raw = new Database(DB_FILE)
  raw.pragma('journal_mode = WAL')
  raw.pragma('synchronous = OFF')
  const insertResponse = raw.prepare(
    `insert into response (id, consultation_id, survey_version_id, channel, locale, status, reference, ward_code, is_synthetic, created_at, updated_at, submitted_at)
     values (?, ?, ?, ?, ?, 'submitted', ?, ?, 1, ?, ?, ?)`,
  )
  const insertAnswer = raw.prepare(`insert into answer (response_id, question_key, position, option_code, number_value, text_value, item_code) values (?, ?, ?, ?, ?, ?, ?)`)
  const insertEquality = raw.prepare(`insert into equality_answer (response_id, question_key, option_code, text_value) values (?, ?, ?, null)`)
  const random = seeded(20260101)
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
  const channels = ['online', 'online', 'online', 'paper', 'phone', 'face_to_face']
  const locales = ['en', 'en', 'en', 'bn', 'bn', 'so', 'ur']
  const textEvery = Math.max(1, Math.floor(RESPONSES / TEXT_ANSWERS))
  let texts = 0
  raw.transaction(() => {
    for (let i = 0; i < RESPONSES; i++) {
      const id = crypto.randomUUID()
      const at = now - Math.floor(random() * 84 * 86_400_000)
      insertResponse.run(id, consultationId, versionId, pick(channels), pick(locales), `HYS-B${String(i).padStart(8, '0')}`, random() < 0.85 ? pick(wardCodes) : null, at, at, at)
      for (const q of definition.questions) {
        if (q.type !== 'text' && random() < 0.1) continue
        switch (q.type) {
          case 'single':
            insertAnswer.run(id, q.key, 0, pick(q.options).code, null, null, null)
            break
          case 'scale':
            insertAnswer.run(id, q.key, 0, pick(SCALE_CODES), null, null, null)
            break
          case 'ward':
            insertAnswer.run(id, q.key, 0, pick(wardCodes), null, null, null)
            break
          case 'multiple': {
            let position = 0
            for (const o of q.options) if (random() < 0.3) insertAnswer.run(id, q.key, position++, o.code, null, null, null)
            if (position === 0) insertAnswer.run(id, q.key, 0, q.options[0]!.code, null, null, null)
            break
          }
          case 'ranking': {
            const chosen = [...q.options].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * q.maxRank))
            chosen.forEach((o, position) => insertAnswer.run(id, q.key, position, o.code, null, null, null))
            break
          }
          case 'grid':
            q.statements.forEach((s, position) => {
              if (random() < 0.95) insertAnswer.run(id, q.key, position, pick(SCALE_CODES), null, null, s.code)
            })
            break
          case 'number':
            insertAnswer.run(id, q.key, 0, null, Math.floor(random() * (q.max + 1)), null, null)
            break
          case 'text':
            // Every textEvery-th respondent writes one answer to q19; q20 stays blank.
            if (q.key === 'q19' && i % textEvery === 0 && texts < TEXT_ANSWERS) {
              const theme = pick(TEXT_THEMES)
              const words = `${pick(TEXT_OPENERS)}${pick(theme)}${random() < 0.4 ? `, ${pick(theme)}` : ''}${pick(TEXT_CLOSERS)}`
              insertAnswer.run(id, q.key, 0, null, null, words, null)
              texts++
            }
            break
          default:
            break
        }
      }
      if (random() < 0.7) {
        const broad = pick(['white', 'mixed', 'asian', 'black', 'other', 'asian'])
        const condition = pick(['yes', 'no', 'no', 'no'])
        const answers: [string, string][] = [
          ['age_band', pick(['16_24', '25_34', '35_49', '50_64', '65_74', '75_plus'])],
          ['sex', pick(['female', 'male'])],
          ['ethnic_group_broad', broad],
          ['ethnic_group', pick(ETHNIC_GROUPS[broad]!.options)],
          ['religion', pick(['none', 'christian', 'muslim', 'muslim', 'hindu', 'buddhist', 'jewish', 'sikh', 'other', 'prefer_not_to_say'])],
          ['long_term_condition', condition],
        ]
        if (condition === 'yes') answers.push(['activity_limitation', pick(['a_lot', 'a_little', 'not_at_all'])])
        for (const [key, code] of answers) insertEquality.run(id, key, code)
      }
    }
  })()
  raw.pragma('wal_checkpoint(TRUNCATE)')
  raw.close()
}
seedSeconds = (performance.now() - seedStart) / 1000
}
if (process.env.BENCH_SEED_ONLY === '1') {
  console.log(`seeded ${DB_FILE} in ${seedSeconds.toFixed(1)} s`)
  process.exit(0)
}
const wards = await db.selectFrom('ward').select(['code', 'name']).orderBy('name').execute()
const wardCodes = wards.map((w) => w.code)
const submitted = await db.selectFrom('response').select((eb) => eb.fn.countAll<number>().as('n')).where('consultation_id', '=', consultationId).where('status', '=', 'submitted').executeTakeFirstOrThrow()
const counts = await db
  .selectFrom('answer')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow()
const equalityCount = await db
  .selectFrom('equality_answer')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow()

// ---- the context a page would have ----------------------------------------------
const read = (lng: string, ns: string) => JSON.parse(fs.readFileSync(path.join('locales', lng, `${ns}.json`), 'utf8'))
const i18n = createI18n('en', { analysis: read('en', 'analysis'), survey: read('en', 'survey'), equality: read('en', 'equality'), common: read('en', 'common') })
const t = (key: string, values?: Record<string, unknown>) => i18n.t(key.includes(':') ? key : `analysis:${key}`, values as never) as unknown as string
const location = { kind: 'sqlite', filename: DB_FILE } as const
const loadOptions = { location, consultationId, definition, versionId, wardCodes, includeEquality: true }

function context(dataset: AnalysisContext['dataset']): AnalysisContext {
  return {
    user: { id: 'bench', email: 'bench@example.test', name: 'Bench', role: 'analyst' },
    db,
    locale: 'en',
    t,
    consultation: { id: consultationId, slug: 'bench-analysis', title: 'Analysis benchmark', status: 'open', isSynthetic: true },
    definition,
    dataset,
    wards,
    wardCodes,
    labeller: createLabeller(t, 'en', definition, new Map(wards.map((w) => [w.code, w.name]))),
    canSeeEquality: true,
    canUnsuppress: true,
    settings: { threshold: 10, suppress: true },
  }
}

function report() {
  console.log(`\n${RUNS} runs of each step. Peak RSS / JS heap: the largest sampled (every 10 ms) while the step ran.\n`)
  console.log('| step | median | runs | CPU (median, all threads) | peak RSS / heap | note |')
  console.log('| --- | ---: | --- | ---: | --- | --- |')
  for (const r of rows) console.log(`| ${r.step} | ${f(median(r.runs))} | ${r.runs.map(f).join(', ')} | ${f(median(r.cpu))} | ${mb(r.rss)} / ${mb(r.heap)} | ${r.note ?? ''} |`)
  console.log(`\n${dashboardLoop}`)
  console.log(`Peak memory over the run: RSS ${mb(peakRss)} sampled (maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}), JS heap ${mb(peakHeap)}`)
  console.log(`Machine at the end: ${machine()}`)
}

// ---- timing -------------------------------------------------------------------------
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`
const f = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`)
// Peak memory: over the whole run, and per step (the largest RSS and JS heap sampled while it ran).
let peakRss = process.memoryUsage().rss
let peakHeap = process.memoryUsage().heapUsed
let stepRss = 0
let stepHeap = 0
const sample = () => {
  const m = process.memoryUsage()
  peakRss = Math.max(peakRss, m.rss)
  peakHeap = Math.max(peakHeap, m.heapUsed)
  stepRss = Math.max(stepRss, m.rss)
  stepHeap = Math.max(stepHeap, m.heapUsed)
}
const sampler = setInterval(sample, 10)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
// The main thread's event loop, watched only while a step's own work runs (not its set-up).
let loopWatch: ReturnType<typeof monitorEventLoopDelay> | null = null
let loopMax = 0
let loopP99 = 0
const loopNote = (during: string) => `main thread's longest event-loop delay during ${during}: ${(loopMax / 1e6).toFixed(0)} ms (largest p99 of a run ${(loopP99 / 1e6).toFixed(0)} ms)`
const rows: { step: string; runs: number[]; cpu: number[]; rss: number; heap: number; note?: string }[] = []
async function time<T>(step: string, fn: () => T | Promise<T>, note?: (result: T) => string, before?: () => void | Promise<void>): Promise<T> {
  const runs: number[] = []
  // CPU time of the whole process (every thread, so the worker's too), user + system:
  // on a busy machine it moves much less than the wall-clock time.
  const cpu: number[] = []
  let last: T | undefined
  stepRss = 0
  stepHeap = 0
  for (let r = 0; r < RUNS; r++) {
    await before?.()
    sample()
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    loopWatch?.reset()
    loopWatch?.enable()
    last = await fn()
    runs.push(performance.now() - t0)
    if (loopWatch) {
      loopWatch.disable()
      loopMax = Math.max(loopMax, loopWatch.max)
      loopP99 = Math.max(loopP99, loopWatch.percentile(99))
    }
    const used = process.cpuUsage(c0)
    cpu.push((used.user + used.system) / 1000)
    sample()
  }
  rows.push({ step, runs, cpu, rss: stepRss, heap: stepHeap, note: note?.(last as T) })
  return last as T
}

const textCount = await db
  .selectFrom('answer')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('text_value', 'is not', null)
  .executeTakeFirstOrThrow()
console.log(
  `Analysis benchmark: ${Number(submitted.n).toLocaleString('en-GB')} responses, 20 questions (18 closed), ${Number(counts.n).toLocaleString('en-GB')} answer rows (${Number(textCount.n).toLocaleString('en-GB')} free text), ${Number(equalityCount.n).toLocaleString('en-GB')} equality answers; ${reuse ? 'database reused (BENCH_REUSE=1)' : `seeded in ${seedSeconds.toFixed(1)} s`}; ${mb(fs.statSync(DB_FILE).size)} SQLite file`,
)
const machine = () => `${os.cpus().length} cores (nproc; ${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`
console.log(`Machine at the start: ${machine()}`)

// New submitted responses, copied from existing ones (answers and equality answers too), as residents keep answering.
const raw = new Database(DB_FILE)
raw.pragma('busy_timeout = 5000')
const sources = raw.prepare("select id from response where consultation_id = ? and status = 'submitted' order by id limit 1000").pluck().all(consultationId) as string[]
let added = 0
function addResponses(count: number) {
  const copyResponse = raw.prepare(
    `insert into response (id, consultation_id, survey_version_id, channel, locale, status, reference, ward_code, is_synthetic, created_at, updated_at, submitted_at)
     select ?, consultation_id, survey_version_id, channel, locale, status, ?, ward_code, is_synthetic, ?, ?, ? from response where id = ?`,
  )
  const copyAnswers = raw.prepare('insert into answer (response_id, question_key, position, option_code, number_value, text_value, item_code) select ?, question_key, position, option_code, number_value, text_value, item_code from answer where response_id = ?')
  const copyEquality = raw.prepare('insert into equality_answer (response_id, question_key, option_code, text_value) select ?, question_key, option_code, text_value from equality_answer where response_id = ?')
  raw.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = crypto.randomUUID()
      const source = sources[added % sources.length]!
      const at = Date.now()
      copyResponse.run(id, `HYS-N${id.slice(0, 13)}`, at, at, at, source)
      copyAnswers.run(id, source)
      copyEquality.run(id, source)
      added++
    }
  })()
}

// The dashboard loader (dataset + tables) in the cases a request meets. The
// main thread's event loop is watched meanwhile, since the point of the
// worker is that residents are not held up.
loopWatch = monitorEventLoopDelay({ resolution: 10 })
const readTimes: number[] = []
const readNote = () => {
  const note = `of which the dataset: ${readTimes.map(f).join(', ')}`
  readTimes.length = 0
  return note
}
const loader = async () => {
  const t0 = performance.now()
  const dataset = await getDataset(db, loadOptions)
  readTimes.push(performance.now() - t0)
  return buildDashboardData(context(dataset), new URLSearchParams())
}
await time('whole dashboard loader, FIRST READ (nothing stored: every response read in the worker + tables)', loader, readNote, async () => {
  clearDatasetCache()
  await db.deleteFrom('analysis_snapshot').execute()
})
await time('whole dashboard loader, COLD (after a restart: stored snapshot + count + tables)', loader, readNote, () => clearDatasetCache())
await time('whole dashboard loader, COLD with 100 new responses (stored snapshot + top-up on the main thread + tables)', loader, readNote, () => {
  clearDatasetCache()
  addResponses(100)
})
await time('whole dashboard loader, COLD with 1,000 new responses (stored snapshot + top-up in the worker + tables)', loader, readNote, () => {
  clearDatasetCache()
  addResponses(1000)
})
await time('whole dashboard loader, WARM with 1 new response (memory + top-up on the main thread + tables)', loader, readNote, () => addResponses(1))
loopWatch = null
const dashboardLoop = loopNote('the dashboard loads')
if (process.env.BENCH_ONLY === 'dashboard') {
  report()
  raw.close()
  await db.destroy()
  process.exit(0)
}
const dataset = await getDataset(db, loadOptions)

const ctx = context(dataset)
await time('dashboard tables, no filter (4 overview + 18 questions, suppressed)', () => buildDashboardData(ctx, new URLSearchParams()))
await time('dashboard tables, filtered by language', () => buildDashboardData(ctx, new URLSearchParams({ language: 'bn' })))
await time('whole dashboard loader, dataset cached (cache check + tables)', async () => {
  const cached = await getDataset(db, loadOptions)
  return buildDashboardData(context(cached), new URLSearchParams())
})
const { mask } = filterMask(dataset, {}, wardCodes)
const input = { dataset, mask, labeller: ctx.labeller!, t, locale: 'en', settings: ctx.settings, wardCodes }
await time('cross-tab: q07 (scale) × ward question (20 wards)', () => buildCrossTab(input, 'q.q07', 'q.q12'))
await time('cross-tab: q05 (multiple, 10) × ethnic group (19)', () => buildCrossTab(input, 'q.q05', 'eq.ethnic_group'))
const rakingParams = new URLSearchParams([['run', '1'], ['margin', 'ward'], ['margin', 'sex'], ['margin', 'ethnic_group_broad'], ['margin', 'religion'], ['cap', '5'], ['collapse', '10']])
const censusMargins = await loadCensusMargins(db)
const rakingSpec = {
  margins: (['ward', 'sex', 'ethnic_group_broad', 'religion'] as const).map((d) => censusTargets(d, censusShares(censusMargins, d, wardCodes))!),
  cap: 5,
  collapseBelow: 10,
}
await time(
  'raking alone: 4 margins (runWeighting: coding + IPF + weights summary)',
  () => runWeighting(dataset, rakingSpec, wardCodes),
  (r) => (r.ok ? `${r.run.report.weights.length.toLocaleString('en-GB')} raked, converged ${r.run.report.converged}, ${r.run.report.iterations} iterations` : `problem ${r.problem.kind}`),
)
const weighting = await time(
  'weighting page: raking to 4 margins (ward, sex, ethnic group, religion) + weighted and unweighted tables',
  () => buildWeightingData(ctx, rakingParams),
  (r) => (r.result ? `converged ${r.result.converged}, ${r.result.iterations} iterations, design effect ${r.result.designEffect?.toFixed(2) ?? 'withheld'}, effective n ${r.result.effectiveN === null ? 'withheld' : Math.round(r.result.effectiveN).toLocaleString('en-GB')}` : `no result (${r.state})`),
)
const texts = await db
  .selectFrom('answer')
  .innerJoin('response', 'response.id', 'answer.response_id')
  .select('answer.text_value')
  .where('response.consultation_id', '=', consultationId)
  .where('answer.text_value', 'is not', null)
  .execute()
const textValues = texts.map((r) => r.text_value!)
await time(
  `clustering the free text (${textValues.length.toLocaleString('en-GB')} answers, TF-IDF + spherical k-means, k = 8)`,
  () => clusterTexts(textValues, { k: 8, seed: 1 }),
  (r) => (r.ok ? `${r.value.vocabularySize} terms, ${r.value.iterations} iterations, sizes ${r.value.clusters.map((c) => c.size).join('/')}` : `error ${r.error.kind}`),
)
// As the suggestions page works them out: in a worker thread (lexicons, clusters, redacted examples),
// with the main thread's event loop watched; then the same answers and k again, which are kept.
const textAnswers = texts.map((r, i) => ({ responseId: `r${i}`, text: r.text_value! }))
let clusterK = 6
loopMax = 0
loopP99 = 0
loopWatch = monitorEventLoopDelay({ resolution: 10 })
await time('theme suggestions in a worker thread (keyword lexicons + clusters, a new k each run)', () => workOutSuggestions(textAnswers, clusterK++), (r) => (r.clusters.ok ? `${r.clusters.value.length} clusters, ${r.lexicon.length} lexicon themes; ${loopNote('the runs so far')}` : `error ${r.clusters.error.kind}`))
await time('theme suggestions again, same answers and k (kept: an accept, merge or reject)', () => workOutSuggestions(textAnswers, clusterK - 1))
loopWatch = null
let firstByteMs = 0
let firstRowsMs = 0
const csvBytes = await time(
  'CSV export, streamed and protected as the route does (worker thread: read, count, write bytes)',
  async () => {
    const t0 = performance.now()
    let bytes = 0
    let chunks = 0
    for await (const chunk of streamResponsesCsv({ location, consultationId, definition, protection: { threshold: 10, mark: t('suppressed.primary', { threshold: 10 }) } })) {
      // The first chunk is the header line; the rows follow once the worker has read and counted them.
      if (chunks === 0) firstByteMs = performance.now() - t0
      if (chunks === 1) firstRowsMs = performance.now() - t0
      chunks++
      bytes += chunk.byteLength
    }
    return bytes
  },
  (b) => `${mb(b)}; first byte (the header) after ${firstByteMs.toFixed(0)} ms, first rows after ${f(firstRowsMs)} (last run)`,
)
void csvBytes
const workbookBytes = await time('XLSX export (tables + workbook)', async () => (await writeAnalysisWorkbook(exportDocument(ctx, buildDashboardData(ctx, new URLSearchParams())), t)).length, (b) => `${(b / 1000).toFixed(0)} kB`)
clearInterval(sampler)

report()
console.log(`Weighting ${weighting.state}; workbook ${workbookBytes} bytes; ${added.toLocaleString('en-GB')} responses added by this run`)
raw.close()
await db.destroy()
process.exit(0)
