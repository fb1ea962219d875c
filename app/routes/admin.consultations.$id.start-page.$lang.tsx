import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorSummary, Hint, SuccessBanner } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import type { ConsultationContent } from '~/features/consultations/consultations.server.ts'
import { CONTENT_KEYS, contentBase, saveContentTranslation } from '~/features/consultations/manage.server.ts'
import { languageOf } from '~/features/i18n/config.ts'
import { loadTranslationContext } from '~/features/surveys/translation-context.server.ts'
import { readForm } from '~/utils/http.server.ts'

export const handle = { hydrate: false }

// The consultation's start page (title, purpose, what can change…) translated
// side by side, English beside each box. A consultation cannot open until
// these are done for every language it offers.

const LABELS: Record<keyof ConsultationContent, string> = {
  title: 'consultation.title',
  summary: 'consultation.summary',
  purpose: 'consultation.purpose',
  whatCanChange: 'consultation.what_can_change',
  howAnswersUsed: 'consultation.how_used',
  howDecisionMade: 'consultation.how_decided',
}
const MAX_LENGTH = 3000

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { consultation, db, lang, t, consultationTitle } = await loadTranslationContext(request, params)
  const english = consultation.content.en
  const translated = consultation.content[lang] ?? {}
  return {
    pageTitle: t('start_page.title', { language: t(`languages.${lang}`), title: consultationTitle }),
    id: consultation.id,
    lang,
    dir: languageOf(lang).dir,
    language: t(`languages.${lang}`),
    base: await contentBase(db, consultation.id),
    texts: CONTENT_KEYS.map((key) => ({ key, english: english?.[key] ?? '', translation: translated[key] ?? '' })),
    done: CONTENT_KEYS.filter((key) => translated[key]?.trim()).length,
    saved: new URL(request.url).searchParams.get('saved') === '1',
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { consultation, db, lang, user } = await loadTranslationContext(request, params)
  const form = await readForm(request)
  const values = Object.fromEntries(CONTENT_KEYS.map((key) => [key, String(form.get(key) ?? '')])) as Record<keyof ConsultationContent, string>
  const tooLong = CONTENT_KEYS.filter((key) => values[key].trim().length > MAX_LENGTH)
  if (tooLong.length) return Response.json({ errors: tooLong.map((key) => ({ field: key, key: 'start_page.too_long' })), values }, { status: 400 })
  const saved = await db.transaction().execute((trx) => saveContentTranslation(trx, consultation, lang, values, String(form.get('base') ?? ''), user.id))
  if (!saved) return Response.json({ errors: [{ field: 'title', key: 'start_page.conflict' }], values }, { status: 409 })
  return redirect(`/admin/consultations/${consultation.id}/start-page/${lang}?saved=1`)
}

type ActionData = { errors?: { field: string; key: string }[]; values?: Record<string, string> }

export default function StartPageTranslationRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const { t } = useTranslation('translate')
  const { t: tAuth } = useTranslation('auth')
  const errors = actionData?.errors ?? []
  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}/survey`} />
      <ErrorSummary errors={errors.map((e) => ({ href: `#${e.field}`, text: t(e.key, { max: MAX_LENGTH }) }))} />
      {data.saved ? <SuccessBanner title={t('start_page.saved')} /> : null}
      <h1 className="govuk-heading-l">{t('start_page.heading', { language: data.language })}</h1>
      <p className="govuk-body" data-testid="start-page-progress">
        {t('start_page.progress', { done: data.done, total: data.texts.length, language: data.language })}
      </p>
      <form method="post" noValidate>
        <input type="hidden" name="base" value={data.base} />
        {data.texts.map((text) => {
          const error = errors.find((e) => e.field === text.key)
          return (
            <div key={text.key} className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
              <h2 className="govuk-heading-s">{tAuth(LABELS[text.key])}</h2>
              <Hint id={`${text.key}-english`}>
                <span lang="en" dir="ltr" className="hys-pre-wrap">
                  {text.english}
                </span>
              </Hint>
              <label className="govuk-label" htmlFor={text.key}>
                {t('start_page.in_language', { field: tAuth(LABELS[text.key]), language: data.language })}
              </label>
              {error ? (
                <p className="govuk-error-message" id={`${text.key}-error`}>
                  <span className="govuk-visually-hidden">{t('error_prefix')}</span> {t(error.key, { max: MAX_LENGTH })}
                </p>
              ) : null}
              <textarea
                className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
                id={text.key}
                name={text.key}
                rows={text.key === 'title' ? 2 : 4}
                lang={data.lang}
                dir={data.dir}
                defaultValue={actionData?.values?.[text.key] ?? text.translation}
                aria-describedby={`${text.key}-english${error ? ` ${text.key}-error` : ''}`}
              />
            </div>
          )
        })}
        <button type="submit" className="govuk-button" data-module="govuk-button">
          {t('start_page.save')}
        </button>
      </form>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
