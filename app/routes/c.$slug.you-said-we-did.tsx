import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { cellText, percentText } from '~/features/analysis/view.ts'
import { contentFor, findConsultationBySlug } from '~/features/consultations/consultations.server.ts'
import { formatDate, formatNumber, languageOf } from '~/features/i18n/config.ts'
import { textFor } from '~/features/findings/you-said-we-did.ts'
import { findPublication, listEntries } from '~/features/findings/you-said-we-did.server.ts'
import { getDb } from '~/utils/db.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

// The public "You said, we did" page: no account, the resident's language,
// the headline findings as published (suppressed when published, read from
// one row, never from responses) and what the partnership did. Until it is
// published, the page does not exist (404).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = await getDb()
  const consultation = await findConsultationBySlug(db, params.slug ?? '')
  if (!consultation) throw new Response('not_found', { status: 404 })
  const publication = await findPublication(db, consultation.id)
  if (!publication) throw new Response('not_found', { status: 404 })
  const locale = await getLocale(request)
  const { content, translated } = contentFor(consultation, locale)
  const headlineLocale = publication.headlines[locale] ? locale : 'en'
  const entries = await listEntries(db, consultation.id)
  return {
    pageTitle: content.title,
    title: content.title,
    titleLang: translated ? locale : 'en',
    locale,
    publishedOn: formatDate(publication.publishedAt, locale),
    headline: publication.headlines[headlineLocale] ?? null,
    headlineLang: headlineLocale,
    entries: entries.map((e) => ({ id: e.id, said: textFor(e.said, locale), did: textFor(e.did, locale) })),
    startHref: `/c/${consultation.slug}`,
    isSynthetic: consultation.isSynthetic,
  }
}

export default function YouSaidWeDidRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('findings')
  const { t: tAnalysis } = useTranslation('analysis')
  const dir = (lang: string) => languageOf(lang).dir
  const h = data.headline
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l" lang={data.titleLang} dir={dir(data.titleLang)}>
          {data.title}
        </span>
        <h1 className="govuk-heading-xl">{t('public.heading')}</h1>
        <p className="govuk-body-l">{t('public.intro')}</p>
        {data.isSynthetic ? <p className="govuk-inset-text">{t('public.synthetic')}</p> : null}

        <h2 className="govuk-heading-l">{t('public.we_did_heading')}</h2>
        {data.entries.length === 0 ? <p className="govuk-body">{t('public.no_entries')}</p> : null}
        {data.entries.map((e) => (
          <div className="hys-yswd-entry govuk-!-margin-bottom-6" key={e.id} data-testid="yswd-public-entry">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{t('yswd.you_said')}</h3>
            <p className="govuk-body" lang={e.said.lang} dir={dir(e.said.lang)}>
              {e.said.text}
            </p>
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{t('yswd.we_did')}</h3>
            <p className="govuk-body" lang={e.did.lang} dir={dir(e.did.lang)}>
              {e.did.text}
            </p>
          </div>
        ))}

        <h2 className="govuk-heading-l">{t('public.findings_heading')}</h2>
        <p className="govuk-body-s">{t('public.published_on', { date: data.publishedOn })}</p>
        {h === null || h.state === 'no-survey' || h.state === 'empty' ? (
          <p className="govuk-body">{t('public.no_findings')}</p>
        ) : (
          <>
            <p className="govuk-body-l" data-testid="yswd-responses">
              {h.responses.kind === 'shown' ? t('public.responses', { number: formatNumber(h.responses.count, data.locale) }) : t('public.too_few')}
            </p>
            {h.questions.length ? (
              <>
                <h3 className="govuk-heading-m">{t('public.questions_heading')}</h3>
                <p className="govuk-body-s">{t('public.suppression_note')}</p>
                {h.questions.map((q) => (
                  <div key={q.key} className="govuk-!-margin-bottom-4">
                    <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" lang={q.lang} dir="auto">
                      {q.title}
                    </p>
                    {q.top.length ? (
                      <ul className="govuk-list govuk-list--bullet">
                        {q.top.map((row, i) => (
                          <li key={i}>
                            <span lang={row.lang} dir="auto">
                              {row.label}
                            </span>
                            {': '}
                            {cellText(row.cell, data.locale, tAnalysis)}
                            {!q.multi && percentText(row.cell, data.locale) ? ` (${percentText(row.cell, data.locale)})` : ''}
                            {q.multi && percentText(row.cell, data.locale) ? ` (${t('public.of_people', { percent: percentText(row.cell, data.locale) })})` : ''}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p className="govuk-body-s">{t('public.hidden_answers')}</p>
                    )}
                  </div>
                ))}
              </>
            ) : null}
            <h3 className="govuk-heading-m">{t('public.themes_heading')}</h3>
            {h.themes.length ? (
              <table className="govuk-table">
                <caption className="govuk-table__caption govuk-table__caption--s">{t('public.themes_caption')}</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      {t('cta.theme')}
                    </th>
                    <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                      {t('cta.residents')}
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {h.themes.map((th, i) => (
                    <tr className="govuk-table__row" key={i}>
                      <th scope="row" className="govuk-table__header" lang={th.lang ?? 'en'} dir="auto">
                        {th.name}
                      </th>
                      <td className="govuk-table__cell govuk-table__cell--numeric">{cellText(th.residents, data.locale, tAnalysis)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <p className="govuk-body">{t('public.no_themes')}</p>
            )}
          </>
        )}
        <p className="govuk-body">
          <a className="govuk-link" href={data.startHref}>
            {t('public.back_to_start')}
          </a>
        </p>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
