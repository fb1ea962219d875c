import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { languageOf } from '~/features/i18n/config.ts'
import { BackLink, ErrorSummary, SummaryList } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { consultationPath, getWards, loadResidentContext } from '~/features/responses/resident-flow.server.ts'
import { submitResponse } from '~/features/responses/responses.server.ts'
import { localise } from '~/features/surveys/definition.ts'
import { visibleQuestions } from '~/features/surveys/skip-logic.ts'
import { formatAnswer } from '~/features/surveys/format-answer.ts'
import { enforceRateLimit } from '~/utils/rate-limit.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import { keepDeletionCode } from '~/utils/session.server.ts'

export const handle = { hydrate: false }
export { headers } from '~/utils/route-headers.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await loadResidentContext(request, params.slug)
  const slug = ctx.consultation.slug
  if (!ctx.draft) {
    // Already submitted (a back button after submitting) or never started.
    throw redirect(consultationPath(slug, ctx.response?.status === 'submitted' ? '/confirmation' : ''))
  }
  const t = await i18n.getFixedT(ctx.locale, 'survey')
  const wards = await getWards(ctx.db)
  const questions = visibleQuestions(ctx.version.definition, ctx.answers)
  const last = questions.at(-1)!
  return {
    pageTitle: t('check.title'),
    contentLocale: ctx.contentLocale,
    contentTranslated: ctx.contentTranslated,
    backHref: consultationPath(slug, `/q/${last.key}`),
    rows: questions.map((q) => ({
      key: q.key,
      title: localise(q.title, ctx.contentLocale),
      answer: ctx.answers[q.key] === undefined ? null : formatAnswer(q, ctx.answers[q.key]!, ctx.contentLocale, t, wards, ctx.locale),
      href: consultationPath(slug, `/q/${q.key}?change=1`),
    })),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  enforceRateLimit(context)
  const ctx = await loadResidentContext(request, params.slug)
  const slug = ctx.consultation.slug
  if (!ctx.draft) {
    // A second tap after the first submit committed: same outcome, nothing submitted twice.
    if (ctx.response?.status === 'submitted') throw redirect(consultationPath(slug, '/equality'))
    throw redirect(consultationPath(slug))
  }
  const draftId = ctx.draft.id
  const result = await ctx.db.transaction().execute((trx) => submitResponse(trx, { responseId: draftId, definition: ctx.version.definition }))
  if (result.status === 'missing') {
    const t = await i18n.getFixedT(await getLocale(request), 'survey')
    return Response.json(
      { errors: [{ href: consultationPath(slug, `/q/${result.questionKey}?change=1`), text: t('errors.missing_required') }] },
      { status: 400 },
    )
  }
  // Acknowledged only now that the transaction has committed. The deletion code is
  // shown on the confirmation page, after the equality questions.
  const headers = result.deletionCode
    ? {
        'Set-Cookie': await keepDeletionCode(request, {
          reference: result.reference,
          code: result.deletionCode,
          keepOn: [consultationPath(slug, '/equality'), consultationPath(slug, '/confirmation')],
        }),
      }
    : undefined
  return redirect(consultationPath(slug, '/equality'), { headers })
}

export default function CheckRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation('survey')
  const { t: tc } = useTranslation('common')
  return (
    <>
      <BackLink href={data.backHref} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={actionData?.errors ?? []} />
          <h1 className="govuk-heading-l">{t('check.title')}</h1>
          {data.contentTranslated ? null : <p className="govuk-inset-text">{tc('language_fallback_note')}</p>}
          <SummaryList
            rows={data.rows.map((row) => ({
              key: <span lang={data.contentLocale} dir={languageOf(data.contentLocale).dir}>{row.title}</span>,
              value: row.answer ? (
                row.answer.length > 1 ? (
                  <ul className="govuk-list">
                    {row.answer.map((line) => (
                      <li key={line} lang={data.contentLocale} dir={languageOf(data.contentLocale).dir}>
                        {line}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span lang={data.contentLocale} dir={languageOf(data.contentLocale).dir} className="hys-pre-wrap">
                    {row.answer[0]}
                  </span>
                )
              ) : (
                <span className="govuk-hint govuk-!-margin-0">{t('check.not_answered')}</span>
              ),
              action: { href: row.href, text: t('check.change'), hiddenText: row.title },
            }))}
          />
          <h2 className="govuk-heading-m">{t('check.submit_heading')}</h2>
          <p className="govuk-body">{t('check.submit_body')}</p>
          <form method="post" noValidate>
            <button type="submit" className="govuk-button" data-module="govuk-button" data-prevent-double-click="true">
              {t('check.submit')}
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
