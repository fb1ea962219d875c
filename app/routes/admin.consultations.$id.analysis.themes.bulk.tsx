import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import codingStyles from '~/styles/coding.scss?url'
import { ErrorMessage, ErrorSummary, FormGroup, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { chooseQuestion, loadCodingContext, themesBase } from '~/features/coding/coding-context.server.ts'
import { applyThemeToAnswers, blindAnswers, codingsByResponse, listTextAnswers, searchAnswers } from '~/features/coding/coding.server.ts'
import { listThemes } from '~/features/coding/codebook.server.ts'
import { MAX_BULK, parseBulkForm } from '~/features/coding/forms.ts'
import { ThemesFrame } from '~/features/coding/components/themes-nav.tsx'
import { readForm } from '~/utils/http.server.ts'

// Bulk coding: find answers by words (a GET search), tick all or some of the
// matches, and give them one theme in a single post (one transaction, audited).
export const handle = { hydrate: false }

export const links = () => [
  { rel: 'stylesheet', href: analysisStyles },
  { rel: 'stylesheet', href: codingStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const url = new URL(request.url)
  const question = chooseQuestion(context, url.searchParams.get('question'))
  const words = (url.searchParams.get('q') ?? '').slice(0, 200)
  const themes = await listThemes(context.db, context.consultationId, { activeOnly: true })
  // The reader's own pending blind sample is left out: its first-pass codes are hidden from them, and it is theirs to code blind.
  const blind = await blindAnswers(context.db, context.consultationId, context.user.id)
  const matches =
    question && words.trim() ? searchAnswers(await listTextAnswers(context.db, context.consultationId, question.key), words).filter((m) => !blind.has(`${m.responseId}\u0000${question.key}`)) : []
  const codes = question ? await codingsByResponse(context.db, context.consultationId, question.key, 'first') : new Map<string, string[]>()
  const names = new Map(themes.map((t) => [t.id, t.name]))
  const applied = url.searchParams.get('applied')
  return {
    pageTitle: context.t('bulk.title'),
    frame: context.frame,
    base: themesBase(context.consultationId),
    questions: context.questions,
    question,
    words,
    searched: Boolean(words.trim()),
    themes: themes.map((t) => ({ id: t.id, name: t.name })),
    matches: matches.slice(0, MAX_BULK).map((m) => ({ ...m, themes: (codes.get(m.responseId) ?? []).map((id) => names.get(id)).filter(Boolean) as string[] })),
    applied: applied && /^\d+$/.test(applied) ? { count: Number(applied), theme: names.get(url.searchParams.get('theme') ?? '') ?? '' } : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const form = await readForm(request)
  const question = chooseQuestion(context, String(form.get('question') ?? ''))
  if (!question) throw new Response('not_found', { status: 404 })
  const parsed = parseBulkForm(form)
  if (!parsed.ok) return Response.json({ errors: parsed.errors }, { status: 400 })
  const added = await context.db.transaction().execute((trx) =>
    applyThemeToAnswers(trx, { consultationId: context.consultationId, questionKey: question.key, themeId: parsed.value.themeId, responseIds: parsed.value.responseIds, coder: context.user.id, via: 'bulk' }),
  )
  if (added === 'invalid-theme') return Response.json({ errors: { theme: 'errors.choose_bulk_theme' } }, { status: 400 })
  const params2 = new URLSearchParams({ question: question.key, q: String(form.get('q') ?? ''), applied: String(added), theme: parsed.value.themeId })
  return redirect(`${themesBase(context.consultationId)}/bulk?${params2}`, 303)
}

export default function BulkRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors: Record<string, string> }>()
  const { t } = useTranslation('coding')
  const errors = actionData?.errors ?? {}
  return (
    <ThemesFrame frame={data.frame} page="bulk" heading={t('bulk.heading')}>
      <ErrorSummary errors={Object.entries(errors).map(([name, key]) => ({ href: name === 'responses' ? '#responses-1' : `#${name}`, text: t(key) }))} />
      {data.applied ? <SuccessBanner title={t('bulk.applied', { count: data.applied.count, theme: data.applied.theme })} /> : null}
      <p className="govuk-body">{t('bulk.intro')}</p>
      {!data.question ? (
        <p className="govuk-body">{t('question.none')}</p>
      ) : (
        <form method="get" action={`${data.base}/bulk`} className="hys-filters" role="search">
          {data.questions.length > 1 ? (
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="question">
                {t('question.label')}
              </label>
              <select className="govuk-select" id="question" name="question" defaultValue={data.question.key}>
                {data.questions.map((q) => (
                  <option key={q.key} value={q.key}>
                    {q.title}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <input type="hidden" name="question" value={data.question.key} />
          )}
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="q">
              {t('bulk.search_label')}
            </label>
            <div id="q-hint" className="govuk-hint">
              {t('bulk.search_hint')}
            </div>
            <input className="govuk-input" id="q" name="q" type="search" defaultValue={data.words} aria-describedby="q-hint" />
          </div>
          <button type="submit" className="govuk-button govuk-button--secondary">
            {t('bulk.search')}
          </button>
        </form>
      )}
      {data.searched && data.question ? (
        <>
          <h2 className="govuk-heading-m" data-testid="bulk-count">
            {t('bulk.matches', { count: data.matches.length, words: data.words })}
          </h2>
          {data.matches.length ? (
            <form method="post" noValidate>
              <input type="hidden" name="question" value={data.question.key} />
              <input type="hidden" name="q" value={data.words} />
              <div className={`govuk-form-group${errors.responses ? ' govuk-form-group--error' : ''}`}>
                <fieldset className="govuk-fieldset">
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('bulk.choose_legend')}</legend>
                  <div className="govuk-hint">{t('bulk.choose_hint')}</div>
                  {errors.responses ? <ErrorMessage id="responses-error">{t(errors.responses)}</ErrorMessage> : null}
                  <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    {data.matches.map((m, i) => (
                      <div className="govuk-checkboxes__item" key={m.responseId}>
                        <input className="govuk-checkboxes__input" id={`responses-${i + 1}`} name="responses" type="checkbox" value={m.responseId} defaultChecked />
                        <label className="govuk-label govuk-checkboxes__label" htmlFor={`responses-${i + 1}`}>
                          {m.text}
                          {m.themes.length ? <span className="govuk-hint govuk-!-margin-bottom-0">{t('bulk.current', { themes: m.themes.join(', ') })}</span> : null}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
              </div>
              <FormGroup error={Boolean(errors.theme)}>
                <label className="govuk-label govuk-label--s" htmlFor="theme">
                  {t('bulk.theme_label')}
                </label>
                {errors.theme ? <ErrorMessage id="theme-error">{t(errors.theme)}</ErrorMessage> : null}
                <select className={`govuk-select${errors.theme ? ' govuk-select--error' : ''}`} id="theme" name="theme" defaultValue="" aria-describedby={errors.theme ? 'theme-error' : undefined}>
                  <option value="">{t('bulk.theme_choose')}</option>
                  {data.themes.map((theme) => (
                    <option key={theme.id} value={theme.id}>
                      {theme.name}
                    </option>
                  ))}
                </select>
              </FormGroup>
              <button type="submit" className="govuk-button">
                {t('bulk.apply')}
              </button>
            </form>
          ) : null}
        </>
      ) : null}
    </ThemesFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
