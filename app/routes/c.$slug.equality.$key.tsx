import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, ErrorSummary, FormGroup, Hint, describedBy } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadEqualityContext } from '~/features/equality/equality-flow.server.ts'
import {
  PREFER_NOT_TO_SAY,
  askedEqualityQuestions,
  equalityOptions,
  findEqualityQuestion,
  nextEqualityQuestion,
  parseEqualityAnswer,
  previousEqualityQuestion,
} from '~/features/equality/questions.ts'
import { consultationPath } from '~/features/responses/resident-flow.server.ts'
import { saveEqualityAnswer } from '~/features/responses/responses.server.ts'
import { enforceRateLimit } from '~/utils/rate-limit.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }
export { headers } from '~/utils/route-headers.ts'

async function load(request: Request, slug: string | undefined, key: string | undefined) {
  const ctx = await loadEqualityContext(request, slug)
  const question = findEqualityQuestion(key ?? '')
  if (!question) throw new Response('not_found', { status: 404 })
  if (question.askIf && !question.askIf(ctx.equalityAnswers)) {
    const next = nextEqualityQuestion(question.key, ctx.equalityAnswers)
    throw redirect(consultationPath(ctx.consultation.slug, next ? `/equality/${next.key}` : '/confirmation'))
  }
  return { ctx, question }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, question } = await load(request, params.slug, params.key)
  const t = await i18n.getFixedT(ctx.locale, 'equality')
  const { options, writeIn } = equalityOptions(question, ctx.equalityAnswers)
  const previous = previousEqualityQuestion(question.key, ctx.equalityAnswers)
  const slug = ctx.consultation.slug
  return {
    pageTitle: t(`questions.${question.key}.title`),
    key: question.key,
    options,
    writeIn,
    checked: ctx.equalityAnswers[question.key] ?? '',
    describe: ctx.equalityTexts[question.key] ?? '',
    backHref: consultationPath(slug, previous ? `/equality/${previous.key}` : '/equality'),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  enforceRateLimit(context)
  const { ctx, question } = await load(request, params.slug, params.key)
  const form = await readForm(request)
  const parsed = parseEqualityAnswer(question, ctx.equalityAnswers, form)
  if (!parsed.ok) {
    const t = await i18n.getFixedT(ctx.locale, 'survey')
    const field = parsed.errorKey === 'errors.describe_too_long' ? 'describe' : 'answer-1'
    const posted = (name: string) => (typeof form.get(name) === 'string' ? (form.get(name) as string).slice(0, 1000) : '')
    return Response.json(
      { errors: [{ href: `#${field}`, text: t(parsed.errorKey), field }], values: { answer: posted('answer'), describe: posted('describe') } },
      { status: 400 },
    )
  }
  const answers = { ...ctx.equalityAnswers }
  if (parsed.option) answers[question.key] = parsed.option
  else delete answers[question.key]
  // Answers to questions that no longer apply (e.g. the detailed group after changing the broad one) are removed.
  const asked = new Set(askedEqualityQuestions(answers).map((q) => q.key))
  const stale = Object.keys(answers).filter((key) => !asked.has(key))
  if (question.key === 'ethnic_group_broad' && ctx.equalityAnswers.ethnic_group_broad !== parsed.option) stale.push('ethnic_group')
  await ctx.db
    .transaction()
    .execute((trx) =>
      saveEqualityAnswer(trx, { responseId: ctx.response.id, questionKey: question.key, option: parsed.option, text: parsed.text, clearKeys: stale }),
    )
  const next = nextEqualityQuestion(question.key, answers)
  return redirect(consultationPath(ctx.consultation.slug, next ? `/equality/${next.key}` : '/confirmation'))
}

export default function EqualityQuestionRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors: { href: string; text: string; field: string }[]; values: { answer: string; describe: string } }>()
  const { t } = useTranslation('equality')
  const { t: ts } = useTranslation('survey')
  const error = actionData?.errors[0]
  const radioError = error?.field === 'answer-1' ? error : undefined
  const describeError = error?.field === 'describe' ? error : undefined
  const checked = actionData?.values.answer ?? data.checked
  const describe = actionData?.values.describe ?? data.describe
  const hint = t(`questions.${data.key}.hint`, { defaultValue: '' })
  const needsDescribe = data.writeIn.length > 0
  return (
    <>
      <BackLink href={data.backHref} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors ?? []} />
          <form method="post" noValidate>
            <FormGroup error={Boolean(radioError)}>
              <fieldset className="govuk-fieldset" aria-describedby={describedBy(hint && 'answer-hint', radioError && 'answer-error')}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--l">
                  <h1 className="govuk-fieldset__heading">
                    {t(`questions.${data.key}.title`)} {ts('optional')}
                  </h1>
                </legend>
                {hint ? <Hint id="answer-hint">{hint}</Hint> : null}
                {radioError ? <ErrorMessage id="answer-error">{radioError.text}</ErrorMessage> : null}
                <div className="govuk-radios" data-module="govuk-radios">
                  {data.options.map((code, index) => (
                    <div key={code}>
                      {code === PREFER_NOT_TO_SAY ? <div className="govuk-radios__divider">{ts('or')}</div> : null}
                      <div className="govuk-radios__item">
                        <input
                          className="govuk-radios__input"
                          id={`answer-${index + 1}`}
                          name="answer"
                          type="radio"
                          value={code}
                          defaultChecked={checked === code}
                        />
                        <label className="govuk-label govuk-radios__label" htmlFor={`answer-${index + 1}`}>
                          {t(`questions.${data.key}.options.${code}`)}
                        </label>
                      </div>
                    </div>
                  ))}
                </div>
              </fieldset>
            </FormGroup>
            {needsDescribe ? (
              <FormGroup error={Boolean(describeError)}>
                <label className="govuk-label" htmlFor="describe">
                  {t('describe')}
                </label>
                {describeError ? <ErrorMessage id="describe-error">{describeError.text}</ErrorMessage> : null}
                <input
                  className={`govuk-input${describeError ? ' govuk-input--error' : ''}`}
                  id="describe"
                  name="describe"
                  type="text"
                  maxLength={200}
                  defaultValue={describe}
                  aria-describedby={describeError ? 'describe-error' : undefined}
                />
              </FormGroup>
            ) : null}
            <button type="submit" className="govuk-button" data-module="govuk-button">
              {ts('continue')}
            </button>
          </form>
        </div>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
