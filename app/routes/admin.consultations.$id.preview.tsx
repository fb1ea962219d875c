import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { LANGUAGES, isLocale, languageOf } from '~/features/i18n/config.ts'
import { getWards } from '~/features/responses/resident-flow.server.ts'
import { findQuestion, localise, parseSurveyDefinition } from '~/features/surveys/definition.ts'
import { QuestionField } from '~/features/surveys/question-field.tsx'
import { surveyStatus } from '~/features/surveys/survey-versions.server.ts'
import { getLocale, i18n, messagesFor } from '~/utils/i18next.server.ts'
import { createI18n } from '~/features/i18n/create-i18n.ts'
import { I18nextProvider } from 'react-i18next'
import { useMemo } from 'react'

export const handle = { hydrate: false }

// "Preview as a resident": each question exactly as a resident's page shows it,
// in any offered language, in a phone-sized frame. Read only: there is no form
// to send, so no response is ever created.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await loadConsultationForOfficer(request, params.id)
  const url = new URL(request.url)
  const t = await i18n.getFixedT(await getLocale(request), 'auth')
  const { current } = await surveyStatus(db, consultation.id)
  if (!current) throw new Response('not_found', { status: 404 })
  const parsed = parseSurveyDefinition(JSON.parse(current.definition))
  if (!parsed.ok) throw new Response('not_found', { status: 404 })
  const definition = parsed.definition
  const requested = url.searchParams.get('in')
  const previewLocale = isLocale(requested) && consultation.locales.includes(requested) ? requested : 'en'
  const contentLocale = definition.locales.includes(previewLocale) ? previewLocale : 'en'
  const n = Math.min(Math.max(Number(url.searchParams.get('q') ?? 1) || 1, 1), definition.questions.length)
  const question = definition.questions[n - 1]!
  const condition = question.showIf
    ? {
        question: localise(findQuestion(definition, question.showIf.question)?.title, contentLocale),
        operator: question.showIf.operator,
        value: (() => {
          const target = findQuestion(definition, question.showIf!.question)
          const option = target && 'options' in target ? target.options.find((o) => o.code === question.showIf!.value) : undefined
          return option ? localise(option.label, contentLocale) : (question.showIf!.value ?? '')
        })(),
      }
    : null
  const title = consultation.content.en?.title ?? consultation.slug
  return {
    pageTitle: t('preview.title', { title }),
    id: consultation.id,
    title,
    n,
    total: definition.questions.length,
    question,
    previewLocale,
    contentLocale,
    locales: consultation.locales,
    condition,
    wards: question.type === 'ward' ? await getWards(db) : [],
    // The question's own words (scale labels, "optional") in the previewed language, not the officer's.
    surveyMessages: messagesFor(previewLocale).survey,
  }
}

export default function PreviewRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('auth')
  const href = (q: number, locale = data.previewLocale) => `/admin/consultations/${data.id}/preview?in=${locale}&q=${q}`
  const language = languageOf(data.previewLocale)
  const previewI18n = useMemo(() => createI18n(data.previewLocale, { survey: data.surveyMessages }), [data.previewLocale, data.surveyMessages])
  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}`} />
      <h1 className="govuk-heading-l">{t('preview.title', { title: data.title })}</h1>
      <p className="govuk-body">{t('preview.intro')}</p>
      <nav aria-label={t('preview.language')} className="govuk-!-margin-bottom-4">
        <ul className="govuk-list hys-inline-list">
          {LANGUAGES.filter((l) => data.locales.includes(l.code)).map((l) => (
            <li key={l.code}>
              {l.code === data.previewLocale ? (
                <strong lang={l.code}>{l.name}</strong>
              ) : (
                <a className="govuk-link" href={href(data.n, l.code)} lang={l.code}>
                  {l.name}
                </a>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <p className="govuk-body-s">{t('preview.question_of', { n: data.n, total: data.total })}</p>
      {data.condition ? (
        <p className="govuk-inset-text">
          {t('preview.condition', { question: data.condition.question, operator: t(`preview.operators.${data.condition.operator}`), value: data.condition.value })}
        </p>
      ) : null}
      {data.contentLocale !== data.previewLocale ? <p className="govuk-body-s">{t('preview.not_translated')}</p> : null}
      <div className="hys-phone-frame" lang={data.previewLocale} dir={language.dir}>
        <I18nextProvider i18n={previewI18n}>
          <QuestionField question={data.question} contentLocale={data.contentLocale} values={[]} wards={data.wards} />
        </I18nextProvider>
      </div>
      <div className="govuk-button-group govuk-!-margin-top-6">
        {data.n > 1 ? (
          <a className="govuk-link" href={href(data.n - 1)}>
            {t('preview.previous')}
          </a>
        ) : null}
        {data.n < data.total ? (
          <a className="govuk-link" href={href(data.n + 1)}>
            {t('preview.next')}
          </a>
        ) : null}
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
