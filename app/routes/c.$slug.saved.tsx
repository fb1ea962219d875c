import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { ConfirmationPanel } from '~/components/govuk.tsx'
import { formatDate } from '~/features/i18n/config.ts'
import { consultationPath, loadResidentContext, resumePath } from '~/features/responses/resident-flow.server.ts'
import { isCurrentResumeCode } from '~/features/responses/responses.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { i18n } from '~/utils/i18next.server.ts'
import { readResumeCode } from '~/utils/session.server.ts'

export const handle = { hydrate: false }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await loadResidentContext(request, params.slug)
  const code = await readResumeCode(request)
  const slug = ctx.consultation.slug
  // The code stays on this page (a reload, another language) until the resident
  // moves on; after that, or once a newer code replaced it, back to the survey.
  if (!code || !ctx.draft || !(await isCurrentResumeCode(ctx.db, ctx.draft.id, code.code))) throw redirect(consultationPath(slug))
  const t = await i18n.getFixedT(ctx.locale, 'survey')
  const origin = getEnv().PUBLIC_URL ?? new URL(request.url).origin
  return Response.json(
    {
      pageTitle: t('saved.title'),
      code: code.code,
      link: `${origin}/resume?code=${encodeURIComponent(code.code)}`,
      expires: formatDate(code.expiresAt, ctx.locale, { dateStyle: 'full' }),
      continueHref: resumePath(slug, ctx.version.definition, ctx.answers),
    },
    // Never cache a page that shows a secret.
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

export default function SavedRoute() {
  const data = useLoaderData<{ code: string; link: string; expires: string; continueHref: string }>()
  const { t } = useTranslation('survey')
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ConfirmationPanel title={t('saved.title')} label={t('saved.code_label')} value={data.code} testId="resume-code" valueClassName="hys-resume-code" />
        <p className="govuk-body">{t('saved.link_label')}:</p>
        <p className="govuk-body hys-ltr">
          <a className="govuk-link" href={data.link}>
            {data.link}
          </a>
        </p>
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">{t('saved.expires', { date: data.expires })}</strong>
        </div>
        <p className="govuk-body">{t('saved.keep_private')}</p>
        <p className="govuk-body">
          <a className="govuk-link" href={data.continueHref}>
            {t('saved.continue_now')}
          </a>
        </p>
      </div>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
