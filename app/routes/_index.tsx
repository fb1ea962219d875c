import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { contentFor, listPublicConsultations } from '~/features/consultations/consultations.server.ts'
import { listPublicEvents, type EventAction, type ListedEvent } from '~/features/events/public-listing.server.ts'
import { pick } from '~/features/events/text.ts'
import { isPublished } from '~/features/findings/you-said-we-did.server.ts'
import { formatDate, languageOf } from '~/features/i18n/config.ts'
import { getDb } from '~/utils/db.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

export async function loader({ request }: LoaderFunctionArgs) {
  const db = await getDb()
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'common')
  const { open, recentlyClosed } = await listPublicConsultations(db)
  const present = async (c: (typeof open)[number]) => {
    const { content, translated } = contentFor(c, locale)
    return {
      slug: c.slug,
      title: content.title,
      summary: content.summary,
      lang: translated ? locale : 'en',
      closes: formatDate(c.closesAt, locale),
      minutes: c.estimatedMinutes,
      youSaidWeDid: await isPublished(db, c.id),
    }
  }
  const events = await listPublicEvents(db)
  const presentEvent = ({ event, action }: ListedEvent) => {
    const title = pick(event.title, locale)
    return {
      code: event.code,
      kind: event.kind,
      title: title.text,
      lang: title.lang,
      when: formatDate(event.startsAt, locale, { dateStyle: 'long', timeStyle: 'short' }),
      venue: event.venue,
      action,
    }
  }
  return {
    pageTitle: t('home.title'),
    open: await Promise.all(open.map(present)),
    closed: await Promise.all(recentlyClosed.map(present)),
    events: {
      live: events.live.map(presentEvent),
      upcoming: events.upcoming.map(presentEvent),
      recent: events.recent.map(presentEvent),
      charters: events.charters.map(presentEvent),
    },
  }
}

const actionHref: Record<EventAction, (code: string) => string> = {
  join: (code) => `/join/${code}`,
  ask: (code) => `/events/${code}/questions`,
  details: (code) => `/events/${code}`,
  charter: (code) => `/events/${code}/charter`,
  answers: (code) => `/events/${code}/answers`,
}

type HomeEvent = ReturnType<typeof useLoaderData<typeof loader>>['events']['live'][number]

function EventList({ events, live = false, Heading = 'h4' }: { events: HomeEvent[]; live?: boolean; Heading?: 'h3' | 'h4' }) {
  const { t } = useTranslation('common')
  return (
    <ul className="govuk-list">
      {events.map((e) => (
        <li key={e.code} className="govuk-!-margin-bottom-4">
          <p className="govuk-body govuk-!-margin-bottom-1">
            {live ? <strong className="govuk-tag govuk-tag--green govuk-!-margin-right-2">{t('home.live_now')}</strong> : null}
            <span className="govuk-body-s">{t(`kinds.${e.kind}`, { ns: 'events' })}</span>
          </p>
          <Heading className="govuk-heading-s govuk-!-margin-bottom-1" lang={e.lang} dir={languageOf(e.lang).dir}>
            {e.title}
          </Heading>
          <p className="govuk-body-s govuk-!-margin-bottom-1">{t('home.when_where', { date: e.when, venue: e.venue })}</p>
          <a className="govuk-link" href={actionHref[e.action](e.code)}>
            {t(`home.action_${e.action}`)}
          </a>
        </li>
      ))}
    </ul>
  )
}

export default function HomeRoute() {
  const { open, closed, events } = useLoaderData<typeof loader>()
  const { t } = useTranslation('common')
  const anyEvents = events.live.length + events.upcoming.length + events.recent.length + events.charters.length > 0
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">{t('home.title')}</h1>
        <p className="govuk-body-l">{t('home.intro')}</p>
        <h2 className="govuk-heading-l">{t('home.open_heading')}</h2>
        {open.length === 0 ? <p className="govuk-body">{t('home.none_open')}</p> : null}
        <ul className="govuk-list">
          {open.map((c) => (
            <li key={c.slug} className="govuk-!-margin-bottom-6">
              <h3 className="govuk-heading-m govuk-!-margin-bottom-2" lang={c.lang} dir={languageOf(c.lang).dir}>
                <a className="govuk-link" href={`/c/${c.slug}`}>
                  {c.title}
                </a>
              </h3>
              <p className="govuk-body govuk-!-margin-bottom-1" lang={c.lang} dir={languageOf(c.lang).dir}>
                {c.summary}
              </p>
              <p className="govuk-body-s govuk-!-margin-bottom-0">
                {t('home.closes', { date: c.closes })} · {t('home.minutes', { count: c.minutes })}
              </p>
              {c.youSaidWeDid ? (
                <a className="govuk-link govuk-body-s" href={`/c/${c.slug}/you-said-we-did`}>
                  {t('home.you_said_we_did')}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
        {closed.length ? (
          <>
            <h2 className="govuk-heading-m">{t('home.closed_heading')}</h2>
            <ul className="govuk-list">
              {closed.map((c) => (
                <li key={c.slug}>
                  <a className="govuk-link" href={`/c/${c.slug}`} lang={c.lang} dir={languageOf(c.lang).dir}>
                    {c.title}
                  </a>{' '}
                  <span className="govuk-body-s">({t('home.closed_on', { date: c.closes })})</span>
                  {c.youSaidWeDid ? (
                    <>
                      {' · '}
                      <a className="govuk-link govuk-body-s" href={`/c/${c.slug}/you-said-we-did`}>
                        {t('home.you_said_we_did')}
                      </a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {anyEvents ? (
          <>
            <h2 className="govuk-heading-l">{t('home.events_heading')}</h2>
            <p className="govuk-body">{t('home.events_intro')}</p>
            <EventList events={events.live} live Heading="h3" />
            {events.upcoming.length ? (
              <>
                <h3 className="govuk-heading-m">{t('home.upcoming_heading')}</h3>
                <EventList events={events.upcoming} />
              </>
            ) : null}
            {events.recent.length ? (
              <>
                <h3 className="govuk-heading-m">{t('home.recent_heading')}</h3>
                <EventList events={events.recent} />
              </>
            ) : null}
            {events.charters.length ? (
              <>
                <h3 className="govuk-heading-m">{t('home.charters_heading')}</h3>
                <EventList events={events.charters} />
              </>
            ) : null}
          </>
        ) : null}
        <p className="govuk-body">
          {t('home.join_with_code')}{' '}
          <a className="govuk-link" href="/join">
            {t('home.join_with_code_link')}
          </a>
        </p>
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-s govuk-!-margin-bottom-1">{t('home.resume_heading')}</h2>
          <p className="govuk-body">{t('home.resume_body')}</p>
          <a className="govuk-link" href="/resume">
            {t('home.resume_link')}
          </a>
        </div>
      </div>
    </div>
  )
}
