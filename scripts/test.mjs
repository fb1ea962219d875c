#!/usr/bin/env node
// npm test: the whole suite, in order: typecheck, the production build, unit
// and integration tests (Vitest; real SQLite files and a throwaway PostgreSQL),
// then browser tests (Playwright in Debian's Chromium against the production
// build). Ends with one summary line.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

const run = (cmd, args, opts = {}) => {
  console.log(`\n$ ${cmd} ${args.join(' ')}`)
  return spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status ?? 1
}

if (!fs.existsSync('node_modules/.package-lock.json')) {
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) process.exit(1)
}
fs.mkdirSync('tests/.tmp', { recursive: true })

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!fs.existsSync(chromium)) {
  console.error(`Browser tests need Debian's Chromium at ${chromium}: run "apt-get install -y chromium" (bash .ci/run does).`)
  process.exit(1)
}

// Integration tests run on SQLite and on PostgreSQL: start a throwaway PostgreSQL
// on loopback unless one is given (scripts/test-postgres.sh installs Debian's
// postgresql when missing and running as root, as in CI).
let startedPostgres = false
/** Why the PostgreSQL variants of the integration tests do not run, when they do not. */
let postgresMissing = ''
if (!process.env.TEST_POSTGRES_URL) {
  const started = spawnSync('bash', ['scripts/test-postgres.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  if (started.stderr) process.stderr.write(started.stderr)
  const url = started.stdout?.match(/TEST_POSTGRES_URL=(\S+)/)?.[1]
  if (started.status === 0 && url) {
    process.env.TEST_POSTGRES_URL = url
    startedPostgres = true
    console.log(`PostgreSQL for the integration tests: ${url}`)
  } else {
    postgresMissing = started.stderr?.trim().split('\n').pop() || 'PostgreSQL could not be started'
    console.warn(`WARNING: PostgreSQL could not be started (${postgresMissing}); integration tests run on SQLite only.`)
  }
}
process.on('exit', () => {
  if (startedPostgres) spawnSync('bash', ['scripts/test-postgres.sh', 'stop'], { stdio: 'ignore' })
})

let failedSteps = 0
const step = (name, status) => {
  if (status !== 0) {
    failedSteps++
    console.error(`\n${name} failed (exit ${status})`)
  }
}

step('typecheck', run('npx', ['tsc']))
// The production build comes first: hostile-input tests drive it in-process, and the browser tests serve it.
step('build', run('npx', ['remix', 'vite:build']))
step('vitest', run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=tests/.tmp/vitest-results.json']))
step('playwright', run('npx', ['playwright', 'test']))

/**
 * The integration tests' PostgreSQL variants are not registered at all without
 * TEST_POSTGRES_URL (tests/support/test-db.ts): count them by listing the tests
 * with and without a (never contacted) URL, so the summary shows them as skipped.
 */
function countPostgresVariants() {
  const count = (env, file) => {
    fs.rmSync(file, { force: true })
    spawnSync('npx', ['vitest', 'list', '--project', 'integration', `--json=${file}`], { env, stdio: 'ignore' })
    return JSON.parse(fs.readFileSync(file, 'utf8')).length
  }
  try {
    const withPostgres = count({ ...process.env, TEST_POSTGRES_URL: 'postgres://not-started.invalid/none' }, 'tests/.tmp/vitest-list-postgres.json')
    return Math.max(0, withPostgres - count(process.env, 'tests/.tmp/vitest-list-sqlite.json'))
  } catch {
    return null
  }
}
const postgresSkipped = postgresMissing ? countPostgresVariants() : 0

// One closing line for people and CI: counts from both runners' JSON reports.
let passed = 0
let failed = 0
let skipped = 0
try {
  const v = JSON.parse(fs.readFileSync('tests/.tmp/vitest-results.json', 'utf8'))
  passed += v.numPassedTests
  failed += v.numFailedTests
  skipped += v.numPendingTests + (v.numTodoTests ?? 0)
} catch {
  failed++
}
try {
  const p = JSON.parse(fs.readFileSync('tests/.tmp/playwright-results.json', 'utf8'))
  passed += p.stats.expected
  failed += p.stats.unexpected + p.stats.flaky
  skipped += p.stats.skipped
} catch {
  failed++
}
if (failedSteps && failed === 0) failed = failedSteps
skipped += postgresSkipped ?? 0
// Not a failure (a machine may have no PostgreSQL to install), but never silent.
const postgresNote = postgresMissing ? `, ${postgresSkipped ?? 'some'} of them the integration tests' PostgreSQL variants: ${postgresMissing}` : ''
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped${postgresNote}`)
process.exit(failed || failedSteps ? 1 : 0)
