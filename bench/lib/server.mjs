// Shared by the benchmarks: a fresh, seeded SQLite file (or PostgreSQL database, see
// postgres.mjs) and the production server (node server.mjs) on a port of its own,
// stopped with SIGTERM. Every server runs with rate limiting off and the retention job off.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const TMP = path.join(ROOT, 'bench/.tmp')
export const SLUG = 'a-tower-hamlets-for-all-your-priorities'
const SESSION_SECRET = 'bench-only-session-secret-0123456789abcdef'

export function machine() {
  return `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, Node ${process.version}, ${os.platform()} ${os.arch()}; ${loadAverage()}`
}

/** Other work on the machine skews every figure: print it beside them. */
export function loadAverage() {
  return `load average ${os.loadavg().map((n) => n.toFixed(2)).join(' ')} (1, 5, 15 min)`
}

let clockTicks
function procStat(pid) {
  clockTicks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // After "pid (comm) ": state, ppid, ..., utime (index 11), stime, cutime, cstime.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux only; null elsewhere). */
export function cpuSeconds(pid) {
  try {
    const fields = procStat(pid)
    return (Number(fields[11]) + Number(fields[12])) / clockTicks
  } catch {
    return null
  }
}

/**
 * CPU seconds of a process and all its children: its own, its reaped children's (cutime, cstime)
 * and its live children's. For PostgreSQL: the postmaster and its backends. Null where there is no /proc.
 */
export function cpuSecondsWithChildren(pid) {
  try {
    const own = procStat(pid)
    let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      try {
        const fields = procStat(entry)
        if (Number(fields[1]) === pid) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])
      } catch {
        // The process ended while being read.
      }
    }
    return ticks / clockTicks
  } catch {
    return null
  }
}

export function requireBuild() {
  if (!fs.existsSync(path.join(ROOT, 'build/server/index.js'))) {
    console.error('No production build (build/server/index.js): run "npx remix vite:build" first.')
    process.exit(1)
  }
}

/** Deletes the database (and its -wal/-shm files), then migrates and seeds it with the demo. */
export function freshDatabase(name) {
  fs.mkdirSync(TMP, { recursive: true })
  const file = path.join(TMP, name)
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
  seed(path.relative(ROOT, file), file)
  return file
}

/** Migrates and seeds (reference data and the demo) the database at databaseUrl: db/seed-cli.ts. */
export function seed(databaseUrl, label = databaseUrl) {
  const seeded = spawnSync('npx', ['tsx', 'db/seed-cli.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  })
  if (seeded.status !== 0) {
    console.error(seeded.stdout, seeded.stderr)
    throw new Error(`Seeding ${label} failed (exit ${seeded.status})`)
  }
}

/**
 * Starts node server.mjs on the SQLite file dbFile, or on databaseUrl (a postgres:// URL);
 * resolves once /healthz answers 200. Its stdout and stderr go to logFile.
 * Rate limiting is off (RATE_LIMIT_DISABLED=true: every benchmark's requests come from
 * 127.0.0.1) and so is the retention job (RETENTION_INTERVAL_MINUTES=0); env adds to or overrides this.
 */
export async function startServer({ port, dbFile, databaseUrl, logFile, env = {} }) {
  const log = fs.openSync(logFile, 'w')
  // BENCH_SERVER_NODE_ARGS: extra Node options for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // (NODE_OPTIONS refuses --cpu-prof, and would profile the load generator too).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []
  const child = spawn(process.execPath, [...nodeArgs, 'server.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl ?? path.relative(ROOT, dbFile),
      SESSION_SECRET,
      COOKIE_SECURE: 'false',
      RATE_LIMIT_DISABLED: 'true',
      RETENTION_INTERVAL_MINUTES: '0',
      ...env,
    },
    stdio: ['ignore', log, log],
  })
  fs.closeSync(log)
  let exited = null
  child.on('exit', (code, signal) => (exited = { code, signal }))
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (exited) throw new Error(`The server exited at start (${JSON.stringify(exited)}); see ${logFile}`)
    const status = await new Promise((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
        res.resume()
        resolve(res.statusCode)
      })
      req.on('error', () => resolve(0))
      req.setTimeout(2000, () => req.destroy())
    })
    if (status === 200) {
      return {
        port,
        origin: `http://127.0.0.1:${port}`,
        pid: child.pid,
        async stop() {
          if (exited) return exited
          const done = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
          child.kill('SIGTERM')
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
          const result = await done
          clearTimeout(timer)
          return result
        },
      }
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  child.kill('SIGKILL')
  throw new Error(`The server did not answer /healthz on port ${port} within 30 s; see ${logFile}`)
}
