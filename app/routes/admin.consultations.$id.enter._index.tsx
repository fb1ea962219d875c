import type { ActionFunctionArgs, LoaderFunctionArgs, LinksFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { findCurrentSurveyVersion, isOpen } from '~/features/consultations/consultations.server.ts'
import { saveAssistedResponse } from '~/features/assisted/assisted.server.ts'
import { EntryForm, type EntryFormState } from '~/features/assisted/entry-form.tsx'
import { entryFormData, findVersionForConsultation, readEntry } from '~/features/assisted/entry-page.server.ts'
import { ASSISTED_METHODS, isAssistedMethod } from '~/features/assisted/entry.ts'
import { LANGUAGES, languageOf } from '~/features/i18n/config.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import styles from '~/features/assisted/assisted.css?url'

export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

// Assisted entry: an officer enters a resident's answers given by phone, face
// to face, at an event or on paper. First the method and the resident's
// language (a GET form, so "Enter another response" can keep them), then every
// question on one page.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await loadConsultationForOfficer(request, params.id)
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'assisted')
  const title = consultation.content.en?.title ?? consultation.slug
  const base = { id: consultation.id, title, languages: LANGUAGES.filter((l) => consultation.locales.includes(l.code)).map((l) => l.code) }
  if (!isOpen(consultation)) return { ...base, stage: 'closed' as const, pageTitle: t('enter.title', { title }) }
  const url = new URL(request.url)
  const method = url.searchParams.get('method') ?? ''
  const lang = url.searchParams.get('lang') ?? ''
  const methodOk = isAssistedMethod(method)
  const langOk = consultation.locales.includes(lang)
  // ?change=1 comes back to this step with the current choices selected.
  if (!methodOk || !langOk || url.searchParams.get('change') === '1') {
    const chosen = url.searchParams.get('start') === '1'
    const errors: Record<string, string> = {}
    if (chosen && !methodOk) errors.method = 'errors.method_required'
    if (chosen && !langOk) errors.lang = 'errors.language_required'
    const pageTitle = t('enter.choose_title')
    return {
      ...base,
      stage: 'choose' as const,
      pageTitle: Object.keys(errors).length ? `${t('entry.error_prefix')} ${pageTitle}` : pageTitle,
      errors,
      method,
      lang,
    }
  }
  const version = await findCurrentSurveyVersion(db, consultation.id)
  if (!version) throw new Response('not_found', { status: 404 })
  return {
    ...base,
    stage: 'enter' as const,
    pageTitle: t('enter.title', { title }),
    method,
    lang,
    versionId: version.id,
    form: await entryFormData(db, version.definition, lang),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, consultation } = await loadConsultationForOfficer(request, params.id)
  // Closed while the officer was typing: the page then says it is not open.
  if (!isOpen(consultation)) return redirect(`/admin/consultations/${consultation.id}/enter`)
  const form = await readForm(request)
  const method = form.get('method')
  const lang = form.get('lang')
  if (!isAssistedMethod(method) || typeof lang !== 'string' || !consultation.locales.includes(lang)) throw new Response('bad_request', { status: 400 })
  const version = (await findVersionForConsultation(db, consultation.id, form.get('version'))) ?? (await findCurrentSurveyVersion(db, consultation.id))
  if (!version) throw new Response('not_found', { status: 404 })
  const officerLocale = await getLocale(request)
  const { parsed, state } = await readEntry(db, version.definition, form, officerLocale)
  if (parsed.errors.length) return Response.json({ errors: state.errors, state }, { status: 400 })
  const saved = await saveAssistedResponse(db, {
    consultationId: consultation.id,
    version,
    channel: method,
    locale: lang,
    enteredBy: user.id,
    note: parsed.note,
    answers: parsed.answers,
    dropped: parsed.dropped,
  })
  if (saved.status !== 'saved') throw new Response('conflict', { status: 409 })
  const query = new URLSearchParams({ response: saved.responseId, method, lang })
  if (parsed.dropped.length) query.set('dropped', parsed.dropped.join(','))
  return redirect(`/admin/consultations/${consultation.id}/enter/saved?${query}`)
}

export default function AssistedEntryRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ state: EntryFormState }>()
  const { t } = useTranslation('assisted')
  const here = `/admin/consultations/${data.id}/enter`
  if (data.stage === 'closed') {
    return (
      <>
        <BackLink href={`/admin/consultations/${data.id}`} />
        <h1 className="govuk-heading-l">{t('enter.title', { title: data.title })}</h1>
        <p className="govuk-body">{t('enter.not_open')}</p>
      </>
    )
  }
  if (data.stage === 'choose') {
    const errors = Object.entries(data.errors)
    return (
      <>
        <BackLink href={`/admin/consultations/${data.id}`} />
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <ErrorSummary errors={errors.map(([field, key]) => ({ href: `#${field}-1`, text: t(key) }))} />
            <span className="govuk-caption-l">{data.title}</span>
            <h1 className="govuk-heading-l">{t('enter.choose_title')}</h1>
            <p className="govuk-body">{t('enter.choose_intro')}</p>
            <form method="get" action={here} noValidate>
              <input type="hidden" name="start" value="1" />
              <ChoiceGroup
                name="method"
                legend={t('enter.method_legend')}
                error={data.errors.method ? t(data.errors.method) : undefined}
                checked={data.method}
                items={ASSISTED_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) }))}
              />
              <ChoiceGroup
                name="lang"
                legend={t('enter.language_legend')}
                hint={t('enter.language_hint')}
                error={data.errors.lang ? t(data.errors.lang) : undefined}
                checked={data.lang}
                items={data.languages.map((code) => ({ value: code, label: <span lang={code} dir={languageOf(code).dir}>{languageOf(code).name}</span> }))}
              />
              <button type="submit" className="govuk-button" data-module="govuk-button">
                {t('enter.start')}
              </button>
            </form>
            <p className="govuk-body">
              <a className="govuk-link" href={`/admin/consultations/${data.id}/paper/entry`}>
                {t('enter.paper_link')}
              </a>
            </p>
          </div>
        </div>
      </>
    )
  }
  const state: EntryFormState = actionData?.state ?? { values: {}, errors: [], note: '' }
  return (
    <>
      <BackLink href={here} />
      <span className="govuk-caption-l">{data.title}</span>
      <h1 className="govuk-heading-l">{t('enter.heading')}</h1>
      <dl className="govuk-summary-list govuk-summary-list--no-border hys-entry-settings">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('enter.method')}</dt>
          <dd className="govuk-summary-list__value">{t(`methods.${data.method}`)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('enter.language')}</dt>
          <dd className="govuk-summary-list__value">
            <span lang={data.lang} dir={languageOf(data.lang).dir}>
              {languageOf(data.lang).name}
            </span>
          </dd>
        </div>
      </dl>
      <p className="govuk-body">
        <a className="govuk-link" href={`${here}?method=${data.method}&lang=${data.lang}&change=1`}>
          {t('enter.change_settings')}
        </a>
      </p>
      {data.form.contentLocale !== data.lang ? <p className="govuk-inset-text">{t('entry.not_translated')}</p> : null}
      <p className="govuk-body">{t('entry.intro')}</p>
      <EntryForm
        data={data.form}
        state={state}
        hidden={{ method: data.method, lang: data.lang, version: data.versionId }}
        submitLabel={t('entry.save')}
      />
    </>
  )
}

/** A GOV.UK radios question for the first step (method, language). */
function ChoiceGroup({
  name,
  legend,
  hint,
  error,
  checked,
  items,
}: {
  name: string
  legend: string
  hint?: string
  error?: string
  checked: string
  items: { value: string; label: React.ReactNode }[]
}) {
  const { t } = useTranslation('assisted')
  const describedBy = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
          <h2 className="govuk-fieldset__heading">{legend}</h2>
        </legend>
        {hint ? (
          <div id={`${name}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${name}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">{t('entry.error_prefix')}</span> {error}
          </p>
        ) : null}
        <div className="govuk-radios" data-module="govuk-radios">
          {items.map((item, index) => (
            <div className="govuk-radios__item" key={item.value}>
              <input
                className="govuk-radios__input"
                id={`${name}-${index + 1}`}
                name={name}
                type="radio"
                value={item.value}
                defaultChecked={checked === item.value}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`${name}-${index + 1}`}>
                {item.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
