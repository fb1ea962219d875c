import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireUser } from '~/features/auth/auth.server.ts'
import { JoinCode } from '~/features/events/components.tsx'
import { EVENT_MODERATORS, eventsT } from '~/features/events/context.server.ts'
import { listEvents } from '~/features/events/events.server.ts'
import { pick } from '~/features/events/text.ts'
import { formatDate, formatTime } from '~/features/i18n/config.ts'
import { getDb } from '~/utils/db.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'

// Staff: every event, newest first. Officers create and run them; moderators
// come here for the moderation queue of the event they are working at.
export const handle = { hydrate: false }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, EVENT_MODERATORS)
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const events = await listEvents(await getDb())
  return {
    pageTitle: t('admin.title'),
    locale,
    canManage: user.role === 'admin' || user.role === 'officer',
    events: events.map((e) => ({
      id: e.id,
      code: e.code,
      kind: e.kind,
      title: pick(e.title, locale),
      when: `${formatDate(e.startsAt, locale)} ${formatTime(e.startsAt, locale)}`,
      venue: e.venue,
      status: e.status,
      isSynthetic: e.isSynthetic,
    })),
  }
}

export default function StaffEventsRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('events')
  return (
    <>
      <BackLink href="/admin" />
      <h1 className="govuk-heading-l">{t('admin.title')}</h1>
      <p className="govuk-body">{t('admin.intro')}</p>
      {data.canManage ? (
        <div className="govuk-button-group">
          <a href="/admin/events/new" role="button" draggable="false" className="govuk-button" data-module="govuk-button">
            {t('admin.new')}
          </a>
          <a href="/admin/events/blocked-words" className="govuk-link">
            {t('blocked.link')}
          </a>
        </div>
      ) : (
        <p className="govuk-body">
          <a href="/admin/events/blocked-words" className="govuk-link">
            {t('blocked.link')}
          </a>
        </p>
      )}
      {data.events.length ? (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">{t('admin.list_caption')}</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                {t('admin.event')}
              </th>
              <th scope="col" className="govuk-table__header">
                {t('admin.code')}
              </th>
              <th scope="col" className="govuk-table__header">
                {t('admin.status')}
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.events.map((e) => (
              <tr className="govuk-table__row" key={e.id}>
                <td className="govuk-table__cell">
                  <a className="govuk-link" href={data.canManage ? `/admin/events/${e.id}` : `/admin/events/${e.id}/moderation`}>
                    <span lang={e.title.lang !== data.locale ? e.title.lang : undefined}>{e.title.text}</span>
                  </a>
                  <br />
                  <span className="govuk-body-s">
                    {t(`kinds.${e.kind}`)} · {e.when} · {e.venue}
                  </span>
                  {e.isSynthetic ? (
                    <>
                      {' '}
                      <strong className="govuk-tag govuk-tag--yellow">{t('summary.synthetic')}</strong>
                    </>
                  ) : null}
                </td>
                <td className="govuk-table__cell">
                  <JoinCode code={e.code} />
                </td>
                <td className="govuk-table__cell">{t(`status.${e.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="govuk-body">{t('admin.none')}</p>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
