import { isRouteErrorResponse, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

// One translated error page for every route. Expected failures arrive as
// thrown Responses (404, 403, 410...); anything else is a 500 whose details are
// logged on the server and never shown.
export function GeneralErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation('common')
  let title = t('errors.server_title')
  let body = t('errors.server_body')
  if (isRouteErrorResponse(error)) {
    const data = typeof error.data === 'object' && error.data ? (error.data as Record<string, string>) : {}
    switch (error.status) {
      case 404:
        title = t('errors.not_found_title')
        body = t('errors.not_found_body')
        break
      case 403:
        title = t('errors.forbidden_title')
        body = t('errors.forbidden_body')
        break
      case 410:
        title = t('errors.closed_title')
        body = t('errors.closed_body', { date: data.date ?? '' })
        break
      case 413:
        title = t('errors.too_large_title')
        body = t('errors.too_large_body')
        break
      case 429:
        title = t('errors.too_many_requests_title')
        body = t('errors.too_many_requests_body')
        break
      case 400:
      case 405:
        title = t('errors.bad_request_title')
        body = t('errors.bad_request_body')
        break
    }
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <title>{title}</title>
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">{body}</p>
        <p className="govuk-body">
          <a className="govuk-link" href="/">
            {t('home_link')}
          </a>
        </p>
      </div>
    </div>
  )
}
