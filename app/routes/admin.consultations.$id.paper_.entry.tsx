import type { ActionFunctionArgs, LoaderFunctionArgs, LinksFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { findSurveyVersion, isOpen } from '~/features/consultations/consultations.server.ts'
import { lookUpPaperForm, saveAssistedResponse } from '~/features/assisted/assisted.server.ts'
import { EntryForm, type EntryFormState } from '~/features/assisted/entry-form.tsx'
import { type FirstEntry, describeFirstEntry, droppedFromQuery, droppedLines, entryFormData, readEntry } from '~/features/assisted/entry-page.server.ts'
import { findResponseForStaff } from '~/features/assisted/responses-list.server.ts'
import { DroppedList, FirstEntryView, FormNumberField } from '~/features/assisted/staff-components.tsx'
import { normaliseFormNumber } from '~/features/paper/form-numbers.ts'
import { languageOf } from '~/features/i18n/config.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import styles from '~/features/assisted/assisted.css?url'

export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

// Entering returned paper forms: the officer types (or scans) the number
// printed on the form; the form's language and survey version come with it.
// A form is entered once: a second attempt shows the first entry instead.
// After each save the cursor is back in the form number box, for the next one.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await loadConsultationForOfficer(request, params.id)
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'assisted')
  const title = consultation.content.en?.title ?? consultation.slug
  const url = new URL(request.url)
  const base = { id: consultation.id, title, pageTitle: t('paper.entry_title') }
  if (!isOpen(consultation)) return { ...base, stage: 'closed' as const }
  const saved = await savedBanner(db, consultation.id, url, locale)
  const typed = url.searchParams.get('form')
  if (typed === null) return { ...base, stage: 'lookup' as const, value: '', error: null, saved }
  const formNumber = normaliseFormNumber(typed)
  const lookupError = (key: string) => ({ ...base, pageTitle: `${t('entry.error_prefix')} ${base.pageTitle}`, stage: 'lookup' as const, value: typed.slice(0, 40), error: t(key, { form: formNumber ?? typed.slice(0, 40) }), saved: null })
  if (!formNumber) return lookupError(typed.trim() ? 'errors.form_number_invalid' : 'errors.form_number_required')
  const found = await lookUpPaperForm(db, consultation.id, formNumber)
  if (found.status === 'unknown') return lookupError('errors.form_unknown')
  if (found.status === 'entered') {
    return { ...base, stage: 'entered' as const, formNumber, first: await describeFirstEntry(db, found.entry, locale) }
  }
  return {
    ...base,
    stage: 'enter' as const,
    formNumber,
    lang: found.form.locale,
    largePrint: found.form.largePrint,
    form: await entryFormData(db, found.version.definition, found.form.locale),
  }
}

async function savedBanner(db: Parameters<typeof findResponseForStaff>[0], consultationId: string, url: URL, locale: string) {
  const id = url.searchParams.get('saved')
  if (!id) return null
  const response = await findResponseForStaff(db, consultationId, id)
  if (!response) return null
  const version = await findSurveyVersion(db, response.surveyVersionId)
  return {
    reference: response.reference ?? '',
    formNumber: response.formNumber ?? '',
    dropped: version ? await droppedLines(version.definition, droppedFromQuery(version.definition, url.searchParams.get('dropped')), locale) : [],
  }
}

type ActionData = { state: EntryFormState; errors: EntryFormState['errors'] } | { refused: { formNumber: string; first: FirstEntry } }

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, consultation } = await loadConsultationForOfficer(request, params.id)
  // Closed while the officer was typing: the page then says it is not open.
  if (!isOpen(consultation)) return redirect(`/admin/consultations/${consultation.id}/paper/entry`)
  const form = await readForm(request)
  const formNumber = normaliseFormNumber(String(new URL(request.url).searchParams.get('form') ?? form.get('form') ?? ''))
  if (!formNumber) throw new Response('bad_request', { status: 400 })
  const officerLocale = await getLocale(request)
  const found = await lookUpPaperForm(db, consultation.id, formNumber)
  if (found.status === 'unknown') throw new Response('not_found', { status: 404 })
  const refuse = async (entry: Extract<typeof found, { status: 'entered' }>['entry']) =>
    Response.json({ refused: { formNumber, first: await describeFirstEntry(db, entry, officerLocale) } } satisfies ActionData, { status: 409 })
  if (found.status === 'entered') return refuse(found.entry)
  const { parsed, state } = await readEntry(db, found.version.definition, form, officerLocale)
  if (parsed.errors.length) return Response.json({ errors: state.errors, state } satisfies ActionData, { status: 400 })
  const saved = await saveAssistedResponse(db, {
    consultationId: consultation.id,
    version: found.version,
    channel: 'paper',
    locale: found.form.locale,
    enteredBy: user.id,
    note: parsed.note,
    answers: parsed.answers,
    dropped: parsed.dropped,
    formNumber,
  })
  if (saved.status === 'already_entered') {
    // Someone else saved this form a moment earlier.
    const again = await lookUpPaperForm(db, consultation.id, formNumber)
    if (again.status === 'entered') return refuse(again.entry)
    throw new Response('conflict', { status: 409 })
  }
  const query = new URLSearchParams({ saved: saved.responseId })
  if (parsed.dropped.length) query.set('dropped', parsed.dropped.join(','))
  return redirect(`/admin/consultations/${consultation.id}/paper/entry?${query}`)
}

export default function PaperEntryRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const { t } = useTranslation('assisted')
  const here = `/admin/consultations/${data.id}/paper/entry`
  const header = (
    <>
      <BackLink href={`/admin/consultations/${data.id}`} />
      <span className="govuk-caption-l">{data.title}</span>
      <h1 className="govuk-heading-l">{t('paper.entry_title')}</h1>
    </>
  )
  if (data.stage === 'closed') {
    return (
      <>
        {header}
        <p className="govuk-body">{t('enter.not_open')}</p>
      </>
    )
  }
  if (actionData && 'refused' in actionData) {
    return (
      <>
        {header}
        <FirstEntryView id={data.id} formNumber={actionData.refused.formNumber} entry={actionData.refused.first} />
        <FormNumberField action={here} value="" label={t('paper.next_form_number')} autoFocus={false} />
      </>
    )
  }
  if (data.stage === 'lookup') {
    return (
      <>
        {header}
        {data.saved ? (
          <>
            <SuccessBanner title={t('paper.saved_title', { form: data.saved.formNumber })} message={t('paper.saved_reference', { reference: data.saved.reference })} />
            <DroppedList lines={data.saved.dropped} />
          </>
        ) : null}
        {data.error ? <ErrorSummary errors={[{ href: '#form', text: data.error }]} /> : null}
        {data.saved ? null : <p className="govuk-body">{t('paper.entry_intro')}</p>}
        <FormNumberField action={here} value={data.value} error={data.error ?? undefined} label={data.saved ? t('paper.next_form_number') : t('paper.form_number')} />
        <PaperLinks id={data.id} />
      </>
    )
  }
  if (data.stage === 'entered') {
    return (
      <>
        {header}
        <FirstEntryView id={data.id} formNumber={data.formNumber} entry={data.first} />
        <FormNumberField action={here} value="" label={t('paper.next_form_number')} autoFocus={false} />
      </>
    )
  }
  const state: EntryFormState = actionData && 'state' in actionData ? actionData.state : { values: {}, errors: [], note: '' }
  return (
    <>
      {header}
      <dl className="govuk-summary-list govuk-summary-list--no-border hys-entry-settings">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('paper.form_number')}</dt>
          <dd className="govuk-summary-list__value hys-ltr" data-testid="form-number">
            {data.formNumber}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('enter.method')}</dt>
          <dd className="govuk-summary-list__value">{t('methods.paper')}{data.largePrint ? ` (${t('paper.large_print')})` : ''}</dd>
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
        <a className="govuk-link" href={here}>
          {t('paper.other_form')}
        </a>
      </p>
      {data.form.contentLocale !== data.lang ? <p className="govuk-inset-text">{t('entry.not_translated')}</p> : null}
      <p className="govuk-body">{t('entry.intro')}</p>
      <EntryForm data={data.form} state={state} hidden={{ form: data.formNumber }} action={`${here}?form=${encodeURIComponent(data.formNumber)}`} submitLabel={t('entry.save')} />
    </>
  )
}

function PaperLinks({ id }: { id: string }) {
  const { t } = useTranslation('assisted')
  return (
    <ul className="govuk-list">
      <li>
        <a className="govuk-link" href={`/admin/consultations/${id}/paper/verify`}>
          {t('verify.link')}
        </a>
      </li>
      <li>
        <a className="govuk-link" href={`/admin/consultations/${id}/paper/review`}>
          {t('review.link')}
        </a>
      </li>
      <li>
        <a className="govuk-link" href={`/admin/consultations/${id}/responses?method=paper`}>
          {t('paper.entered_list')}
        </a>
      </li>
    </ul>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
