import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

// Configuration: validated once, at start. The defaults run the demo with no
// configuration at all. No other module reads process.env.

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().default('data/have-your-say.db'),
  /** At least 32 characters. Generated into data/ for the demo when unset. */
  SESSION_SECRET: z.string().min(32).optional(),
  /** Days a saved draft is kept before it is deleted. */
  DRAFT_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(28),
  /** The public address, used in resume links; defaults to the request's own. */
  PUBLIC_URL: z.string().url().optional(),
  /** SQLite synchronous mode on the write path (see docs/decisions/0002-sqlite-durability.md). */
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** How often the data-protection job runs (expired drafts, anonymisation); 0 turns it off. */
  RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(0).default(60),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Read the analysis datasets ahead at start-up and after deletions, so analysts do not wait for a first read (app/features/analysis/warm-up.server.ts). */
  ANALYSIS_READ_AHEAD: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * Form posts a client (IP address) may make per minute; resume attempts are limited to a tenth.
   * A resident makes about 3 posts a minute, so 600 leaves room for many people behind one shared address.
   */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_DISABLED: z.enum(['true', 'false']).default('false'),
  /**
   * New device cookies (phones joining) one client address may be given for one event per hour.
   * A hall on one Wi-Fi shares an address: 2,000 leaves room for a full hall of about 1,000 phones,
   * each perhaps joining twice (a QR scanner's own browser, then the phone's), while a script
   * making up phones from one address is held to that many votes per question (see docs/operations.md).
   */
  EVENT_DEVICES_PER_ADDRESS: z.coerce.number().int().min(1).default(2000),
  /** Cookies marked Secure (HTTPS only; browsers also allow http://localhost). Defaults to on in production. */
  COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  /** Analysis pages and exports hide counts from 1 to this − 1 ("fewer than 10"); see docs/decisions/0005-small-numbers.md. */
  SUPPRESSION_THRESHOLD: z.coerce.number().int().min(2).max(100).default(10),
  /** '1' prints every executed SQL query as a JSON line on stdout (for bench/page-cost.mjs). */
  HYS_SQL_LOG: z.enum(['0', '1']).optional(),
})

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string; cookieSecure: boolean }

let cached: Env | undefined

export function getEnv(): Env {
  if (cached) return cached
  const parsed = EnvSchema.safeParse(process.env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')
    throw new Error(`Invalid configuration:\n${problems}`)
  }
  const env = parsed.data
  cached = {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? demoSessionSecret(env),
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === 'true' : env.NODE_ENV === 'production',
  }
  return cached
}

/** For a demo or development run only: a random secret kept beside the database. */
function demoSessionSecret(env: z.infer<typeof EnvSchema>): string {
  if (env.NODE_ENV === 'production' && process.env.HYS_REQUIRE_SECRET === '1') {
    throw new Error('SESSION_SECRET must be set in production')
  }
  // Beside the SQLite file; with PostgreSQL, in data/ (a URL is not a folder).
  const onPostgres = /^postgres(ql)?:\/\//i.test(env.DATABASE_URL)
  const dir = onPostgres ? path.resolve('data') : path.dirname(path.resolve(env.DATABASE_URL.replace(/^file:/, '')))
  const file = path.join(dir, 'session-secret')
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    fs.mkdirSync(dir, { recursive: true })
    const secret = crypto.randomBytes(32).toString('hex')
    fs.writeFileSync(file, secret, { mode: 0o600, flag: 'wx' })
    return secret
  }
}

/** Test setup uses this to apply its own configuration. */
export function resetEnvForTests() {
  cached = undefined
}
