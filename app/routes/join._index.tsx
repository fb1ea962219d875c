import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, ErrorSummary, FormGroup, Hint, describedBy } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { isMistypedJoinCode, normaliseJoinCode } from '~/features/events/codes.ts'
import { findEventByCode } from '~/features/events/events.server.ts'
import { getDb } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { eventsT } from '~/features/events/context.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import { checkRateLimit } from '~/utils/rate-limit.server.ts'
import eventStyles from '~/styles/events.scss?url'

// /join: a resident types the code shown at the event (no account). The form
// is a GET, so it works on any phone and needs no cookie; a wrong code says so
// in the resident's language, and wrong guesses from one address are limited.
export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventStyles }]

type JoinError = 'code_required' | 'code_invalid' | 'code_unknown' | 'too_many'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url)
  const t = await eventsT(await getLocale(request))
  const raw = url.searchParams.get('code')
  const base = { pageTitle: t('join.title'), raw: raw ?? '' }
  if (raw === null) return base
  let error: JoinError
  if (!raw.trim()) error = 'code_required'
  else {
    const code = normaliseJoinCode(raw)
    // A mistyped code is told there is no such event, rather than blamed on its format.
    if (!code) error = isMistypedJoinCode(raw) ? 'code_unknown' : 'code_invalid'
    else {
      const env = getEnv()
      if (env.RATE_LIMIT_DISABLED !== 'true' && !checkRateLimit(`event-join:${context.clientIp ?? 'unknown'}`, 60)) error = 'too_many'
      else if (await findEventByCode(await getDb(), code)) throw redirect(`/events/${code}`)
      else error = 'code_unknown'
    }
  }
  const status = error === 'code_unknown' ? 404 : error === 'too_many' ? 429 : 400
  return Response.json({ ...base, error, errors: [{ href: '#code', text: t(`join.errors.${error}`, { code: Array.from(raw.trim()).slice(0, 20).join('') }) }] }, { status })
}

export default function JoinRoute() {
  const data = useLoaderData<typeof loader>() as { raw: string; errors?: { href: string; text: string }[] }
  const { t } = useTranslation('events')
  const error = data.errors?.[0]
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={data.errors ?? []} />
        <form method="get" action="/join" noValidate>
          <FormGroup error={Boolean(error)}>
            <h1 className="govuk-label-wrapper">
              <label className="govuk-label govuk-label--l" htmlFor="code">
                {t('join.title')}
              </label>
            </h1>
            <Hint id="code-hint">{t('join.hint')}</Hint>
            {error ? <ErrorMessage id="code-error">{error.text}</ErrorMessage> : null}
            <input
              className={`govuk-input govuk-input--width-10 hys-code-input${error ? ' govuk-input--error' : ''}`}
              id="code"
              name="code"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={20}
              defaultValue={data.raw}
              aria-describedby={describedBy('code-hint', error && 'code-error')}
            />
          </FormGroup>
          <button type="submit" className="govuk-button" data-module="govuk-button">
            {t('join.submit')}
          </button>
        </form>
        <p className="govuk-body">{t('join.no_account')}</p>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
