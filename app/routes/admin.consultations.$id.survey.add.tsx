import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, FormGroup, Radios } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { isQuestionType, type BuilderError } from '~/features/surveys/builder.ts'
import { BuilderErrorSummary } from '~/features/surveys/builder-components.tsx'
import { loadBuilder } from '~/features/surveys/builder.server.ts'
import { QUESTION_TYPES } from '~/features/surveys/definition.ts'
import { readForm } from '~/utils/http.server.ts'

export const handle = { hydrate: false }

// Adding a question starts with its type (one question per page).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const builder = await loadBuilder(request, params.id)
  return { pageTitle: builder.t('add.title'), id: builder.consultation.id, title: builder.consultationTitle }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const builder = await loadBuilder(request, params.id)
  const form = await readForm(request)
  const type = form.get('type')
  if (!isQuestionType(type)) {
    return Response.json({ errors: [{ field: 'type-1', key: 'errors.type_required' }] satisfies BuilderError[] }, { status: 400 })
  }
  return redirect(`/admin/consultations/${builder.consultation.id}/survey/new?type=${type}`)
}

export default function AddQuestionRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors?: BuilderError[] }>()
  const { t } = useTranslation('builder')
  const error = actionData?.errors?.[0]
  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}/survey`} />
      <BuilderErrorSummary errors={actionData?.errors} />
      <form method="post" noValidate>
        <FormGroup error={Boolean(error)}>
          <fieldset className="govuk-fieldset" aria-describedby={error ? 'type-error' : undefined}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
              <span className="govuk-caption-l">{data.title}</span>
              <h1 className="govuk-fieldset__heading">{t('add.heading')}</h1>
            </legend>
            {error ? <ErrorMessage id="type-error">{t(error.key)}</ErrorMessage> : null}
            <Radios name="type" idPrefix="type" items={QUESTION_TYPES.map((type) => ({ value: type, label: t(`types.${type}`), hint: t(`type_hints.${type}`) }))} />
          </fieldset>
        </FormGroup>
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {t('continue')}
        </button>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
