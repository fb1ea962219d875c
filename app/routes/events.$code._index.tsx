import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorSummary, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { DeviceLimited, EventSummary, ItemResults, LiveRoot, Localised, RoomNote, TotalLine, VoteForm, liveMessages, type EventView, type ItemView } from '~/features/events/components.tsx'
import { deviceMinting, eventsT, loadPublicEvent } from '~/features/events/context.server.ts'
import { ensureDevice } from '~/features/events/device.server.ts'
import { deviceVote, getItem, listCallsToAction } from '~/features/events/events.server.ts'
import { eventView, itemView } from '~/features/events/views.server.ts'
import { questionWindow } from '~/features/events/questions.server.ts'
import { loadSnapshots } from '~/features/events/snapshot.server.ts'
import { pick, type I18nText } from '~/features/events/text.ts'
import { receiveVote } from '~/features/events/vote-handler.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import eventStyles from '~/styles/events.scss?url'

// A participant's phone: the item the presenter has open, a vote form for it
// (one vote per device; a changed vote replaces the earlier one), and the
// results when the presenter reveals them. No framework JavaScript: without
// any script the page works by reloading; public/events-live.js adds live
// updates (Server-Sent Events) and sends votes without reloading the page.
export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventStyles }]
export { headers } from '~/utils/route-headers.ts'

const FLASHES = ['counted', 'changed', 'held'] as const

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, event } = await loadPublicEvent(params.code)
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const { device, setCookie, limited } = ensureDevice(request, deviceMinting(context, event.id))
  const item = event.currentItemId ? await getItem(db, event.id, event.currentItemId) : null
  const snapshots = await loadSnapshots(db, event.id)
  const voted = new URL(request.url).searchParams.get('voted')
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  if (setCookie) headers.append('Set-Cookie', setCookie)
  return Response.json(
    {
      pageTitle: pick(event.title, locale).text,
      locale,
      event: eventView(event),
      item: item ? itemView(item) : null,
      live: snapshots?.views.participant.item ?? null,
      mine: device && item && item.state === 'open' ? await deviceVote(db, item.id, device.hash) : null,
      deviceLimited: limited,
      flash: FLASHES.find((f) => f === voted) ?? null,
      messages: liveMessages(t, locale),
      questionsOpen: questionWindow(event) !== 'closed',
      // The partnership plan's calls to action this event works on, in the plan's order.
      ctas: event.ctaCodes.length ? (await listCallsToAction(db, event.frameworkId)).filter((c) => event.ctaCodes.includes(c.code)) : [],
    },
    { headers },
  )
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  context.roomPost = true
  const { event } = await loadPublicEvent(params.code)
  const result = await receiveVote(request, context, event)
  if (result.ok) return redirect(`/events/${event.code}?voted=${result.outcome}`, 303)
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  return Response.json({ errors: [{ href: '#vote-field-first', text: result.message }], values: result.values }, { status: result.status, headers })
}

type LoaderData = {
  locale: string
  event: EventView
  item: ItemView | null
  live: import('~/features/events/live-types.ts').LiveItem | null
  mine: import('~/features/events/vote-form.ts').VoteValue | null
  flash: (typeof FLASHES)[number] | null
  deviceLimited: boolean
  messages: string
  questionsOpen: boolean
  ctas: { code: string; title: I18nText }[]
}

export default function EventRoute() {
  const data = useLoaderData<typeof loader>() as unknown as LoaderData
  const actionData = useActionData<typeof action>() as { errors: { href: string; text: string }[]; values: Record<string, string | string[]> } | undefined
  const { t } = useTranslation('events')
  const { event, item, locale } = data
  const errors = actionData?.errors ?? []
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {data.flash && !errors.length ? <SuccessBanner title={t(`vote_outcome.${data.flash}_title`)} message={t(`vote_outcome.${data.flash}`)} /> : null}
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-m">
          <Localised text={event.title} locale={locale} />
        </span>
        <h1 className="govuk-heading-l">{t('participant.heading')}</h1>
        <EventSummary event={event} locale={locale} />
        <LiveRoot code={event.code} view="participant" item={item} status={event.status} messages={data.messages}>
          {item && item.state === 'open' && data.deviceLimited ? (
            <>
              <h2 className="govuk-heading-m">
                <Localised text={item.title} locale={locale} />
              </h2>
              <DeviceLimited />
            </>
          ) : item && item.state === 'open' ? (
            <>
              {data.mine ? <p className="govuk-body">{item.type === 'text' ? t('participant.answered') : t('participant.voted')}</p> : null}
              <VoteForm code={event.code} item={item} locale={locale} mine={data.mine} error={errors[0] ? { text: errors[0].text } : null} values={actionData?.values} />
            </>
          ) : item ? (
            <>
              <h2 className="govuk-heading-m">
                {item.commitmentId ? <span className="govuk-caption-m">{t('commitment_vote.caption')}</span> : null}
                <Localised text={item.title} locale={locale} />
              </h2>
              <p className="govuk-body">{item.state === 'closed' ? t('participant.closed') : t('participant.not_open')}</p>
            </>
          ) : (
            <p className="govuk-body">{event.status === 'ended' ? t('participant.ended') : t('participant.waiting')}</p>
          )}
          {item ? (
            <section className="hys-phone-results" aria-labelledby="results-heading">
              <h2 className="govuk-heading-m" id="results-heading">
                {t('results.heading')}
              </h2>
              <TotalLine total={data.live?.total ?? 0} type={item.type} locale={locale} />
              <ItemResults item={item} live={data.live} locale={locale} />
            </section>
          ) : null}
          <p className="govuk-body">
            <a className="govuk-link" href={`/events/${event.code}`}>
              {t('participant.reload')}
            </a>
          </p>
        </LiveRoot>
        {data.ctas.length ? (
          <section aria-labelledby="ctas-heading">
            <h2 className="govuk-heading-m" id="ctas-heading">
              {t('participant.ctas_heading')}
            </h2>
            <p className="govuk-body">{t('participant.ctas_intro')}</p>
            <ul className="govuk-list govuk-list--bullet">
              {data.ctas.map((cta) => (
                <li key={cta.code}>
                  <Localised text={cta.title} locale={locale} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {event.kind === 'ask_mayor' ? (
          <p className="govuk-body">
            <a className="govuk-link" href={`/events/${event.code}/questions`}>
              {data.questionsOpen ? t('participant.questions_link') : t('participant.questions_view')}
            </a>
          </p>
        ) : null}
        {event.kind === 'congress' ? (
          <p className="govuk-body">
            <a className="govuk-link" href={`/events/${event.code}/charter`}>
              {t('participant.charter_link')}
            </a>
          </p>
        ) : null}
        <RoomNote />
        <script src="/events-live.js" defer />
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
