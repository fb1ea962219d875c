// Shared by the benchmarks: a fresh, seeded SQLite file and the production
// server (node server.mjs) on a port of its own, stopped with SIGTERM.
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
/** CPU seconds (user + system) a process has used so far, from /proc (Linux only; null elsewhere). */
export function cpuSeconds(pid) {
  try {
    clockTicks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / clockTicks
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
  const seeded = spawnSync('npx', ['tsx', 'db/seed-cli.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: path.relative(ROOT, file) },
    encoding: 'utf8',
  })
  if (seeded.status !== 0) {
    console.error(seeded.stdout, seeded.stderr)
    throw new Error(`Seeding ${file} failed (exit ${seeded.status})`)
  }
  return file
}

/** Starts node server.mjs; resolves once /healthz answers 200. Its stdout and stderr go to logFile. */
export async function startServer({ port, dbFile, logFile, env = {} }) {
  const log = fs.openSync(logFile, 'w')
  const child = spawn(process.execPath, ['server.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: path.relative(ROOT, dbFile),
      SESSION_SECRET,
      COOKIE_SECURE: 'false',
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
