import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { EventSummary, Localised, RoomNote, type EventView } from '~/features/events/components.tsx'
import { eventsT, loadPublicEvent } from '~/features/events/context.server.ts'
import { listCallsToAction } from '~/features/events/events.server.ts'
import { listPublicAnswers } from '~/features/events/questions.server.ts'
import { pick } from '~/features/events/text.ts'
import { eventView } from '~/features/events/views.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import eventStyles from '~/styles/events.scss?url'

// After Ask the Mayor: every approved question, in the order the room voted
// for them, with the written answer once it is published.
export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event } = await loadPublicEvent(params.code)
  if (event.kind !== 'ask_mayor') throw new Response('not_found', { status: 404 })
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const ctas = await listCallsToAction(db, event.frameworkId)
  return {
    pageTitle: t('answers.title', { title: pick(event.title, locale).text }),
    locale,
    event: eventView(event),
    questions: (await listPublicAnswers(db, event.id)).map((q) => ({
      ...q,
      cta: q.ctaCode ? `${q.ctaCode}: ${pick(ctas.find((c) => c.code === q.ctaCode)?.title, locale).text}` : null,
    })),
  }
}

export default function AnswersRoute() {
  const data = useLoaderData<typeof loader>() as unknown as {
    locale: string
    event: EventView
    questions: { id: string; text: string; votes: number; answerState: string; answer: string | null; cta: string | null }[]
  }
  const { t } = useTranslation('events')
  const { event, locale } = data
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <span className="govuk-caption-l">
          <Localised text={event.title} locale={locale} />
        </span>
        <h1 className="govuk-heading-l">{t('questions.title')}</h1>
        <EventSummary event={event} locale={locale} />
        <p className="govuk-body">{t('answers.intro')}</p>
        {data.questions.length ? (
          data.questions.map((q) => (
            <section key={q.id} className="hys-question" aria-labelledby={`a-${q.id}`}>
              <h2 className="govuk-heading-s" id={`a-${q.id}`}>
                {q.text}
              </h2>
              <p className="govuk-body-s">
                {t('results.votes', { count: q.votes })} · {t(`questions.state.${q.answerState}`)}
                {q.cta ? ` · ${t('answers.cta', { cta: q.cta })}` : ''}
              </p>
              {q.answer ? <p className="govuk-body hys-pre-wrap">{q.answer}</p> : <p className="govuk-body-s">{t('answers.pending')}</p>}
            </section>
          ))
        ) : (
          <p className="govuk-body">{t('answers.none')}</p>
        )}
        <RoomNote />
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
