// Where the embedded database lives. DATABASE_URL may be a file path or file: URL.
export const DEFAULT_DATABASE_FILE = 'data/have-your-say.db'

export function databaseFileFromEnv(env: { DATABASE_URL?: string | undefined } = { DATABASE_URL: process.env.DATABASE_URL }): string {
  const url = env.DATABASE_URL?.trim()
  if (!url) return DEFAULT_DATABASE_FILE
  if (url.startsWith('file:')) return url.slice('file:'.length)
  if (/^[a-z]+:\/\//i.test(url)) {
    throw new Error(`DATABASE_URL "${redact(url)}" is not supported yet: use a SQLite file path such as ${DEFAULT_DATABASE_FILE}`)
  }
  return url
}

function redact(url: string) {
  return url.replace(/\/\/[^@/]*@/, '//***@')
}
