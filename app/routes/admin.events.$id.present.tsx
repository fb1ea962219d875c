import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ItemResults, JoinCode, LiveRoot, Localised, RoomNote, TotalLine, liveMessages, type EventView, type ItemView } from '~/features/events/components.tsx'
import { eventsT, loadStaffEvent } from '~/features/events/context.server.ts'
import { controlItem, ITEM_ACTIONS, listItems, Refusal, setEventStatus, voteCounts, type ItemAction } from '~/features/events/events.server.ts'
import type { LiveItem } from '~/features/events/live-types.ts'
import { loadSnapshots } from '~/features/events/snapshot.server.ts'
import { pick, type I18nText } from '~/features/events/text.ts'
import { eventView, itemView } from '~/features/events/views.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import eventStyles from '~/styles/events.scss?url'

// The presenter's controls, from a phone or a laptop: open one item at a time,
// close it, reveal or hide its results on the screen and phones, reset it (a
// confirmation first: its votes are deleted), move to the next. The results
// here update live (presenter stream: they show even while hidden from the room).
export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event } = await loadStaffEvent(request, params.id)
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const items = await listItems(db, event.id)
  const counts = await voteCounts(db, event.id)
  const snapshots = await loadSnapshots(db, event.id)
  const current = items.find((i) => i.id === event.currentItemId) ?? null
  const confirmReset = new URL(request.url).searchParams.get('reset')
  return Response.json(
    {
      pageTitle: t('present.title', { title: pick(event.title, locale).text }),
      locale,
      id: event.id,
      event: eventView(event),
      current: current ? itemView(current) : null,
      live: snapshots?.views.presenter.item ?? null,
      pending: snapshots?.views.presenter.pending ?? 0,
      items: items.map((i) => ({ id: i.id, title: i.title, type: i.type, state: i.state, votes: counts[i.id] ?? 0, resultsVisible: i.resultsVisible })),
      confirmReset: items.some((i) => i.id === confirmReset) ? confirmReset : null,
      messages: liveMessages(t, locale),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, user } = await loadStaffEvent(request, params.id)
  const form = await readForm(request)
  const here = `/admin/events/${event.id}/present`
  const intent = form.get('intent')
  const itemId = typeof form.get('item') === 'string' ? (form.get('item') as string) : ''
  try {
    if (intent === 'start' || intent === 'end') {
      await setEventStatus(db, event, intent === 'start' ? 'live' : 'ended', user.id)
      return redirect(here, 303)
    }
    if (intent === 'next') {
      const items = await listItems(db, event.id)
      const at = items.findIndex((i) => i.id === event.currentItemId)
      const next = items.slice(at + 1).find((i) => i.state === 'draft') ?? items.slice(at + 1)[0]
      if (next) await controlItem(db, event, next.id, 'open', user.id)
      return redirect(here, 303)
    }
    const action = ITEM_ACTIONS.find((a) => a === intent) as ItemAction | undefined
    if (!action) throw new Response('bad_request', { status: 400 })
    if (action === 'reset' && form.get('confirm') !== 'yes') return redirect(`${here}?reset=${encodeURIComponent(itemId)}`, 303)
    await controlItem(db, event, itemId, action, user.id)
    return redirect(here, 303)
  } catch (error) {
    // An ended event opens nothing: say so here rather than a 404 (the presenter may start it again).
    if (error instanceof Refusal && error.reason === 'ended') {
      const t = await eventsT(await getLocale(request))
      return Response.json({ errors: [{ href: '#event-status', text: t('present.ended_refused') }] }, { status: 409 })
    }
    if (error instanceof Refusal) throw new Response('not_found', { status: 404 })
    throw error
  }
}

type Row = { id: string; title: I18nText; type: string; state: string; votes: number; resultsVisible: boolean }

function Control({ item, action, label, title, warning }: { item: string; action: string; label: string; title: string; warning?: boolean }) {
  return (
    <form method="post">
      <input type="hidden" name="item" value={item} />
      <button type="submit" name="intent" value={action} className={`govuk-button ${warning ? 'govuk-button--warning' : 'govuk-button--secondary'} hys-small-button`}>
        {label}
        <span className="govuk-visually-hidden">: {title}</span>
      </button>
    </form>
  )
}

export default function PresentRoute() {
  const data = useLoaderData<typeof loader>() as unknown as {
    locale: string
    id: string
    event: EventView
    current: ItemView | null
    live: LiveItem | null
    pending: number
    items: Row[]
    confirmReset: string | null
    messages: string
  }
  const actionData = useActionData<typeof action>() as { errors?: { href: string; text: string }[] } | undefined
  const { t } = useTranslation('events')
  const { event, current, locale } = data
  const base = `/admin/events/${data.id}`
  const resetItem = data.items.find((i) => i.id === data.confirmReset)
  return (
    <>
      <BackLink href={base} />
      <ErrorSummary errors={actionData?.errors ?? []} />
      <span className="govuk-caption-l">
        <Localised text={event.title} locale={locale} /> · <JoinCode code={event.code} />
      </span>
      <h1 className="govuk-heading-l">{t('present.heading')}</h1>
      <p className="govuk-body">
        <a className="govuk-link" href={`/events/${event.code}/screen`} target="_blank" rel="noopener">
          {t('manage.screen_link')}
        </a>{' '}
        ·{' '}
        {/* The count is kept live by events-live.js, so it is written once, in the tag. */}
        <a className="govuk-link" href={`${base}/moderation`}>
          {t('manage.moderation_link')}{' '}
          <span className="govuk-tag govuk-tag--orange" data-live-pending={data.pending}>
            {data.pending}
          </span>
        </a>
        {event.kind === 'ask_mayor' ? (
          <>
            {' '}
            ·{' '}
            <a className="govuk-link" href={`${base}/questions`}>
              {t('manage.questions_link')}
            </a>
          </>
        ) : null}
        {event.kind === 'congress' ? (
          <>
            {' '}
            ·{' '}
            <a className="govuk-link" href={`${base}/congress`}>
              {t('manage.congress_link')}
            </a>
          </>
        ) : null}
      </p>
      {resetItem ? (
        <div className="govuk-warning-text" id="confirm-reset">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">{t('present.warning')}</span>
            {t('present.reset_confirm', { count: resetItem.votes })}
          </strong>
          <form method="post" className="govuk-button-group">
            <input type="hidden" name="item" value={resetItem.id} />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" name="intent" value="reset" className="govuk-button govuk-button--warning">
              {t('present.reset_yes')}
            </button>
            <a className="govuk-link" href={base + '/present'}>
              {t('present.cancel')}
            </a>
          </form>
        </div>
      ) : null}
      <LiveRoot code={event.code} view="presenter" item={current} status={event.status} messages={data.messages}>
        <section className="hys-present-current" aria-labelledby="current-heading">
          <h2 className="govuk-heading-m" id="current-heading">
            {t('present.on_screen')}
          </h2>
          {current ? (
            <>
              <p className="govuk-body-l">
                <Localised text={current.title} locale={locale} />
              </p>
              <p className="govuk-body">
                <strong className="govuk-tag">{t(`item_state.${current.state}`)}</strong>{' '}
                <strong className={`govuk-tag ${current.resultsVisible ? 'govuk-tag--green' : 'govuk-tag--grey'}`}>
                  {current.resultsVisible ? t('present.results_shown') : t('present.results_hidden')}
                </strong>
              </p>
              <TotalLine total={data.live?.total ?? 0} type={current.type} locale={locale} />
              <ItemResults item={current} live={data.live} locale={locale} answers />
              <div className="govuk-button-group">
                {current.state === 'open' ? (
                  <Control item={current.id} action="close" label={t('present.close')} title={pick(current.title, locale).text} warning />
                ) : (
                  <Control item={current.id} action="open" label={current.state === 'closed' ? t('present.reopen') : t('present.open')} title={pick(current.title, locale).text} />
                )}
                <Control
                  item={current.id}
                  action={current.resultsVisible ? 'hide' : 'reveal'}
                  label={current.resultsVisible ? t('present.hide') : t('present.reveal')}
                  title={pick(current.title, locale).text}
                />
                <Control item={current.id} action="reset" label={t('present.reset')} title={pick(current.title, locale).text} />
                <Control item={current.id} action="clear" label={t('present.clear')} title={pick(current.title, locale).text} />
              </div>
            </>
          ) : (
            <p className="govuk-body">{t('present.nothing')}</p>
          )}
          <form method="post">
            <button type="submit" name="intent" value="next" className="govuk-button">
              {t('present.next')}
            </button>
          </form>
        </section>
      </LiveRoot>
      <h2 className="govuk-heading-m">{t('present.items')}</h2>
      <ol className="govuk-list govuk-list--number hys-item-list">
        {data.items.map((item) => (
          <li key={item.id}>
            <Localised text={item.title} locale={locale} />{' '}
            <span className="govuk-body-s">
              {t(`types.${item.type}`)} · {t(`item_state.${item.state}`)} · {t('results.votes', { count: item.votes })}
            </span>
            <div className="govuk-button-group">
              {item.id !== current?.id ? (
                <>
                  {item.state !== 'open' ? <Control item={item.id} action="open" label={t('present.open')} title={pick(item.title, locale).text} /> : null}
                  <Control item={item.id} action="show" label={t('present.show')} title={pick(item.title, locale).text} />
                </>
              ) : (
                <strong className="govuk-tag govuk-tag--green">{t('present.on_screen')}</strong>
              )}
              <a className="govuk-link" href={`${base}/items/${item.id}`}>
                {t('manage.edit')}
                <span className="govuk-visually-hidden">: {pick(item.title, locale).text}</span>
              </a>
            </div>
          </li>
        ))}
      </ol>
      <p className="govuk-body">
        <a className="govuk-link" href={`${base}/items/new`}>
          {t('manage.add_item')}
        </a>
      </p>
      <p className="govuk-body">
        <a className="govuk-link" href={`${base}#items`}>
          {t('present.reorder_link')}
        </a>
      </p>
      <p className="govuk-body" id="event-status" tabIndex={-1}>
        <strong className={`govuk-tag ${event.status === 'live' ? 'govuk-tag--green' : 'govuk-tag--grey'}`}>{t(`status.${event.status}`)}</strong>
      </p>
      <form method="post" className="govuk-button-group">
        {event.status !== 'live' ? (
          <button type="submit" name="intent" value="start" className="govuk-button govuk-button--secondary">
            {event.status === 'ended' ? t('manage.reopen') : t('manage.start')}
          </button>
        ) : (
          <button type="submit" name="intent" value="end" className="govuk-button govuk-button--warning">
            {t('manage.end')}
          </button>
        )}
      </form>
      <RoomNote />
      <script src="/events-live.js" defer />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
