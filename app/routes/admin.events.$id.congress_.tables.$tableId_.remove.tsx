import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { eventsT, loadStaffCongressTable } from '~/features/events/context.server.ts'
import { removeTable, tableHasNotes } from '~/features/events/congress.server.ts'
import { Refusal } from '~/features/events/events.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'

// Removing a congress table asks first, and is refused once the table has
// recorded anything (its notes would go with it): checked again as it is removed.
export const handle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event, table } = await loadStaffCongressTable(request, params)
  const t = await eventsT(await getLocale(request))
  return {
    pageTitle: t('table_edit.remove_title', { table: table.name }),
    id: event.id,
    tableId: table.id,
    name: table.name,
    removable: !(await tableHasNotes(db, table.id)),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, user, table } = await loadStaffCongressTable(request, params)
  try {
    await removeTable(db, event, table.id, user.id)
  } catch (error) {
    if (!(error instanceof Refusal) || error.reason !== 'not_allowed') throw error
    const t = await eventsT(await getLocale(request))
    return Response.json({ errors: [{ href: '#remove', text: t('table_edit.not_removable') }] }, { status: 409 })
  }
  return redirect(`/admin/events/${event.id}/congress#tables`, 303)
}

export default function RemoveTableRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors?: { href: string; text: string }[] }>()
  const { t } = useTranslation('events')
  const back = `/admin/events/${data.id}/congress/tables/${data.tableId}`
  return (
    <>
      <BackLink href={back} />
      <ErrorSummary errors={actionData?.errors ?? []} />
      <h1 className="govuk-heading-l">{t('table_edit.remove_title', { table: data.name })}</h1>
      {data.removable ? (
        <>
          <p className="govuk-body">{t('table_edit.remove_confirm')}</p>
          <form method="post" id="remove">
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
                {t('table_edit.remove_yes')}
              </button>
              <a className="govuk-link" href={back}>
                {t('present.cancel')}
              </a>
            </div>
          </form>
        </>
      ) : (
        <p className="govuk-body" id="remove">
          {t('table_edit.not_removable')}
        </p>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
