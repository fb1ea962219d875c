import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireUser } from '~/features/auth/auth.server.ts'
import { ConsultationFormFields } from '~/features/consultations/consultation-form-fields.tsx'
import { parseConsultationForm } from '~/features/consultations/consultation-form.server.ts'
import { RETENTION_DEFAULT_DAYS } from '~/features/consultations/consultation-form.ts'
import { createConsultation, slugTaken } from '~/features/consultations/manage.server.ts'
import { getDb } from '~/utils/db.server.ts'
import { listFrameworkNames } from '~/features/frameworks/frameworks.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

const OFFICERS = ['admin', 'officer'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, OFFICERS)
  const t = await i18n.getFixedT(await getLocale(request), 'auth')
  return { pageTitle: t('consultation.new'), frameworks: await listFrameworkNames(await getDb()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, OFFICERS)
  const { raw, values, errors } = parseConsultationForm(await readForm(request))
  const db = await getDb()
  if (values && (await slugTaken(db, values.slug))) errors.slug = 'errors.slug_taken'
  if (!values || Object.keys(errors).length) return Response.json({ errors, raw }, { status: 400 })
  const id = await db.transaction().execute((trx) => createConsultation(trx, values, user.id))
  return redirect(`/admin/consultations/${id}`)
}

export default function NewConsultationRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors: Record<string, string>; raw: Record<string, string | string[]> }>()
  const { t } = useTranslation('auth')
  const errors = actionData?.errors ?? {}
  return (
    <>
      <BackLink href="/admin/consultations" />
      <ErrorSummary errors={Object.entries(errors).map(([field, key]) => ({ href: `#${field}`, text: t(key) }))} />
      <h1 className="govuk-heading-l">{t('consultation.new')}</h1>
      <form method="post" noValidate>
        <ConsultationFormFields values={actionData?.raw ?? { estimatedMinutes: '5', retentionDays: String(RETENTION_DEFAULT_DAYS), opensTime: '09:00', closesTime: '12:00' }} errors={errors} frameworks={data.frameworks} />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {t('consultation.save')}
        </button>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
