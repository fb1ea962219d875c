// Where the database lives. DATABASE_URL is a SQLite file path (or file: URL),
// or a postgres:// URL for deployments that outgrow one machine.
export const DEFAULT_DATABASE_FILE = 'data/have-your-say.db'

export type DatabaseLocation = { kind: 'sqlite'; filename: string } | { kind: 'postgres'; url: string }

export function databaseLocationFromEnv(env: { DATABASE_URL?: string | undefined } = { DATABASE_URL: process.env.DATABASE_URL }): DatabaseLocation {
  const url = env.DATABASE_URL?.trim()
  if (!url) return { kind: 'sqlite', filename: DEFAULT_DATABASE_FILE }
  if (/^postgres(ql)?:\/\//i.test(url)) {
    try {
      new URL(url)
    } catch {
      throw new Error(`DATABASE_URL "${redactUrl(url)}" is not a valid PostgreSQL URL (postgres://user:password@host:5432/database)`)
    }
    return { kind: 'postgres', url }
  }
  if (url.startsWith('file:')) return { kind: 'sqlite', filename: url.slice('file:'.length) }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new Error(`DATABASE_URL "${redactUrl(url)}" is not supported: use a SQLite file path such as ${DEFAULT_DATABASE_FILE}, or a postgres:// URL`)
  }
  return { kind: 'sqlite', filename: url }
}

/** Never print a password. */
export function redactUrl(url: string) {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@')
}
