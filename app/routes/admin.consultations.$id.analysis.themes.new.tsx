import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import analysisStyles from '~/styles/analysis.scss?url'
import codingStyles from '~/styles/coding.scss?url'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadCodingContext, themesBase } from '~/features/coding/coding-context.server.ts'
import { addTheme, listCtas, themeNameTaken } from '~/features/coding/codebook.server.ts'
import { parseThemeForm } from '~/features/coding/forms.ts'
import { ThemeForm } from '~/features/coding/components/theme-form.tsx'
import { ThemesFrame } from '~/features/coding/components/themes-nav.tsx'
import { readForm } from '~/utils/http.server.ts'

// Adding a theme to the codebook by hand.
export const handle = { hydrate: false }

export const links = () => [
  { rel: 'stylesheet', href: analysisStyles },
  { rel: 'stylesheet', href: codingStyles },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  return { pageTitle: context.t('theme.add_title'), frame: context.frame, ctas: await listCtas(context.db, context.consultationId, context.locale) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadCodingContext(request, params.id)
  const form = await readForm(request)
  const parsed = parseThemeForm(form)
  if (!parsed.ok) return Response.json({ errors: parsed.errors, raw: parsed.raw }, { status: 400 })
  if (await themeNameTaken(context.db, context.consultationId, parsed.value.name)) {
    return Response.json({ errors: { name: 'errors.name_taken' }, raw: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])) }, { status: 400 })
  }
  await addTheme(context.db, context.consultationId, parsed.value, { actor: context.user.id })
  return redirect(`${themesBase(context.consultationId)}?done=added`, 303)
}

export default function NewThemeRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<{ errors: Record<string, string>; raw: Record<string, string> }>()
  const { t } = useTranslation('coding')
  const raw = actionData?.raw ?? {}
  return (
    <ThemesFrame frame={data.frame} page="codebook" heading={t('theme.add_title')}>
      <ThemeForm
        defaults={{ name: raw.name ?? '', definition: raw.definition ?? '', includeNotes: raw.includeNotes ?? '', excludeNotes: raw.excludeNotes ?? '', cta: raw.cta ?? '' }}
        errors={actionData?.errors ?? {}}
        submitLabel={t('theme.add_submit')}
        ctas={data.ctas}
      />
    </ThemesFrame>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
