import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireUser } from '~/features/auth/auth.server.ts'
import { findConsultationForStaff } from '~/features/consultations/manage.server.ts'
import { findSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { loadAnswers } from '~/features/responses/responses.server.ts'
import { findResponseForStaff } from '~/features/assisted/responses-list.server.ts'
import { answerLines } from '~/features/assisted/entry-page.server.ts'
import { AnswerList, VerificationTag } from '~/features/assisted/staff-components.tsx'
import { formatDate, languageOf } from '~/features/i18n/config.ts'
import { getDb } from '~/utils/db.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import styles from '~/features/assisted/assisted.css?url'

export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

// One submitted response for staff: how it arrived, who entered it, the
// interviewer's note, its paper trail and its answers (never equality data).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ['admin', 'officer', 'analyst'])
  const db = await getDb()
  const consultation = await findConsultationForStaff(db, params.id ?? '')
  if (!consultation) throw new Response('not_found', { status: 404 })
  const response = await findResponseForStaff(db, consultation.id, params.responseId ?? '')
  if (!response) throw new Response('not_found', { status: 404 })
  const version = await findSurveyVersion(db, response.surveyVersionId)
  if (!version) throw new Response('not_found', { status: 404 })
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'assisted')
  return {
    pageTitle: t('detail.title', { reference: response.reference ?? '' }),
    id: consultation.id,
    canManage: user.role === 'admin' || user.role === 'officer',
    response: { ...response, submittedAt: formatDate(response.submittedAt, locale, { dateStyle: 'long', timeStyle: 'short' }) },
    answers: await answerLines(db, version.definition, await loadAnswers(db, response.id, version.definition), locale),
  }
}

export default function ResponseDetailRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('assisted')
  const r = data.response
  const rows: [string, React.ReactNode][] = [
    [t('responses.submitted'), r.submittedAt],
    [t('responses.method'), t(`methods.${r.channel}`, { defaultValue: r.channel })],
    [
      t('responses.language'),
      <span key="lang" lang={r.locale} dir={languageOf(r.locale).dir}>
        {languageOf(r.locale).name}
      </span>,
    ],
    [t('responses.entered_by'), r.enteredByName ?? '–'],
    [t('responses.batch'), r.batchId ?? '–'],
    [t('paper.form_number'), r.formNumber ?? '–'],
    [t('responses.verification'), r.formNumber ? <VerificationTag key="v" status={r.verification} /> : '–'],
    [t('note.label'), r.note ? <span className="hys-pre-wrap">{r.note}</span> : '–'],
  ]
  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}/responses`} />
      <span className="govuk-caption-l">{t('detail.caption')}</span>
      <h1 className="govuk-heading-l hys-ltr">{r.reference}</h1>
      <dl className="govuk-summary-list">
        {rows.map(([key, value]) => (
          <div className="govuk-summary-list__row" key={key}>
            <dt className="govuk-summary-list__key">{key}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      {r.verification === 'mismatch' && data.canManage && r.formNumber ? (
        <p className="govuk-body">
          <a className="govuk-link" href={`/admin/consultations/${data.id}/paper/review/${encodeURIComponent(r.formNumber)}`}>
            {t('review.open', { form: r.formNumber })}
          </a>
        </p>
      ) : null}
      <h2 className="govuk-heading-m">{t('detail.answers')}</h2>
      <AnswerList answers={data.answers} />
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
