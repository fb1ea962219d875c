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
if (!process.env.TEST_POSTGRES_URL) {
  const started = spawnSync('bash', ['scripts/test-postgres.sh'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  const url = started.stdout?.match(/TEST_POSTGRES_URL=(\S+)/)?.[1]
  if (started.status === 0 && url) {
    process.env.TEST_POSTGRES_URL = url
    startedPostgres = true
    console.log(`PostgreSQL for the integration tests: ${url}`)
  } else {
    console.warn('WARNING: PostgreSQL could not be started; integration tests run on SQLite only.')
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
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed || failedSteps ? 1 : 0)
