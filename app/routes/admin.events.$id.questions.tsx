import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, ErrorSummary, FormGroup } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Localised, RoomNote } from '~/features/events/components.tsx'
import { EVENT_MODERATORS, eventsT, loadStaffEvent } from '~/features/events/context.server.ts'
import { listCallsToAction, Refusal } from '~/features/events/events.server.ts'
import { ANSWER_STATES, listQuestions, mergeQuestion, setAnswerState, tagQuestion, writeAnswer } from '~/features/events/questions.server.ts'
import type { AnswerState } from '~/features/events/tally.ts'
import { pick, type I18nText } from '~/features/events/text.ts'
import { formatDate } from '~/features/i18n/config.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import eventStyles from '~/styles/events.scss?url'

// Ask the Mayor, for moderators and officers: the approved questions ordered
// by the room's upvotes; mark the one being answered (it goes to the top of the
// screen), answered, or to follow up; merge duplicates (their upvotes move
// across, a device counted once); tag each with a call to action; write the
// answers and publish them on the event's public page.
export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event } = await loadStaffEvent(request, params.id, EVENT_MODERATORS)
  if (event.kind !== 'ask_mayor') throw new Response('not_found', { status: 404 })
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const questions = await listQuestions(db, event.id, { statuses: ['approved'] })
  return Response.json(
    {
      pageTitle: t('mayor.title', { title: pick(event.title, locale).text }),
      locale,
      id: event.id,
      code: event.code,
      title: event.title,
      questions: questions.map((q) => ({
        id: q.id,
        text: q.shownText ?? q.text,
        votes: q.votes,
        state: q.answerState,
        cta: q.ctaCode,
        phase: q.phase,
        answer: q.writtenAnswer,
        publishedAt: q.answerPublishedAt === null ? null : formatDate(q.answerPublishedAt, locale),
      })),
      ctas: await listCallsToAction(db, event.frameworkId),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, user } = await loadStaffEvent(request, params.id, EVENT_MODERATORS)
  const form = await readForm(request)
  const id = String(form.get('question') ?? '')
  const here = `/admin/events/${event.id}/questions#q-${id}`
  try {
    switch (form.get('intent')) {
      case 'state': {
        const state = ANSWER_STATES.find((s) => s === form.get('state'))
        if (!state) break
        await setAnswerState(db, event, id, state as AnswerState, user.id)
        return redirect(here, 303)
      }
      case 'tag': {
        const ctas = (await listCallsToAction(db, event.frameworkId)).map((c) => c.code)
        const cta = String(form.get('cta') ?? '')
        await tagQuestion(db, event, id, ctas.includes(cta) ? cta : null, user.id)
        return redirect(here, 303)
      }
      case 'merge': {
        const into = String(form.get('into') ?? '')
        if (!into) return Response.json({ errors: { [`into-${id}`]: 'mayor.merge_choose' } }, { status: 400 })
        await mergeQuestion(db, event, id, into, user.id)
        return redirect(`/admin/events/${event.id}/questions#q-${into}`, 303)
      }
      case 'answer':
      case 'publish': {
        const result = await writeAnswer(db, event, id, { text: String(form.get('answer') ?? ''), publish: form.get('intent') === 'publish' }, user.id)
        if (result.status === 'error') return Response.json({ errors: { [`answer-${id}`]: `errors.${result.error}` }, id, answer: String(form.get('answer') ?? '') }, { status: 400 })
        return redirect(here, 303)
      }
    }
  } catch (error) {
    if (error instanceof Refusal) throw new Response('not_found', { status: 404 })
    throw error
  }
  throw new Response('bad_request', { status: 400 })
}

type Q = { id: string; text: string; votes: number; state: string; cta: string | null; phase: string; answer: string | null; publishedAt: string | null }

export default function MayorQuestionsRoute() {
  const data = useLoaderData<typeof loader>() as unknown as { locale: string; id: string; code: string; title: I18nText; questions: Q[]; ctas: { code: string; title: I18nText }[] }
  const actionData = useActionData<typeof action>() as { errors: Record<string, string>; id?: string; answer?: string } | undefined
  const { t } = useTranslation('events')
  const errors = actionData?.errors ?? {}
  const { locale } = data
  const queue = data.questions.filter((q) => q.state === 'queued' || q.state === 'answering')
  const done = data.questions.filter((q) => q.state === 'answered' || q.state === 'follow_up')
  const card = (q: Q) => {
    const answerError = errors[`answer-${q.id}`]
    const mergeError = errors[`into-${q.id}`]
    const button = (state: string, label: string) =>
      q.state === state ? null : (
        <form method="post" key={state}>
          <input type="hidden" name="question" value={q.id} />
          <input type="hidden" name="state" value={state} />
          <button type="submit" name="intent" value="state" className={`govuk-button ${state === 'answering' ? '' : 'govuk-button--secondary'} hys-small-button`}>
            {label}
            <span className="govuk-visually-hidden">: {q.text}</span>
          </button>
        </form>
      )
    return (
      <section key={q.id} id={`q-${q.id}`} className={`hys-moderation-entry${q.state === 'answering' ? ' hys-queue__item--answering' : ''}`} aria-labelledby={`qh-${q.id}`}>
        <h3 className="govuk-heading-s" id={`qh-${q.id}`}>
          {q.text}
        </h3>
        <p className="govuk-body-s">
          <strong>{t('results.votes', { count: q.votes })}</strong> · {t(`questions.state.${q.state}`)} · {t(`mayor.phase_${q.phase}`)}
          {q.cta ? ` · ${q.cta}` : ''}
        </p>
        <div className="govuk-button-group">
          {button('answering', t('mayor.set_answering'))}
          {button('answered', t('mayor.set_answered'))}
          {button('follow_up', t('mayor.set_follow_up'))}
          {button('queued', t('mayor.set_queued'))}
        </div>
        <form method="post" className="govuk-form-group">
          <input type="hidden" name="question" value={q.id} />
          <label className="govuk-label" htmlFor={`cta-${q.id}`}>
            {t('moderation.cta_label')}
          </label>
          <select className="govuk-select" id={`cta-${q.id}`} name="cta" defaultValue={q.cta ?? ''}>
            <option value="">{t('moderation.no_cta')}</option>
            {data.ctas.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code}: {c.title[locale] ?? c.title.en}
              </option>
            ))}
          </select>{' '}
          <button type="submit" name="intent" value="tag" className="govuk-button govuk-button--secondary hys-small-button">
            {t('mayor.tag')}
          </button>
        </form>
        {data.questions.length > 1 ? (
          <form method="post">
            <input type="hidden" name="question" value={q.id} />
            <FormGroup error={Boolean(mergeError)}>
              <label className="govuk-label" htmlFor={`into-${q.id}`}>
                {t('mayor.merge_label')}
              </label>
              {mergeError ? <ErrorMessage id={`into-${q.id}-error`}>{t(mergeError)}</ErrorMessage> : null}
              <select className="govuk-select" id={`into-${q.id}`} name="into" defaultValue="" aria-describedby={mergeError ? `into-${q.id}-error` : undefined}>
                <option value="">{t('mayor.merge_choose')}</option>
                {data.questions
                  .filter((other) => other.id !== q.id)
                  .map((other) => (
                    <option key={other.id} value={other.id}>
                      {other.text.slice(0, 80)}
                    </option>
                  ))}
              </select>{' '}
              <button type="submit" name="intent" value="merge" className="govuk-button govuk-button--secondary hys-small-button">
                {t('mayor.merge')}
              </button>
            </FormGroup>
          </form>
        ) : null}
        <form method="post" noValidate>
          <input type="hidden" name="question" value={q.id} />
          <FormGroup error={Boolean(answerError)}>
            <label className="govuk-label" htmlFor={`answer-${q.id}`}>
              {t('mayor.answer_label')}
            </label>
            {answerError ? <ErrorMessage id={`answer-${q.id}-error`}>{t(answerError)}</ErrorMessage> : null}
            <textarea
              className={`govuk-textarea${answerError ? ' govuk-textarea--error' : ''}`}
              id={`answer-${q.id}`}
              name="answer"
              rows={4}
              defaultValue={actionData?.id === q.id ? (actionData.answer ?? '') : (q.answer ?? '')}
              aria-describedby={answerError ? `answer-${q.id}-error` : undefined}
            />
          </FormGroup>
          <p className="govuk-body-s">{q.publishedAt ? t('mayor.published', { date: q.publishedAt }) : t('mayor.unpublished')}</p>
          <div className="govuk-button-group">
            <button type="submit" name="intent" value="answer" className="govuk-button govuk-button--secondary">
              {t('mayor.save_answer')}
            </button>
            <button type="submit" name="intent" value="publish" className="govuk-button">
              {t('mayor.publish')}
            </button>
          </div>
        </form>
      </section>
    )
  }
  return (
    <>
      <BackLink href={`/admin/events/${data.id}`} />
      <ErrorSummary errors={Object.entries(errors).map(([field, key]) => ({ href: `#${field}`, text: t(key) }))} />
      <span className="govuk-caption-l">
        <Localised text={data.title} locale={locale} />
      </span>
      <h1 className="govuk-heading-l">{t('mayor.heading')}</h1>
      <p className="govuk-body">{t('mayor.intro')}</p>
      <p className="govuk-body">
        <a className="govuk-link" href={`/admin/events/${data.id}/moderation`}>
          {t('manage.moderation_link')}
        </a>{' '}
        ·{' '}
        <a className="govuk-link" href={`/events/${data.code}/screen`} target="_blank" rel="noopener">
          {t('manage.screen_link')}
        </a>{' '}
        ·{' '}
        <a className="govuk-link" href={`/events/${data.code}/answers`}>
          {t('manage.answers_link')}
        </a>
      </p>
      <h2 className="govuk-heading-m">{t('mayor.queue')}</h2>
      {queue.length ? queue.map(card) : <p className="govuk-body">{t('questions.none_yet')}</p>}
      {done.length ? (
        <>
          <h2 className="govuk-heading-m">{t('mayor.done')}</h2>
          {done.map(card)}
        </>
      ) : null}
      <RoomNote />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
