import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { eventsT, loadStaffEvent } from '~/features/events/context.server.ts'
import { MAX_OPTIONS, parseItemForm } from '~/features/events/event-form.ts'
import { addItem } from '~/features/events/events.server.ts'
import { ItemFormFields, type FormErrors, type FormValues } from '~/features/events/staff-components.tsx'
import { pick } from '~/features/events/text.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'

// The presenter prepares an item: single choice, multiple choice, agreement
// scale, ranking, or short open text (a word cloud). Its text in each of the
// event's languages; the projector shows them all.
export const handle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await loadStaffEvent(request, params.id)
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  return { pageTitle: t('item_form.title'), id: event.id, eventTitle: pick(event.title, locale).text, locales: event.locales }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, user } = await loadStaffEvent(request, params.id)
  const form = await readForm(request)
  const { raw, values, errors } = parseItemForm(form, event.locales)
  if (!values) return Response.json({ errors, raw }, { status: 400 })
  await addItem(db, event, values, user.id)
  return redirect(`/admin/events/${event.id}#items`)
}

export default function NewItemRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as { errors: FormErrors; raw: FormValues } | undefined
  const { t } = useTranslation('events')
  const errors = actionData?.errors ?? {}
  const values = actionData?.raw ?? {}
  const summary = Object.entries(errors).map(([field, key]) => ({ href: `#${field === 'type' ? 'type-first' : field}`, text: t(key, { max: MAX_OPTIONS }) }))
  return (
    <>
      <BackLink href={`/admin/events/${data.id}`} />
      <ErrorSummary errors={summary} />
      <span className="govuk-caption-l">{data.eventTitle}</span>
      <h1 className="govuk-heading-l">{t('item_form.title')}</h1>
      <form method="post" noValidate>
        <ItemFormFields locales={data.locales} values={values} errors={errors} />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {t('item_form.save')}
        </button>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
