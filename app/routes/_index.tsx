import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { contentFor, listPublicConsultations } from '~/features/consultations/consultations.server.ts'
import { formatDate , languageOf} from '~/features/i18n/config.ts'
import { getDb } from '~/utils/db.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

export async function loader({ request }: LoaderFunctionArgs) {
  const db = await getDb()
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'common')
  const { open, recentlyClosed } = await listPublicConsultations(db)
  const present = (c: (typeof open)[number]) => {
    const { content, translated } = contentFor(c, locale)
    return {
      slug: c.slug,
      title: content.title,
      summary: content.summary,
      lang: translated ? locale : 'en',
      closes: formatDate(c.closesAt, locale),
      minutes: c.estimatedMinutes,
    }
  }
  return { pageTitle: t('home.title'), open: open.map(present), closed: recentlyClosed.map(present) }
}

export default function HomeRoute() {
  const { open, closed } = useLoaderData<typeof loader>()
  const { t } = useTranslation('common')
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
                </li>
              ))}
            </ul>
          </>
        ) : null}
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
