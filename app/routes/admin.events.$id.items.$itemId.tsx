import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { eventsT, loadStaffEvent } from '~/features/events/context.server.ts'
import { itemFormValues, lockedItemEditErrors, MAX_OPTIONS, parseItemForm } from '~/features/events/event-form.ts'
import { getItem, itemIsLocked, Refusal, removeItem, updateItem } from '~/features/events/events.server.ts'
import { ItemFormFields, type FormErrors, type FormValues } from '~/features/events/staff-components.tsx'
import type { ItemType } from '~/features/events/tally.ts'
import { pick } from '~/features/events/text.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'

// The presenter edits a prepared item, or removes it. A draft nobody has voted
// on can change in every way; once an item has been opened or has votes, only
// its wording can be corrected (its type and options stay, so no vote changes
// meaning), and it cannot be removed: the page says so.
export const handle = { hydrate: false }

async function loadItem(request: Request, params: { id?: string; itemId?: string }) {
  const context = await loadStaffEvent(request, params.id)
  const item = await getItem(context.db, context.event.id, params.itemId ?? '')
  if (!item) throw new Response('not_found', { status: 404 })
  return { ...context, item, locked: await itemIsLocked(context.db, item) }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, item, locked } = await loadItem(request, params)
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  return {
    pageTitle: t('item_form.edit_title'),
    id: event.id,
    eventTitle: pick(event.title, locale).text,
    locales: event.locales,
    type: item.type,
    locked,
    commitment: Boolean(item.commitmentId),
    values: itemFormValues(item, event.locales),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, user, item, locked } = await loadItem(request, params)
  const form = await readForm(request)
  const back = `/admin/events/${event.id}#items`
  try {
    if (form.get('intent') === 'remove') {
      if (locked) return Response.json({ errors: { items: 'errors.cannot_remove' } }, { status: 409 })
      await removeItem(db, event, item.id, user.id)
      return redirect(back)
    }
    const { raw, values, errors } = parseItemForm(form, event.locales)
    if (!values) return Response.json({ errors, raw }, { status: 400 })
    const lockErrors = locked ? lockedItemEditErrors(item, values) : {}
    if (Object.keys(lockErrors).length) return Response.json({ errors: lockErrors, raw }, { status: 409 })
    await updateItem(db, event, item.id, values, user.id)
    return redirect(back)
  } catch (error) {
    // Opened or voted on between the page and the post: say so, change nothing.
    if (error instanceof Refusal) return Response.json({ errors: { items: 'errors.item_locked_now' } }, { status: 409 })
    throw error
  }
}

export default function EditItemRoute() {
  const data = useLoaderData<typeof loader>() as unknown as {
    id: string
    eventTitle: string
    locales: string[]
    type: ItemType
    locked: boolean
    commitment: boolean
    values: FormValues
  }
  const actionData = useActionData<typeof action>() as { errors: FormErrors; raw?: FormValues } | undefined
  const { t } = useTranslation('events')
  const errors = actionData?.errors ?? {}
  const values = actionData?.raw ?? data.values
  const summary = Object.entries(errors).map(([field, key]) => ({
    href: field === 'items' ? '#item-form' : `#${field === 'type' ? 'type-first' : field}`,
    text: t(key, { max: MAX_OPTIONS }),
  }))
  return (
    <>
      <BackLink href={`/admin/events/${data.id}#items`} />
      <ErrorSummary errors={summary} />
      <span className="govuk-caption-l">{data.eventTitle}</span>
      <h1 className="govuk-heading-l">{t('item_form.edit_title')}</h1>
      {data.locked ? (
        <div className="govuk-inset-text" data-item-locked>
          {t(data.commitment ? 'item_form.locked_commitment' : 'item_form.locked')}
        </div>
      ) : null}
      <form method="post" noValidate id="item-form">
        <ItemFormFields locales={data.locales} values={values} errors={errors} lockedType={data.locked ? data.type : undefined} />
        <button type="submit" name="intent" value="save" className="govuk-button" data-module="govuk-button">
          {t('item_form.save_changes')}
        </button>
      </form>
      {data.locked ? null : (
        <form method="post">
          <h2 className="govuk-heading-m">{t('item_form.remove_heading')}</h2>
          <p className="govuk-body">{t('item_form.remove_hint')}</p>
          <button type="submit" name="intent" value="remove" className="govuk-button govuk-button--warning" data-module="govuk-button">
            {t('item_form.remove')}
          </button>
        </form>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
