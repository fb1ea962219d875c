import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, ErrorSummary, FormGroup, Hint, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { createUser, requireUser } from '~/features/auth/auth.server.ts'
import { ROLES } from '~/features/auth/roles.ts'
import { checkPassword } from '~/features/auth/password-policy.ts'
import { getDb } from '~/utils/db.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import type { Role } from '../../db/schema.ts'

export const handle = { hydrate: false }

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ['admin'])
  const t = await i18n.getFixedT(await getLocale(request), 'auth')
  const users = await (await getDb())
    .selectFrom('app_user')
    .select(['id', 'email', 'name', 'role', 'locked_until'])
    .orderBy('email')
    .execute()
  const now = Date.now()
  return {
    pageTitle: t('admin.users'),
    users: users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, locked: u.locked_until !== null && Number(u.locked_until) > now })),
  }
}

type Field = 'email' | 'name' | 'role' | 'password'

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireUser(request, ['admin'])
  const form = await readForm(request)
  const t = await i18n.getFixedT(await getLocale(request), 'auth')
  const value = (name: Field) => (typeof form.get(name) === 'string' ? (form.get(name) as string).slice(0, 400) : '')
  const values = { email: value('email').trim(), name: value('name').trim(), role: value('role') }
  const password = value('password')
  const errors: { href: string; text: string; field: Field }[] = []
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) errors.push({ href: '#email', field: 'email', text: t('errors.email_invalid') })
  if (!values.name) errors.push({ href: '#name', field: 'name', text: t('errors.name_required') })
  if (!ROLES.includes(values.role as Role)) errors.push({ href: '#role', field: 'role', text: t('errors.role_required') })
  const passwordProblem = checkPassword(password, { email: values.email, name: values.name })
  if (passwordProblem) errors.push({ href: '#password', field: 'password', text: t(passwordProblem.replace('auth:', '')) })
  const db = await getDb()
  if (!errors.length && (await db.selectFrom('app_user').select('id').where('email', '=', values.email.toLowerCase()).executeTakeFirst())) {
    errors.push({ href: '#email', field: 'email', text: t('errors.email_taken') })
  }
  // The password is never sent back to the page.
  if (errors.length) return Response.json({ errors, values }, { status: 400 })
  await db.transaction().execute((trx) => createUser(trx, { ...values, role: values.role as Role, password }, admin.id))
  return Response.json({ created: values.email.toLowerCase() })
}

export default function UsersRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors?: { href: string; text: string; field: Field }[]; values?: Record<string, string>; created?: string }>()
  const { t } = useTranslation('auth')
  const errorFor = (field: Field) => actionData?.errors?.find((e) => e.field === field)
  const input = (field: 'email' | 'name' | 'password', type: string, autoComplete: string, hint?: string) => (
    <FormGroup error={Boolean(errorFor(field))}>
      <label className="govuk-label" htmlFor={field}>
        {t(`admin.${field}`)}
      </label>
      {hint ? <Hint id={`${field}-hint`}>{hint}</Hint> : null}
      {errorFor(field) ? <ErrorMessage id={`${field}-error`}>{errorFor(field)!.text}</ErrorMessage> : null}
      <input
        className={`govuk-input${errorFor(field) ? ' govuk-input--error' : ''}`}
        id={field}
        name={field}
        type={type}
        autoComplete={autoComplete}
        defaultValue={field === 'password' ? '' : (actionData?.values?.[field] ?? '')}
        aria-describedby={[hint ? `${field}-hint` : '', errorFor(field) ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined}
      />
    </FormGroup>
  )
  return (
    <>
      <BackLink href="/admin" />
      <ErrorSummary errors={actionData?.errors ?? []} />
      {actionData?.created ? (
        <SuccessBanner title={t('admin.users')} message={t('admin.created', { email: actionData.created })} />
      ) : null}
      <h1 className="govuk-heading-l">{t('admin.users')}</h1>
      <p className="govuk-body">{t('admin.users_intro')}</p>
      <table className="govuk-table">
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {t('admin.email')}
            </th>
            <th scope="col" className="govuk-table__header">
              {t('admin.role')}
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {data.users.map((u) => (
            <tr className="govuk-table__row" key={u.id}>
              <td className="govuk-table__cell hys-ltr">
                {u.email}
                <br />
                <span className="govuk-body-s">{u.name}</span>
              </td>
              <td className="govuk-table__cell">
                {t(`roles.${u.role}`)}
                {u.locked ? <strong className="govuk-tag govuk-tag--red govuk-!-margin-left-1">{t('admin.locked')}</strong> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 className="govuk-heading-m">{t('admin.add_user')}</h2>
      <form method="post" noValidate>
        {input('email', 'email', 'off')}
        {input('name', 'text', 'off')}
        <FormGroup error={Boolean(errorFor('role'))}>
          <label className="govuk-label" htmlFor="role">
            {t('admin.role')}
          </label>
          {errorFor('role') ? <ErrorMessage id="role-error">{errorFor('role')!.text}</ErrorMessage> : null}
          <select className="govuk-select" id="role" name="role" defaultValue={actionData?.values?.role ?? ''}>
            <option value="" />
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </FormGroup>
        {input('password', 'password', 'new-password', t('admin.password_hint'))}
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {t('admin.create')}
        </button>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
