import { useMatches } from '@remix-run/react'
import { useContext } from 'react'
import { useTranslation } from 'react-i18next'
import { UNSAFE_DataRouterStateContext } from 'react-router-dom'

/**
 * The document title: the deepest route's `pageTitle`, prefixed with "Error:"
 * when a form on the page came back with errors (GOV.UK pattern). Action data
 * is not passed to `meta`, so the title is rendered here instead.
 */
export function PageTitle() {
  const { t } = useTranslation('common')
  const matches = useMatches()
  const state = useContext(UNSAFE_DataRouterStateContext)
  const title = [...matches].reverse().map((m) => (m.data as { pageTitle?: string } | undefined)?.pageTitle).find(Boolean)
  // Forms return errors as a list (resident pages) or as a field-to-message map (staff forms).
  const hasErrors = Object.values(state?.actionData ?? {}).some((data) => {
    const errors = (data as { errors?: unknown } | null)?.errors
    if (Array.isArray(errors)) return errors.length > 0
    return Boolean(errors && typeof errors === 'object' && Object.keys(errors).length > 0)
  })
  if (!title) return null
  return <title>{`${hasErrors ? `${t('error_prefix')} ` : ''}${title} – ${t('page_title_suffix')}`}</title>
}
