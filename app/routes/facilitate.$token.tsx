import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, ErrorSummary, FormGroup, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Localised } from '~/features/events/components.tsx'
import { addNote, getTable, listTables, removeNote, verifyFacilitatorToken } from '~/features/events/congress.server.ts'
import { NOTE_MAX } from '~/features/events/constants.ts'
import { getEvent, listCallsToAction, Refusal } from '~/features/events/events.server.ts'
import { pick, type I18nText } from '~/features/events/text.ts'
import { getDb } from '~/utils/db.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { eventsT } from '~/features/events/context.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import { enforceRateLimit } from '~/utils/rate-limit.server.ts'
import eventStyles from '~/styles/events.scss?url'

// A congress table's tablet: the facilitator records the key issues and the
// commitments the table proposes. No account: the link (a QR code on the
// table) carries an HMAC of the table's id and link version, so it opens only
// this table, and only until an officer issues a new link. Once the event has
// ended the page shows what was recorded and takes nothing more.
export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventStyles }]

async function load(token: string | undefined) {
  const link = verifyFacilitatorToken(token)
  if (!link) throw new Response('not_found', { status: 404 })
  const db = await getDb()
  const table = await getTable(db, link.tableId)
  const event = table ? await getEvent(db, table.event_id) : null
  // A link replaced by a newer one is as unknown as a made-up one.
  if (!table || !event || Number(table.token_version) !== link.version) throw new Response('not_found', { status: 404 })
  return { db, table, event }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, table, event } = await load(params.token)
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const full = (await listTables(db, event.id)).find((x) => x.id === table.id)!
  const cta = (await listCallsToAction(db, event.frameworkId)).find((c) => c.code === table.cta_code)
  return Response.json(
    {
      pageTitle: t('facilitate.title', { table: table.name }),
      locale,
      eventTitle: event.title,
      theme: event.theme,
      table: { name: table.name, facilitator: table.facilitator, cta: cta ? `${cta.code}: ${pick(cta.title, locale).text}` : table.cta_code },
      issues: full.issues,
      commitments: full.commitments.map((c) => ({ id: c.id, text: c.text, removable: c.decision === 'proposed' && !c.voteItemId, decision: c.decision })),
      ended: event.status === 'ended',
      saved: new URL(request.url).searchParams.get('saved') === '1',
    },
    { headers: { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' } },
  )
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  enforceRateLimit(context)
  const { db, table, event } = await load(params.token)
  const form = await readForm(request)
  const intent = form.get('intent')
  const here = `/facilitate/${params.token}`
  const actor = `facilitator:${table.id}`
  if (intent === 'remove') {
    const kind = form.get('kind') === 'issue' ? 'issue' : 'commitment'
    try {
      await removeNote(db, { eventId: event.id, tableId: table.id, kind, id: String(form.get('id') ?? ''), actor })
    } catch (error) {
      if (!(error instanceof Refusal)) throw error
      if (error.reason === 'ended') return Response.json({ errors: { [kind]: 'errors.event_ended' }, text: '', kind }, { status: 409 })
    }
    return redirect(here, 303)
  }
  if (intent !== 'issue' && intent !== 'commitment') throw new Response('bad_request', { status: 400 })
  const text = String(form.get('text') ?? '')
  const result = await addNote(db, { eventId: event.id, tableId: table.id, kind: intent, text, actor, locale: await getLocale(request) })
  if (result.status === 'error') {
    return Response.json({ errors: { [intent]: `errors.${result.error}` }, text, kind: intent }, { status: result.error === 'event_ended' ? 409 : 400 })
  }
  return redirect(`${here}?saved=1`, 303)
}

export default function FacilitateRoute() {
  const data = useLoaderData<typeof loader>() as unknown as {
    locale: string
    eventTitle: I18nText
    theme: I18nText | null
    table: { name: string; facilitator: string; cta: string }
    issues: { id: string; text: string }[]
    commitments: { id: string; text: string; removable: boolean; decision: string }[]
    ended: boolean
    saved: boolean
  }
  const actionData = useActionData<typeof action>() as { errors: Record<string, string>; text: string; kind: string } | undefined
  const { t } = useTranslation('events')
  const errors = actionData?.errors ?? {}
  const noteForm = (kind: 'issue' | 'commitment') =>
    data.ended ? null : (
    <form method="post" noValidate>
      <FormGroup error={Boolean(errors[kind])}>
        <label className="govuk-label govuk-label--s" htmlFor={kind}>
          {t(`facilitate.${kind}_label`)}
        </label>
        {errors[kind] ? <ErrorMessage id={`${kind}-error`}>{t(errors[kind]!)}</ErrorMessage> : null}
        <textarea
          className={`govuk-textarea${errors[kind] ? ' govuk-textarea--error' : ''}`}
          id={kind}
          name="text"
          rows={3}
          maxLength={NOTE_MAX * 2}
          defaultValue={actionData?.kind === kind ? actionData.text : ''}
          aria-describedby={errors[kind] ? `${kind}-error` : undefined}
        />
      </FormGroup>
      <button type="submit" name="intent" value={kind} className="govuk-button">
        {t(`facilitate.add_${kind}`)}
      </button>
    </form>
  )
  const list = (kind: 'issue' | 'commitment', items: { id: string; text: string; removable?: boolean; decision?: string }[]) =>
    items.length ? (
      <ul className="govuk-list">
        {items.map((item) => (
          <li key={item.id} className="hys-question">
            {item.decision && item.decision !== 'proposed' ? <strong className="govuk-tag govuk-tag--grey">{t(`congress.decision_${item.decision}`)}</strong> : null}{' '}
            {item.text}
            {data.ended ? null : kind === 'issue' || item.removable ? (
              <form method="post">
                <input type="hidden" name="kind" value={kind} />
                <input type="hidden" name="id" value={item.id} />
                <button type="submit" name="intent" value="remove" className="govuk-button govuk-button--secondary hys-small-button">
                  {t('facilitate.remove')}
                  <span className="govuk-visually-hidden">: {item.text}</span>
                </button>
              </form>
            ) : (
              <p className="govuk-body-s">{t('facilitate.in_vote')}</p>
            )}
          </li>
        ))}
      </ul>
    ) : (
      <p className="govuk-body-s">{t('congress.no_notes')}</p>
    )
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {data.saved && !actionData ? <SuccessBanner title={t('facilitate.saved')} /> : null}
        <ErrorSummary errors={Object.entries(errors).map(([field, key]) => ({ href: `#${field}`, text: t(key) }))} />
        <span className="govuk-caption-m">
          <Localised text={data.eventTitle} locale={data.locale} />
        </span>
        <h1 className="govuk-heading-l">{t('facilitate.title', { table: data.table.name })}</h1>
        <p className="govuk-body">
          {data.table.cta} · {t('congress.facilitator')}: {data.table.facilitator}
        </p>
        {data.theme ? <p className="govuk-body">{t('congress.theme', { theme: pick(data.theme, data.locale).text })}</p> : null}
        {data.ended ? (
          <div className="govuk-inset-text" data-event-ended="">
            {t('facilitate.ended')}
          </div>
        ) : (
          <p className="govuk-body">{t('facilitate.intro')}</p>
        )}
        <h2 className="govuk-heading-m">{t('congress.issues')}</h2>
        {list('issue', data.issues)}
        {noteForm('issue')}
        <h2 className="govuk-heading-m">{t('congress.commitments')}</h2>
        {list('commitment', data.commitments)}
        {noteForm('commitment')}
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
