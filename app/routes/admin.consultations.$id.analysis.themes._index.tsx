import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import codingStyles from '~/styles/coding.scss?url'
import { SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadCodingContext, themesBase } from '~/features/coding/coding-context.server.ts'
import { countCodingsByTheme, listCtas, listThemes } from '~/features/coding/codebook.server.ts'
import { ThemesFrame } from '~/features/coding/components/themes-nav.tsx'
import { canSwitchOffSuppression } from '~/features/analysis/permissions.ts'
import { publishDistribution } from '~/features/analysis/publish.ts'
import { Count } from '~/features/analysis/components/tables.tsx'

// The codebook: every theme with its definition, notes and call to action.
// Opening it the first time seeds the five calls to action.
export const handle = { hydrate: false }

export const links = () => [
  { rel: 'stylesheet', href: analysisStyles },
  { rel: 'stylesheet', href: codingStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const [themes, counts, ctas] = await Promise.all([listThemes(context.db, context.consultationId), countCodingsByTheme(context.db, context.consultationId), listCtas(context.db, context.consultationId, context.locale)])
  const done = new URL(request.url).searchParams.get('done')
  // Analysts code the answers and see every count; for anyone else (administrators) these are
  // published counts like any other: suppressed, as a multi-valued table (an answer may have several themes).
  const raw = themes.map((t) => counts[t.id] ?? 0)
  const coded = canSwitchOffSuppression(context.user.role)
    ? raw.map((count) => ({ kind: 'shown' as const, count }))
    : publishDistribution({ counts: raw, answered: 0, total: 0 }, true, { threshold: context.frame.threshold, suppress: true }).cells.map((c) => (c.kind === 'shown' ? { kind: 'shown' as const, count: c.count } : c))
  return {
    pageTitle: context.t('codebook.title', { title: context.frame.title }),
    frame: context.frame,
    base: themesBase(context.consultationId),
    themes: themes.map((t, i) => ({ ...t, coded: coded[i]!, mergedIntoName: themes.find((m) => m.id === t.mergedInto)?.name ?? null })),
    locale: context.locale,
    ctas,
    done: done && ['added', 'saved', 'retired', 'restored', 'merged'].includes(done) ? done : null,
  }
}

export default function CodebookRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('coding')
  const active = data.themes.filter((th) => th.status === 'active')
  const inactive = data.themes.filter((th) => th.status !== 'active')
  const ctaTitle = (code: string | null) => (code ? `${code}: ${data.ctas.find((c) => c.code === code)?.title ?? ''}` : t('theme.no_cta'))
  return (
    <ThemesFrame frame={data.frame} page="codebook" heading={t('codebook.heading')}>
      {data.done ? <SuccessBanner title={t(`codebook.done_${data.done}`)} /> : null}
      <p className="govuk-body">{t('codebook.intro')}</p>
      <a href={`${data.base}/new`} className="govuk-button govuk-button--secondary" role="button" draggable="false">
        {t('codebook.add')}
      </a>
      <h2 className="govuk-heading-m">{t('codebook.active', { count: active.length })}</h2>
      <ul className="govuk-list hys-theme-list" data-testid="codebook">
        {active.map((theme) => (
          <li key={theme.id} className="hys-theme-card">
            <h3 className="govuk-heading-s">
              <a className="govuk-link" href={`${data.base}/${theme.id}`}>
                {theme.name}
                <span className="govuk-visually-hidden"> {t('codebook.edit_hidden')}</span>
              </a>{' '}
              <strong className="govuk-tag govuk-tag--grey">{t(`origin.${theme.origin}`)}</strong>
            </h3>
            <dl className="govuk-summary-list govuk-summary-list--no-border">
              {theme.definition ? (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">{t('theme.definition')}</dt>
                  <dd className="govuk-summary-list__value">{theme.definition}</dd>
                </div>
              ) : null}
              {theme.includeNotes ? (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">{t('theme.includeNotes')}</dt>
                  <dd className="govuk-summary-list__value">{theme.includeNotes}</dd>
                </div>
              ) : null}
              {theme.excludeNotes ? (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">{t('theme.excludeNotes')}</dt>
                  <dd className="govuk-summary-list__value">{theme.excludeNotes}</dd>
                </div>
              ) : null}
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{t('theme.cta')}</dt>
                <dd className="govuk-summary-list__value">{ctaTitle(theme.ctaCode)}</dd>
              </div>
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">{t('codebook.coded')}</dt>
                <dd className="govuk-summary-list__value">
                  {theme.coded.kind === 'shown' ? t('codebook.coded_count', { count: theme.coded.count }) : <Count cell={theme.coded} locale={data.locale} />}
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      {inactive.length ? (
        <>
          <h2 className="govuk-heading-m">{t('codebook.inactive')}</h2>
          <ul className="govuk-list govuk-list--bullet">
            {inactive.map((theme) => (
              <li key={theme.id}>
                <a className="govuk-link" href={`${data.base}/${theme.id}`}>
                  {theme.name}
                </a>{' '}
                ({theme.status === 'merged' ? t('codebook.merged_into', { name: theme.mergedIntoName ?? '' }) : t('codebook.retired')})
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </ThemesFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
