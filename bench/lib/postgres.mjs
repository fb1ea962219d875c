// A throwaway PostgreSQL for the benchmarks, started by scripts/test-postgres.sh
// (the same script the tests use) on its own port and data directory.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { ROOT } from './server.mjs'

export const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54339)
export const PG_DIR = process.env.BENCH_PG_DIR ?? '/tmp/hys-bench-postgres'

function script(args = []) {
  return spawnSync('bash', ['scripts/test-postgres.sh', ...args], {
    cwd: ROOT,
    env: { ...process.env, TEST_POSTGRES_PORT: String(PG_PORT), TEST_POSTGRES_DIR: PG_DIR },
    encoding: 'utf8',
  })
}

/**
 * Starts a fresh PostgreSQL (new data directory) and returns its admin URL (database "postgres").
 * scripts/test-postgres.sh starts it with fsync=off, which is right for tests but makes commits
 * free; with { fsync: true } it is restarted with fsync on, so a commit waits for the disk as
 * SQLite's do.
 */
export async function startPostgres({ fsync = true } = {}) {
  const started = script()
  const match = started.stdout.match(/^export TEST_POSTGRES_URL=(\S+)$/m)
  if (started.status !== 0 || !match) {
    throw new Error(`scripts/test-postgres.sh failed (exit ${started.status}):\n${started.stdout}\n${started.stderr}`)
  }
  const adminUrl = match[1]
  if (fsync) {
    // -c fsync=off is on the server's command line, which outranks ALTER SYSTEM: restart it with
    // the script's other options and without that one (fsync defaults to on).
    const bin = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))[0]
    const pgCtl = [`/usr/lib/postgresql/${bin}/bin/pg_ctl`, '-D', PG_DIR, '-l', path.join(PG_DIR, 'server.log'), '-w', '-t', '30', '-m', 'fast', 'restart', '-o', `-c listen_addresses=127.0.0.1 -p ${PG_PORT} -k ${PG_DIR} -c max_connections=200`]
    const asRoot = process.getuid?.() === 0
    const restarted = spawnSync(asRoot ? 'runuser' : pgCtl[0], asRoot ? ['-u', 'postgres', '--', ...pgCtl] : pgCtl.slice(1), { encoding: 'utf8' })
    if (restarted.status !== 0) throw new Error(`Restarting PostgreSQL with fsync on failed:\n${restarted.stdout}\n${restarted.stderr}`)
    if ((await query(adminUrl, 'show fsync')).rows[0].fsync !== 'on') throw new Error('PostgreSQL still has fsync off')
  }
  return {
    adminUrl,
    dir: PG_DIR,
    /** The postmaster's pid (its backends are its children), for CPU figures. */
    pid: Number(fs.readFileSync(path.join(PG_DIR, 'postmaster.pid'), 'utf8').split('\n')[0]),
    /** A fresh, empty database on this server; returns its URL. */
    async createDatabase(name) {
      await query(adminUrl, `drop database if exists ${name}`)
      await query(adminUrl, `create database ${name}`)
      const url = new URL(adminUrl)
      url.pathname = `/${name}`
      return url.href
    },
    async settings() {
      const { rows } = await query(adminUrl, `select name, setting from pg_settings where name in ('server_version', 'fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes', 'shared_buffers', 'max_connections') order by name`)
      return Object.fromEntries(rows.map((r) => [r.name, r.setting]))
    },
    stop() {
      script(['stop'])
    },
  }
}

export async function query(url, text, values = []) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await client.query(text, values)
  } finally {
    await client.end()
  }
}
