import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, ErrorSummary, FormGroup } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { getStaffUser, signIn } from '~/features/auth/auth.server.ts'
import { formatTime } from '~/features/i18n/config.ts'
import { getDb } from '~/utils/db.server.ts'
import { readForm, safeRedirectPath } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import { enforceRateLimit } from '~/utils/rate-limit.server.ts'

export const handle = { hydrate: false }
export { headers } from '~/utils/route-headers.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'), '/admin')
  if (await getStaffUser(request)) throw redirect(redirectTo)
  const t = await i18n.getFixedT(await getLocale(request), 'auth')
  return { pageTitle: t('sign_in.title'), redirectTo }
}

export async function action({ request, context }: ActionFunctionArgs) {
  enforceRateLimit(context, 'resume')
  const form = await readForm(request)
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'auth')
  const email = typeof form.get('email') === 'string' ? (form.get('email') as string).slice(0, 320).trim() : ''
  const password = typeof form.get('password') === 'string' ? (form.get('password') as string).slice(0, 1024) : ''
  const errors: { href: string; text: string; field: string }[] = []
  if (!email) errors.push({ href: '#email', field: 'email', text: t('errors.email_required') })
  if (!password) errors.push({ href: '#password', field: 'password', text: t('errors.password_required') })
  if (errors.length) return Response.json({ errors, email }, { status: 400 })
  const db = await getDb()
  const result = await signIn(db, email, password)
  if (result.status === 'wrong') return Response.json({ errors: [{ href: '#email', field: 'email', text: t('errors.wrong') }], email }, { status: 400 })
  if (result.status === 'locked') {
    return Response.json({ errors: [{ href: '#email', field: 'email', text: t('errors.locked', { time: formatTime(result.until, locale) }) }], email }, { status: 400 })
  }
  const redirectTo = safeRedirectPath(typeof form.get('redirectTo') === 'string' ? form.get('redirectTo') : null, '/admin')
  return redirect(redirectTo, { headers: { 'Set-Cookie': result.setCookie } })
}

export default function SignInRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors: { href: string; text: string; field: string }[]; email: string }>()
  const { t } = useTranslation('auth')
  const errorFor = (field: string) => actionData?.errors.find((e) => e.field === field)
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={actionData?.errors ?? []} />
        <h1 className="govuk-heading-l">{t('sign_in.title')}</h1>
        <p className="govuk-body">{t('sign_in.intro')}</p>
        <form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={data.redirectTo} />
          <FormGroup error={Boolean(errorFor('email'))}>
            <label className="govuk-label" htmlFor="email">
              {t('sign_in.email')}
            </label>
            {errorFor('email') ? <ErrorMessage id="email-error">{errorFor('email')!.text}</ErrorMessage> : null}
            <input
              className={`govuk-input hys-ltr${errorFor('email') ? ' govuk-input--error' : ''}`}
              id="email"
              name="email"
              type="email"
              autoComplete="username"
              spellCheck={false}
              defaultValue={actionData?.email ?? ''}
              aria-describedby={errorFor('email') ? 'email-error' : undefined}
            />
          </FormGroup>
          <FormGroup error={Boolean(errorFor('password'))}>
            <label className="govuk-label" htmlFor="password">
              {t('sign_in.password')}
            </label>
            {errorFor('password') ? <ErrorMessage id="password-error">{errorFor('password')!.text}</ErrorMessage> : null}
            <input
              className={`govuk-input hys-ltr${errorFor('password') ? ' govuk-input--error' : ''}`}
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              aria-describedby={errorFor('password') ? 'password-error' : undefined}
            />
          </FormGroup>
          <button type="submit" className="govuk-button" data-module="govuk-button">
            {t('sign_in.submit')}
          </button>
        </form>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
