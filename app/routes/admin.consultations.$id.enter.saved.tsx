import type { LoaderFunctionArgs, LinksFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ConfirmationPanel } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { findSurveyVersion } from '~/features/consultations/consultations.server.ts'
import { findResponseForStaff } from '~/features/assisted/responses-list.server.ts'
import { droppedFromQuery, droppedLines } from '~/features/assisted/entry-page.server.ts'
import { isAssistedMethod } from '~/features/assisted/entry.ts'
import { DroppedList } from '~/features/assisted/staff-components.tsx'
import { languageOf } from '~/features/i18n/config.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import styles from '~/features/assisted/assisted.css?url'

export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

// After an assisted entry: the reference, what skip logic dropped, and the way
// straight on to the next response with the same method and language.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await loadConsultationForOfficer(request, params.id)
  const url = new URL(request.url)
  const response = await findResponseForStaff(db, consultation.id, url.searchParams.get('response') ?? '')
  if (!response) throw new Response('not_found', { status: 404 })
  const version = await findSurveyVersion(db, response.surveyVersionId)
  if (!version) throw new Response('not_found', { status: 404 })
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'assisted')
  const method = url.searchParams.get('method')
  const lang = url.searchParams.get('lang')
  const again = new URLSearchParams({
    method: isAssistedMethod(method) ? method : response.channel,
    lang: lang && consultation.locales.includes(lang) ? lang : response.locale,
  })
  return {
    pageTitle: t('saved.title'),
    id: consultation.id,
    responseId: response.id,
    reference: response.reference ?? '',
    channel: response.channel,
    locale: response.locale,
    noted: Boolean(response.note),
    again: `/admin/consultations/${consultation.id}/enter?${again}`,
    dropped: await droppedLines(version.definition, droppedFromQuery(version.definition, url.searchParams.get('dropped')), locale),
  }
}

export default function AssistedSavedRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('assisted')
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ConfirmationPanel title={t('saved.title')} label={t('saved.reference')} value={data.reference} testId="reference" />
        <p className="govuk-body">
          {t('saved.summary', { method: t(`methods.${data.channel}`), language: languageOf(data.locale).name })}
          {data.noted ? ` ${t('saved.note_saved')}` : ''}
        </p>
        <DroppedList lines={data.dropped} />
        <div className="govuk-button-group">
          <a href={data.again} role="button" draggable="false" className="govuk-button" data-module="govuk-button" autoFocus>
            {t('saved.another')}
          </a>
          <a className="govuk-link" href={`/admin/consultations/${data.id}/responses/${data.responseId}`}>
            {t('saved.view')}
          </a>
          <a className="govuk-link" href={`/admin/consultations/${data.id}/responses`}>
            {t('responses.link')}
          </a>
        </div>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
