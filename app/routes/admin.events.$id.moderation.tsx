import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, ErrorSummary, FormGroup, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Localised, RoomNote } from '~/features/events/components.tsx'
import { EVENT_MODERATORS, eventsT, loadStaffEvent } from '~/features/events/context.server.ts'
import { listCallsToAction } from '~/features/events/events.server.ts'
import { listModerationQueue, moderateAnswer, moderateQuestion, type QueueEntry } from '~/features/events/moderation.server.ts'
import { pick, type I18nText } from '~/features/events/text.ts'
import { languageOf } from '~/features/i18n/config.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import eventStyles from '~/styles/events.scss?url'

// The moderation queue (moderators, officers, administrators): open-text
// answers and Ask the Mayor questions, held back until approved. A moderator
// approves (after editing out personal details), or rejects; questions also
// get a call to action. Texts held back automatically (a blocked word, or
// what looks like a phone number or email) come first.
export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event } = await loadStaffEvent(request, params.id, EVENT_MODERATORS)
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const url = new URL(request.url)
  const done = url.searchParams.get('done')
  return Response.json(
    {
      pageTitle: t('moderation.title', { title: pick(event.title, locale).text }),
      locale,
      id: event.id,
      title: event.title,
      kind: event.kind,
      queue: await listModerationQueue(db, event.id),
      approved: (await listModerationQueue(db, event.id, ['approved'])).slice(-50).reverse(),
      ctas: await listCallsToAction(db, event.frameworkId),
      done: done === 'approve' || done === 'reject' ? done : null,
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, user } = await loadStaffEvent(request, params.id, EVENT_MODERATORS)
  const form = await readForm(request)
  const intent = form.get('intent')
  const kind = form.get('kind')
  const id = typeof form.get('id') === 'string' ? (form.get('id') as string) : ''
  if ((intent !== 'approve' && intent !== 'reject') || (kind !== 'answer' && kind !== 'question') || !id) throw new Response('bad_request', { status: 400 })
  const edited = typeof form.get('text') === 'string' ? (form.get('text') as string) : null
  let result
  if (kind === 'answer') {
    result = await moderateAnswer(db, event, id, { action: intent, edited }, user.id)
  } else {
    const ctas = (await listCallsToAction(db, event.frameworkId)).map((c) => c.code)
    const cta = form.get('cta')
    result = await moderateQuestion(db, event, id, { action: intent, edited, ctaCode: typeof cta === 'string' && ctas.includes(cta) ? cta : null }, user.id)
  }
  if (result.status === 'not_found') throw new Response('not_found', { status: 404 })
  if (result.status === 'error') return Response.json({ errors: { [`text-${id}`]: `errors.${result.error}` }, id, text: edited }, { status: 400 })
  return redirect(`/admin/events/${event.id}/moderation?done=${intent}`, 303)
}

type Entry = QueueEntry

export default function ModerationRoute() {
  const data = useLoaderData<typeof loader>() as unknown as {
    locale: string
    id: string
    title: I18nText
    kind: string
    queue: Entry[]
    approved: Entry[]
    ctas: { code: string; title: I18nText }[]
    done: 'approve' | 'reject' | null
  }
  const actionData = useActionData<typeof action>() as { errors: Record<string, string>; id: string; text: string | null } | undefined
  const { t } = useTranslation('events')
  const errors = actionData?.errors ?? {}
  const { locale } = data
  return (
    <>
      <BackLink href={`/admin/events`} />
      {data.done && !actionData ? <SuccessBanner title={t(`moderation.done_${data.done}`)} /> : null}
      <ErrorSummary errors={Object.entries(errors).map(([field, key]) => ({ href: `#${field}`, text: t(key) }))} />
      <span className="govuk-caption-l">
        <Localised text={data.title} locale={locale} />
      </span>
      <h1 className="govuk-heading-l">{t('moderation.heading')}</h1>
      <p className="govuk-body">{t('moderation.intro')}</p>
      <p className="govuk-body">
        <a className="govuk-link" href={`/admin/events/${data.id}/moderation`}>
          {t('moderation.reload')}
        </a>
      </p>
      {data.queue.length ? (
        data.queue.map((entry) => {
          const fieldId = `text-${entry.id}`
          const error = errors[fieldId]
          const value = actionData?.id === entry.id && actionData.text !== null ? actionData.text : (entry.shownText ?? entry.text)
          return (
            <section key={entry.id} className={`hys-moderation-entry${entry.status === 'held' ? ' hys-moderation-entry--held' : ''}`} aria-labelledby={`heading-${entry.id}`}>
              <h2 className="govuk-heading-s" id={`heading-${entry.id}`}>
                {entry.kind === 'answer' ? t('moderation.answer', { title: pick(entry.itemTitle, locale).text }) : t('moderation.question')}
              </h2>
              {entry.heldReason ? <strong className="govuk-tag govuk-tag--red">{t(`moderation.held_${entry.heldReason}`)}</strong> : null}
              <p className="govuk-body-s">{t('moderation.sent_in', { language: languageOf(entry.locale).name })}</p>
              <blockquote className="govuk-inset-text hys-pre-wrap" lang={entry.locale}>
                {entry.text}
              </blockquote>
              <form method="post" noValidate>
                <input type="hidden" name="id" value={entry.id} />
                <input type="hidden" name="kind" value={entry.kind} />
                <FormGroup error={Boolean(error)}>
                  <label className="govuk-label" htmlFor={fieldId}>
                    {t('moderation.edit_label')}
                  </label>
                  {error ? <ErrorMessage id={`${fieldId}-error`}>{t(error)}</ErrorMessage> : null}
                  <textarea
                    className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
                    id={fieldId}
                    name="text"
                    rows={3}
                    defaultValue={value}
                    lang={entry.locale}
                    aria-describedby={error ? `${fieldId}-error` : undefined}
                  />
                </FormGroup>
                {entry.kind === 'question' ? (
                  <div className="govuk-form-group">
                    <label className="govuk-label" htmlFor={`cta-${entry.id}`}>
                      {t('moderation.cta_label')}
                    </label>
                    <select className="govuk-select" id={`cta-${entry.id}`} name="cta" defaultValue={entry.ctaCode ?? ''}>
                      <option value="">{t('moderation.no_cta')}</option>
                      {data.ctas.map((c) => (
                        <option key={c.code} value={c.code}>
                          {c.code}: {c.title[locale] ?? c.title.en}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
                <div className="govuk-button-group">
                  <button type="submit" name="intent" value="approve" className="govuk-button">
                    {t('moderation.approve')}
                  </button>
                  <button type="submit" name="intent" value="reject" className="govuk-button govuk-button--warning">
                    {t('moderation.reject')}
                  </button>
                </div>
              </form>
            </section>
          )
        })
      ) : (
        <p className="govuk-body">{t('moderation.empty')}</p>
      )}
      {data.approved.length ? (
        <>
          <h2 className="govuk-heading-m">{t('moderation.approved_heading')}</h2>
          <ul className="govuk-list">
            {data.approved.map((entry) => (
              <li key={entry.id} className="hys-question">
                <span lang={entry.locale}>{entry.shownText ?? entry.text}</span>
                <form method="post">
                  <input type="hidden" name="id" value={entry.id} />
                  <input type="hidden" name="kind" value={entry.kind} />
                  <button type="submit" name="intent" value="reject" className="govuk-button govuk-button--secondary hys-small-button">
                    {t('moderation.withdraw')}
                    <span className="govuk-visually-hidden">: {entry.shownText ?? entry.text}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <RoomNote />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
