import type { Role } from '../../../db/schema.ts'

export type { Role }
/** admin: users and frameworks; officer: consultations, surveys, events; analyst: results, coding, exports, equality data; moderator: live Q&A only. */
export const ROLES: Role[] = ['admin', 'officer', 'analyst', 'moderator']
