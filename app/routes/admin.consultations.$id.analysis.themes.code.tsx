import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import codingStyles from '~/styles/coding.scss?url'
import { ErrorMessage, ErrorSummary, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { chooseQuestion, loadCodingContext, themesBase, type CodingContext } from '~/features/coding/coding-context.server.ts'
import { listTextAnswers, loadCodingScreen, nextUncoded, saveCoding, type Pass } from '~/features/coding/coding.server.ts'
import { parseQuoteProtectionForm } from '~/features/coding/quote-protection.ts'
import { findQuoteProtection, saveQuoteProtection } from '~/features/coding/quote-protection.server.ts'
import { listThemes } from '~/features/coding/codebook.server.ts'
import { parseCodingForm } from '~/features/coding/forms.ts'
import { findPersonalDetails } from '~/features/coding/personal-details.ts'
import { findSample, sampleResponseIds } from '~/features/coding/samples.server.ts'
import { HighlightedText, QuestionPicker, ThemesFrame } from '~/features/coding/components/themes-nav.tsx'
import { readForm } from '~/utils/http.server.ts'

// The coding screen: one answer at a time, the themes as checkboxes, "Save
// and next". A plain form, so it works without JavaScript; with JavaScript,
// keys 1–9 tick themes, Enter saves and moves on, j and k go to the next and
// previous answer; every theme has a number that can be typed in the "theme
// numbers" box ("/" goes there), so themes past the ninth are as quick, and
// typing numbers then Enter works without JavaScript too. With ?sample=, the
// second analyst codes a sample blind: the second pass only, and never the
// first pass's codes; until they finish, the first-pass screen leaves their
// sample's answers out.
export const handle = { hydrate: true }

export const links = () => [
  { rel: 'stylesheet', href: analysisStyles },
  { rel: 'stylesheet', href: codingStyles },
]

/** Which pass and which answers: the working first pass, or a sample for its second coder only. */
async function resolvePass(context: CodingContext, sampleId: string | null): Promise<{ pass: Pass; sampleId: string | null; questionKey: string | null; responseIds?: string[] }> {
  if (!sampleId) return { pass: 'first', sampleId: null, questionKey: null }
  const sample = await findSample(context.db, context.consultationId, sampleId)
  if (!sample) throw new Response('not_found', { status: 404 })
  if (sample.secondCoderId !== context.user.id) throw new Response('forbidden', { status: 403 })
  return { pass: 'second', sampleId: sample.id, questionKey: sample.questionKey, responseIds: await sampleResponseIds(context.db, sample.id) }
}

function screenUrl(base: string, questionKey: string, responseId: string | null, sampleId: string | null, extra: Record<string, string> = {}) {
  const params = new URLSearchParams({ question: questionKey, ...(responseId ? { response: responseId } : {}), ...(sampleId ? { sample: sampleId } : {}), ...extra })
  return `${base}/code?${params}`
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const url = new URL(request.url)
  const mode = await resolvePass(context, url.searchParams.get('sample'))
  const question = mode.questionKey ? (context.questions.find((q) => q.key === mode.questionKey) ?? null) : chooseQuestion(context, url.searchParams.get('question'))
  const base = themesBase(context.consultationId)
  const themes = (await listThemes(context.db, context.consultationId, { activeOnly: true })).map((t) => ({ id: t.id, name: t.name, definition: t.definition }))
  const common = { frame: context.frame, base, questions: context.questions, question, themes, pass: mode.pass, sampleId: mode.sampleId }
  if (!question) return { ...common, pageTitle: context.t('code.title'), screen: null, details: [], protection: null, protectionSaved: false, urls: null, finished: false }
  const screen = await loadCodingScreen(context.db, {
    consultationId: context.consultationId,
    questionKey: question.key,
    pass: mode.pass,
    responseId: url.searchParams.get('response'),
    responseIds: mode.responseIds,
    userId: context.user.id,
  })
  const details = screen.answer ? findPersonalDetails(screen.answer.text).map((d) => ({ kind: d.kind, start: d.start, end: d.end })) : []
  const protection = screen.answer ? await findQuoteProtection(context.db, context.consultationId, screen.answer.responseId, question.key) : null
  return {
    ...common,
    pageTitle: context.t(mode.pass === 'second' ? 'code.title_second' : 'code.title'),
    screen,
    details,
    protection,
    protectionSaved: url.searchParams.get('protected') === '1',
    finished: url.searchParams.get('finished') === '1',
    urls: screen.answer
      ? {
          self: screenUrl(base, question.key, screen.answer.responseId, mode.sampleId),
          previous: screen.previousId ? screenUrl(base, question.key, screen.previousId, mode.sampleId) : null,
          next: screen.nextId ? screenUrl(base, question.key, screen.nextId, mode.sampleId) : null,
        }
      : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const url = new URL(request.url)
  const mode = await resolvePass(context, url.searchParams.get('sample'))
  const question = mode.questionKey ? (context.questions.find((q) => q.key === mode.questionKey) ?? null) : chooseQuestion(context, url.searchParams.get('question'))
  if (!question) throw new Response('not_found', { status: 404 })
  const form = await readForm(request)
  const base = themesBase(context.consultationId)
  if (form.get('intent') === 'protect') {
    // Quote protection for the answer on screen: words to take out wherever it is quoted, or withheld.
    const responseId = String(form.get('responseId') ?? '').slice(0, 100)
    if (mode.responseIds && !mode.responseIds.includes(responseId)) return Response.json({ errors: { responseId: 'errors.not_in_sample' } }, { status: 400 })
    const answer = (await listTextAnswers(context.db, context.consultationId, question.key, [responseId]))[0]
    if (!answer) return Response.json({ errors: { responseId: 'errors.invalid' } }, { status: 400 })
    const protection = parseQuoteProtectionForm(form, answer.text)
    if (!protection.ok) return Response.json({ errors: protection.errors, phrases: protection.phrases }, { status: 400 })
    await saveQuoteProtection(context.db, { consultationId: context.consultationId, responseId, questionKey: question.key, protection: protection.value, actor: context.user.id })
    return redirect(screenUrl(base, question.key, responseId, mode.sampleId, { protected: '1' }), 303)
  }
  const parsed = parseCodingForm(form)
  if (!parsed.ok) return Response.json({ errors: parsed.errors }, { status: 400 })
  const { responseId, themeIds, move } = parsed.value
  if (mode.responseIds && !mode.responseIds.includes(responseId)) return Response.json({ errors: { responseId: 'errors.not_in_sample' } }, { status: 400 })
  const saved = await context.db.transaction().execute((trx) =>
    saveCoding(trx, { consultationId: context.consultationId, questionKey: question.key, responseId, pass: mode.pass, themeIds, coder: context.user.id }),
  )
  if (saved === 'invalid-theme') return Response.json({ errors: { themes: 'errors.theme_gone' } }, { status: 400 })
  if (saved === 'no-answer') return Response.json({ errors: { responseId: 'errors.invalid' } }, { status: 400 })
  if (saved === 'blind') return Response.json({ errors: { responseId: 'errors.blind_sample' } }, { status: 400 })
  if (move === 'stay') return redirect(screenUrl(base, question.key, responseId, mode.sampleId, { saved: '1' }), 303)
  const next = await nextUncoded(context.db, { consultationId: context.consultationId, questionKey: question.key, pass: mode.pass, afterId: responseId, responseIds: mode.responseIds, userId: context.user.id })
  return redirect(next ? screenUrl(base, question.key, next, mode.sampleId, { saved: '1' }) : screenUrl(base, question.key, responseId, mode.sampleId, { finished: '1' }), 303)
}

/** Keys 1–9 tick themes, / goes to the theme numbers box, Enter saves and moves on, j and k go to the next and previous answer. */
function useCodingShortcuts(form: React.RefObject<HTMLFormElement>, urls: { next: string | null; previous: string | null } | null) {
  const [enabled, setEnabled] = useState(false)
  useEffect(() => {
    setEnabled(true)
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || !form.current) return
      const target = event.target as HTMLElement | null
      // Keys in another form on the page (quote protection) belong to that form.
      if (target?.closest('form') && target.closest('form') !== form.current) return
      // Typing in a field (the question picker) is typing, not a shortcut; a focused button keeps its own Enter.
      if (target && (target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || (target.tagName === 'INPUT' && (target as HTMLInputElement).type === 'text') || target.tagName === 'BUTTON' || target.tagName === 'A')) return
      if (/^[1-9]$/.test(event.key)) {
        const box = form.current.querySelectorAll<HTMLInputElement>('input[name="themes"]')[Number(event.key) - 1]
        if (box) {
          event.preventDefault()
          box.checked = !box.checked
          box.focus()
        }
      } else if (event.key === '/') {
        const numbers = form.current.querySelector<HTMLInputElement>('input[name="numbers"]')
        if (numbers) {
          event.preventDefault()
          numbers.focus()
        }
      } else if (event.key === 'Enter') {
        event.preventDefault()
        form.current.requestSubmit(form.current.querySelector<HTMLButtonElement>('button[value="save"]') ?? undefined)
      } else if (event.key === 'j' && urls?.next) {
        window.location.assign(urls.next)
      } else if (event.key === 'k' && urls?.previous) {
        window.location.assign(urls.previous)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [form, urls])
  return enabled
}

export default function CodingRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors: Record<string, string>; phrases?: string }>()
  const { t } = useTranslation('coding')
  const form = useRef<HTMLFormElement>(null)
  const shortcuts = useCodingShortcuts(form, data.urls)
  const errors = actionData?.errors ?? {}
  const screen = data.screen
  const second = data.pass === 'second'
  return (
    <ThemesFrame frame={data.frame} page={second ? 'samples' : 'code'} heading={t(second ? 'code.heading_second' : 'code.heading')}>
      <ErrorSummary errors={Object.entries(errors).map(([name, key]) => ({ href: name === 'themes' ? '#themes-1' : name === 'numbers' ? '#numbers' : name === 'phrases' ? '#phrases' : '#answer', text: t(key) }))} />
      {data.protectionSaved ? <SuccessBanner title={t('protect.saved')} /> : null}
      {data.finished ? <SuccessBanner title={t('code.finished')} message={second ? t('code.finished_second') : undefined} /> : null}
      {second ? <div className="govuk-inset-text">{t('code.blind_note')}</div> : null}
      {!data.question ? <p className="govuk-body">{t('question.none')}</p> : null}
      {data.question && !second ? <QuestionPicker questions={data.questions} selected={data.question.key} action={`${data.base}/code`} /> : null}
      {data.question && screen?.blind ? (
        <p className="govuk-inset-text" data-testid="blind">
          {t('code.blind_hidden')}
        </p>
      ) : null}
      {data.question && screen && !screen.answer && !screen.blind ? <p className="govuk-body">{t('code.no_answers')}</p> : null}
      {data.question && screen?.answer && data.urls ? (
        <>
          <p className="govuk-body" data-testid="progress">
            {t('code.progress', { coded: screen.coded, total: screen.total })}
            <br />
            <span className="govuk-body-s">{t('code.position', { index: screen.index, total: screen.total })}</span>
          </p>
          <h2 className="govuk-heading-s">{data.question.title}</h2>
          <blockquote className="govuk-body-l hys-answer" id="answer" tabIndex={-1} data-testid="answer">
            <HighlightedText text={screen.answer.text} spans={data.details} />
          </blockquote>
          {data.details.length ? (
            <div className="govuk-warning-text" data-testid="personal-details">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">{t('warning')}</span>
                {t('personal.found', { kinds: [...new Set(data.details.map((d) => t(`personal.kind.${d.kind}`)))].join(', ') })}
              </strong>
            </div>
          ) : null}
          {data.protection ? (
            <p className="govuk-body-s" data-testid="protection">
              <strong className="govuk-tag govuk-tag--yellow">
                {data.protection.withheld ? t('protect.status_withheld') : t('protect.status_phrases', { count: data.protection.phrases.length })}
              </strong>
            </p>
          ) : null}
          {screen.reviewed ? <p className="govuk-body-s">{screen.checked.length ? t('code.already_coded') : t('code.already_none')}</p> : null}
          <form method="post" action={data.urls.self} ref={form} noValidate>
            <input type="hidden" name="responseId" value={screen.answer.responseId} />
            <input type="hidden" name="order" value={data.themes.map((theme) => theme.id).join(',')} />
            <div className={`govuk-form-group${errors.themes ? ' govuk-form-group--error' : ''}`}>
              <fieldset className="govuk-fieldset" aria-describedby={`themes-hint${errors.themes ? ' themes-error' : ''}`}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{t('code.themes_legend')}</legend>
                <div id="themes-hint" className="govuk-hint">
                  {t('code.themes_hint')}
                </div>
                {errors.themes ? <ErrorMessage id="themes-error">{t(errors.themes)}</ErrorMessage> : null}
                <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes" key={screen.answer.responseId}>
                  {data.themes.map((theme, i) => (
                    <div className="govuk-checkboxes__item" key={theme.id}>
                      <input
                        className="govuk-checkboxes__input"
                        id={`themes-${i + 1}`}
                        name="themes"
                        type="checkbox"
                        value={theme.id}
                        defaultChecked={screen.checked.includes(theme.id)}
                        aria-keyshortcuts={shortcuts && i < 9 ? String(i + 1) : undefined}
                      />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={`themes-${i + 1}`}>
                        <span className="hys-shortcut">{i + 1}</span> {theme.name}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
            <div className={`govuk-form-group${errors.numbers ? ' govuk-form-group--error' : ''}`}>
              <label className="govuk-label govuk-label--s" htmlFor="numbers">
                {t('code.numbers_label')}
              </label>
              <div id="numbers-hint" className="govuk-hint">
                {t('code.numbers_hint')}
              </div>
              {errors.numbers ? <ErrorMessage id="numbers-error">{t(errors.numbers)}</ErrorMessage> : null}
              <input
                className={`govuk-input govuk-input--width-10${errors.numbers ? ' govuk-input--error' : ''}`}
                id="numbers"
                name="numbers"
                type="text"
                inputMode="numeric"
                autoComplete="off"
                spellCheck={false}
                key={screen.answer.responseId}
                aria-describedby={`numbers-hint${errors.numbers ? ' numbers-error' : ''}`}
                aria-keyshortcuts={shortcuts ? '/' : undefined}
              />
            </div>
            <div className="govuk-button-group">
              <button type="submit" name="intent" value="save" className="govuk-button" aria-keyshortcuts={shortcuts ? 'Enter' : undefined}>
                {t('code.save_next')}
              </button>
              <button type="submit" name="intent" value="none" className="govuk-button govuk-button--secondary">
                {t('code.none')}
              </button>
            </div>
          </form>
          <details className="govuk-details" open={Boolean(errors.phrases)}>
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">{t('protect.summary')}</span>
            </summary>
            <div className="govuk-details__text">
              <form method="post" action={data.urls.self} noValidate>
                <input type="hidden" name="responseId" value={screen.answer.responseId} />
                <p className="govuk-body">{t('protect.intro')}</p>
                <div className={`govuk-form-group${errors.phrases ? ' govuk-form-group--error' : ''}`}>
                  <label className="govuk-label govuk-label--s" htmlFor="phrases">
                    {t('protect.phrases_label')}
                  </label>
                  <div id="phrases-hint" className="govuk-hint">
                    {t('protect.phrases_hint')}
                  </div>
                  {errors.phrases ? <ErrorMessage id="phrases-error">{t(errors.phrases)}</ErrorMessage> : null}
                  <textarea
                    className={`govuk-textarea${errors.phrases ? ' govuk-textarea--error' : ''}`}
                    id="phrases"
                    name="phrases"
                    rows={3}
                    spellCheck={false}
                    key={screen.answer.responseId}
                    defaultValue={actionData?.phrases ?? data.protection?.phrases.join('\n') ?? ''}
                    aria-describedby={`phrases-hint${errors.phrases ? ' phrases-error' : ''}`}
                  />
                </div>
                <div className="govuk-form-group">
                  <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                    <div className="govuk-checkboxes__item">
                      <input className="govuk-checkboxes__input" id="withheld" name="withheld" type="checkbox" value="yes" defaultChecked={data.protection?.withheld ?? false} key={screen.answer.responseId} />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor="withheld">
                        {t('protect.withhold')}
                      </label>
                    </div>
                  </div>
                </div>
                <button type="submit" name="intent" value="protect" className="govuk-button govuk-button--secondary">
                  {t('protect.save')}
                </button>
              </form>
            </div>
          </details>
          <nav aria-label={t('code.answers_nav')}>
            <ul className="govuk-list hys-inline-list">
              {data.urls.previous ? (
                <li>
                  <a className="govuk-link" href={data.urls.previous} aria-keyshortcuts={shortcuts ? 'k' : undefined}>
                    {t('code.previous')}
                  </a>
                </li>
              ) : null}
              {data.urls.next ? (
                <li>
                  <a className="govuk-link" href={data.urls.next} aria-keyshortcuts={shortcuts ? 'j' : undefined}>
                    {t('code.next')}
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
          {shortcuts ? (
            <div className="govuk-inset-text" data-testid="shortcuts">
              <h2 className="govuk-heading-s">{t('code.shortcuts_heading')}</h2>
              <ul className="govuk-list govuk-list--bullet">
                <li>{t('code.shortcut_digits')}</li>
                <li>{t('code.shortcut_numbers')}</li>
                <li>{t('code.shortcut_enter')}</li>
                <li>{t('code.shortcut_jk')}</li>
              </ul>
            </div>
          ) : null}
        </>
      ) : null}
    </ThemesFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
