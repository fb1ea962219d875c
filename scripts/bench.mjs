#!/usr/bin/env node
// npm run bench: the benchmarks, one after the other (each starts and stops its
// own server on its own port and database under bench/.tmp/). They print figures;
// they are not tests. See bench/README.md.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

if (!fs.existsSync('build/server/index.js')) {
  console.error('The benchmarks need the production build: run "npx remix vite:build" first.')
  process.exit(1)
}

let failed = 0
for (const script of ['bench/page-weight.mjs', 'bench/submissions.mjs', 'bench/engines.mjs', 'bench/page-cost.mjs', 'bench/read-path.ts', 'bench/import.ts', 'bench/analysis.ts', 'bench/events.ts']) {
  // TypeScript benchmarks (they import app modules) run through tsx.
  const [command, args] = script.endsWith('.ts') ? ['npx', ['tsx', script]] : [process.execPath, [script]]
  console.log(`\n$ ${script.endsWith('.ts') ? 'npx tsx' : 'node'} ${script}`)
  const status = spawnSync(command, args, { stdio: 'inherit' }).status ?? 1
  if (status !== 0) {
    failed++
    console.error(`${script} failed (exit ${status})`)
  }
}
process.exit(failed ? 1 : 0)
