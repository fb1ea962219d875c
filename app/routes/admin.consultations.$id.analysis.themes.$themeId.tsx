import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import codingStyles from '~/styles/coding.scss?url'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadCodingContext, themesBase } from '~/features/coding/coding-context.server.ts'
import { findTheme, listCtas, setThemeStatus, themeNameTaken, updateTheme } from '~/features/coding/codebook.server.ts'
import { parseThemeForm } from '~/features/coding/forms.ts'
import { ThemeForm } from '~/features/coding/components/theme-form.tsx'
import { ThemesFrame } from '~/features/coding/components/themes-nav.tsx'
import { readForm } from '~/utils/http.server.ts'

// Editing one theme, and retiring it (or bringing a retired theme back).
export const handle = { hydrate: false }

export const links = () => [
  { rel: 'stylesheet', href: analysisStyles },
  { rel: 'stylesheet', href: codingStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const theme = await findTheme(context.db, context.consultationId, params.themeId ?? '')
  if (!theme) throw new Response('not_found', { status: 404 })
  return { pageTitle: context.t('theme.edit_title', { name: theme.name }), frame: context.frame, theme, ctas: await listCtas(context.db, context.consultationId, context.locale) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const theme = await findTheme(context.db, context.consultationId, params.themeId ?? '')
  if (!theme) throw new Response('not_found', { status: 404 })
  const form = await readForm(request)
  const intent = form.get('intent')
  const base = themesBase(context.consultationId)
  if (intent === 'retire' || intent === 'restore') {
    await setThemeStatus(context.db, context.consultationId, theme.id, intent === 'retire' ? 'retired' : 'active', context.user.id)
    return redirect(`${base}?done=${intent === 'retire' ? 'retired' : 'restored'}`, 303)
  }
  const parsed = parseThemeForm(form)
  if (!parsed.ok) return Response.json({ errors: parsed.errors, raw: parsed.raw }, { status: 400 })
  if (await themeNameTaken(context.db, context.consultationId, parsed.value.name, theme.id)) {
    return Response.json({ errors: { name: 'errors.name_taken' }, raw: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])) }, { status: 400 })
  }
  await updateTheme(context.db, context.consultationId, theme.id, parsed.value, context.user.id)
  return redirect(`${base}?done=saved`, 303)
}

export default function EditThemeRoute() {
  const { theme, frame, ctas } = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors: Record<string, string>; raw: Record<string, string> }>()
  const { t } = useTranslation('coding')
  const raw = actionData?.raw
  return (
    <ThemesFrame frame={frame} page="codebook" heading={t('theme.edit_heading')}>
      <ThemeForm
        defaults={{
          name: raw?.name ?? theme.name,
          definition: raw?.definition ?? theme.definition,
          includeNotes: raw?.includeNotes ?? theme.includeNotes,
          excludeNotes: raw?.excludeNotes ?? theme.excludeNotes,
          cta: raw?.cta ?? theme.ctaCode ?? '',
        }}
        errors={actionData?.errors ?? {}}
        submitLabel={t('theme.save')}
        ctas={ctas}
      />
      {theme.status !== 'merged' ? (
        <form method="post">
          <h2 className="govuk-heading-m">{theme.status === 'active' ? t('theme.retire_heading') : t('theme.restore_heading')}</h2>
          <p className="govuk-body">{theme.status === 'active' ? t('theme.retire_text') : t('theme.restore_text')}</p>
          <button type="submit" name="intent" value={theme.status === 'active' ? 'retire' : 'restore'} className={`govuk-button ${theme.status === 'active' ? 'govuk-button--warning' : 'govuk-button--secondary'}`}>
            {theme.status === 'active' ? t('theme.retire') : t('theme.restore')}
          </button>
        </form>
      ) : null}
    </ThemesFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
