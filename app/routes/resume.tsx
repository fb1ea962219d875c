import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, ErrorSummary, FormGroup, Hint } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { newToken } from '~/features/responses/codes.ts'
import { resumeDraft } from '~/features/responses/responses.server.ts'
import { consultationPath } from '~/features/responses/resident-flow.server.ts'
import { getDb } from '~/utils/db.server.ts'
import { enforceRateLimit } from '~/utils/rate-limit.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n, localeCookie } from '~/utils/i18next.server.ts'
import { isLocale } from '~/features/i18n/config.ts'
import { setDraftToken } from '~/utils/session.server.ts'

export const handle = { hydrate: false }
export { headers } from '~/utils/route-headers.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18n.getFixedT(await getLocale(request), 'survey')
  // A resume link pre-fills the code; the resident still presses Continue (a GET never changes anything).
  const code = new URL(request.url).searchParams.get('code')?.slice(0, 40) ?? ''
  return { pageTitle: t('resume.title'), code }
}

export async function action({ request, context }: ActionFunctionArgs) {
  enforceRateLimit(context, 'resume')
  const form = await readForm(request)
  const raw = typeof form.get('code') === 'string' ? (form.get('code') as string).slice(0, 40) : ''
  const t = await i18n.getFixedT(await getLocale(request), 'survey')
  const fail = (key: string) => Response.json({ errors: [{ href: '#code', text: t(key) }], code: raw }, { status: 400 })
  if (!raw.trim()) return fail('errors.resume_required')
  const db = await getDb()
  const token = newToken()
  const result = await db.transaction().execute((trx) => resumeDraft(trx, raw, token))
  if (result.status === 'invalid') return fail('errors.resume_invalid')
  if (result.status === 'expired') return fail('errors.resume_expired')
  // On a device where no language was chosen, carry on in the draft's language
  // (a resident who answered in Bengali on a phone gets Bengali on the library PC).
  const chosen = new URL(request.url).searchParams.has('lng') || (await localeCookie.parse(request.headers.get('Cookie'))) !== null
  const headers = new Headers({ 'Set-Cookie': await setDraftToken(request, result.consultationId, token) })
  if (!chosen && isLocale(result.locale)) headers.append('Set-Cookie', await localeCookie.serialize(result.locale))
  return redirect(consultationPath(result.slug), { headers })
}

export default function ResumeRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors: { href: string; text: string }[]; code: string }>()
  const { t } = useTranslation('survey')
  const error = actionData?.errors[0]
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={actionData?.errors ?? []} />
        <form method="post" noValidate>
          <FormGroup error={Boolean(error)}>
            <h1 className="govuk-label-wrapper">
              <label className="govuk-label govuk-label--l" htmlFor="code">
                {t('resume.label')}
              </label>
            </h1>
            <Hint id="code-hint">{t('resume.hint')}</Hint>
            {error ? <ErrorMessage id="code-error">{error.text}</ErrorMessage> : null}
            <input
              className={`govuk-input govuk-input--width-10 hys-ltr${error ? ' govuk-input--error' : ''}`}
              id="code"
              name="code"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              defaultValue={actionData?.code ?? data.code}
              aria-describedby={error ? 'code-hint code-error' : 'code-hint'}
            />
          </FormGroup>
          <button type="submit" className="govuk-button" data-module="govuk-button">
            {t('resume.submit')}
          </button>
        </form>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
