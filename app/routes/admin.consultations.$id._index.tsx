import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { ConsultationFormFields } from '~/features/consultations/consultation-form-fields.tsx'
import { formValuesOf, parseConsultationForm } from '~/features/consultations/consultation-form.server.ts'
import {
  archiveConsultation,
  closeNow,
  duplicateConsultation,
  openNow,
  slugTaken,
  updateConsultation,
} from '~/features/consultations/manage.server.ts'
import { languageOf } from '~/features/i18n/config.ts'
import { listFrameworkNames } from '~/features/frameworks/frameworks.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

const INTENTS = ['save', 'open', 'close', 'duplicate', 'archive'] as const

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, db } = await loadConsultationForOfficer(request, params.id)
  const t = await i18n.getFixedT(await getLocale(request), 'auth')
  const title = consultation.content.en?.title ?? consultation.slug
  return {
    pageTitle: t('consultation.edit_title', { title }),
    id: consultation.id,
    title,
    status: consultation.status,
    archived: consultation.archived,
    slug: consultation.slug,
    values: formValuesOf(consultation),
    saved: new URL(request.url).searchParams.get('saved') === '1',
    frameworks: await listFrameworkNames(db),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, consultation } = await loadConsultationForOfficer(request, params.id)
  const form = await readForm(request)
  const intent = INTENTS.find((i) => i === form.get('intent'))
  if (!intent) throw new Response('bad_request', { status: 400 })
  const here = `/admin/consultations/${consultation.id}`
  switch (intent) {
    case 'save': {
      const { raw, values, errors } = parseConsultationForm(form)
      if (values && (await slugTaken(db, values.slug, consultation.id))) errors.slug = 'errors.slug_taken'
      if (!values || Object.keys(errors).length) return Response.json({ errors, raw }, { status: 400 })
      await db.transaction().execute((trx) => updateConsultation(trx, consultation, values, user.id))
      return redirect(`${here}?saved=1`)
    }
    case 'open': {
      const result = await db.transaction().execute((trx) => openNow(trx, consultation, user.id))
      if (result.status === 'incomplete') {
        return Response.json(
          { errors: { open: 'consultation.cannot_open' }, missing: result.missing.map((m) => ({ language: languageOf(m.locale).name, missing: m.missing })) },
          { status: 400 },
        )
      }
      return redirect(here)
    }
    case 'close':
      await db.transaction().execute((trx) => closeNow(trx, consultation, user.id))
      return redirect(here)
    case 'duplicate': {
      const id = await db.transaction().execute((trx) => duplicateConsultation(trx, consultation, user.id))
      return redirect(`/admin/consultations/${id}`)
    }
    case 'archive':
      await db.transaction().execute((trx) => archiveConsultation(trx, consultation, user.id))
      return redirect('/admin/consultations')
  }
}

type ActionData = { errors: Record<string, string>; raw?: Record<string, string | string[]>; missing?: { language: string; missing: string[] }[] }

export default function ManageConsultationRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const { t } = useTranslation('auth')
  const { t: ta } = useTranslation('assisted')
  const errors = actionData?.errors ?? {}
  const fieldErrors = Object.fromEntries(Object.entries(errors).filter(([field]) => field !== 'open'))
  return (
    <>
      <BackLink href="/admin/consultations" />
      <ErrorSummary
        errors={Object.entries(errors).map(([field, key]) => ({ href: field === 'open' ? '#missing' : `#${field}`, text: t(key) }))}
      />
      {data.saved ? (
        <SuccessBanner title={t('consultation.saved')} message={data.title} />
      ) : null}
      <h1 className="govuk-heading-l">{t('consultation.edit_title', { title: data.title })}</h1>
      <p className="govuk-body">
        <strong className="govuk-tag">{data.archived ? t('consultation.archived') : t(`consultation.statuses.${data.status}`)}</strong>{' '}
        <a className="govuk-link" href={`/admin/consultations/${data.id}/survey`}>
          {t('survey.link')}
        </a>{' '}
        <a className="govuk-link" href={`/admin/consultations/${data.id}/preview`}>
          {t('preview.link')}
        </a>{' '}
        <a className="govuk-link" href={`/admin/consultations/${data.id}/paper`}>
          {t('link', { ns: 'paper' })}
        </a>{' '}
        {data.status !== 'draft' ? (
          <a className="govuk-link" href={`/c/${data.slug}`}>
            {t('consultation.view_public')}
          </a>
        ) : null}
      </p>
      <ul className="govuk-list" data-testid="response-links">
        {data.status === 'open' ? (
          <li>
            <a className="govuk-link" href={`/admin/consultations/${data.id}/enter`}>
              {ta('enter.link')}
            </a>
          </li>
        ) : null}
        <li>
          <a className="govuk-link" href={`/admin/consultations/${data.id}/paper/entry`}>
            {ta('paper.link')}
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`/admin/consultations/${data.id}/responses`}>
            {ta('responses.link')}
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`/admin/consultations/${data.id}/import`}>
            {t('link', { ns: 'imports' })}
          </a>
        </li>
        <li>
          <a className="govuk-link" href={`/admin/consultations/${data.id}/you-said-we-did`}>
            {t('yswd.link', { ns: 'findings' })}
          </a>
        </li>
      </ul>
      {actionData?.missing ? (
        <div id="missing" className="govuk-inset-text" tabIndex={-1}>
          <p className="govuk-body">{t('consultation.cannot_open')}</p>
          {actionData.missing.map((m) => (
            <div key={m.language}>
              <h2 className="govuk-heading-s">{t('consultation.missing_in', { language: m.language })}</h2>
              <ul className="govuk-list govuk-list--bullet">
                {m.missing.map((key) => (
                  <li key={key} className="hys-ltr">
                    <code>{key}</code>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      ) : null}
      <form method="post" className="govuk-button-group">
        {data.status !== 'open' ? (
          <button type="submit" name="intent" value="open" className="govuk-button">
            {t('consultation.open_now')}
          </button>
        ) : (
          <button type="submit" name="intent" value="close" className="govuk-button govuk-button--warning">
            {t('consultation.close_now')}
          </button>
        )}
        <button type="submit" name="intent" value="duplicate" className="govuk-button govuk-button--secondary">
          {t('consultation.duplicate')}
        </button>
        {data.archived ? null : (
          <button type="submit" name="intent" value="archive" className="govuk-button govuk-button--secondary">
            {t('consultation.archive')}
          </button>
        )}
      </form>
      <form method="post" noValidate>
        <ConsultationFormFields values={actionData?.raw ?? data.values} errors={fieldErrors} frameworks={data.frameworks} />
        <button type="submit" name="intent" value="save" className="govuk-button" data-module="govuk-button">
          {t('consultation.save')}
        </button>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
