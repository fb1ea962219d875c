import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, FormGroup, Hint, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { languageOf } from '~/features/i18n/config.ts'
import { moveQuestion, type BuilderError } from '~/features/surveys/builder.ts'
import { BuilderErrorSummary, VersionNotice } from '~/features/surveys/builder-components.tsx'
import { loadBuilder, saveBuilderChange, savedLocation } from '~/features/surveys/builder.server.ts'
import { describeQuestions } from '~/features/surveys/describe-question.ts'
import { countTexts, missingTranslations } from '~/features/surveys/definition.ts'
import { CONTENT_KEYS } from '~/features/consultations/manage.server.ts'
import { saveSurveyDefinition } from '~/features/surveys/survey-versions.server.ts'
import { readForm } from '~/utils/http.server.ts'

export const handle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const builder = await loadBuilder(request, params.id)
  const { consultation, definition, status, t } = builder
  const url = new URL(request.url)
  const total = definition ? countTexts(definition) : 0
  return {
    pageTitle: t('overview.title', { title: builder.consultationTitle }),
    id: consultation.id,
    title: builder.consultationTitle,
    status: consultation.status,
    base: status.base,
    version: status.current?.versionNumber ?? null,
    responses: status.submitted,
    versions: status.versions,
    versionNotice: builder.versionNotice,
    questions: definition ? describeQuestions(definition, builder.callsToAction) : [],
    languages: consultation.locales
      .filter((l) => l !== 'en')
      .map((code) => ({
        code,
        name: languageOf(code).name,
        translated: definition ? total - missingTranslations(definition, code).length : 0,
        total,
        startPage: CONTENT_KEYS.filter((key) => consultation.content[code]?.[key]?.trim()).length,
      })),
    startPageTotal: CONTENT_KEYS.length,
    saved: url.searchParams.get('saved'),
    savedVersion: Number(url.searchParams.get('version') ?? 0),
    savedNew: url.searchParams.get('new') === '1',
    retranslate: Number(url.searchParams.get('retranslate') ?? 0),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const builder = await loadBuilder(request, params.id)
  const form = await readForm(request)
  const intent = String(form.get('intent') ?? '')
  const base = String(form.get('base') ?? '')
  const fail = (status: number, errors: BuilderError[], problems?: string[]) => Response.json({ errors, problems }, { status })

  if (intent === 'move-up' || intent === 'move-down') {
    const key = String(form.get('key') ?? '')
    const outcome = await saveBuilderChange(builder, base, (current) =>
      current ? moveQuestion(current, key, intent === 'move-up' ? 'up' : 'down') : { ok: false, errors: [{ field: 'questions', key: 'errors.question_missing' }] },
    )
    if (!outcome.ok) return fail(outcome.status, outcome.errors)
    return redirect(savedLocation(builder.consultation.id, outcome, 'moved') + `#question-${key}`)
  }

  if (intent === 'upload') {
    const file = form.get('definition')
    const json = file && typeof file === 'object' && 'text' in file ? await (file as Blob).text() : typeof file === 'string' ? file : ''
    if (!json.trim()) return fail(400, [{ field: 'definition', key: 'errors.file_required' }])
    const result = await saveSurveyDefinition(builder.db, builder.consultation.id, json, builder.user.id, base)
    if (result.status === 'conflict') return fail(409, [{ field: 'definition', key: 'errors.conflict', values: { by: result.by ?? '?', at: '' } }])
    if (result.status === 'invalid') return fail(400, [{ field: 'definition', key: 'errors.json_problems' }], result.problems.slice(0, 50))
    return redirect(savedLocation(builder.consultation.id, { ok: true, ...result, summary: '', retranslate: 0 }, 'uploaded'))
  }
  throw new Response('bad_request', { status: 400 })
}

type ActionData = { errors?: BuilderError[]; problems?: string[] }

export default function SurveyBuilderRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const { t } = useTranslation('builder')
  const { t: tTranslate } = useTranslation('translate')
  const uploadError = actionData?.errors?.find((e) => e.field === 'definition')
  const here = `/admin/consultations/${data.id}/survey`
  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}`} />
      <BuilderErrorSummary errors={actionData?.errors} />
      {data.saved ? (
        <SuccessBanner
          title={t(`saved.${data.saved}`, { defaultValue: t('saved.question') })}
          message={
            <>
              {t(data.savedNew ? 'saved.new_version' : 'saved.same_version', { version: data.savedVersion })}
              {data.retranslate ? ` ${t('saved.retranslate', { count: data.retranslate })}` : ''}
            </>
          }
        />
      ) : null}
      <span className="govuk-caption-l">{data.title}</span>
      <h1 className="govuk-heading-l">{t('overview.heading')}</h1>
      {data.version === null ? (
        <p className="govuk-body">{t('overview.empty')}</p>
      ) : (
        <p className="govuk-body" data-testid="survey-status">
          {t('overview.status', { version: data.version, questions: data.questions.length, responses: data.responses })}
        </p>
      )}
      <VersionNotice notice={data.versionNotice} />
      <div className="govuk-button-group">
        <a href={`${here}/add`} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
          {t('overview.add')}
        </a>
        {data.version !== null ? (
          <a href={`/admin/consultations/${data.id}/preview`} className="govuk-link">
            {t('overview.preview')}
          </a>
        ) : null}
      </div>

      {data.questions.length ? (
        <ol className="govuk-list hys-builder-list" id="questions">
          {data.questions.map((q, index) => (
            <li key={q.key} id={`question-${q.key}`} className="govuk-summary-card">
              <div className="govuk-summary-card__title-wrapper">
                <h2 className="govuk-summary-card__title">
                  {index + 1}. <span lang="en">{q.title}</span>
                </h2>
                <ul className="govuk-summary-card__actions">
                  <li className="govuk-summary-card__action">
                    <a className="govuk-link" href={`${here}/questions/${q.key}`}>
                      {t('overview.edit')}
                      <span className="govuk-visually-hidden"> {t('overview.question_n', { n: index + 1 })}</span>
                    </a>
                  </li>
                  <li className="govuk-summary-card__action">
                    <a className="govuk-link" href={`${here}/questions/${q.key}/remove`}>
                      {t('overview.remove')}
                      <span className="govuk-visually-hidden"> {t('overview.question_n', { n: index + 1 })}</span>
                    </a>
                  </li>
                </ul>
              </div>
              <div className="govuk-summary-card__content">
                <dl className="govuk-summary-list">
                  <Row label={t('overview.type')} value={`${t(`types.${q.type}`)}${q.required ? '' : ` ${t('overview.optional')}`}`} />
                  {q.answers.length ? <Row label={t('overview.answers')} value={<span lang="en">{q.answers.join(', ')}</span>} /> : null}
                  <Row label={t('overview.ctas')} value={q.ctas.join(', ')} />
                  <Row
                    label={t('overview.shown')}
                    value={
                      <>
                        {q.condition ? t(`condition.${q.condition.operator}`, { question: q.condition.question, value: q.condition.value }) : t('condition.always')}{' '}
                        <a className="govuk-link" href={`${here}/questions/${q.key}/condition`}>
                          {t(q.condition ? 'overview.change_rule' : 'overview.add_rule')}
                          <span className="govuk-visually-hidden"> {t('overview.question_n', { n: index + 1 })}</span>
                        </a>
                      </>
                    }
                  />
                </dl>
                <div className="govuk-button-group hys-move">
                  {index > 0 ? <MoveButton base={data.base} questionKey={q.key} intent="move-up" label={t('overview.move_up')} n={index + 1} /> : null}
                  {index < data.questions.length - 1 ? <MoveButton base={data.base} questionKey={q.key} intent="move-down" label={t('overview.move_down')} n={index + 1} /> : null}
                </div>
              </div>
            </li>
          ))}
        </ol>
      ) : null}

      {data.languages.length ? (
        <>
          <h2 className="govuk-heading-m">{t('overview.translations')}</h2>
          <dl className="govuk-summary-list" data-testid="translation-counts">
            {data.languages.map((language) => (
              <div className="govuk-summary-list__row" key={language.code}>
                <dt className="govuk-summary-list__key">{language.name}</dt>
                <dd className="govuk-summary-list__value">
                  {t('overview.translated', { translated: language.translated, total: language.total })}
                  {language.translated === language.total && language.startPage === data.startPageTotal ? (
                    <strong className="govuk-tag govuk-tag--green hys-tag-after">{t('overview.complete')}</strong>
                  ) : (
                    <strong className="govuk-tag govuk-tag--yellow hys-tag-after">{t('overview.incomplete')}</strong>
                  )}
                  <br />
                  <a className="govuk-link" href={`/admin/consultations/${data.id}/start-page/${language.code}`}>
                    {tTranslate('start_page.link', { done: language.startPage, total: data.startPageTotal })}
                    <span className="govuk-visually-hidden"> ({language.name})</span>
                  </a>
                </dd>
                <dd className="govuk-summary-list__actions">
                  <a className="govuk-link" href={`${here}/translations/${language.code}`}>
                    {t('overview.translate')}
                    <span className="govuk-visually-hidden"> {language.name}</span>
                  </a>
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}

      <h2 className="govuk-heading-m">{t('overview.json_heading')}</h2>
      {data.version !== null ? (
        <p className="govuk-body">
          <a className="govuk-link" href={`${here}.json`} download>
            {t('overview.json_download', { version: data.version })}
          </a>
        </p>
      ) : null}
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
        <input type="hidden" name="intent" value="upload" />
        <input type="hidden" name="base" value={data.base} />
        <FormGroup error={Boolean(uploadError)}>
          <label className="govuk-label govuk-label--s" htmlFor="definition">
            {t('overview.json_upload')}
          </label>
          <Hint id="definition-hint">{t('overview.json_hint')}</Hint>
          {uploadError ? <ErrorMessage id="definition-error">{t(uploadError.key, uploadError.values)}</ErrorMessage> : null}
          <input
            className={`govuk-file-upload${uploadError ? ' govuk-file-upload--error' : ''}`}
            id="definition"
            name="definition"
            type="file"
            accept="application/json,.json"
            aria-describedby={uploadError ? 'definition-hint definition-error' : 'definition-hint'}
          />
        </FormGroup>
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          {t('overview.json_save')}
        </button>
      </form>
    </>
  )
}

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  )
}

function MoveButton({ base, questionKey, intent, label, n }: { base: string; questionKey: string; intent: string; label: string; n: number }) {
  const { t } = useTranslation('builder')
  return (
    <form method="post">
      <input type="hidden" name="base" value={base} />
      <input type="hidden" name="key" value={questionKey} />
      <button type="submit" name="intent" value={intent} className="govuk-button govuk-button--secondary hys-button-small" data-module="govuk-button">
        {label}
        <span className="govuk-visually-hidden"> {t('overview.question_n', { n })}</span>
      </button>
    </form>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
