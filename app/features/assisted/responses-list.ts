// What the staff responses list shares with its page: client-safe constants and types.

export const PAGE_SIZE = 50
/** The enterer filter's value for responses nobody entered for the resident (online, imports). */
export const NOBODY = 'none'

export type VerificationStatus = 'not_paper' | 'not_verified' | 'matched' | 'mismatch' | 'resolved'
