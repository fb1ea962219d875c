import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, ErrorSummary, FormGroup, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { Localised, QrCode } from '~/features/events/components.tsx'
import { eventsT, loadStaffCongressTable, publicOrigin } from '~/features/events/context.server.ts'
import { facilitatorToken, renewFacilitatorLink, tableHasNotes, updateTable } from '~/features/events/congress.server.ts'
import { listCallsToAction, Refusal } from '~/features/events/events.server.ts'
import { qrSvg } from '~/features/events/qr.server.ts'
import { pick, type I18nText } from '~/features/events/text.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import eventStyles from '~/styles/events.scss?url'

// One congress table, for officers: correct its name, facilitator or call to
// action; issue a new facilitator link (every earlier link, and its QR code,
// stops working at once: a lost tablet, a new facilitator); and, while the
// table has recorded nothing, remove it (a confirmation page first). Each
// change is in the audit log.
export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event, table } = await loadStaffCongressTable(request, params)
  const locale = await getLocale(request)
  const t = await eventsT(locale)
  const link = `${publicOrigin(request)}/facilitate/${facilitatorToken(table.id, Number(table.token_version))}`
  return Response.json(
    {
      pageTitle: t('table_edit.title', { table: table.name }),
      locale,
      id: event.id,
      eventTitle: event.title,
      table: { id: table.id, name: table.name, facilitator: table.facilitator, cta: table.cta_code },
      ctas: await listCallsToAction(db, event.frameworkId),
      link,
      qr: await qrSvg(link),
      removable: !(await tableHasNotes(db, table.id)),
      flash: new URL(request.url).searchParams.get('done'),
    },
    { headers: { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex' } },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, user, table } = await loadStaffCongressTable(request, params)
  const form = await readForm(request)
  const here = `/admin/events/${event.id}/congress/tables/${table.id}`
  try {
    switch (form.get('intent')) {
      case 'save': {
        const ctas = (await listCallsToAction(db, event.frameworkId)).map((c) => c.code)
        const values = { name: String(form.get('name') ?? ''), facilitator: String(form.get('facilitator') ?? ''), ctaCode: String(form.get('cta') ?? '') }
        const result = await updateTable(db, event, table.id, values, ctas, user.id)
        if (result.status === 'error') {
          return Response.json(
            { errors: Object.fromEntries(Object.entries(result.errors).map(([field, key]) => [`table-${field}`, `errors.${key}`])), raw: { name: values.name, facilitator: values.facilitator, cta: values.ctaCode } },
            { status: 400 },
          )
        }
        return redirect(`/admin/events/${event.id}/congress#t-${table.id}`, 303)
      }
      case 'renew':
        await renewFacilitatorLink(db, event, table.id, user.id)
        return redirect(`${here}?done=renewed#link`, 303)
    }
  } catch (error) {
    if (error instanceof Refusal) throw new Response('not_found', { status: 404 })
    throw error
  }
  throw new Response('bad_request', { status: 400 })
}

export default function EditTableRoute() {
  const data = useLoaderData<typeof loader>() as unknown as {
    locale: string
    id: string
    eventTitle: I18nText
    table: { id: string; name: string; facilitator: string; cta: string }
    ctas: { code: string; title: I18nText }[]
    link: string
    qr: string
    removable: boolean
    flash: string | null
  }
  const actionData = useActionData<typeof action>() as { errors: Record<string, string>; raw: Record<string, string> } | undefined
  const { t } = useTranslation('events')
  const errors = actionData?.errors ?? {}
  const value = (name: 'name' | 'facilitator' | 'cta') => actionData?.raw?.[name] ?? data.table[name]
  const field = (name: 'name' | 'facilitator', label: string) => (
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
        defaultValue={value(name)}
        aria-describedby={errors[`table-${name}`] ? `table-${name}-error` : undefined}
      />
    </FormGroup>
  )
  const base = `/admin/events/${data.id}`
  return (
    <>
      <BackLink href={`${base}/congress#t-${data.table.id}`} />
      {data.flash === 'renewed' && !actionData ? <SuccessBanner title={t('table_edit.renewed_title')} message={t('table_edit.renewed')} /> : null}
      <ErrorSummary errors={Object.entries(errors).map(([id, key]) => ({ href: `#${id}`, text: t(key) }))} />
      <span className="govuk-caption-l">
        <Localised text={data.eventTitle} locale={data.locale} />
      </span>
      <h1 className="govuk-heading-l">{t('table_edit.heading', { table: data.table.name })}</h1>
      <form method="post" noValidate>
        {field('name', t('congress.table_name'))}
        {field('facilitator', t('congress.facilitator'))}
        <FormGroup error={Boolean(errors['table-cta'])}>
          <label className="govuk-label" htmlFor="table-cta">
            {t('congress.cta')}
          </label>
          {errors['table-cta'] ? <ErrorMessage id="table-cta-error">{t(errors['table-cta'])}</ErrorMessage> : null}
          <select className="govuk-select" id="table-cta" name="cta" defaultValue={value('cta')} aria-describedby={errors['table-cta'] ? 'table-cta-error' : undefined}>
            <option value="" />
            {data.ctas.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code}: {pick(c.title, data.locale).text}
              </option>
            ))}
          </select>
        </FormGroup>
        <button type="submit" name="intent" value="save" className="govuk-button">
          {t('form.save')}
        </button>
      </form>

      <h2 className="govuk-heading-m" id="link" tabIndex={-1}>
        {t('congress.facilitator_link')}
      </h2>
      <p className="govuk-body hys-ltr">
        <a className="govuk-link" href={data.link}>
          {data.link}
        </a>
      </p>
      <QrCode svg={data.qr} label={t('congress.facilitator_qr', { table: data.table.name })} />
      <p className="govuk-body">{t('table_edit.renew_hint')}</p>
      <form method="post">
        <button type="submit" name="intent" value="renew" className="govuk-button govuk-button--secondary">
          {t('table_edit.renew')}
        </button>
      </form>

      <h2 className="govuk-heading-m">{t('table_edit.remove_heading')}</h2>
      {data.removable ? (
        <p className="govuk-body">
          <a className="govuk-link" href={`${base}/congress/tables/${data.table.id}/remove`}>
            {t('table_edit.remove_link')}
          </a>
        </p>
      ) : (
        <p className="govuk-body">{t('table_edit.not_removable')}</p>
      )}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
