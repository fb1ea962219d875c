import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import findingsStyles from '~/styles/findings.scss?url'
import { BackLink } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireUser } from '~/features/auth/auth.server.ts'
import { ANALYSIS_ROLES } from '~/features/analysis/permissions.ts'
import { FrameworkCtaSectionView } from '~/features/findings/components.tsx'
import { analysisContextFor } from '~/features/findings/findings-context.server.ts'
import { buildFrameworkSummary } from '~/features/findings/framework-summary.server.ts'
import { getDb } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import { databaseLocationFromEnv } from '../../db/location.ts'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: analysisStyles },
  { rel: 'stylesheet', href: findingsStyles },
]

// Each call to action across the partnership plan: every consultation serving
// it (survey responses, suppressed) and every live event linked to it
// (votes in the room, shown apart).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ANALYSIS_ROLES)
  const db = await getDb()
  const locale = await getLocale(request)
  const fixed = await i18n.getFixedT(locale, ['analysis', 'survey', 'equality', 'findings'])
  const t = (key: string, values?: Record<string, unknown>) => fixed(key, values as never) as unknown as string
  const threshold = getEnv().SUPPRESSION_THRESHOLD
  const location = databaseLocationFromEnv({ DATABASE_URL: getEnv().DATABASE_URL })
  const summary = await buildFrameworkSummary(db, {
    frameworkId: params.id ?? '',
    locale,
    settings: { threshold, suppress: true },
    contextFor: (consultationId) => analysisContextFor(db, { consultationId, user, locale, t, location, threshold }),
  })
  if (!summary) throw new Response('not_found', { status: 404 })
  return { pageTitle: t('findings:framework.title', { name: summary.framework.name }), locale, threshold, summary }
}

export default function FrameworkCallsToActionRoute() {
  const { summary, locale, threshold } = useLoaderData<typeof loader>()
  const { t } = useTranslation('findings')
  return (
    <>
      <BackLink href="/admin/consultations" />
      <span className="govuk-caption-l">{summary.framework.name}</span>
      <h1 className="govuk-heading-l">{t('framework.heading')}</h1>
      <p className="govuk-body">{t('framework.intro', { threshold })}</p>
      <nav aria-labelledby="cta-contents" className="govuk-!-margin-bottom-6">
        <h2 className="govuk-heading-s" id="cta-contents">
          {t('framework.contents')}
        </h2>
        <ul className="govuk-list">
          {summary.sections.map((s) => (
            <li key={s.code}>
              <a className="govuk-link" href={`#cta-${s.code}`}>
                {t('cta.heading', { code: s.code, title: s.title })}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {summary.sections.map((s) => (
        <FrameworkCtaSectionView key={s.code} section={s} locale={locale} />
      ))}
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
