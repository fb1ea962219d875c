import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import codingStyles from '~/styles/coding.scss?url'
import { ErrorMessage } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadCodingContext, themesBase } from '~/features/coding/coding-context.server.ts'
import { findTheme, listCtas, listThemes, mergeTheme, setThemeStatus, themeNameTaken, updateTheme } from '~/features/coding/codebook.server.ts'
import { parseThemeForm } from '~/features/coding/forms.ts'
import { ThemeForm } from '~/features/coding/components/theme-form.tsx'
import { ThemesFrame } from '~/features/coding/components/themes-nav.tsx'
import { readForm } from '~/utils/http.server.ts'

// Editing one theme, retiring it (or bringing a retired theme back), and
// merging it into another theme (its codings move there; audited).
export const handle = { hydrate: false }

export const links = () => [
  { rel: 'stylesheet', href: analysisStyles },
  { rel: 'stylesheet', href: codingStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const theme = await findTheme(context.db, context.consultationId, params.themeId ?? '')
  if (!theme) throw new Response('not_found', { status: 404 })
  const others = (await listThemes(context.db, context.consultationId, { activeOnly: true })).filter((t) => t.id !== theme.id).map((t) => ({ id: t.id, name: t.name }))
  const mergedInto = theme.mergedInto ? ((await findTheme(context.db, context.consultationId, theme.mergedInto))?.name ?? null) : null
  return { pageTitle: context.t('theme.edit_title', { name: theme.name }), frame: context.frame, theme, others, mergedInto, ctas: await listCtas(context.db, context.consultationId, context.locale) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const theme = await findTheme(context.db, context.consultationId, params.themeId ?? '')
  if (!theme) throw new Response('not_found', { status: 404 })
  const form = await readForm(request)
  const intent = form.get('intent')
  const base = themesBase(context.consultationId)
  if (intent === 'merge') {
    const into = String(form.get('into') ?? '')
    const merged = into ? await mergeTheme(context.db, context.consultationId, theme.id, into, context.user.id) : ({ ok: false, error: 'not_found' } as const)
    if (!merged.ok) return Response.json({ errors: { into: 'errors.choose_merge_theme' }, raw: {} }, { status: 400 })
    return redirect(`${base}?done=merged`, 303)
  }
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
  const { theme, frame, ctas, others, mergedInto } = useLoaderData<typeof loader>()
  // The theme form's error summary lists the merge error too (it comes first on the page).
  const actionData = useActionData<{ errors: Record<string, string>; raw: Record<string, string> }>()
  const { t } = useTranslation('coding')
  const raw = actionData?.raw
  return (
    <ThemesFrame frame={frame} page="codebook" heading={t('theme.edit_heading')}>
      {theme.status === 'merged' ? (
        <p className="govuk-inset-text" data-testid="merged-into">
          {t('theme.merged_note', { name: mergedInto ?? '' })}
        </p>
      ) : null}
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
      {theme.status !== 'merged' && others.length ? (
        <form method="post" noValidate>
          <h2 className="govuk-heading-m">{t('theme.merge_heading')}</h2>
          <p className="govuk-body">{t('theme.merge_text')}</p>
          <div className={`govuk-form-group${actionData?.errors.into ? ' govuk-form-group--error' : ''}`}>
            <label className="govuk-label" htmlFor="into">
              {t('theme.merge_into')}
            </label>
            {actionData?.errors.into ? <ErrorMessage id="into-error">{t(actionData.errors.into)}</ErrorMessage> : null}
            <select className={`govuk-select${actionData?.errors.into ? ' govuk-select--error' : ''}`} id="into" name="into" defaultValue="" aria-describedby={actionData?.errors.into ? 'into-error' : undefined}>
              <option value="">{t('theme.merge_choose')}</option>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" name="intent" value="merge" className="govuk-button govuk-button--warning">
            {t('theme.merge')}
          </button>
        </form>
      ) : null}
    </ThemesFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
