import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, FormGroup, Hint, Radios } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { earlierQuestions, setCondition, type BuilderError } from '~/features/surveys/builder.ts'
import { BuilderErrorSummary, errorFor, VersionNotice } from '~/features/surveys/builder-components.tsx'
import { loadBuilderQuestion, saveBuilderChange, savedLocation } from '~/features/surveys/builder.server.ts'
import { conditionValues, localise, operatorsFor } from '~/features/surveys/definition.ts'
import { answerLabel } from '~/features/surveys/describe-question.ts'
import { readForm } from '~/utils/http.server.ts'

export const handle = { hydrate: false }

// A skip rule in two steps without JavaScript: first the earlier question it
// depends on (?on=), then the operator and the answer. Only earlier questions
// are offered, and the server refuses a rule that points forwards or nowhere.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { builder, question, number } = await loadBuilderQuestion(request, params)
  const url = new URL(request.url)
  const earlier = earlierQuestions(builder.definition!, question.key)
  const on = url.searchParams.get('on')
  const target = on ? earlier.find((q) => q.key === on) : undefined
  const chooseError = on !== null && !target
  const t = builder.t
  return {
    pageTitle: `${chooseError ? `${t('error_prefix')} ` : ''}${t('condition_page.title', { n: number })}`,
    id: builder.consultation.id,
    key: question.key,
    number,
    questionTitle: localise(question.title, 'en'),
    base: builder.status.base,
    current: question.showIf ?? null,
    earlier: earlier.map((q, i) => ({ key: q.key, label: `${i + 1}. ${localise(q.title, 'en')}` })),
    chooseError,
    target: target
      ? {
          key: target.key,
          label: `${earlier.indexOf(target) + 1}. ${localise(target.title, 'en')}`,
          operators: operatorsFor(target.type),
          values: conditionValues(target).map((code) => ({ code, label: answerLabel(target, code) })),
          numeric: target.type === 'number',
        }
      : null,
    versionNotice: builder.versionNotice,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { builder, question } = await loadBuilderQuestion(request, params)
  const form = await readForm(request)
  const base = String(form.get('base') ?? '')
  const clear = form.get('intent') === 'clear'
  const rule = { question: String(form.get('on') ?? ''), operator: String(form.get('operator') ?? ''), value: String(form.get('value') ?? '').trim() }
  const outcome = await saveBuilderChange(builder, base, (current) =>
    current ? setCondition(current, question.key, clear ? null : rule) : { ok: false, errors: [{ field: 'question', key: 'errors.question_missing' }] },
  )
  if (!outcome.ok) {
    // radios link to their first option, a text box to itself
    const target = builder.definition?.questions.find((q) => q.key === rule.question)
    const errors = outcome.errors.map((e) => (e.field === 'value' && target && conditionValues(target).length ? { ...e, field: 'value-1' } : e))
    return Response.json({ errors, rule }, { status: outcome.status })
  }
  return redirect(savedLocation(builder.consultation.id, outcome, clear ? 'rule_removed' : 'rule_saved') + `#question-${question.key}`)
}

export default function ConditionRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors?: BuilderError[]; rule?: { operator: string; value: string } }>()
  const { t } = useTranslation('builder')
  const here = `/admin/consultations/${data.id}/survey/questions/${data.key}/condition`
  const chooseErrors: BuilderError[] = data.chooseError ? [{ field: 'on-1', key: 'errors.rule_question_required' }] : []
  const operatorError = errorFor(actionData?.errors, 'operator-1')
  const valueError = errorFor(actionData?.errors, 'value') ?? errorFor(actionData?.errors, 'value-1')
  const heading = (
    <>
      <span className="govuk-caption-l">
        {t('condition_page.caption', { n: data.number })}: <span lang="en">{data.questionTitle}</span>
      </span>
      <h1 className="govuk-fieldset__heading">{t('condition_page.heading')}</h1>
    </>
  )
  return (
    <>
      <BackLink href={data.target ? here : `/admin/consultations/${data.id}/survey#question-${data.key}`} />
      <BuilderErrorSummary errors={[...chooseErrors, ...(actionData?.errors ?? [])]} />
      {!data.earlier.length ? (
        <>
          <span className="govuk-caption-l">
            {t('condition_page.caption', { n: data.number })}: <span lang="en">{data.questionTitle}</span>
          </span>
          <h1 className="govuk-heading-l">{t('condition_page.heading')}</h1>
          <p className="govuk-body">{t('condition_page.first')}</p>
        </>
      ) : !data.target ? (
        <form method="get" action={here} noValidate>
          <FormGroup error={data.chooseError}>
            <fieldset className="govuk-fieldset" aria-describedby={data.chooseError ? 'on-error' : 'on-hint'}>
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">{heading}</legend>
              <Hint id="on-hint">{t('condition_page.on_hint')}</Hint>
              {data.chooseError ? <ErrorMessage id="on-error">{t('errors.rule_question_required')}</ErrorMessage> : null}
              <Radios name="on" idPrefix="on" items={data.earlier.map((q) => ({ value: q.key, label: <span lang="en">{q.label}</span> }))} checked={data.current?.question} />
            </fieldset>
          </FormGroup>
          <button type="submit" className="govuk-button" data-module="govuk-button">
            {t('continue')}
          </button>
        </form>
      ) : (
        <form method="post" noValidate>
          <input type="hidden" name="base" value={data.base} />
          <input type="hidden" name="on" value={data.target.key} />
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">{heading}</legend>
            <p className="govuk-body">
              {t('condition_page.when')} <strong lang="en">{data.target.label}</strong>{' '}
              <a className="govuk-link" href={here}>
                {t('condition_page.change_question')}
              </a>
            </p>
            <FormGroup error={Boolean(operatorError)}>
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('condition_page.operator')}</legend>
                {operatorError ? <ErrorMessage id="operator-error">{t(operatorError.key)}</ErrorMessage> : null}
                <Radios
                  name="operator"
                  idPrefix="operator"
                  items={data.target.operators.map((o) => ({ value: o, label: t(`operators.${o}`) }))}
                  checked={actionData?.rule?.operator ?? (data.current?.question === data.target.key ? data.current.operator : undefined)}
                />
              </fieldset>
            </FormGroup>
            <FormGroup error={Boolean(valueError)}>
              {data.target.values.length ? (
                <fieldset className="govuk-fieldset" aria-describedby="value-hint">
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('condition_page.value')}</legend>
                  <Hint id="value-hint">{t('condition_page.value_hint')}</Hint>
                  {valueError ? <ErrorMessage id="value-error">{t(valueError.key)}</ErrorMessage> : null}
                  <Radios
                    name="value"
                    idPrefix="value"
                    items={data.target.values.map((v) => ({ value: v.code, label: <span lang="en">{v.label}</span> }))}
                    checked={actionData?.rule?.value ?? (data.current?.question === data.target.key ? data.current.value : undefined)}
                  />
                </fieldset>
              ) : (
                <>
                  <label className="govuk-label govuk-label--s" htmlFor="value">
                    {t('condition_page.value')}
                  </label>
                  <Hint id="value-hint">{t(data.target.numeric ? 'condition_page.value_number_hint' : 'condition_page.value_hint')}</Hint>
                  {valueError ? <ErrorMessage id="value-error">{t(valueError.key)}</ErrorMessage> : null}
                  <input
                    className={`govuk-input govuk-input--width-10${valueError ? ' govuk-input--error' : ''}`}
                    id="value"
                    name="value"
                    type="text"
                    inputMode={data.target.numeric ? 'numeric' : undefined}
                    defaultValue={actionData?.rule?.value ?? (data.current?.question === data.target.key ? (data.current.value ?? '') : '')}
                    aria-describedby="value-hint"
                  />
                </>
              )}
            </FormGroup>
          </fieldset>
          <VersionNotice notice={data.versionNotice} />
          <button type="submit" className="govuk-button" data-module="govuk-button">
            {t('condition_page.save')}
          </button>
        </form>
      )}
      {data.current ? (
        <form method="post">
          <input type="hidden" name="base" value={data.base} />
          <button type="submit" name="intent" value="clear" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            {t('condition_page.clear')}
          </button>
        </form>
      ) : null}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
