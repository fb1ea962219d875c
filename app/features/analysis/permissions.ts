import type { Role } from '../auth/roles.ts'

// Who may do what with results (docs/decisions/0005-small-numbers.md).

/** The analysis pages and exports: analysts, and administrators. */
export const ANALYSIS_ROLES: readonly Role[] = ['admin', 'analyst']

/** Equality answers (special category data): the profile, equality filters and cross-tabs by equality group. */
export const EQUALITY_DATA_ROLES: readonly Role[] = ['admin', 'analyst']

/**
 * Roles that may switch small-number suppression off on screen for internal
 * working (with a warning on every page, and an audit entry). Exports are
 * always suppressed, whoever downloads them.
 */
export const UNSUPPRESSED_VIEW_ROLES: readonly Role[] = ['analyst']

export const canSeeEqualityData = (role: Role) => EQUALITY_DATA_ROLES.includes(role)
export const canSwitchOffSuppression = (role: Role) => UNSUPPRESSED_VIEW_ROLES.includes(role)
