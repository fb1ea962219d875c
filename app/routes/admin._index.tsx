import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { StaffHeader } from '~/components/staff-header.tsx'
import { requireUser } from '~/features/auth/auth.server.ts'
import { pick } from '~/features/events/text.ts'
import { formatDate } from '~/features/i18n/config.ts'
import { loadStaffOverview } from '~/features/staff/overview.server.ts'
import { getDb } from '~/utils/db.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'auth')
  const overview = await loadStaffOverview(await getDb(), user.role, locale)
  const links = [
    { href: '/admin/consultations', key: 'admin.consultations', roles: ['admin', 'officer', 'analyst'] },
    // Live events: the link's text is in the events namespace.
    { href: '/admin/events', key: 'events:admin.title', roles: ['admin', 'officer', 'moderator'] },
    { href: '/admin/users', key: 'admin.users', roles: ['admin'] },
    { href: '/admin/frameworks', key: 'admin.frameworks', roles: ['admin'] },
    { href: '/admin/audit', key: 'admin.audit', roles: ['admin'] },
  ].filter((l) => l.roles.includes(user.role))
  return {
    pageTitle: t('admin.title'),
    user: { name: user.name, role: user.role },
    links,
    canManage: user.role === 'admin' || user.role === 'officer',
    canAnalyse: overview.canAnalyse,
    canPresent: overview.canPresent,
    consultations: overview.consultations?.map((c) => ({ id: c.id, title: c.title, closes: formatDate(c.closesAt, locale), total: c.total, lastWeek: c.lastWeek })) ?? null,
    events:
      overview.events?.map(({ event, waiting }) => {
        const title = pick(event.title, locale)
        return { id: event.id, code: event.code, kind: event.kind, status: event.status, title: title.text, lang: title.lang, when: formatDate(event.startsAt, locale, { dateStyle: 'medium', timeStyle: 'short' }), waiting }
      }) ?? null,
  }
}

export default function StaffHomeRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('auth')
  return (
    <>
      <h1 className="govuk-heading-l">{t('admin.title')}</h1>
      <StaffHeader user={data.user} />
      {data.consultations ? (
        <section aria-labelledby="overview-consultations">
          <h2 className="govuk-heading-m" id="overview-consultations">
            {t('admin.overview_consultations')}
          </h2>
          {data.consultations.length === 0 ? <p className="govuk-body">{t('admin.overview_none_open')}</p> : null}
          <ul className="govuk-list">
            {data.consultations.map((c) => (
              <li key={c.id} className="govuk-!-margin-bottom-4">
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{c.title}</h3>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  {t('admin.overview_closes', { date: c.closes })}. {t('admin.overview_responses', { total: c.total, week: c.lastWeek })}
                </p>
                <p className="govuk-body-s govuk-!-margin-bottom-0">
                  {data.canManage ? (
                    <a className="govuk-link govuk-!-margin-right-3" href={`/admin/consultations/${c.id}`}>
                      {t('admin.overview_manage')}
                      <span className="govuk-visually-hidden">: {c.title}</span>
                    </a>
                  ) : null}
                  {data.canAnalyse ? (
                    <a className="govuk-link" href={`/admin/consultations/${c.id}/analysis`}>
                      {t('admin.overview_analyse')}
                      <span className="govuk-visually-hidden">: {c.title}</span>
                    </a>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {data.events ? (
        <section aria-labelledby="overview-events">
          <h2 className="govuk-heading-m" id="overview-events">
            {t('admin.overview_events')}
          </h2>
          {data.events.length === 0 ? <p className="govuk-body">{t('admin.overview_no_events')}</p> : null}
          <ul className="govuk-list">
            {data.events.map((e) => (
              <li key={e.id} className="govuk-!-margin-bottom-4">
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  <strong className={`govuk-tag govuk-!-margin-right-2 ${e.status === 'live' ? 'govuk-tag--green' : 'govuk-tag--grey'}`}>{t(`status.${e.status}`, { ns: 'events' })}</strong>
                  {t(`kinds.${e.kind}`, { ns: 'events' })} · {e.when}
                </p>
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1" lang={e.lang}>
                  {e.title}
                </h3>
                {e.waiting > 0 ? <p className="govuk-body-s govuk-!-margin-bottom-1">{t('admin.overview_waiting', { count: e.waiting })}</p> : null}
                <p className="govuk-body-s govuk-!-margin-bottom-0">
                  {data.canPresent ? (
                    <a className="govuk-link govuk-!-margin-right-3" href={`/admin/events/${e.id}/present`}>
                      {t('admin.overview_present')}
                      <span className="govuk-visually-hidden">: {e.title}</span>
                    </a>
                  ) : null}
                  <a className="govuk-link" href={`/admin/events/${e.id}/moderation`}>
                    {t('admin.overview_moderate')}
                    <span className="govuk-visually-hidden">: {e.title}</span>
                  </a>
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <h2 className="govuk-heading-m">{t('admin.overview_links')}</h2>
      <ul className="govuk-list">
        {data.links.map((link) => (
          <li key={link.href}>
            <a className="govuk-link govuk-link--no-visited-state" href={link.href}>
              {t(link.key)}
            </a>
          </li>
        ))}
      </ul>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
