import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireUser } from '~/features/auth/auth.server.ts'
import { EVENT_OFFICERS, eventsT } from '~/features/events/context.server.ts'
import { parseEventForm } from '~/features/events/event-form.ts'
import { createEvent, listCallsToAction } from '~/features/events/events.server.ts'
import { EventFormFields, errorLinks, type FormErrors, type FormValues } from '~/features/events/staff-components.tsx'
import { getDb } from '~/utils/db.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'

// An officer creates an event: kind, title, London date and time, venue,
// languages and calls to action. It gets its join code at once.
export const handle = { hydrate: false }

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, EVENT_OFFICERS)
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  return { pageTitle: t('admin.new'), locale, ctas: await listCallsToAction(await getDb()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, EVENT_OFFICERS)
  const db = await getDb()
  const form = await readForm(request)
  const ctas = await listCallsToAction(db)
  const { raw, values, errors } = parseEventForm(form, ctas.map((c) => c.code))
  if (!values) return Response.json({ errors, raw }, { status: 400 })
  const { id } = await createEvent(db, values, user.id)
  return redirect(`/admin/events/${id}?created=1`)
}

export default function NewEventRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as { errors: FormErrors; raw: FormValues } | undefined
  const { t } = useTranslation('events')
  const errors = actionData?.errors ?? {}
  return (
    <>
      <BackLink href="/admin/events" />
      <ErrorSummary errors={errorLinks(errors, t)} />
      <h1 className="govuk-heading-l">{t('admin.new')}</h1>
      <form method="post" noValidate>
        <EventFormFields values={actionData?.raw ?? { locales: ['en', 'bn'] }} errors={errors} ctas={data.ctas} locale={data.locale} />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {t('form.create')}
        </button>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
