import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { formValuesOf, isQuestionType, suggestKey, type BuilderError, type QuestionFormValues } from '~/features/surveys/builder.ts'
import { BuilderErrorSummary, VersionNotice } from '~/features/surveys/builder-components.tsx'
import { loadBuilder, saveQuestionForm, savedLocation } from '~/features/surveys/builder.server.ts'
import { QuestionEditorFields } from '~/features/surveys/question-editor.tsx'
import { readForm } from '~/utils/http.server.ts'

export const handle = { hydrate: false }

function typeOf(request: Request, consultationId: string) {
  const type = new URL(request.url).searchParams.get('type')
  if (!isQuestionType(type)) throw redirect(`/admin/consultations/${consultationId}/survey/add`)
  return type
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const builder = await loadBuilder(request, params.id)
  const type = typeOf(request, builder.consultation.id)
  return {
    pageTitle: builder.t('editor.new_title', { type: builder.t(`types.${type}`) }),
    id: builder.consultation.id,
    title: builder.consultationTitle,
    type,
    base: builder.status.base,
    values: formValuesOf(null, type, suggestKey(builder.definition)),
    callsToAction: builder.callsToAction,
    versionNotice: builder.versionNotice,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const builder = await loadBuilder(request, params.id)
  const type = typeOf(request, builder.consultation.id)
  const { outcome, values, base } = await saveQuestionForm(builder, await readForm(request), type, null)
  if (outcome.ok) return redirect(savedLocation(builder.consultation.id, outcome, 'added') + `#question-${values.key}`)
  return Response.json({ errors: outcome.errors, values, base }, { status: outcome.status })
}

export default function NewQuestionRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors?: BuilderError[]; values?: QuestionFormValues; base?: string }>()
  const { t } = useTranslation('builder')
  const values = actionData?.values ? { ...actionData.values, rows: [...actionData.values.rows] } : data.values
  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}/survey/add`} />
      <BuilderErrorSummary errors={actionData?.errors} />
      <span className="govuk-caption-l">{data.title}</span>
      <h1 className="govuk-heading-l">{t('editor.new_title', { type: t(`types.${data.type}`) })}</h1>
      <form method="post" noValidate key={actionData?.base ?? data.base}>
        <input type="hidden" name="base" value={actionData?.base ?? data.base} />
        <QuestionEditorFields type={data.type} values={values} isNew callsToAction={data.callsToAction} errors={actionData?.errors} />
        <VersionNotice notice={data.versionNotice} />
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {t('editor.save')}
        </button>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
