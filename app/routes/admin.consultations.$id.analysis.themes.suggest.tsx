import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import codingStyles from '~/styles/coding.scss?url'
import { ErrorMessage, ErrorSummary, FormGroup, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { recordAudit } from '~/features/audit/audit.server.ts'
import { chooseQuestion, loadCodingContext, themesBase, type CodingContext } from '~/features/coding/coding-context.server.ts'
import { applyThemeToAnswers, listTextAnswers } from '~/features/coding/coding.server.ts'
import { addTheme, ctaThemeId, listCtas, listThemes, themeNameTaken } from '~/features/coding/codebook.server.ts'
import { CTA_LEXICONS } from '~/features/coding/cta-lexicons.ts'
import { parseAcceptForm, SUGGESTION_KEY } from '~/features/coding/forms.ts'
import { computeSuggestions, suggestionAnswers } from '~/features/coding/suggestions.server.ts'
import { defaultClusterCount, MAX_CLUSTERS, MIN_CLUSTERS } from '~/features/coding/suggestions.ts'
import { QuestionPicker, ThemesFrame } from '~/features/coding/components/themes-nav.tsx'
import { readForm } from '~/utils/http.server.ts'

// Theme suggestions for one question, worked out on this server when the
// analyst asks (a post) and never stored: keyword lexicons for the calls to
// action, and clusters of similar answers. Each can be accepted as a new theme
// (renamed if wanted, optionally coding its answers), merged into an existing
// theme (its answers coded to it), or rejected. Rejected and handled
// suggestions are carried in the form, so the list shrinks as the analyst works.
export const handle = { hydrate: false }

export const links = () => [
  { rel: 'stylesheet', href: analysisStyles },
  { rel: 'stylesheet', href: codingStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const question = chooseQuestion(context, new URL(request.url).searchParams.get('question'))
  return {
    pageTitle: context.t('suggest.title'),
    frame: context.frame,
    questions: context.questions,
    question,
    base: themesBase(context.consultationId),
    defaultK: defaultClusterCount(question ? (await listTextAnswers(context.db, context.consultationId, question.key)).length : 0),
  }
}

type ActionResult = Awaited<ReturnType<typeof buildView>> & { errors: Record<string, string>; done: { kind: string; name: string; coded: number } | null; rawName: Record<string, string> }

async function buildView(context: CodingContext, questionKey: string, k: number, dismissed: string[]) {
  const suggestions = await computeSuggestions(context.db, context.consultationId, questionKey, k)
  const [themes, ctas] = await Promise.all([listThemes(context.db, context.consultationId, { activeOnly: true }), listCtas(context.db, context.consultationId, context.locale)])
  return {
    suggestions,
    view: {
      questionKey,
      k,
      dismissed,
      answerCount: suggestions.answerCount,
      themes: themes.map((t) => ({ id: t.id, name: t.name })),
      lexicon: suggestions.lexicon
        .filter((s) => !dismissed.includes(s.key))
        .map((s) => ({ key: s.key, title: ctas.find((c) => c.code === s.key)?.title ?? s.key, count: s.count, keywords: s.keywords, mergeDefault: ctaThemeId(context.consultationId, s.key) })),
      clusters: suggestions.clusters.ok
        ? suggestions.clusters.value.filter((c) => !dismissed.includes(c.key)).map((c) => ({ key: c.key, size: c.size, topTerms: c.topTerms, examples: c.examples }))
        : [],
      clusterError: suggestions.clusters.ok ? null : suggestions.clusters.error.kind,
    },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const form = await readForm(request)
  const question = chooseQuestion(context, String(form.get('question') ?? ''))
  if (!question) return Response.json({ errors: { question: 'errors.no_question' }, view: null, done: null, rawName: {} }, { status: 400 })
  const kText = String(form.get('k') ?? '').trim()
  const k = Number(kText)
  if (!/^\d{1,2}$/.test(kText) || k < MIN_CLUSTERS || k > MAX_CLUSTERS) {
    return Response.json({ errors: { k: 'errors.k_range' }, view: null, done: null, rawName: {} }, { status: 400 })
  }
  const dismissed = String(form.get('dismissed') ?? '')
    .split(',')
    .filter((d) => SUGGESTION_KEY.test(d))
  const intent = String(form.get('intent') ?? 'suggest')
  const respond = async (status: number, extra: Partial<ActionResult>, nowDismissed = dismissed) => {
    const { view } = await buildView(context, question.key, k, nowDismissed)
    return Response.json({ errors: {}, done: null, rawName: {}, view, ...extra }, { status })
  }
  if (intent === 'suggest') return respond(200, {})

  const kind = form.get('kind') === 'lexicon' ? 'lexicon' : 'cluster'
  const key = String(form.get('key') ?? '')
  const { suggestions } = await buildView(context, question.key, k, dismissed)
  const answers = suggestionAnswers(suggestions, kind, key)
  if (!answers) return respond(400, { errors: { key: 'errors.suggestion_gone' } })

  if (intent === 'reject') {
    await recordAudit(context.db, { actor: context.user.id, action: 'coding.suggestion_rejected', entity: 'consultation', entityId: context.consultationId, detail: { question: question.key, kind, key, k } })
    return respond(200, { done: { kind: 'rejected', name: key, coded: 0 } }, [...dismissed, key])
  }

  if (intent === 'merge') {
    const target = String(form.get('target') ?? '')
    const coded = await context.db.transaction().execute((trx) =>
      applyThemeToAnswers(trx, { consultationId: context.consultationId, questionKey: question.key, themeId: target, responseIds: answers, coder: context.user.id, via: 'suggestion' }),
    )
    if (coded === 'invalid-theme') return respond(400, { errors: { [`target-${key}`]: 'errors.choose_bulk_theme' } })
    const name = (await listThemes(context.db, context.consultationId)).find((t) => t.id === target)?.name ?? ''
    return respond(200, { done: { kind: 'merged', name, coded } }, [...dismissed, key])
  }

  // accept
  const parsed = parseAcceptForm(form)
  if (!parsed.ok) return respond(400, { errors: parsed.errors, rawName: { [key]: String(form.get('name') ?? '') } })
  if (await themeNameTaken(context.db, context.consultationId, parsed.value.name)) {
    return respond(400, { errors: { [`name-${key}`]: 'errors.name_taken' }, rawName: { [key]: parsed.value.name } })
  }
  const lexicon = kind === 'lexicon' ? CTA_LEXICONS.find((l) => l.id === key) : undefined
  const cluster = kind === 'cluster' && suggestions.clusters.ok ? suggestions.clusters.value.find((c) => c.key === key) : undefined
  const coded = await context.db.transaction().execute(async (trx) => {
    const themeId = await addTheme(
      trx,
      context.consultationId,
      {
        name: parsed.value.name,
        definition: lexicon ? lexicon.definition : context.t('suggest.cluster_definition', { terms: cluster?.topTerms.join(', ') ?? '' }),
        includeNotes: lexicon ? lexicon.includeNotes : '',
        excludeNotes: lexicon ? lexicon.excludeNotes : '',
        cta: lexicon ? (lexicon.id as 'CTA1') : null,
      },
      { actor: context.user.id, origin: 'suggested' },
    )
    if (!parsed.value.codeAnswers) return 0
    const added = await applyThemeToAnswers(trx, { consultationId: context.consultationId, questionKey: question.key, themeId, responseIds: answers, coder: context.user.id, via: 'suggestion' })
    return added === 'invalid-theme' ? 0 : added
  })
  return respond(200, { done: { kind: 'accepted', name: parsed.value.name, coded } }, [...dismissed, key])
}

export default function SuggestRoute() {
  const data = useLoaderData<typeof loader>()
  const result = useActionData<ActionResult>()
  const { t } = useTranslation('coding')
  const errors = result?.errors ?? {}
  const view = result?.view ?? null
  const k = view?.k ?? data.defaultK
  const hidden = (extra: Record<string, string> = {}) =>
    Object.entries({ question: view?.questionKey ?? data.question?.key ?? '', k: String(k), dismissed: (view?.dismissed ?? []).join(','), ...extra }).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)
  const acceptForm = (kind: 'lexicon' | 'cluster', key: string, defaultName: string, count: number, mergeDefault: string) => {
    const nameError = errors[`name-${key}`]
    return (
      <div className="hys-suggestion-actions">
        <form method="post" noValidate>
          {hidden({ kind, key })}
          <FormGroup error={Boolean(nameError)}>
            <label className="govuk-label govuk-label--s" htmlFor={`name-${key}`}>
              {t('suggest.name_label')}
            </label>
            {nameError ? <ErrorMessage id={`name-${key}-error`}>{t(nameError)}</ErrorMessage> : null}
            <input
              className={`govuk-input${nameError ? ' govuk-input--error' : ''}`}
              id={`name-${key}`}
              name="name"
              type="text"
              defaultValue={result?.rawName?.[key] ?? defaultName}
              aria-describedby={nameError ? `name-${key}-error` : undefined}
            />
          </FormGroup>
          <div className="govuk-checkboxes govuk-checkboxes--small govuk-form-group" data-module="govuk-checkboxes">
            <div className="govuk-checkboxes__item">
              <input className="govuk-checkboxes__input" id={`code-${key}`} name="codeAnswers" type="checkbox" value="yes" defaultChecked />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`code-${key}`}>
                {t('suggest.code_answers', { count })}
              </label>
            </div>
          </div>
          <button type="submit" name="intent" value="accept" className="govuk-button">
            {t('suggest.accept')}
            <span className="govuk-visually-hidden">: {defaultName}</span>
          </button>
        </form>
        <form method="post" noValidate>
          {hidden({ kind, key })}
          <FormGroup error={Boolean(errors[`target-${key}`])}>
            <label className="govuk-label govuk-label--s" htmlFor={`target-${key}`}>
              {t('suggest.merge_label')}
            </label>
            {errors[`target-${key}`] ? <ErrorMessage id={`target-${key}-error`}>{t(errors[`target-${key}`])}</ErrorMessage> : null}
            <select className="govuk-select" id={`target-${key}`} name="target" defaultValue={mergeDefault}>
              <option value="">{t('suggest.merge_choose')}</option>
              {view?.themes.map((theme) => (
                <option key={theme.id} value={theme.id}>
                  {theme.name}
                </option>
              ))}
            </select>
          </FormGroup>
          <button type="submit" name="intent" value="merge" className="govuk-button govuk-button--secondary">
            {t('suggest.merge')}
            <span className="govuk-visually-hidden">: {defaultName}</span>
          </button>
        </form>
        <form method="post">
          {hidden({ kind, key })}
          <button type="submit" name="intent" value="reject" className="govuk-button govuk-button--warning">
            {t('suggest.reject')}
            <span className="govuk-visually-hidden">: {defaultName}</span>
          </button>
        </form>
      </div>
    )
  }
  return (
    <ThemesFrame frame={data.frame} page="suggest" heading={t('suggest.heading')}>
      <ErrorSummary errors={Object.entries(errors).map(([name, key]) => ({ href: `#${name}`, text: t(key, { min: MIN_CLUSTERS, max: MAX_CLUSTERS }) }))} />
      {result?.done ? <SuccessBanner title={t(`suggest.done_${result.done.kind}`, { name: result.done.name, count: result.done.coded })} /> : null}
      <p className="govuk-body">{t('suggest.intro')}</p>
      <div className="govuk-inset-text">{t('suggest.privacy')}</div>
      {!data.question ? (
        <p className="govuk-body">{t('question.none')}</p>
      ) : (
        <>
          <QuestionPicker questions={data.questions} selected={data.question.key} action={`${data.base}/suggest`} />
          <form method="post" noValidate>
            <input type="hidden" name="question" value={data.question.key} />
            <FormGroup error={Boolean(errors.k)}>
              <label className="govuk-label govuk-label--s" htmlFor="k">
                {t('suggest.k_label')}
              </label>
              <div id="k-hint" className="govuk-hint">
                {t('suggest.k_hint', { min: MIN_CLUSTERS, max: MAX_CLUSTERS })}
              </div>
              {errors.k ? <ErrorMessage id="k-error">{t(errors.k, { min: MIN_CLUSTERS, max: MAX_CLUSTERS })}</ErrorMessage> : null}
              <input className={`govuk-input govuk-input--width-2${errors.k ? ' govuk-input--error' : ''}`} id="k" name="k" type="text" inputMode="numeric" defaultValue={String(k)} aria-describedby={`k-hint${errors.k ? ' k-error' : ''}`} />
            </FormGroup>
            <button type="submit" name="intent" value="suggest" className="govuk-button">
              {t('suggest.submit')}
            </button>
          </form>
        </>
      )}
      {view ? (
        <>
          <p className="govuk-body" data-testid="suggest-count">
            {t('suggest.answer_count', { count: view.answerCount })}
          </p>
          <h2 className="govuk-heading-m">{t('suggest.lexicon_heading')}</h2>
          <p className="govuk-body">{t('suggest.lexicon_intro')}</p>
          {view.lexicon.length === 0 ? <p className="govuk-body">{t('suggest.lexicon_none')}</p> : null}
          {view.lexicon.map((s) => (
            <section key={s.key} className="hys-suggestion" aria-labelledby={`h-${s.key}`} data-testid={`suggestion-${s.key}`}>
              <h3 className="govuk-heading-s" id={`h-${s.key}`}>
                {s.key}: {s.title}
              </h3>
              <p className="govuk-body">{t('suggest.lexicon_matches', { count: s.count })}</p>
              <p className="govuk-body-s">
                {t('suggest.keywords')} {s.keywords.join(', ')}
              </p>
              {acceptForm('lexicon', s.key, `${s.key}: ${s.keywords.slice(0, 2).join(', ')}`, s.count, s.mergeDefault)}
            </section>
          ))}
          <h2 className="govuk-heading-m">{t('suggest.cluster_heading')}</h2>
          <p className="govuk-body">{t('suggest.cluster_intro')}</p>
          {view.clusterError ? <p className="govuk-inset-text">{t(`suggest.cluster_error_${view.clusterError}`)}</p> : null}
          {view.clusters.map((c, i) => (
            <section key={c.key} className="hys-suggestion" aria-labelledby={`h-${c.key}`} data-testid={`suggestion-${c.key}`}>
              <h3 className="govuk-heading-s" id={`h-${c.key}`}>
                {t('suggest.cluster_title', { number: i + 1, terms: c.topTerms.slice(0, 3).join(', ') })}
              </h3>
              <p className="govuk-body">{t('suggest.cluster_size', { count: c.size })}</p>
              <p className="govuk-body-s">
                {t('suggest.top_terms')} {c.topTerms.join(', ')}
              </p>
              <h4 className="govuk-heading-s">{t('suggest.examples')}</h4>
              <ul className="govuk-list govuk-list--bullet">
                {c.examples.map((e) => (
                  <li key={e.responseId}>
                    <q>{e.text}</q>
                  </li>
                ))}
              </ul>
              {acceptForm('cluster', c.key, c.topTerms.slice(0, 2).join(' / '), c.size, '')}
            </section>
          ))}
        </>
      ) : null}
    </ThemesFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
