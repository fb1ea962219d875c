import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { StaffHeader } from '~/components/staff-header.tsx'
import { requireUser } from '~/features/auth/auth.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const t = await i18n.getFixedT(await getLocale(request), 'auth')
  const links = [
    { href: '/admin/consultations', key: 'admin.consultations', roles: ['admin', 'officer', 'analyst'] },
    // Live events: the link's text is in the events namespace.
    { href: '/admin/events', key: 'events:admin.title', roles: ['admin', 'officer', 'moderator'] },
    { href: '/admin/users', key: 'admin.users', roles: ['admin'] },
    { href: '/admin/frameworks', key: 'admin.frameworks', roles: ['admin'] },
    { href: '/admin/audit', key: 'admin.audit', roles: ['admin'] },
  ].filter((l) => l.roles.includes(user.role))
  return { pageTitle: t('admin.title'), user: { name: user.name, role: user.role }, links }
}

export default function StaffHomeRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('auth')
  return (
    <>
      <h1 className="govuk-heading-l">{t('admin.title')}</h1>
      <StaffHeader user={data.user} />
      <ul className="govuk-list">
        {data.links.map((link) => (
          <li key={link.href}>
            <a className="govuk-link govuk-link--no-visited-state" href={link.href}>
              {t(link.key)}
            </a>
          </li>
        ))}
      </ul>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
