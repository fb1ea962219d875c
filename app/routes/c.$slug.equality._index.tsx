import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadEqualityContext } from '~/features/equality/equality-flow.server.ts'
import { EQUALITY_QUESTIONS } from '~/features/equality/questions.ts'
import { consultationPath } from '~/features/responses/resident-flow.server.ts'
import { i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await loadEqualityContext(request, params.slug)
  const t = await i18n.getFixedT(ctx.locale, 'equality')
  const slug = ctx.consultation.slug
  return {
    pageTitle: t('intro.title'),
    answerHref: consultationPath(slug, `/equality/${EQUALITY_QUESTIONS[0]!.key}`),
    skipHref: consultationPath(slug, '/confirmation'),
  }
}

export default function EqualityIntroRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('equality')
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{t('intro.title')}</h1>
        <p className="govuk-body">{t('intro.body_1')}</p>
        <p className="govuk-body">{t('intro.body_2')}</p>
        <p className="govuk-body">{t('intro.body_3')}</p>
        <div className="govuk-button-group">
          <a href={data.answerHref} role="button" draggable="false" className="govuk-button" data-module="govuk-button">
            {t('intro.answer')}
          </a>
          <a href={data.skipHref} className="govuk-link">
            {t('intro.skip')}
          </a>
        </div>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
