import { useTranslation } from 'react-i18next'
import type { StaffUser } from '~/features/auth/auth.server.ts'

/** Who is signed in, and the two ways to sign out (both are forms: signing out changes state). */
export function StaffHeader({ user }: { user: Pick<StaffUser, 'name' | 'role'> }) {
  const { t } = useTranslation('auth')
  return (
    <div className="govuk-!-margin-bottom-6">
      <p className="govuk-body-s govuk-!-margin-bottom-2">{t('signed_in_as', { name: user.name, role: t(`roles.${user.role}`) })}</p>
      <div className="govuk-button-group">
        <form method="post" action="/sign-out">
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" name="scope" value="this">
            {t('sign_out')}
          </button>
        </form>
        <form method="post" action="/sign-out">
          <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" name="scope" value="everywhere">
            {t('sign_out_everywhere')}
          </button>
        </form>
      </div>
    </div>
  )
}
