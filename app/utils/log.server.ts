import { getEnv } from './env.server.ts'

// Structured logs: one JSON object a line, with the request id when there is one.
type Fields = Record<string, unknown>
type Level = 'debug' | 'info' | 'warn' | 'error'

const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/** Lines below LOG_LEVEL are not written. */
export function log(level: Level, message: string, fields: Fields = {}) {
  if (RANK[level] < RANK[getEnv().LOG_LEVEL]) return
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })
  if (level === 'error') console.error(line)
  else console.log(line)
}

export function logError(error: unknown, fields: Fields = {}) {
  const err = error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) }
  log('error', 'unexpected error', { ...fields, ...err })
}
