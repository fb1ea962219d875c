#!/usr/bin/env node
// Completed submissions per second over HTTP. One "submission" is a whole
// resident flow with its own cookie jar, exactly as a browser without
// JavaScript sends it (four POSTs, see lib/flow.mjs).
// BENCH_CONCURRENCY flows run at once (default 20) for BENCH_DURATION seconds
// (default 20), after a warm-up of BENCH_WARMUP seconds (default 3). A flow
// started before the end runs to its end. Afterwards the SQLite file is read
// (readonly) to check that the number of submitted responses grew by exactly
// the number of submissions the server acknowledged.
//
// Starts its own server (port 3212, fresh database bench/.tmp/submissions.db,
// rate limiting off) and stops it at the end.
import http from 'node:http'
import path from 'node:path'
import { STEPS, combined, countResponses, ms, newStats, percentile, runFlows, serverLogSummary } from './lib/flow.mjs'
import { TMP, cpuSeconds, freshDatabase, loadAverage, machine, requireBuild, startServer } from './lib/server.mjs'

const PORT = Number(process.env.BENCH_PORT ?? 3212)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20)
const DURATION_S = Number(process.env.BENCH_DURATION ?? 20)
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 3)

async function main() {
  requireBuild()
  console.log(`Submissions: whole resident flows (4 POSTs each, own cookie jar), ${CONCURRENCY} at once for ${DURATION_S} s after a ${WARMUP_S} s warm-up`)
  console.log(`Machine: ${machine()} (the load generator runs on the same machine as the server)`)
  console.log(`SQLite synchronous = ${process.env.SQLITE_SYNCHRONOUS ?? 'FULL'} on the write path (the app's default is FULL; SQLITE_SYNCHRONOUS=NORMAL to compare)`)
  console.log('Rate limit: off (RATE_LIMIT_DISABLED=true; every flow comes from 127.0.0.1). Retention job: off (RETENTION_INTERVAL_MINUTES=0).')
  const dbFile = freshDatabase('submissions.db')
  const before = await countResponses({ dbFile })
  const logFile = path.join(TMP, 'submissions.server.log')
  const server = await startServer({ port: PORT, dbFile, logFile })
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  let warm
  let stats
  let exit
  try {
    warm = WARMUP_S > 0 ? await runFlows(agent, server.origin, WARMUP_S, CONCURRENCY) : newStats()
    const serverCpu = cpuSeconds(server.pid)
    const clientCpu = process.cpuUsage()
    stats = await runFlows(agent, server.origin, DURATION_S, CONCURRENCY)
    stats.serverCpuS = serverCpu === null ? null : cpuSeconds(server.pid) - serverCpu
    const client = process.cpuUsage(clientCpu)
    stats.clientCpuS = (client.user + client.system) / 1e6
    stats.loadAfter = loadAverage()
  } finally {
    agent.destroy()
    exit = await server.stop()
  }
  const after = await countResponses({ dbFile })

  const submitted = (after.submitted ?? 0) - (before.submitted ?? 0)
  const newDrafts = (after.draft ?? 0) - (before.draft ?? 0)
  const acknowledged = warm.acknowledged + stats.acknowledged

  console.log('')
  console.log(`Completed submissions          ${stats.flowsCompleted} in ${stats.elapsedS.toFixed(1)} s`)
  console.log(`Submissions per second         ${(stats.flowsCompleted / stats.elapsedS).toFixed(1)}`)
  console.log(`HTTP requests per second       ${(stats.requests / stats.elapsedS).toFixed(1)} (${stats.requests} requests)`)
  console.log(`Submit (POST /check) latency   p50 ${ms(percentile(stats.stepMs.submit, 50))}   p99 ${ms(percentile(stats.stepMs.submit, 99))}   max ${ms(Math.max(...stats.stepMs.submit))}`)
  for (const step of STEPS.slice(0, 3)) {
    console.log(`  POST q/${step.name.padEnd(12)}        p50 ${ms(percentile(stats.stepMs[step.name], 50))}   p99 ${ms(percentile(stats.stepMs[step.name], 99))}`)
  }
  console.log(`Whole flow latency             p50 ${ms(percentile(stats.flowMs, 50))}   p99 ${ms(percentile(stats.flowMs, 99))}   max ${ms(Math.max(...stats.flowMs))}`)
  if (stats.serverCpuS !== null) {
    console.log(
      `Server CPU                     ${stats.serverCpuS.toFixed(1)} s in ${stats.elapsedS.toFixed(1)} s (${((100 * stats.serverCpuS) / stats.elapsedS).toFixed(0)}% of one core), ${stats.flowsCompleted ? ((1000 * stats.serverCpuS) / stats.flowsCompleted).toFixed(1) : '-'} ms per submission (4 requests)`,
    )
  }
  console.log(`Load generator CPU             ${stats.clientCpuS.toFixed(1)} s (${((100 * stats.clientCpuS) / stats.elapsedS).toFixed(0)}% of one core)`)
  console.log(`At the end of the run          ${stats.loadAfter}`)
  console.log(`Errors (not 2xx/3xx, or none)  ${stats.errors + warm.errors}${warm.errors ? ` (${warm.errors} in the warm-up)` : ''}`)
  console.log(`Unexpected 2xx/3xx             ${stats.unexpected + warm.unexpected}`)
  console.log(`Failed flows                   ${stats.flowsFailed + warm.flowsFailed}`)
  const statuses = combined([warm, stats], 'statuses')
  console.log(`Status codes (incl. warm-up)   ${Object.entries(statuses).map(([k, v]) => `${k === '0' ? 'no response' : k}: ${v}`).join(', ')}`)
  const failures = combined([warm, stats], 'failures')
  for (const [k, v] of Object.entries(failures)) console.log(`  failure: ${k} x${v}`)

  // What the server itself logged: 5xx responses and error lines.
  const { lines, server5xx, errorLines } = serverLogSummary(logFile)
  console.log(`Server log                     ${lines} lines, ${server5xx} responses 5xx, ${errorLines.length} error/warn/unstructured lines (${path.relative(process.cwd(), logFile)})`)
  for (const line of errorLines.slice(0, 5)) console.log(`  ${line.slice(0, 300)}`)
  console.log(`Server exit on SIGTERM         ${exit.code === 0 ? 'clean (0)' : JSON.stringify(exit)}`)

  const ok = submitted === acknowledged
  console.log('')
  console.log(`Check against the database (readonly, after the server stopped): ${dbFile}`)
  console.log(`  acknowledged submissions (302 -> /equality), warm-up + run: ${warm.acknowledged} + ${stats.acknowledged} = ${acknowledged}`)
  console.log(`  submitted responses: ${before.submitted ?? 0} seeded -> ${after.submitted ?? 0}, so ${submitted} new`)
  console.log(`  drafts left behind by the benchmark: ${newDrafts} (flows that failed before submitting: ${warm.flowsFailed + stats.flowsFailed})`)
  console.log(`  ${ok ? 'OK: every acknowledged submission is in the database, and nothing more' : 'MISMATCH: the database does not hold exactly the acknowledged submissions'}`)
  if (!ok) process.exitCode = 1
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
