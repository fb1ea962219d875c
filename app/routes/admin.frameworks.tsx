import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, ErrorSummary, FormGroup, Hint, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireUser } from '~/features/auth/auth.server.ts'
import { createFramework, listFrameworks, parseCallsToAction, updateTexts } from '~/features/frameworks/frameworks.server.ts'
import { LANGUAGES } from '~/features/i18n/config.ts'
import { getDb } from '~/utils/db.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ['admin'])
  const t = await i18n.getFixedT(await getLocale(request), 'auth')
  return { pageTitle: t('admin.frameworks'), frameworks: await listFrameworks(await getDb()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, ['admin'])
  const form = await readForm(request)
  const db = await getDb()
  const str = (name: string, max = 3000) => (typeof form.get(name) === 'string' ? (form.get(name) as string).slice(0, max) : '')
  if (form.get('intent') === 'texts') {
    const kind = form.get('kind') === 'focus_area' ? 'focus_area' : 'call_to_action'
    const texts = Object.fromEntries(LANGUAGES.map((l) => [l.code, str(`title-${l.code}`, 500)]))
    if (!texts.en!.trim()) return Response.json({ errors: { [`title-en-${str('id')}`]: 'errors.title_en_required' } }, { status: 400 })
    const ok = await db.transaction().execute((trx) => updateTexts(trx, { kind, id: str('id', 64), texts }, admin.id))
    if (!ok) throw new Response('not_found', { status: 404 })
    return Response.json({ saved: 'framework.saved' })
  }
  if (form.get('intent') === 'create') {
    const values = { code: str('code', 60).trim().toLowerCase(), name: str('name', 300).trim(), vision: str('vision', 1000).trim(), ctas: str('ctas') }
    const errors: Record<string, string> = {}
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(values.code) || values.code.length < 3) errors.code = 'errors.code_invalid'
    if (!values.name) errors.name = 'errors.field_required'
    if (!values.vision) errors.vision = 'errors.field_required'
    const callsToAction = parseCallsToAction(values.ctas)
    if (!callsToAction || callsToAction.length === 0) errors.ctas = 'errors.ctas_invalid'
    if (!errors.code && (await db.selectFrom('framework').select('id').where('code', '=', values.code).executeTakeFirst())) errors.code = 'errors.code_taken'
    if (Object.keys(errors).length) return Response.json({ errors, values }, { status: 400 })
    await db.transaction().execute((trx) => createFramework(trx, { code: values.code, name: values.name, vision: values.vision, callsToAction: callsToAction! }, admin.id))
    return Response.json({ saved: 'framework.created' })
  }
  throw new Response('bad_request', { status: 400 })
}

type ActionData = { errors?: Record<string, string>; values?: Record<string, string>; saved?: string }

export default function FrameworksRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const { t } = useTranslation('auth')
  const errors = actionData?.errors ?? {}
  const titlesForm = (kind: 'call_to_action' | 'focus_area', item: { id: string; title: Record<string, string> }, heading: string) => (
    <form method="post" key={item.id} className="govuk-!-margin-bottom-6">
      <input type="hidden" name="intent" value="texts" />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={item.id} />
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{heading}</legend>
        {LANGUAGES.map((language) => {
          const id = `title-${language.code}-${item.id}`
          const error = errors[id]
          return (
            <FormGroup key={language.code} error={Boolean(error)}>
              <label className="govuk-label" htmlFor={id} lang={language.code}>
                {language.name}
              </label>
              {error ? <ErrorMessage id={`${id}-error`}>{t(error)}</ErrorMessage> : null}
              <input className="govuk-input" id={id} name={`title-${language.code}`} lang={language.code} dir={language.dir} type="text" defaultValue={item.title[language.code] ?? ''} />
            </FormGroup>
          )
        })}
      </fieldset>
      <button type="submit" className="govuk-button govuk-button--secondary">
        {t('framework.save')}
      </button>
    </form>
  )
  const field = (name: string, label: string, hint?: string, textarea = false) => (
    <FormGroup error={Boolean(errors[name])}>
      <label className="govuk-label govuk-label--s" htmlFor={name}>
        {label}
      </label>
      {hint ? <Hint id={`${name}-hint`}>{hint}</Hint> : null}
      {errors[name] ? <ErrorMessage id={`${name}-error`}>{t(errors[name]!)}</ErrorMessage> : null}
      {textarea ? (
        <textarea className="govuk-textarea" id={name} name={name} rows={5} defaultValue={actionData?.values?.[name] ?? ''} aria-describedby={hint ? `${name}-hint` : undefined} />
      ) : (
        <input className="govuk-input" id={name} name={name} type="text" defaultValue={actionData?.values?.[name] ?? ''} aria-describedby={hint ? `${name}-hint` : undefined} />
      )}
    </FormGroup>
  )
  return (
    <>
      <BackLink href="/admin" />
      <ErrorSummary errors={Object.entries(errors).map(([field, key]) => ({ href: `#${field}`, text: t(key) }))} />
      {actionData?.saved ? (
        <SuccessBanner title={t(actionData.saved)} />
      ) : null}
      <h1 className="govuk-heading-l">{t('admin.frameworks')}</h1>
      <p className="govuk-body">{t('framework.intro')}</p>
      {data.frameworks.map((f) => (
        <section key={f.id} className="govuk-!-margin-bottom-9">
          <h2 className="govuk-heading-m">{f.name.en}</h2>
          <p className="govuk-body">{f.vision.en}</p>
          <h3 className="govuk-heading-s">{t('framework.calls_to_action')}</h3>
          {f.callsToAction.map((c) => titlesForm('call_to_action', c, `${c.code}: ${c.title.en}`))}
          {f.focusAreas.length ? <h3 className="govuk-heading-s">{t('framework.focus_areas')}</h3> : null}
          {f.focusAreas.map((a) => titlesForm('focus_area', a, `${a.title.en} (${a.ctaCodes.join(', ')})`))}
        </section>
      ))}
      <h2 className="govuk-heading-m">{t('framework.add')}</h2>
      <form method="post" noValidate>
        <input type="hidden" name="intent" value="create" />
        {field('code', t('framework.code'), t('framework.code_hint'))}
        {field('name', t('framework.name'))}
        {field('vision', t('framework.vision'), undefined, true)}
        {field('ctas', t('framework.ctas'), t('framework.ctas_hint'), true)}
        <button type="submit" className="govuk-button">
          {t('framework.create')}
        </button>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
