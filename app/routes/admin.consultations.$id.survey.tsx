import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, ErrorSummary, FormGroup, Hint, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { saveSurveyDefinition, surveyStatus } from '~/features/surveys/survey-versions.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }


export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await loadConsultationForOfficer(request, params.id)
  const t = await i18n.getFixedT(await getLocale(request), 'auth')
  const status = await surveyStatus(db, consultation.id)
  const title = consultation.content.en?.title ?? consultation.slug
  return {
    pageTitle: t('survey.title', { title }),
    id: consultation.id,
    title,
    version: status.current?.versionNumber ?? null,
    questions: status.current ? (JSON.parse(status.current.definition).questions as unknown[]).length : 0,
    responses: status.responses,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, consultation } = await loadConsultationForOfficer(request, params.id)
  const form = await readForm(request)
  const file = form.get('definition')
  const json = file && typeof file === 'object' && 'text' in file ? await (file as Blob).text() : typeof file === 'string' ? file : ''
  if (!json.trim()) return Response.json({ errors: { definition: 'errors.file_required' } }, { status: 400 })
  const result = await db.transaction().execute((trx) => saveSurveyDefinition(trx, consultation.id, json, user.id))
  if (result.status === 'invalid') return Response.json({ errors: { definition: 'survey.problems' }, problems: result.problems.slice(0, 50) }, { status: 400 })
  return Response.json({ saved: result })
}

type ActionData = { errors?: Record<string, string>; problems?: string[]; saved?: { versionNumber: number; newVersion: boolean } }

export default function SurveyRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const { t } = useTranslation('auth')
  const error = actionData?.errors?.definition
  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}`} />
      <ErrorSummary errors={error ? [{ href: '#definition', text: t(error) }] : []} />
      {actionData?.saved ? (
        <SuccessBanner
          title={t('consultation.saved')}
          message={t(actionData.saved.newVersion ? 'survey.saved_new' : 'survey.saved_same', { version: actionData.saved.versionNumber })}
        />
      ) : null}
      <h1 className="govuk-heading-l">{t('survey.title', { title: data.title })}</h1>
      {data.version === null ? (
        <p className="govuk-body">{t('survey.none')}</p>
      ) : (
        <>
          <p className="govuk-body">{t('survey.current', { version: data.version, questions: data.questions, responses: data.responses })}</p>
          <p className="govuk-body">
            <a className="govuk-link" href={`/admin/consultations/${data.id}/survey.json`} download>
              {t('survey.download')}
            </a>
          </p>
          {data.responses > 0 ? (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">{t('survey.new_version_warning', { version: data.version, next: data.version + 1 })}</strong>
            </div>
          ) : null}
        </>
      )}
      {actionData?.problems ? (
        <ul className="govuk-list govuk-list--bullet hys-ltr" id="problems">
          {actionData.problems.map((p) => (
            <li key={p}>
              <code>{p}</code>
            </li>
          ))}
        </ul>
      ) : null}
      <form method="post" encType="multipart/form-data" noValidate>
        <FormGroup error={Boolean(error)}>
          <label className="govuk-label govuk-label--s" htmlFor="definition">
            {t('survey.upload_label')}
          </label>
          <Hint id="definition-hint">{t('survey.upload_hint')}</Hint>
          {error ? <ErrorMessage id="definition-error">{t(error)}</ErrorMessage> : null}
          <input
            className={`govuk-file-upload${error ? ' govuk-file-upload--error' : ''}`}
            id="definition"
            name="definition"
            type="file"
            accept="application/json,.json"
            aria-describedby={error ? 'definition-hint definition-error' : 'definition-hint'}
          />
        </FormGroup>
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {t('survey.save')}
        </button>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
