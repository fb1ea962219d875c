import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { dependentsOf, removeQuestion, type BuilderError } from '~/features/surveys/builder.ts'
import { BuilderErrorSummary, VersionNotice } from '~/features/surveys/builder-components.tsx'
import { loadBuilderQuestion, saveBuilderChange, savedLocation } from '~/features/surveys/builder.server.ts'
import { localise } from '~/features/surveys/definition.ts'
import { readForm } from '~/utils/http.server.ts'

export const handle = { hydrate: false }

// Removing a question asks first, and is refused while a later question's skip rule depends on it.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { builder, question, number } = await loadBuilderQuestion(request, params)
  return {
    pageTitle: builder.t('remove.title', { n: number }),
    id: builder.consultation.id,
    number,
    questionTitle: localise(question.title, 'en'),
    base: builder.status.base,
    dependents: dependentsOf(builder.definition!, question.key).map((q) => localise(q.title, 'en')),
    versionNotice: builder.versionNotice,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { builder, question } = await loadBuilderQuestion(request, params)
  const form = await readForm(request)
  const outcome = await saveBuilderChange(builder, String(form.get('base') ?? ''), (current) =>
    current ? removeQuestion(current, question.key) : { ok: false, errors: [{ field: 'remove', key: 'errors.question_missing' }] },
  )
  if (!outcome.ok) return Response.json({ errors: outcome.errors }, { status: outcome.status })
  return redirect(savedLocation(builder.consultation.id, outcome, 'removed'))
}

export default function RemoveQuestionRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors?: BuilderError[] }>()
  const { t } = useTranslation('builder')
  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}/survey`} />
      <BuilderErrorSummary errors={actionData?.errors} />
      <h1 className="govuk-heading-l">{t('remove.heading', { n: data.number })}</h1>
      <p className="govuk-body govuk-!-font-weight-bold" lang="en">
        {data.questionTitle}
      </p>
      {data.dependents.length ? (
        <div className="govuk-inset-text">
          {t('remove.dependents')}
          <ul className="govuk-list govuk-list--bullet" lang="en">
            {data.dependents.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <VersionNotice notice={data.versionNotice} />
      <form method="post" id="remove">
        <input type="hidden" name="base" value={data.base} />
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
            {t('remove.confirm')}
          </button>
          <a className="govuk-link" href={`/admin/consultations/${data.id}/survey`}>
            {t('remove.cancel')}
          </a>
        </div>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
