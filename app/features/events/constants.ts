// Client-safe lists the staff pages render.
export const CHARTER_STATUSES = ['committed', 'in_progress', 'done'] as const
export type CharterStatus = (typeof CHARTER_STATUSES)[number]

/** The blocked-words list is kept in English and Bengali. */
export const BLOCKED_WORD_LOCALES = ['en', 'bn'] as const

/** A congress note (key issue or proposed commitment): characters. */
export const NOTE_MAX = 500

/** Ask the Mayor page on a phone: waiting questions, and answered ones, at most this many of each (page and stream alike). */
export const PHONE_QUESTIONS = 50
