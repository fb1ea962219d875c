import type { ActionFunctionArgs, LoaderFunctionArgs, LinksFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { loadReview, resolveVerification } from '~/features/assisted/assisted.server.ts'
import type { Choice } from '~/features/assisted/entry.ts'
import { getWards } from '~/features/responses/resident-flow.server.ts'
import { localise } from '~/features/surveys/definition.ts'
import { formatAnswer } from '~/features/surveys/format-answer.ts'
import { formatDate } from '~/features/i18n/config.ts'
import { normaliseFormNumber } from '~/features/paper/form-numbers.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import styles from '~/features/assisted/assisted.css?url'

export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

// One paper form whose two entries differ: both values of each differing
// question side by side; the reviewer picks the right one and the response is
// updated (and audited).

async function load(request: Request, id: string | undefined, formParam: string | undefined) {
  const { user, db, consultation } = await loadConsultationForOfficer(request, id)
  const formNumber = normaliseFormNumber(formParam ?? '')
  const review = formNumber ? await loadReview(db, consultation.id, formNumber) : undefined
  if (!formNumber || !review) throw new Response('not_found', { status: 404 })
  return { user, db, consultation, formNumber, review }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation, formNumber, review } = await load(request, params.id, params.form)
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'assisted')
  const ts = await i18n.getFixedT(locale, 'survey')
  const { definition, verification, entry } = review
  const wards = definition.questions.some((q) => q.type === 'ward') ? await getWards(db) : []
  const contentLocale = definition.locales.includes(locale) ? locale : 'en'
  const words = (key: string, value: Parameters<typeof formatAnswer>[1] | undefined) => {
    const question = definition.questions.find((q) => q.key === key)
    if (!question || value === undefined) return [t('review.not_answered')]
    return formatAnswer(question, value, contentLocale, ts, wards, locale)
  }
  const when = (at: number) => formatDate(at, locale, { dateStyle: 'medium', timeStyle: 'short' })
  return {
    pageTitle: t('review.form_title', { form: formNumber }),
    id: consultation.id,
    formNumber,
    status: verification.status,
    responseId: entry.responseId,
    reference: entry.reference,
    enteredBy: t('review.entry_by', { name: entry.enteredByName ?? t('detail.unknown_person'), when: when(entry.enteredAt) }),
    verifiedBy: t('review.entry_by', { name: verification.verifiedByName ?? t('detail.unknown_person'), when: when(verification.verifiedAt) }),
    resolvedBy: verification.resolvedAt ? t('review.resolved_by', { name: verification.resolvedByName ?? t('detail.unknown_person'), when: when(verification.resolvedAt) }) : null,
    items: review.mismatches.map((m) => {
      const index = definition.questions.findIndex((q) => q.key === m.questionKey)
      return {
        key: m.questionKey,
        number: index + 1,
        title: localise(definition.questions[index]?.title, contentLocale),
        first: words(m.questionKey, m.first),
        second: words(m.questionKey, m.second),
        chosen: m.chosen,
      }
    }),
  }
}

type ActionData = { errors: { href: string; text: string }[]; chosen: Record<string, string> }

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, consultation, formNumber, review } = await load(request, params.id, params.form)
  const form = await readForm(request)
  const choices: Record<string, Choice | undefined> = {}
  for (const m of review.mismatches) {
    const value = form.get(`choice-${m.questionKey}`)
    choices[m.questionKey] = value === 'first' || value === 'second' ? value : undefined
  }
  const result = await resolveVerification(db, { consultationId: consultation.id, formNumber, reviewer: user.id, choices })
  const here = `/admin/consultations/${consultation.id}/paper/review`
  switch (result.status) {
    case 'resolved':
      return redirect(`${here}?resolved=${encodeURIComponent(formNumber)}`)
    case 'already_resolved':
      return redirect(`${here}/${encodeURIComponent(formNumber)}`)
    case 'not_found':
      throw new Response('not_found', { status: 404 })
    case 'unchosen':
    case 'missing': {
      const t = await i18n.getFixedT(await getLocale(request), 'assisted')
      const number = review.definition.questions.findIndex((q) => q.key === result.questionKey) + 1
      // A required question left empty may not be one of the differing ones: point at the first choice then.
      const target = review.mismatches.some((m) => m.questionKey === result.questionKey) ? result.questionKey : review.mismatches[0]!.questionKey
      const errors =
        result.status === 'unchosen'
          ? review.mismatches.filter((m) => !choices[m.questionKey]).map((m) => ({
              href: `#choice-${m.questionKey}-1`,
              text: t('errors.choose_entry', { n: review.definition.questions.findIndex((q) => q.key === m.questionKey) + 1 }),
            }))
          : [{ href: `#choice-${target}-1`, text: t('errors.choice_leaves_required', { n: number }) }]
      return Response.json({ errors, chosen: Object.fromEntries(Object.entries(choices).filter(([, v]) => v)) as Record<string, string> } satisfies ActionData, { status: 400 })
    }
  }
}

export default function ReviewFormRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const { t } = useTranslation('assisted')
  const errors = actionData?.errors ?? []
  const resolved = data.status !== 'mismatch'
  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}/paper/review`} />
      <ErrorSummary errors={errors} />
      <h1 className="govuk-heading-l">{t('review.form_title', { form: data.formNumber })}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('review.first_entry')}</dt>
          <dd className="govuk-summary-list__value">{data.enteredBy}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">{t('review.second_entry')}</dt>
          <dd className="govuk-summary-list__value">{data.verifiedBy}</dd>
        </div>
        {data.responseId ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t('responses.reference')}</dt>
            <dd className="govuk-summary-list__value">
              <a className="govuk-link hys-ltr" href={`/admin/consultations/${data.id}/responses/${data.responseId}`}>
                {data.reference}
              </a>
            </dd>
          </div>
        ) : null}
        {data.resolvedBy ? (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{t('review.resolved')}</dt>
            <dd className="govuk-summary-list__value">{data.resolvedBy}</dd>
          </div>
        ) : null}
      </dl>
      {resolved ? null : <p className="govuk-body">{t('review.intro')}</p>}
      <form method="post" noValidate>
        {data.items.map((item) => {
          const error = errors.find((e) => e.href === `#choice-${item.key}-1`)
          const chosen = actionData?.chosen[item.key] ?? item.chosen ?? ''
          return (
            <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`} key={item.key}>
              <fieldset className="govuk-fieldset" aria-describedby={error ? `choice-${item.key}-error` : undefined} disabled={resolved}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
                  <h2 className="govuk-fieldset__heading">
                    {t('entry.question_number', { n: item.number })} {item.title}
                  </h2>
                </legend>
                {error ? (
                  <p id={`choice-${item.key}-error`} className="govuk-error-message">
                    <span className="govuk-visually-hidden">{t('entry.error_prefix')}</span> {error.text}
                  </p>
                ) : null}
                <div className="govuk-radios govuk-radios--inline hys-side-by-side" data-module="govuk-radios">
                  {(['first', 'second'] as const).map((which, i) => (
                    <div className="govuk-radios__item" key={which}>
                      <input
                        className="govuk-radios__input"
                        id={`choice-${item.key}-${i + 1}`}
                        name={`choice-${item.key}`}
                        type="radio"
                        value={which}
                        defaultChecked={chosen === which}
                      />
                      <label className="govuk-label govuk-radios__label" htmlFor={`choice-${item.key}-${i + 1}`}>
                        <strong>{which === 'first' ? t('review.first_entry') : t('review.second_entry')}</strong>
                        {item[which].map((line, n) => (
                          <span key={n} className="hys-review-value">
                            {line}
                          </span>
                        ))}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
          )
        })}
        {resolved ? null : (
          <button type="submit" className="govuk-button" data-module="govuk-button">
            {t('review.save')}
          </button>
        )}
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
