import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ConfirmationPanel, ErrorMessage, ErrorSummary, FormGroup, Hint } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { readAheadAfterDeletion } from '~/features/analysis/warm-up.server.ts'
import { deleteOwnResponse } from '~/features/responses/data-protection.server.ts'
import { getDb } from '~/utils/db.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import { enforceRateLimit } from '~/utils/rate-limit.server.ts'

export const handle = { hydrate: false }
export { headers } from '~/utils/route-headers.ts'

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18n.getFixedT(await getLocale(request), 'survey')
  return { pageTitle: t('delete.title') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  // Guessing codes is limited like resume attempts.
  enforceRateLimit(context, 'resume')
  const form = await readForm(request)
  const t = await i18n.getFixedT(await getLocale(request), 'survey')
  const text = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string).slice(0, 40) : '')
  const values = { reference: text('reference'), code: text('code') }
  const errors: { href: string; text: string; field: string }[] = []
  if (!values.reference.trim()) errors.push({ href: '#reference', field: 'reference', text: t('errors.delete_reference_required') })
  if (!values.code.trim()) errors.push({ href: '#code', field: 'code', text: t('errors.delete_code_required') })
  if (errors.length) return Response.json({ errors, values }, { status: 400 })
  const db = await getDb()
  const result = await db.transaction().execute((trx) => deleteOwnResponse(trx, { reference: values.reference, deletionCode: values.code }))
  if (result.status === 'not_found') {
    return Response.json({ errors: [{ href: '#reference', field: 'reference', text: t('errors.delete_not_found') }], values }, { status: 400 })
  }
  readAheadAfterDeletion(db, result.consultationId)
  return Response.json({ deleted: true })
}

type ActionData = { errors?: { href: string; text: string; field: string }[]; values?: { reference: string; code: string }; deleted?: boolean }

export default function DeleteRoute() {
  useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const { t } = useTranslation('survey')
  if (actionData?.deleted) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ConfirmationPanel title={t('delete.done_title')} />
          <p className="govuk-body">{t('delete.done_body')}</p>
        </div>
      </div>
    )
  }
  const errorFor = (field: string) => actionData?.errors?.find((e) => e.field === field)
  const field = (name: 'reference' | 'code', label: string, hint: string) => {
    const error = errorFor(name)
    return (
      <FormGroup error={Boolean(error)}>
        <label className="govuk-label govuk-label--s" htmlFor={name}>
          {label}
        </label>
        <Hint id={`${name}-hint`}>{hint}</Hint>
        {error ? <ErrorMessage id={`${name}-error`}>{error.text}</ErrorMessage> : null}
        <input
          className={`govuk-input govuk-input--width-10 hys-ltr${error ? ' govuk-input--error' : ''}`}
          id={name}
          name={name}
          type="text"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          defaultValue={actionData?.values?.[name] ?? ''}
          aria-describedby={error ? `${name}-hint ${name}-error` : `${name}-hint`}
        />
      </FormGroup>
    )
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={actionData?.errors ?? []} />
        <h1 className="govuk-heading-l">{t('delete.title')}</h1>
        <p className="govuk-body">{t('delete.intro')}</p>
        <form method="post" noValidate>
          {field('reference', t('delete.reference_label'), t('delete.reference_hint'))}
          {field('code', t('delete.code_label'), t('delete.code_hint'))}
          <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
            {t('delete.submit')}
          </button>
        </form>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
