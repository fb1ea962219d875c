import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { EventSummary, JoinCode, Localised, QrCode, RoomNote, type EventView } from '~/features/events/components.tsx'
import { eventsT, loadStaffEvent, publicOrigin } from '~/features/events/context.server.ts'
import { eventFormValues, parseEventForm } from '~/features/events/event-form.ts'
import { listCallsToAction, listItems, moveItem, Refusal, removeItem, setEventStatus, updateEvent, voteCounts } from '~/features/events/events.server.ts'
import { qrSvg } from '~/features/events/qr.server.ts'
import { EventFormFields, errorLinks, type FormErrors, type FormValues } from '~/features/events/staff-components.tsx'
import { pick, type I18nText } from '~/features/events/text.ts'
import { eventView } from '~/features/events/views.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import eventStyles from '~/styles/events.scss?url'

// An officer's page for one event: its join code and QR code (to print or put
// on slides), its items in order, starting and ending it, and its details.
export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event } = await loadStaffEvent(request, params.id)
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const joinUrl = `${publicOrigin(request)}/join/${event.code}`
  const items = await listItems(db, event.id)
  const counts = await voteCounts(db, event.id)
  const url = new URL(request.url)
  return {
    pageTitle: pick(event.title, locale).text,
    locale,
    id: event.id,
    event: eventView(event),
    joinUrl,
    qr: await qrSvg(joinUrl),
    items: items.map((i) => ({ id: i.id, type: i.type, title: i.title, state: i.state, votes: counts[i.id] ?? 0, commitment: Boolean(i.commitmentId) })),
    values: eventFormValues(event),
    ctas: await listCallsToAction(db, event.frameworkId),
    notice: url.searchParams.get('created') === '1' ? 'created' : url.searchParams.get('saved') === '1' ? 'saved' : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, user } = await loadStaffEvent(request, params.id)
  const form = await readForm(request)
  const here = `/admin/events/${event.id}`
  const intent = form.get('intent')
  const itemId = typeof form.get('item') === 'string' ? (form.get('item') as string) : ''
  try {
    switch (intent) {
      case 'save': {
        const ctas = await listCallsToAction(db, event.frameworkId)
        const { raw, values, errors } = parseEventForm(form, ctas.map((c) => c.code))
        if (!values) return Response.json({ errors, raw }, { status: 400 })
        await updateEvent(db, event, values, user.id)
        return redirect(`${here}?saved=1`)
      }
      case 'start':
      case 'end':
      case 'reopen':
        await setEventStatus(db, event, intent === 'start' ? 'live' : intent === 'end' ? 'ended' : 'scheduled', user.id)
        return redirect(here)
      case 'remove':
        await removeItem(db, event, itemId, user.id)
        return redirect(`${here}#items`)
      case 'up':
      case 'down':
        await moveItem(db, event, itemId, intent)
        return redirect(`${here}#items`)
    }
  } catch (error) {
    if (error instanceof Refusal) return Response.json({ errors: { items: 'errors.cannot_remove' } }, { status: 409 })
    throw error
  }
  throw new Response('bad_request', { status: 400 })
}

type Item = { id: string; type: string; title: I18nText; state: string; votes: number; commitment: boolean }

export default function ManageEventRoute() {
  const data = useLoaderData<typeof loader>() as unknown as {
    locale: string
    id: string
    event: EventView
    joinUrl: string
    qr: string
    items: Item[]
    values: FormValues
    ctas: { code: string; title: I18nText }[]
    notice: 'created' | 'saved' | null
  }
  const actionData = useActionData<typeof action>() as { errors: FormErrors; raw?: FormValues } | undefined
  const { t } = useTranslation('events')
  const { event, locale } = data
  const errors = actionData?.errors ?? {}
  const base = `/admin/events/${data.id}`
  return (
    <>
      <BackLink href="/admin/events" />
      {data.notice ? <SuccessBanner title={t(`admin.${data.notice}`)} /> : null}
      <ErrorSummary errors={errorLinks(errors, t).map((e) => (e.href === '#items' ? { ...e, href: '#items' } : e))} />
      <span className="govuk-caption-l">{t(`kinds.${event.kind}`)}</span>
      <h1 className="govuk-heading-l">
        <Localised text={event.title} locale={locale} />
      </h1>
      <EventSummary event={event} locale={locale} />
      <p className="govuk-body">
        <strong className="govuk-tag">{t(`status.${event.status}`)}</strong>
      </p>
      <div className="hys-join-panel">
        <div>
          <h2 className="govuk-heading-m">{t('manage.join_heading')}</h2>
          <p className="govuk-body">
            {t('manage.code')} <JoinCode code={event.code} />
          </p>
          <p className="govuk-body hys-ltr">
            <a className="govuk-link" href={data.joinUrl}>
              {data.joinUrl}
            </a>
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href={`${base}/qr.svg`} download={`join-${event.code}.svg`}>
              {t('manage.download_qr')}
            </a>
          </p>
        </div>
        <QrCode svg={data.qr} label={t('manage.qr_label', { url: data.joinUrl })} />
      </div>
      <h2 className="govuk-heading-m">{t('manage.run_heading')}</h2>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href={`${base}/present`}>
            {t('manage.presenter_link')}
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`/events/${event.code}/screen`} target="_blank" rel="noopener">
            {t('manage.screen_link')}
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`${base}/moderation`}>
            {t('manage.moderation_link')}
          </a>
        </li>
        {event.kind === 'ask_mayor' ? (
          <>
            <li>
              <a className="govuk-link" href={`${base}/questions`}>
                {t('manage.questions_link')}
              </a>
            </li>
            <li>
              <a className="govuk-link" href={`/events/${event.code}/answers`}>
                {t('manage.answers_link')}
              </a>
            </li>
          </>
        ) : null}
        {event.kind === 'congress' ? (
          <>
            <li>
              <a className="govuk-link" href={`${base}/congress`}>
                {t('manage.congress_link')}
              </a>
            </li>
            <li>
              <a className="govuk-link" href={`/events/${event.code}/charter`}>
                {t('manage.charter_link')}
              </a>
            </li>
          </>
        ) : null}
      </ul>
      <form method="post" className="govuk-button-group">
        {event.status === 'scheduled' ? (
          <button type="submit" name="intent" value="start" className="govuk-button">
            {t('manage.start')}
          </button>
        ) : null}
        {event.status === 'live' ? (
          <button type="submit" name="intent" value="end" className="govuk-button govuk-button--warning">
            {t('manage.end')}
          </button>
        ) : null}
        {event.status === 'ended' ? (
          <button type="submit" name="intent" value="reopen" className="govuk-button govuk-button--secondary">
            {t('manage.reopen')}
          </button>
        ) : null}
      </form>

      <h2 className="govuk-heading-m" id="items" tabIndex={-1}>
        {t('manage.items_heading')}
      </h2>
      {data.items.length ? (
        <ol className="govuk-list govuk-list--number hys-item-list">
          {data.items.map((item, index) => (
            <li key={item.id}>
              <Localised text={item.title} locale={locale} as="span" className="govuk-!-font-weight-bold" />{' '}
              <span className="govuk-body-s">
                {t(`types.${item.type}`)} · {t(`item_state.${item.state}`)} · {t('results.votes', { count: item.votes })}
              </span>
              <form method="post" className="govuk-button-group hys-inline-form">
                <input type="hidden" name="item" value={item.id} />
                <a className="govuk-link" href={`${base}/items/${item.id}`}>
                  {t('manage.edit')}
                  <span className="govuk-visually-hidden">: {pick(item.title, locale).text}</span>
                </a>
                {index > 0 ? (
                  <button type="submit" name="intent" value="up" className="govuk-button govuk-button--secondary hys-small-button">
                    {t('manage.move_up')}
                    <span className="govuk-visually-hidden">: {pick(item.title, locale).text}</span>
                  </button>
                ) : null}
                {index < data.items.length - 1 ? (
                  <button type="submit" name="intent" value="down" className="govuk-button govuk-button--secondary hys-small-button">
                    {t('manage.move_down')}
                    <span className="govuk-visually-hidden">: {pick(item.title, locale).text}</span>
                  </button>
                ) : null}
                {item.votes === 0 && item.state !== 'open' ? (
                  <button type="submit" name="intent" value="remove" className="govuk-button govuk-button--warning hys-small-button">
                    {t('manage.remove')}
                    <span className="govuk-visually-hidden">: {pick(item.title, locale).text}</span>
                  </button>
                ) : null}
              </form>
            </li>
          ))}
        </ol>
      ) : (
        <p className="govuk-body">{t('manage.no_items')}</p>
      )}
      {data.items.length ? <RoomNote /> : null}
      <a href={`${base}/items/new`} role="button" draggable="false" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        {t('manage.add_item')}
      </a>

      <h2 className="govuk-heading-m">{t('manage.details_heading')}</h2>
      <form method="post" noValidate>
        <EventFormFields values={actionData?.raw ?? data.values} errors={errors} ctas={data.ctas} kindFixed={event.kind} locale={locale} />
        <button type="submit" name="intent" value="save" className="govuk-button" data-module="govuk-button">
          {t('form.save')}
        </button>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
