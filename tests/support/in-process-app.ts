import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

// The real production request handler (build/server/index.js), driven in
// process: no network, no Express. What server.mjs adds in front of it (the
// Origin check, the body size limit, security headers) is not exercised here.
//
// Call startInProcessApp() before importing anything from app/: it sets the
// configuration the app reads once (env.server.ts caches it) and seeds a fresh
// SQLite file the build then opens.

export const ORIGIN = 'http://localhost'
const TMP = path.resolve('tests/.tmp')
const BUILD = path.resolve('build/server/index.js')

export type Handler = (request: Request, loadContext?: Record<string, unknown>) => Promise<Response>

export interface InProcessApp {
  handler: Handler
  /** The SQLite file the app writes to */
  dbFile: string
  wardCodes: string[]
  cleanup: () => void
}

export async function startInProcessApp(prefix = 'app', env: Record<string, string> = {}): Promise<InProcessApp> {
  fs.mkdirSync(TMP, { recursive: true })
  const dbFile = path.join(TMP, `${prefix}-${crypto.randomUUID()}.db`)
  Object.assign(process.env, {
    NODE_ENV: 'production',
    DATABASE_URL: dbFile,
    SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
    COOKIE_SECURE: 'false',
    RATE_LIMIT_DISABLED: 'true',
    RETENTION_INTERVAL_MINUTES: '0',
    ...env,
  })
  delete process.env.PUBLIC_URL

  const { migrateToLatest } = await import('../../db/migrate.ts')
  const { createSqliteDb } = await import('../../db/connection.ts')
  const { seedReferenceData } = await import('../../db/seed/reference-data.ts')
  const { seedDemo } = await import('../../db/seed/demo.ts')
  const seedDb = createSqliteDb(dbFile)
  let wardCodes: string[]
  try {
    await migrateToLatest(seedDb)
    const { frameworkId } = await seedReferenceData(seedDb)
    await seedDemo(seedDb, frameworkId, { responses: 0 })
    wardCodes = (await seedDb.selectFrom('ward').select('code').execute()).map((w) => w.code)
  } finally {
    await seedDb.destroy()
  }

  const build = await importBuild()
  const { createRequestHandler } = await import('@remix-run/node')
  const handler = createRequestHandler(build, 'production') as Handler
  return {
    handler,
    dbFile,
    wardCodes,
    cleanup() {
      if (process.env.KEEP_TEST_DB === '1') return
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true })
    },
  }
}

async function importBuild() {
  // Another process may be rebuilding (vite:build empties build/ first): wait a little and retry.
  let lastError: unknown
  for (let attempt = 0; attempt < 10; attempt++) {
    if (fs.existsSync(BUILD)) {
      try {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        return (await import(/* @vite-ignore */ pathToFileURL(BUILD).href)) as any
      } catch (error) {
        lastError = error
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000))
  }
  if (!fs.existsSync(BUILD)) {
    throw new Error(`The production build is missing (${path.relative(process.cwd(), BUILD)}): run \`npx remix vite:build\` first (npm test builds before running Vitest).`)
  }
  throw new Error(`Could not import the production build ${BUILD}: ${lastError instanceof Error ? lastError.message : String(lastError)}`)
}

/** Bytes as a browser or proxy would pass them in a header: UTF-8 seen as Latin-1, no NUL, CR or LF. */
export function headerSafe(value: string): string {
  return Buffer.from(wellFormed(value), 'utf8').toString('latin1').replace(/[\0\r\n]/g, '')
}

/** Lone surrogates become U+FFFD, as any UTF-8 encoder on the way would make them. */
export function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
}

/** The name=value part of every Set-Cookie header of a response, by cookie name. */
export function setCookies(response: Response): Map<string, string> {
  const out = new Map<string, string>()
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';')[0]!
    const name = pair.slice(0, pair.indexOf('='))
    out.set(name, pair)
  }
  return out
}

// What a production error page must never show: stack frames, file paths, driver errors.
const LEAKS: [string, RegExp][] = [
  ['stack frame', /\bat (?:async )?[^\s()<>]*\s?\((?:\/|file:|node:)[^)\s]*:\d+:\d+\)/],
  ['stack frame', /\bat (?:\/|file:\/\/|node:)[^\s<>]+:\d+:\d+/],
  ['file path', /node_modules\//],
  ['file path', /\/build\/server\/index\.js/],
  ['driver error', /SqliteError|SQLITE_[A-Z]+|better-sqlite3/],
  ['error name', /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|URIError): /],
]

export function leakIn(body: string): string | null {
  const cwd = process.cwd()
  if (cwd.length > 1 && body.includes(cwd)) return `server path ${cwd}`
  for (const [name, pattern] of LEAKS) {
    const match = body.match(pattern)
    if (match) return `${name}: ${JSON.stringify(match[0].slice(0, 200))}`
  }
  return null
}
