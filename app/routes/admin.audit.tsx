import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { listAudit } from '~/features/audit/audit.server.ts'
import { requireUser } from '~/features/auth/auth.server.ts'
import { formatDate } from '~/features/i18n/config.ts'
import { getDb } from '~/utils/db.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

const ENTITIES = ['user', 'consultation', 'framework', 'response'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, ['admin'])
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'auth')
  const entityParam = new URL(request.url).searchParams.get('entity')
  const entity = ENTITIES.find((e) => e === entityParam)
  const db = await getDb()
  const rows = await listAudit(db, { entity, limit: 200 })
  const users = new Map((await db.selectFrom('app_user').select(['id', 'email']).execute()).map((u) => [u.id, u.email]))
  return {
    pageTitle: t('admin.audit'),
    entity: entity ?? '',
    entities: ENTITIES,
    rows: rows.map((r) => ({
      when: formatDate(Number(r.at), locale, { dateStyle: 'medium', timeStyle: 'short' }),
      who: users.get(r.actor) ?? r.actor,
      action: r.action,
      record: `${r.entity}${r.entity_id ? ` ${r.entity_id.slice(0, 8)}` : ''}`,
      detail: r.detail,
    })),
  }
}

export default function AuditRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('auth')
  return (
    <>
      <BackLink href="/admin" />
      <h1 className="govuk-heading-l">{t('admin.audit')}</h1>
      <p className="govuk-body">{t('admin.audit_intro')}</p>
      <form method="get" className="govuk-!-margin-bottom-6">
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="entity">
            {t('admin.entity')}
          </label>
          <select className="govuk-select" id="entity" name="entity" defaultValue={data.entity}>
            <option value="">{t('admin.all')}</option>
            {data.entities.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary">
          {t('admin.filter')}
        </button>
      </form>
      <table className="govuk-table">
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {['when', 'who', 'action', 'record', 'detail'].map((h) => (
              <th scope="col" className="govuk-table__header" key={h}>
                {t(`admin.${h}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {data.rows.map((row, i) => (
            <tr className="govuk-table__row" key={i}>
              <td className="govuk-table__cell">{row.when}</td>
              <td className="govuk-table__cell hys-ltr">{row.who}</td>
              <td className="govuk-table__cell">{row.action}</td>
              <td className="govuk-table__cell hys-ltr">{row.record}</td>
              <td className="govuk-table__cell hys-ltr">
                <code>{row.detail}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
