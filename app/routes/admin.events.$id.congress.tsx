import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, ErrorSummary, FormGroup } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Localised, QrCode, RoomNote } from '~/features/events/components.tsx'
import { eventsT, loadStaffEvent, publicOrigin } from '~/features/events/context.server.ts'
import { CHARTER_STATUSES } from '~/features/events/constants.ts'
import {
  addTable,
  commitmentTally,
  commitmentVoteTitle,
  decideCommitment,
  facilitatorToken,
  listTables,
  putCommitmentToVote,
  updateCharterEntry,
} from '~/features/events/congress.server.ts'
import { listCallsToAction, Refusal } from '~/features/events/events.server.ts'
import { qrSvg } from '~/features/events/qr.server.ts'
import { pick, type I18nText } from '~/features/events/text.ts'
import { languageOf } from '~/features/i18n/config.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import eventStyles from '~/styles/events.scss?url'

// The partnership congress, for officers: tables (name, facilitator, call to
// action) with a link and QR code for each facilitator's tablet; what each
// table recorded; proposed commitments put to a live vote in plenary; the
// decision; and, for agreed commitments, the owning partners and status that
// the public charter shows.
export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event } = await loadStaffEvent(request, params.id)
  if (event.kind !== 'congress') throw new Response('not_found', { status: 404 })
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const origin = publicOrigin(request)
  const tables = await listTables(db, event.id)
  return Response.json(
    {
      pageTitle: t('congress.title', { title: pick(event.title, locale).text }),
      locale,
      id: event.id,
      code: event.code,
      title: event.title,
      theme: event.theme,
      currentItemId: event.currentItemId,
      locales: event.locales,
      ended: event.status === 'ended',
      ctas: await listCallsToAction(db, event.frameworkId),
      tables: await Promise.all(
        tables.map(async (table) => {
          const link = `${origin}/facilitate/${facilitatorToken(table.id, table.tokenVersion)}`
          return {
            ...table,
            link,
            qr: await qrSvg(link),
            commitments: await Promise.all(table.commitments.map(async (c) => ({ ...c, tally: await commitmentTally(db, c.voteItemId) }))),
          }
        }),
      ),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, user } = await loadStaffEvent(request, params.id)
  if (event.kind !== 'congress') throw new Response('not_found', { status: 404 })
  const form = await readForm(request)
  const here = `/admin/events/${event.id}/congress`
  const id = String(form.get('commitment') ?? '')
  try {
    switch (form.get('intent')) {
      case 'table': {
        const ctas = (await listCallsToAction(db, event.frameworkId)).map((c) => c.code)
        const result = await addTable(db, event, { name: String(form.get('name') ?? ''), facilitator: String(form.get('facilitator') ?? ''), ctaCode: String(form.get('cta') ?? '') }, ctas, user.id)
        if (result.status === 'error') {
          return Response.json(
            { errors: Object.fromEntries(Object.entries(result.errors).map(([field, key]) => [`table-${field}`, `errors.${key}`])), raw: Object.fromEntries(form.entries()) },
            { status: 400 },
          )
        }
        return redirect(`${here}#tables`, 303)
      }
      case 'vote': {
        // The wording on the screen in each of the event's languages (optional; the facilitator's text fills the gaps).
        const wording: I18nText = {}
        for (const lang of event.locales) wording[lang] = String(form.get(`wording-${lang}`) ?? '')
        const text = (await db.selectFrom('congress_commitment').select(['text', 'locale']).where('id', '=', id).where('event_id', '=', event.id).executeTakeFirst()) ?? null
        if (text && !commitmentVoteTitle(text, event.locales, wording).ok) {
          return Response.json({ errors: { [`wording-${id}`]: 'errors.note_too_long' }, id, wording }, { status: 400 })
        }
        await putCommitmentToVote(db, event, id, user.id, Date.now(), wording)
        return redirect(`${here}#c-${id}`, 303)
      }
      case 'agreed':
      case 'not_agreed':
        await decideCommitment(db, event, id, form.get('intent') as 'agreed' | 'not_agreed', user.id)
        return redirect(`${here}#c-${id}`, 303)
      case 'charter': {
        const result = await updateCharterEntry(db, event, id, { owners: String(form.get('owners') ?? ''), status: String(form.get('status') ?? '') }, user.id)
        if (result.status === 'error') {
          return Response.json(
            { errors: Object.fromEntries(Object.entries(result.errors).map(([field, key]) => [`${field}-${id}`, `errors.${key}`])), id, owners: String(form.get('owners') ?? '') },
            { status: 400 },
          )
        }
        return redirect(`${here}#charter-${id}`, 303)
      }
    }
  } catch (error) {
    if (error instanceof Refusal && error.reason === 'ended') return Response.json({ errors: { [`c-${id}`]: 'present.ended_refused' } }, { status: 409 })
    if (error instanceof Refusal) throw new Response('not_found', { status: 404 })
    throw error
  }
  throw new Response('bad_request', { status: 400 })
}

type Commitment = {
  id: string
  text: string
  locale: string
  voteItemId: string | null
  decision: 'proposed' | 'agreed' | 'not_agreed'
  owners: string[]
  charterStatus: string | null
  tally: { total: number; counts: Record<string, number>; suggested: 'agreed' | 'not_agreed' } | null
}
type Table = { id: string; name: string; facilitator: string; ctaCode: string; link: string; qr: string; issues: { id: string; text: string }[]; commitments: Commitment[] }

export default function CongressRoute() {
  const data = useLoaderData<typeof loader>() as unknown as {
    locale: string
    id: string
    code: string
    title: I18nText
    theme: I18nText | null
    currentItemId: string | null
    locales: string[]
    ended: boolean
    ctas: { code: string; title: I18nText }[]
    tables: Table[]
  }
  const actionData = useActionData<typeof action>() as
    | { errors: Record<string, string>; raw?: Record<string, string>; id?: string; owners?: string; wording?: I18nText }
    | undefined
  const { t } = useTranslation('events')
  const errors = actionData?.errors ?? {}
  const { locale } = data
  const agreed = data.tables.flatMap((table) => table.commitments.filter((c) => c.decision === 'agreed').map((c) => ({ ...c, table })))
  const field = (name: string, label: string) => (
    <FormGroup error={Boolean(errors[`table-${name}`])}>
      <label className="govuk-label" htmlFor={`table-${name}`}>
        {label}
      </label>
      {errors[`table-${name}`] ? <ErrorMessage id={`table-${name}-error`}>{t(errors[`table-${name}`]!)}</ErrorMessage> : null}
      <input
        className={`govuk-input${errors[`table-${name}`] ? ' govuk-input--error' : ''}`}
        id={`table-${name}`}
        name={name}
        type="text"
        defaultValue={actionData?.raw?.[name] ?? ''}
        aria-describedby={errors[`table-${name}`] ? `table-${name}-error` : undefined}
      />
    </FormGroup>
  )
  return (
    <>
      <BackLink href={`/admin/events/${data.id}`} />
      <ErrorSummary errors={Object.entries(errors).map(([id, key]) => ({ href: `#${id}`, text: t(key) }))} />
      <span className="govuk-caption-l">
        <Localised text={data.title} locale={locale} />
      </span>
      <h1 className="govuk-heading-l">{t('kinds.congress')}</h1>
      {data.theme ? <p className="govuk-body-l">{t('congress.theme', { theme: pick(data.theme, locale).text })}</p> : null}
      <p className="govuk-body">
        <a className="govuk-link" href={`/admin/events/${data.id}/present`}>
          {t('manage.presenter_link')}
        </a>{' '}
        ·{' '}
        <a className="govuk-link" href={`/events/${data.code}/charter`}>
          {t('manage.charter_link')}
        </a>
      </p>
      <h2 className="govuk-heading-m" id="tables" tabIndex={-1}>
        {t('congress.tables')}
      </h2>
      {data.tables.map((table) => (
        <section key={table.id} className="hys-table-card" aria-labelledby={`t-${table.id}`}>
          <h3 className="govuk-heading-m" id={`t-${table.id}`}>
            {table.name}
          </h3>
          <p className="govuk-body">
            {t('congress.facilitator')}: {table.facilitator} · {table.ctaCode}: {pick(data.ctas.find((c) => c.code === table.ctaCode)?.title, locale).text}
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href={`/admin/events/${data.id}/congress/tables/${table.id}`}>
              {t('congress.edit_table')}
              <span className="govuk-visually-hidden">: {table.name}</span>
            </a>
          </p>
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">{t('congress.facilitator_link')}</span>
            </summary>
            <div className="govuk-details__text">
              <p className="govuk-body hys-ltr hys-long-link">
                <a className="govuk-link" href={table.link}>
                  {table.link}
                </a>
              </p>
              <QrCode svg={table.qr} label={t('congress.facilitator_qr', { table: table.name })} />
            </div>
          </details>
          <h4 className="govuk-heading-s">{t('congress.issues')}</h4>
          {table.issues.length ? (
            <ul className="govuk-list govuk-list--bullet">
              {table.issues.map((issue) => (
                <li key={issue.id}>{issue.text}</li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body-s">{t('congress.no_notes')}</p>
          )}
          <h4 className="govuk-heading-s">{t('congress.commitments')}</h4>
          {table.commitments.length ? (
            <ul className="govuk-list">
              {table.commitments.map((c) => (
                <li key={c.id} id={`c-${c.id}`} className="hys-question">
                  <p className="govuk-body govuk-!-margin-bottom-1">
                    <strong className={`govuk-tag ${c.decision === 'agreed' ? 'govuk-tag--green' : c.decision === 'not_agreed' ? 'govuk-tag--grey' : 'govuk-tag--blue'}`}>
                      {t(`congress.decision_${c.decision}`)}
                    </strong>{' '}
                    {c.text}
                  </p>
                  {c.tally ? (
                    <p className="govuk-body-s">
                      {t('congress.tally', { support: c.tally.counts.support ?? 0, oppose: c.tally.counts.oppose ?? 0, abstain: c.tally.counts.abstain ?? 0 })}{' '}
                      {t(`congress.suggested_${c.tally.suggested}`)}
                      {c.voteItemId === data.currentItemId ? <strong className="govuk-tag govuk-tag--green">{t('congress.voting')}</strong> : null}
                    </p>
                  ) : null}
                  {errors[`c-${c.id}`] ? <ErrorMessage id={`c-${c.id}-error`}>{t(errors[`c-${c.id}`]!)}</ErrorMessage> : null}
                  <form method="post">
                    <input type="hidden" name="commitment" value={c.id} />
                    {c.decision === 'proposed' && !c.voteItemId && !data.ended ? (
                      <details className="govuk-details" open={Boolean(errors[`wording-${c.id}`])}>
                        <summary className="govuk-details__summary">
                          <span className="govuk-details__summary-text">{t('congress.wording')}</span>
                        </summary>
                        <div className="govuk-details__text">
                          <p className="govuk-body-s">{t('congress.wording_hint', { language: languageOf(c.locale).name })}</p>
                          {errors[`wording-${c.id}`] ? <ErrorMessage id={`wording-${c.id}-error`}>{t(errors[`wording-${c.id}`]!)}</ErrorMessage> : null}
                          {data.locales.map((lang) => (
                            <div className="govuk-form-group" key={lang}>
                              <label className="govuk-label" htmlFor={lang === data.locales[0] ? `wording-${c.id}` : `wording-${c.id}-${lang}`}>
                                {t('congress.wording_in', { language: languageOf(lang).name })}
                              </label>
                              <textarea
                                className="govuk-textarea"
                                id={lang === data.locales[0] ? `wording-${c.id}` : `wording-${c.id}-${lang}`}
                                name={`wording-${lang}`}
                                rows={2}
                                lang={lang}
                                defaultValue={actionData?.id === c.id ? (actionData.wording?.[lang] ?? '') : lang === c.locale ? c.text : ''}
                              />
                            </div>
                          ))}
                        </div>
                      </details>
                    ) : null}
                    <div className="govuk-button-group">
                      {c.decision === 'proposed' ? (
                        <button type="submit" name="intent" value="vote" className="govuk-button hys-small-button">
                          {t('congress.put_to_vote')}
                          <span className="govuk-visually-hidden">: {c.text}</span>
                        </button>
                      ) : null}
                      {c.tally && c.decision !== 'agreed' ? (
                        <button type="submit" name="intent" value="agreed" className="govuk-button govuk-button--secondary hys-small-button">
                          {t('congress.agree')}
                          <span className="govuk-visually-hidden">: {c.text}</span>
                        </button>
                      ) : null}
                      {c.tally && c.decision !== 'not_agreed' ? (
                        <button type="submit" name="intent" value="not_agreed" className="govuk-button govuk-button--secondary hys-small-button">
                          {t('congress.not_agree')}
                          <span className="govuk-visually-hidden">: {c.text}</span>
                        </button>
                      ) : null}
                    </div>
                  </form>
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body-s">{t('congress.no_notes')}</p>
          )}
        </section>
      ))}
      <h3 className="govuk-heading-m">{t('congress.add_table')}</h3>
      <form method="post" noValidate>
        {field('name', t('congress.table_name'))}
        {field('facilitator', t('congress.facilitator'))}
        <FormGroup error={Boolean(errors['table-cta'])}>
          <label className="govuk-label" htmlFor="table-cta">
            {t('congress.cta')}
          </label>
          {errors['table-cta'] ? <ErrorMessage id="table-cta-error">{t(errors['table-cta'])}</ErrorMessage> : null}
          <select className="govuk-select" id="table-cta" name="cta" defaultValue={actionData?.raw?.cta ?? ''}>
            <option value="" />
            {data.ctas.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code}: {c.title[locale] ?? c.title.en}
              </option>
            ))}
          </select>
        </FormGroup>
        <button type="submit" name="intent" value="table" className="govuk-button">
          {t('congress.add_table')}
        </button>
      </form>

      <h2 className="govuk-heading-m">{t('congress.charter_heading')}</h2>
      {agreed.length ? (
        agreed.map((c) => {
          const ownersError = errors[`owners-${c.id}`]
          const statusError = errors[`status-${c.id}`]
          return (
            <form key={c.id} method="post" id={`charter-${c.id}`} className="hys-moderation-entry" noValidate>
              <input type="hidden" name="commitment" value={c.id} />
              <p className="govuk-body govuk-!-font-weight-bold">{c.text}</p>
              <p className="govuk-body-s">{c.table.name}</p>
              <FormGroup error={Boolean(ownersError)}>
                <label className="govuk-label" htmlFor={`owners-${c.id}`}>
                  {t('congress.owners')}
                </label>
                <div className="govuk-hint" id={`owners-${c.id}-hint`}>
                  {t('congress.owners_hint')}
                </div>
                {ownersError ? <ErrorMessage id={`owners-${c.id}-error`}>{t(ownersError)}</ErrorMessage> : null}
                <textarea
                  className={`govuk-textarea${ownersError ? ' govuk-textarea--error' : ''}`}
                  id={`owners-${c.id}`}
                  name="owners"
                  rows={3}
                  defaultValue={actionData?.id === c.id ? actionData.owners : c.owners.join('\n')}
                  aria-describedby={`owners-${c.id}-hint${ownersError ? ` owners-${c.id}-error` : ''}`}
                />
              </FormGroup>
              <FormGroup error={Boolean(statusError)}>
                <label className="govuk-label" htmlFor={`status-${c.id}`}>
                  {t('congress.status')}
                </label>
                {statusError ? <ErrorMessage id={`status-${c.id}-error`}>{t(statusError)}</ErrorMessage> : null}
                <select className="govuk-select" id={`status-${c.id}`} name="status" defaultValue={c.charterStatus ?? 'committed'}>
                  {CHARTER_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`charter_status.${s}`)}
                    </option>
                  ))}
                </select>
              </FormGroup>
              <button type="submit" name="intent" value="charter" className="govuk-button govuk-button--secondary">
                {t('congress.update')}
                <span className="govuk-visually-hidden">: {c.text}</span>
              </button>
            </form>
          )
        })
      ) : (
        <p className="govuk-body">{t('congress.charter_none')}</p>
      )}
      <RoomNote />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
