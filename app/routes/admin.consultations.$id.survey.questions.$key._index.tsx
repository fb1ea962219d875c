import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { formValuesOf, type BuilderError, type QuestionFormValues } from '~/features/surveys/builder.ts'
import { BuilderErrorSummary, VersionNotice } from '~/features/surveys/builder-components.tsx'
import { loadBuilderQuestion, saveQuestionForm, savedLocation } from '~/features/surveys/builder.server.ts'
import { QuestionEditorFields } from '~/features/surveys/question-editor.tsx'
import { readForm } from '~/utils/http.server.ts'

export const handle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { builder, question, number } = await loadBuilderQuestion(request, params)
  return {
    pageTitle: builder.t('editor.edit_title', { n: number }),
    id: builder.consultation.id,
    title: builder.consultationTitle,
    number,
    type: question.type,
    base: builder.status.base,
    values: formValuesOf(question, question.type, question.key),
    callsToAction: builder.callsToAction,
    versionNotice: builder.versionNotice,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { builder, question } = await loadBuilderQuestion(request, params)
  const { outcome, values, base } = await saveQuestionForm(builder, await readForm(request), question.type, question.key)
  if (outcome.ok) return redirect(savedLocation(builder.consultation.id, outcome, 'edited') + `#question-${question.key}`)
  return Response.json({ errors: outcome.errors, values, base }, { status: outcome.status })
}

export default function EditQuestionRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors?: BuilderError[]; values?: QuestionFormValues; base?: string }>()
  const { t } = useTranslation('builder')
  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}/survey#question-${data.values.key}`} />
      <BuilderErrorSummary errors={actionData?.errors} />
      <span className="govuk-caption-l">{data.title}</span>
      <h1 className="govuk-heading-l">{t('editor.edit_heading', { n: data.number, type: t(`types.${data.type}`) })}</h1>
      <form method="post" noValidate key={actionData?.base ?? data.base}>
        <input type="hidden" name="base" value={actionData?.base ?? data.base} />
        <QuestionEditorFields type={data.type} values={actionData?.values ?? data.values} isNew={false} callsToAction={data.callsToAction} errors={actionData?.errors} />
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
