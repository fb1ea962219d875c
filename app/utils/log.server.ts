// Structured logs: one JSON object a line, with the request id when there is one.
type Fields = Record<string, unknown>

export function log(level: 'info' | 'warn' | 'error', message: string, fields: Fields = {}) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })
  if (level === 'error') console.error(line)
  else console.log(line)
}

export function logError(error: unknown, fields: Fields = {}) {
  const err = error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) }
  log('error', 'unexpected error', { ...fields, ...err })
}
