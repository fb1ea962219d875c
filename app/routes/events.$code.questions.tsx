import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, ErrorSummary, FormGroup, Hint, SuccessBanner, describedBy } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { DeviceLimited, EventSummary, LiveRoot, Localised, RoomNote, liveMessages, type EventView, type ItemView } from '~/features/events/components.tsx'
import { deviceMinting, eventsT, loadPublicEvent } from '~/features/events/context.server.ts'
import { ensureDevice } from '~/features/events/device.server.ts'
import { getItem } from '~/features/events/events.server.ts'
import { receiveQuestionPost } from '~/features/events/questions-handler.server.ts'
import { listQuestions, myWaitingQuestions, questionWindow } from '~/features/events/questions.server.ts'
import { PHONE_QUESTIONS } from '~/features/events/constants.ts'
import { pick } from '~/features/events/text.ts'
import { QUESTION_MAX } from '~/features/events/vote-form.ts'
import { eventView, itemView } from '~/features/events/views.server.ts'
import { formatDate, formatNumber, formatTime, languageOf } from '~/features/i18n/config.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import eventStyles from '~/styles/events.scss?url'

// Ask the Mayor on a phone: send a question (before the event, while the form
// is open, or during it), and vote for the questions you most want answered
// (one upvote per device per question). Questions appear once a moderator has
// approved them; the list orders by votes. public/events-live.js keeps it up
// to date from the stream (new questions, the order, the one being answered,
// answered ones moving down); without JavaScript a reload shows the same.
export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventStyles }]
export { headers } from '~/utils/route-headers.ts'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { db, event } = await loadPublicEvent(params.code)
  if (event.kind !== 'ask_mayor') throw new Response('not_found', { status: 404 })
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const { device, setCookie, limited } = ensureDevice(request, deviceMinting(context, event.id))
  const url = new URL(request.url)
  const window = questionWindow(event)
  const item = event.currentItemId ? await getItem(db, event.id, event.currentItemId) : null
  const questions = await listQuestions(db, event.id, { deviceHash: device?.hash, statuses: ['approved'] })
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  if (setCookie) headers.append('Set-Cookie', setCookie)
  const when = (ms: number) => `${formatDate(ms, locale)} ${formatTime(ms, locale)}`
  return Response.json(
    {
      pageTitle: `${t('questions.title')}: ${pick(event.title, locale).text}`,
      locale,
      event: eventView(event),
      item: item ? itemView(item) : null,
      open: window !== 'closed',
      windowText:
        event.questionsOpenAt !== null && event.questionsCloseAt !== null && event.status === 'scheduled'
          ? t('questions.window', { from: when(event.questionsOpenAt), until: when(event.questionsCloseAt) })
          : null,
      questions: questions.map((q) => ({ id: q.id, text: q.shownText ?? q.text, lang: q.locale, votes: q.votes, state: q.answerState, mine: q.mine })),
      yours: device ? (await myWaitingQuestions(db, event.id, device.hash)).map((q) => ({ id: q.id, text: q.text, status: q.status })) : [],
      deviceLimited: limited,
      flash: url.searchParams.get('sent') === '1' ? 'sent' : url.searchParams.get('voted') === 'on' ? 'upvoted' : url.searchParams.get('voted') === 'off' ? 'unvoted' : null,
      messages: liveMessages(t, locale),
      remaining: {
        one: t('vote.remaining', { count: 1 }).replace(formatNumber(1, locale), '{{count}}'),
        other: t('vote.remaining', { count: 7 }).replace(formatNumber(7, locale), '{{count}}'),
        overOne: t('vote.over', { count: 1 }).replace(formatNumber(1, locale), '{{count}}'),
        overOther: t('vote.over', { count: 7 }).replace(formatNumber(7, locale), '{{count}}'),
      },
    },
    { headers },
  )
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  context.roomPost = true
  const { event } = await loadPublicEvent(params.code)
  if (event.kind !== 'ask_mayor') throw new Response('not_found', { status: 404 })
  const result = await receiveQuestionPost(request, context, event)
  const here = `/events/${event.code}/questions`
  if (result.ok) return redirect(result.kind === 'asked' ? `${here}?sent=1` : `${here}?voted=${result.mine ? 'on' : 'off'}#q-${result.questionId}`, 303)
  const headers = new Headers({ 'Cache-Control': 'no-store' })
  return Response.json(
    { errors: [{ href: result.field === 'question' ? '#question' : result.questionId ? `#q-${result.questionId}` : '#questions', text: result.message }], field: result.field, text: result.text ?? '' },
    { status: result.status, headers },
  )
}

type Question = { id: string; text: string; lang: string; votes: number; state: string; mine: boolean }
type LoaderData = {
  locale: string
  event: EventView
  item: ItemView | null
  open: boolean
  windowText: string | null
  questions: Question[]
  yours: { id: string; text: string; status: string }[]
  flash: 'sent' | 'upvoted' | 'unvoted' | null
  deviceLimited: boolean
  messages: string
  remaining: { one: string; other: string; overOne: string; overOther: string }
}

export default function QuestionsRoute() {
  const data = useLoaderData<typeof loader>() as unknown as LoaderData
  const actionData = useActionData<typeof action>() as { errors: { href: string; text: string }[]; field: string; text: string } | undefined
  const { t } = useTranslation('events')
  const { event, locale } = data
  const errors = actionData?.errors ?? []
  const askError = actionData?.field === 'question' ? errors[0]?.text : undefined
  // The same lists, and as many, as the stream sends (snapshot.server.ts): the script replaces them as they change.
  const waiting = data.questions.filter((q) => q.state === 'queued' || q.state === 'answering').slice(0, PHONE_QUESTIONS)
  const done = data.questions.filter((q) => q.state === 'answered' || q.state === 'follow_up').slice(0, PHONE_QUESTIONS)
  const canUpvote = data.open && !data.deviceLimited
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {data.flash && !errors.length ? (
          <SuccessBanner title={data.flash === 'sent' ? t('questions.sent_title') : t(`questions.${data.flash}`)} message={data.flash === 'sent' ? t('questions.sent') : undefined} />
        ) : null}
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-m">
          <Localised text={event.title} locale={locale} />
        </span>
        <h1 className="govuk-heading-l">{t('questions.title')}</h1>
        <EventSummary event={event} locale={locale} />
        <p className="govuk-body">{t('questions.intro')}</p>
        <h2 className="govuk-heading-m">{t('questions.ask_heading')}</h2>
        {data.open && data.deviceLimited ? (
          <DeviceLimited />
        ) : data.open ? (
          <form method="post" noValidate>
            <input type="hidden" name="intent" value="ask" />
            <FormGroup error={Boolean(askError)}>
              <div
                className="govuk-character-count"
                data-module="govuk-character-count"
                data-maxlength={QUESTION_MAX}
                data-messages={JSON.stringify({
                  remainingOne: data.remaining.one,
                  remainingOther: data.remaining.other,
                  overOne: data.remaining.overOne,
                  overOther: data.remaining.overOther,
                })}
              >
                <label className="govuk-label govuk-label--s" htmlFor="question">
                  {t('questions.ask_label')}
                </label>
                <Hint id="question-hint">{t('questions.ask_hint')}</Hint>
                {askError ? <ErrorMessage id="question-error">{askError}</ErrorMessage> : null}
                <textarea
                  className={`govuk-textarea govuk-js-character-count${askError ? ' govuk-textarea--error' : ''}`}
                  id="question"
                  name="text"
                  rows={4}
                  defaultValue={actionData?.field === 'question' ? actionData.text : ''}
                  aria-describedby={describedBy('question-hint', 'question-limit', askError && 'question-error')}
                />
                <div id="question-limit" className="govuk-hint govuk-character-count__message" aria-live="polite">
                  {t('questions.limit', { max: QUESTION_MAX })}
                </div>
              </div>
            </FormGroup>
            <button type="submit" className="govuk-button" data-module="govuk-button">
              {t('questions.ask_submit')}
            </button>
          </form>
        ) : (
          <p className="govuk-body">{t('questions.closed')}</p>
        )}
        {data.windowText ? <p className="govuk-body-s">{data.windowText}</p> : null}
        {data.yours.length ? (
          <>
            <h2 className="govuk-heading-m">{t('questions.yours_heading')}</h2>
            <ul className="govuk-list">
              {data.yours.map((q) => (
                <li key={q.id} className="hys-question">
                  <strong className={`govuk-tag ${q.status === 'rejected' ? 'govuk-tag--grey' : 'govuk-tag--blue'}`}>
                    {q.status === 'rejected' ? t('questions.yours_rejected') : t('questions.yours_pending')}
                  </strong>{' '}
                  {q.text}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <LiveRoot code={event.code} view="questions" item={data.item} status={event.status} messages={data.messages}>
          <h2 className="govuk-heading-m" id="questions">
            {t('questions.list_heading')}
          </h2>
          <ol className="govuk-list" data-live-question-list="" hidden={!waiting.length}>
            {waiting.map((q) => (
              <WaitingQuestion key={q.id} question={q} code={event.code} canUpvote={canUpvote} locale={locale} />
            ))}
          </ol>
          <p className="govuk-body" data-live-question-none="" hidden={Boolean(waiting.length)}>
            {done.length ? t('questions.none_waiting') : t('questions.none_yet')}
          </p>
          <ul className="govuk-list" data-live-question-done="">
            {done.map((q) => (
              <DoneQuestion key={q.id} question={q} locale={locale} />
            ))}
          </ul>
          {/* What the script copies for a question that arrives while the page is open. */}
          <template data-question-template="waiting">
            <WaitingQuestion question={{ id: '', text: '', lang: locale, votes: 0, state: 'queued', mine: false }} code={event.code} canUpvote={canUpvote} locale={locale} />
          </template>
          <template data-question-template="done">
            <DoneQuestion question={{ id: '', text: '', lang: locale, votes: 0, state: 'answered', mine: false }} locale={locale} />
          </template>
        </LiveRoot>
        <p className="govuk-body">
          <a className="govuk-link" href={`/events/${event.code}/answers`}>
            {t('questions.answers_link')}
          </a>
        </p>
        <RoomNote />
        <script src="/events-live.js" defer />
      </div>
    </div>
  )
}

/** A question in the queue: its text, upvotes and (while the room can vote) the upvote button. */
function WaitingQuestion({ question: q, code, canUpvote, locale }: { question: Question; code: string; canUpvote: boolean; locale: string }) {
  const { t } = useTranslation('events')
  return (
    <li id={q.id ? `q-${q.id}` : undefined} className="hys-question" data-question={q.id}>
      <strong className="govuk-tag govuk-tag--green" data-question-answering="" hidden={q.state !== 'answering'}>
        {t('questions.state.answering')}
      </strong>
      <p className="govuk-body govuk-!-margin-bottom-1" data-question-text="" lang={q.lang !== locale ? q.lang : undefined} dir={q.lang !== locale ? languageOf(q.lang).dir : undefined}>
        {q.text}
      </p>
      <p className="govuk-body-s hys-question__votes" data-live-votes="">
        {t('results.votes', { count: q.votes })}
      </p>
      {canUpvote ? (
        <form method="post" action={`/events/${code}/questions`} data-upvote-form="" data-upvote-endpoint={`/events/${code}/upvote`}>
          <input type="hidden" name="question" value={q.id} />
          <input type="hidden" name="intent" value={q.mine ? 'unvote' : 'upvote'} />
          <button
            type="submit"
            className={`govuk-button ${q.mine ? 'govuk-button--secondary' : ''} hys-small-button`}
            aria-pressed={q.mine}
            data-label-on={t('questions.unvote')}
            data-label-off={t('questions.upvote')}
          >
            <span data-upvote-label="">{q.mine ? t('questions.unvote') : t('questions.upvote')}</span>
          </button>
          <p className="govuk-body-s" data-upvote-message="" role="status" />
        </form>
      ) : null}
    </li>
  )
}

/** An answered question, or one to follow up: no more upvotes. */
function DoneQuestion({ question: q, locale }: { question: Question; locale: string }) {
  const { t } = useTranslation('events')
  return (
    <li id={q.id ? `q-${q.id}` : undefined} className="hys-question" data-question={q.id}>
      <strong className="govuk-tag govuk-tag--grey" data-question-state="">
        {t(`questions.state.${q.state}`)}
      </strong>{' '}
      <span data-question-text="" lang={q.lang !== locale ? q.lang : undefined} dir={q.lang !== locale ? languageOf(q.lang).dir : undefined}>
        {q.text}
      </span> <span className="govuk-body-s" data-live-votes="">{t('results.votes', { count: q.votes })}</span>
    </li>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
