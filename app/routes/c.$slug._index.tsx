import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { contentFor, isOpen } from '~/features/consultations/consultations.server.ts'
import { formatDate, formatTime, languageOf } from '~/features/i18n/config.ts'
import { consultationPath, loadResidentContext, resumePath } from '~/features/responses/resident-flow.server.ts'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { isPublished } from '~/features/findings/you-said-we-did.server.ts'
import { getDb } from '~/utils/db.server.ts'

export const handle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await loadResidentContext(request, params.slug, { requireOpen: false })
  const { consultation, locale } = ctx
  const { content, translated } = contentFor(consultation, locale)
  const first = ctx.version.definition.questions[0]!

  return {
    pageTitle: content.title,
    content,
    contentLang: translated ? locale : 'en',
    fallbackLanguage: translated ? null : languageOf(locale).name,
    open: isOpen(consultation),
    closesDate: formatDate(consultation.closesAt, locale),
    closesTime: formatTime(consultation.closesAt, locale),
    minutes: consultation.estimatedMinutes,
    languages: consultation.locales.map((l) => languageOf(l).name).join(', '),
    partners: consultation.partners.join(', '),
    startHref: consultationPath(consultation.slug, `/q/${first.key}`),
    continueHref: ctx.draft ? resumePath(consultation.slug, ctx.version.definition, ctx.answers) : null,
    privacyHref: consultationPath(consultation.slug, '/privacy'),
    // Once officers publish what residents said and what was done, the start page links to it.
    youSaidWeDidHref: (await isPublished(await getDb(), consultation.id)) ? consultationPath(consultation.slug, '/you-said-we-did') : null,
  }
}

export default function StartRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('common')
  const { content, contentLang } = data
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {data.fallbackLanguage ? (
          <div className="govuk-inset-text">{t('start.content_fallback', { language: data.fallbackLanguage })}</div>
        ) : null}
        <h1 className="govuk-heading-xl" lang={contentLang} dir={languageOf(contentLang).dir}>
          {content.title}
        </h1>
        <p className="govuk-body-l" lang={contentLang} dir={languageOf(contentLang).dir}>
          {content.summary}
        </p>
        <h2 className="govuk-heading-m">{t('start.about')}</h2>
        <p className="govuk-body" lang={contentLang} dir={languageOf(contentLang).dir}>
          {content.purpose}
        </p>
        <h2 className="govuk-heading-m">{t('start.what_can_change')}</h2>
        <p className="govuk-body" lang={contentLang} dir={languageOf(contentLang).dir}>
          {content.whatCanChange}
        </p>
        <h2 className="govuk-heading-m">{t('start.how_used')}</h2>
        <p className="govuk-body" lang={contentLang} dir={languageOf(contentLang).dir}>
          {content.howAnswersUsed}
        </p>
        <h2 className="govuk-heading-m">{t('start.how_decided')}</h2>
        <p className="govuk-body" lang={contentLang} dir={languageOf(contentLang).dir}>
          {content.howDecisionMade}
        </p>
        {data.open ? (
          <>
            <ul className="govuk-list govuk-list--bullet">
              <li>{t('start.closing', { time: data.closesTime, date: data.closesDate })}</li>
              <li>{t('start.duration', { count: data.minutes })}</li>
              <li>{t('start.languages', { languages: data.languages })}</li>
              {data.partners ? <li>{t('start.partners', { partners: data.partners })}</li> : null}
            </ul>
            {data.continueHref ? (
              <div className="govuk-notification-banner" role="region" aria-labelledby="draft-banner-title">
                <div className="govuk-notification-banner__header">
                  <h2 className="govuk-notification-banner__title" id="draft-banner-title">
                    {t('start.continue_draft')}
                  </h2>
                </div>
                <div className="govuk-notification-banner__content">
                  <a className="govuk-notification-banner__link" href={data.continueHref}>
                    {t('start.continue_draft_link')}
                  </a>
                </div>
              </div>
            ) : null}
            <a href={data.startHref} role="button" draggable="false" className="govuk-button govuk-button--start" data-module="govuk-button">
              {t('start.start_now')}
              <svg className="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
                <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
              </svg>
            </a>
          </>
        ) : (
          <div className="govuk-inset-text">{t('errors.closed_body', { date: data.closesDate })}</div>
        )}
        {data.youSaidWeDidHref ? (
          <p className="govuk-body govuk-!-font-weight-bold">
            <a className="govuk-link" href={data.youSaidWeDidHref}>
              {t('findings:public.start_link')}
            </a>
          </p>
        ) : null}
        <h2 className="govuk-heading-m">{t('start.privacy_heading')}</h2>
        <p className="govuk-body">{t('start.privacy_body')}</p>
        <p className="govuk-body">
          <a className="govuk-link" href={data.privacyHref}>
            {t('start.privacy_link')}
          </a>
        </p>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
