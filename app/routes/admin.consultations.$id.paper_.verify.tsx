import type { ActionFunctionArgs, LoaderFunctionArgs, LinksFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { findSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { findVerification, lookUpPaperForm, verifyPaperForm } from '~/features/assisted/assisted.server.ts'
import { EntryForm, type EntryFormState } from '~/features/assisted/entry-form.tsx'
import { entryFormData, readEntry } from '~/features/assisted/entry-page.server.ts'
import { FormNumberField } from '~/features/assisted/staff-components.tsx'
import { normaliseFormNumber } from '~/features/paper/form-numbers.ts'
import { languageOf } from '~/features/i18n/config.ts'
import type { DB } from '../../db/connection.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import styles from '~/features/assisted/assisted.css?url'

export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

// Second-person verification: another officer enters a paper form again
// without seeing the first entry; every question the two entries disagree on
// goes to a reviewer. Whoever entered a form cannot verify it.

type Refusal = { key: string; reviewLink: boolean }

/** Whether this officer may verify this form now, and with which survey. */
async function checkForm(db: DB, consultationId: string, formNumber: string, userId: string) {
  const found = await lookUpPaperForm(db, consultationId, formNumber)
  if (found.status === 'unknown') return { refusal: { key: 'errors.form_unknown', reviewLink: false } satisfies Refusal }
  if (found.status === 'ready' || !found.entry.responseId) return { refusal: { key: 'errors.form_not_entered', reviewLink: false } satisfies Refusal }
  if (found.entry.enteredBy === userId) return { refusal: { key: 'errors.own_entry', reviewLink: false } satisfies Refusal }
  const existing = await findVerification(db, consultationId, formNumber)
  if (existing) return { refusal: { key: 'errors.already_verified', reviewLink: existing.status === 'mismatch' } satisfies Refusal }
  const version = await findSurveyVersion(db, found.form.surveyVersionId)
  if (!version) return { refusal: { key: 'errors.form_unknown', reviewLink: false } satisfies Refusal }
  return { form: found.form, version }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, consultation } = await loadConsultationForOfficer(request, params.id)
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'assisted')
  const title = consultation.content.en?.title ?? consultation.slug
  const url = new URL(request.url)
  const base = { id: consultation.id, title, pageTitle: t('verify.title') }
  const doneNumber = normaliseFormNumber(url.searchParams.get('done') ?? '')
  const done = doneNumber ? await findVerification(db, consultation.id, doneNumber) : undefined
  const result = done ? { formNumber: done.formNumber, status: done.status, mismatches: done.mismatches } : null
  const typed = url.searchParams.get('form')
  if (typed === null) return { ...base, stage: 'lookup' as const, value: '', error: null as Refusal | null, formNumber: '', result }
  const formNumber = normaliseFormNumber(typed)
  const refuse = (refusal: Refusal) => ({
    ...base,
    pageTitle: `${t('entry.error_prefix')} ${base.pageTitle}`,
    stage: 'lookup' as const,
    value: typed.slice(0, 40),
    error: refusal,
    formNumber: formNumber ?? typed.slice(0, 40),
    result: null,
  })
  if (!formNumber) return refuse({ key: typed.trim() ? 'errors.form_number_invalid' : 'errors.form_number_required', reviewLink: false })
  const checked = await checkForm(db, consultation.id, formNumber, user.id)
  if (checked.refusal) return refuse(checked.refusal)
  return {
    ...base,
    stage: 'enter' as const,
    formNumber,
    lang: checked.form.locale,
    form: await entryFormData(db, checked.version.definition, checked.form.locale),
  }
}

type ActionData = { state: EntryFormState; errors: EntryFormState['errors'] } | { refusal: Refusal; formNumber: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, consultation } = await loadConsultationForOfficer(request, params.id)
  const form = await readForm(request)
  const formNumber = normaliseFormNumber(String(new URL(request.url).searchParams.get('form') ?? form.get('form') ?? ''))
  if (!formNumber) throw new Response('bad_request', { status: 400 })
  const checked = await checkForm(db, consultation.id, formNumber, user.id)
  if (checked.refusal) return Response.json({ refusal: checked.refusal, formNumber } satisfies ActionData, { status: 409 })
  const officerLocale = await getLocale(request)
  const { parsed, state } = await readEntry(db, checked.version.definition, form, officerLocale)
  if (parsed.errors.length) return Response.json({ errors: state.errors, state } satisfies ActionData, { status: 400 })
  const result = await verifyPaperForm(db, { consultationId: consultation.id, formNumber, verifiedBy: user.id, answers: parsed.answers })
  switch (result.status) {
    case 'matched':
    case 'mismatch':
      return redirect(`/admin/consultations/${consultation.id}/paper/verify?done=${encodeURIComponent(formNumber)}`)
    case 'own_entry':
      return Response.json({ refusal: { key: 'errors.own_entry', reviewLink: false }, formNumber } satisfies ActionData, { status: 403 })
    case 'not_entered':
      return Response.json({ refusal: { key: 'errors.form_not_entered', reviewLink: false }, formNumber } satisfies ActionData, { status: 409 })
    case 'already_verified':
      return Response.json({ refusal: { key: 'errors.already_verified', reviewLink: true }, formNumber } satisfies ActionData, { status: 409 })
  }
}

export default function VerifyPaperRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const { t } = useTranslation('assisted')
  const here = `/admin/consultations/${data.id}/paper/verify`
  const review = `/admin/consultations/${data.id}/paper/review`
  const header = (
    <>
      <BackLink href={`/admin/consultations/${data.id}/paper/entry`} />
      <span className="govuk-caption-l">{data.title}</span>
      <h1 className="govuk-heading-l">{t('verify.title')}</h1>
    </>
  )
  const refusal = actionData && 'refusal' in actionData ? { ...actionData.refusal, formNumber: actionData.formNumber } : data.stage === 'lookup' && data.error ? { ...data.error, formNumber: data.formNumber } : null
  if (data.stage === 'lookup' || refusal) {
    const result = data.stage === 'lookup' ? data.result : null
    return (
      <>
        {header}
        {result ? (
          result.status === 'matched' ? (
            <SuccessBanner title={t('verify.matched_title', { form: result.formNumber })} message={t('verify.matched_body')} />
          ) : (
            <div className="govuk-notification-banner" role="region" aria-labelledby="verify-result-title" data-module="govuk-notification-banner">
              <div className="govuk-notification-banner__header">
                <h2 className="govuk-notification-banner__title" id="verify-result-title">
                  {t('verify.mismatch_title', { form: result.formNumber })}
                </h2>
              </div>
              <div className="govuk-notification-banner__content">
                <p className="govuk-notification-banner__heading">{t('verify.mismatch_body', { count: result.mismatches })}</p>
                <p className="govuk-body">
                  <a className="govuk-notification-banner__link" href={`${review}/${encodeURIComponent(result.formNumber)}`}>
                    {t('review.open', { form: result.formNumber })}
                  </a>
                </p>
              </div>
            </div>
          )
        ) : null}
        {refusal ? (
          <ErrorSummary
            errors={[
              { href: '#form', text: t(refusal.key, { form: refusal.formNumber }) },
              ...(refusal.reviewLink ? [{ href: `${review}/${encodeURIComponent(refusal.formNumber)}`, text: t('review.open', { form: refusal.formNumber }) }] : []),
            ]}
          />
        ) : null}
        {result || refusal ? null : <p className="govuk-body">{t('verify.intro')}</p>}
        <FormNumberField
          action={here}
          value={data.stage === 'lookup' ? data.value : ''}
          error={refusal ? t(refusal.key, { form: refusal.formNumber }) : undefined}
          label={result ? t('paper.next_form_number') : t('paper.form_number')}
        />
        <p className="govuk-body">
          <a className="govuk-link" href={review}>
            {t('review.link')}
          </a>
        </p>
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
          <dd className="govuk-summary-list__value hys-ltr">{data.formNumber}</dd>
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
      <p className="govuk-inset-text">{t('verify.blind')}</p>
      <EntryForm
        data={data.form}
        state={state}
        hidden={{ form: data.formNumber }}
        action={`${here}?form=${encodeURIComponent(data.formNumber)}`}
        submitLabel={t('verify.save')}
        withNote={false}
      />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
