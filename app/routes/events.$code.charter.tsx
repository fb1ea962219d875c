import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { EventSummary, Localised, RoomNote, type EventView } from '~/features/events/components.tsx'
import { loadCharter } from '~/features/events/congress.server.ts'
import { eventsT, loadPublicEvent } from '~/features/events/context.server.ts'
import { listCallsToAction } from '~/features/events/events.server.ts'
import { pick, type I18nText } from '~/features/events/text.ts'
import { eventView } from '~/features/events/views.server.ts'
import { formatDate } from '~/features/i18n/config.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import eventStyles from '~/styles/events.scss?url'

// The congress charter, in public: each agreed commitment, the partner
// organisations that own it, its status (committed, in progress, done) and the
// votes in the room that agreed it.
export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event } = await loadPublicEvent(params.code)
  if (event.kind !== 'congress') throw new Response('not_found', { status: 404 })
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const ctas = await listCallsToAction(db, event.frameworkId)
  return {
    pageTitle: t('charter.title', { title: pick(event.title, locale).text }),
    locale,
    event: eventView(event),
    theme: event.theme,
    commitments: (await loadCharter(db, event.id)).map((c) => ({
      id: c.id,
      // In the reader's language when the commitment was given one for the vote; else as written.
      ...pick(c.title, locale),
      table: c.tableName,
      cta: `${c.ctaCode}: ${pick(ctas.find((x) => x.code === c.ctaCode)?.title, locale).text}`,
      owners: c.owners,
      status: c.status,
      updated: c.statusUpdatedAt ? formatDate(c.statusUpdatedAt, locale) : null,
      votes: c.votes ? { support: c.votes.counts.support ?? 0, oppose: c.votes.counts.oppose ?? 0, abstain: c.votes.counts.abstain ?? 0 } : null,
    })),
  }
}

export default function CharterRoute() {
  const data = useLoaderData<typeof loader>() as unknown as {
    locale: string
    event: EventView
    theme: I18nText | null
    commitments: { id: string; text: string; lang: string; table: string; cta: string; owners: string[]; status: string; updated: string | null; votes: { support: number; oppose: number; abstain: number } | null }[]
  }
  const { t } = useTranslation('events')
  const { event, locale } = data
  const tag = (status: string) => (status === 'done' ? 'govuk-tag--green' : status === 'in_progress' ? 'govuk-tag--blue' : 'govuk-tag--grey')
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">
          <Localised text={event.title} locale={locale} />
        </span>
        <h1 className="govuk-heading-l">{t('congress.charter_heading')}</h1>
        <EventSummary event={event} locale={locale} />
        {data.theme ? <p className="govuk-body-l">{t('congress.theme', { theme: pick(data.theme, locale).text })}</p> : null}
        <p className="govuk-body">{t('charter.intro')}</p>
        {data.commitments.length ? (
          <ol className="govuk-list govuk-list--number">
            {data.commitments.map((c) => (
              <li key={c.id} className="hys-question">
                <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" lang={c.lang}>
                  {c.text}
                </p>
                <p className="govuk-body govuk-!-margin-bottom-1">
                  <strong className={`govuk-tag ${tag(c.status)}`}>{t(`charter_status.${c.status}`)}</strong>
                  {c.updated ? <span className="govuk-body-s"> {t('charter.updated', { date: c.updated })}</span> : null}
                </p>
                {c.owners.length ? <p className="govuk-body govuk-!-margin-bottom-1">{t('charter.owners', { owners: c.owners.join(', ') })}</p> : null}
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  {t('charter.table', { table: c.table })} · {c.cta}
                </p>
                {c.votes ? <p className="govuk-body-s">{t('charter.votes', c.votes)}</p> : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="govuk-body">{t('charter.none')}</p>
        )}
        <RoomNote />
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
