import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { consultationPath, getWards, loadQuestionContext } from '~/features/responses/resident-flow.server.ts'
import { createDraft, issueResumeCode, saveAnswer } from '~/features/responses/responses.server.ts'
import { newToken } from '~/features/responses/codes.ts'
import { localise } from '~/features/surveys/definition.ts'
import { nextQuestion, previousQuestion } from '~/features/surveys/skip-logic.ts'
import { answerErrorText, echoValues, parseAnswer } from '~/features/surveys/validate-answer.ts'
import { QuestionField, errorHref } from '~/features/surveys/question-field.tsx'
import { answerToFormValues } from '~/features/surveys/answers.ts'
import { enforceRateLimit } from '~/utils/rate-limit.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import { getDraftToken, setDraftToken } from '~/utils/session.server.ts'

export const handle = { hydrate: false }
export { headers } from '~/utils/route-headers.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await loadQuestionContext(request, params.slug, params.key)
  const { definition } = ctx.version
  const { question } = ctx
  const slug = ctx.consultation.slug
  const changing = new URL(request.url).searchParams.get('change') === '1'
  const previous = previousQuestion(definition, question.key, ctx.answers)
  const backHref = changing
    ? consultationPath(slug, '/check')
    : previous
      ? consultationPath(slug, `/q/${previous.key}`)
      : consultationPath(slug)
  const saved = ctx.answers[question.key]
  return {
    pageTitle: localise(question.title, ctx.contentLocale),
    question,
    contentLocale: ctx.contentLocale,
    contentTranslated: ctx.contentTranslated,
    values: saved === undefined ? [] : answerToFormValues(question, saved),
    wards: question.type === 'ward' ? await getWards(ctx.db) : [],
    backHref,
    changing,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  enforceRateLimit(context)
  // A question from another survey, or a made-up key, is a 404: nothing to save.
  const ctx = await loadQuestionContext(request, params.slug, params.key)
  const { definition } = ctx.version
  const { question } = ctx
  const slug = ctx.consultation.slug
  const form = await readForm(request)
  const intent = form.get('intent') === 'save' ? 'save' : 'continue'
  const wards = question.type === 'ward' ? (await getWards(ctx.db)).map((w) => w.code) : []
  // "Save and come back later" keeps whatever was given: a required question
  // left empty (or a grid partly rated) is saved as it is, to be answered later.
  // Anything posted is still checked, so a bad answer is refused as on Continue.
  const parsed = parseAnswer(intent === 'save' ? { ...question, required: false } : question, form, wards)
  if (!parsed.ok) {
    const locale = await getLocale(request)
    const t = await i18n.getFixedT(locale, 'survey')
    const text = answerErrorText(parsed.error, t, locale)
    return Response.json(
      {
        errors: [{ href: errorHref(question, parsed.error.field), text, field: parsed.error.field, highlight: parsed.error.highlight }],
        values: echoValues(question, form),
      },
      { status: 400 },
    )
  }

  const result = await ctx.db.transaction().execute(async (trx) => {
    let draft = ctx.draft
    let token: string | null = null
    if (!draft) {
      token = newToken()
      draft = await createDraft(trx, {
        consultationId: ctx.consultation.id,
        surveyVersionId: ctx.version.id,
        locale: ctx.locale,
        token,
        ttlDays: ctx.ttlDays,
      })
    }
    await saveAnswer(trx, { responseId: draft.id, question, value: parsed.value, locale: ctx.locale, ttlDays: ctx.ttlDays })
    return { token, resume: intent === 'save' ? await issueResumeCode(trx, draft.id, ctx.ttlDays) : null }
  })

  const headers = new Headers()
  if (result.token || result.resume) {
    // A new draft's token goes to this browser; a resume code is shown on the next page.
    const token = result.token ?? (await getDraftToken(request, ctx.consultation.id)) ?? null
    const resume = result.resume ? { ...result.resume, keepOn: [consultationPath(slug, '/saved')] } : undefined
    headers.append('Set-Cookie', await setDraftToken(request, ctx.consultation.id, token, resume))
  }
  if (result.resume) return redirect(consultationPath(slug, '/saved'), { headers })

  const answers = { ...ctx.answers }
  if (parsed.value === undefined) delete answers[question.key]
  else answers[question.key] = parsed.value
  const changing = new URL(request.url).searchParams.get('change') === '1'
  const next = changing ? null : nextQuestion(definition, question.key, answers)
  return redirect(consultationPath(slug, next ? `/q/${next.key}` : '/check'), { headers })
}

export default function QuestionRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('survey')
  const { t: tc } = useTranslation('common')
  const errors = actionData?.errors ?? []
  const values = actionData?.values ?? data.values
  const error = errors[0] ? { field: errors[0].field, text: errors[0].text, highlight: errors[0].highlight } : undefined
  return (
    <>
      <BackLink href={data.backHref} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          {data.contentTranslated ? null : <p className="govuk-inset-text">{tc('language_fallback_note')}</p>}
          <form method="post" noValidate action={data.changing ? '?change=1' : undefined}>
            <QuestionField question={data.question} contentLocale={data.contentLocale} values={values} error={error} wards={data.wards} />
            <div className="govuk-button-group">
              <button type="submit" name="intent" value="continue" className="govuk-button" data-module="govuk-button">
                {t('continue')}
              </button>
              <button type="submit" name="intent" value="save" className="govuk-button govuk-button--secondary" data-module="govuk-button">
                {t('save_for_later')}
              </button>
            </div>
          </form>
        </div>
      </div>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
