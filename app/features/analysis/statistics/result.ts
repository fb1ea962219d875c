// A result union shared by the statistics functions. Analysts' screens show
// the error kind translated; nothing here throws for bad data, so no stack
// trace ever reaches a user.

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E }

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value })
export const fail = <E>(error: E): { ok: false; error: E } => ({ ok: false, error })
