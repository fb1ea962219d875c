import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { I18nextProvider, useTranslation } from 'react-i18next'
import paperStyles from '~/styles/paper.scss?url'
import { BackLink, ErrorMessage, ErrorSummary, FormGroup, Hint, Radios, describedBy } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { LANGUAGES, languageOf } from '~/features/i18n/config.ts'
import { createI18n } from '~/features/i18n/create-i18n.ts'
import { PaperCopies } from '~/features/paper/paper-form.tsx'
import {
  loadPaperSurvey,
  paperContent,
  paperCopies,
  paperMessages,
  recordPaperForms,
  type PaperContent,
  type PaperCopy,
} from '~/features/paper/paper-forms.server.ts'
import { parsePaperOptions, type PaperOptions } from '~/features/paper/paper-options.ts'
import { getEnv } from '~/utils/env.server.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: paperStyles }]

// Paper forms: the officer picks a language, print size and number of copies;
// "Create print version" records a form number per copy and answers with the
// copies ready to print (a POST: every print makes new numbers). "Download PDF"
// sends the same fields to paper.pdf.

const PDF_PROBLEMS = ['unavailable', 'busy', 'failed'] as const
const COPIES_ERRORS = ['copies_required', 'copies_whole', 'copies_range']

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, consultation } = await loadConsultationForOfficer(request, params.id)
  const t = await i18n.getFixedT(await getLocale(request), 'paper')
  const survey = await loadPaperSurvey(db, consultation.id)
  const url = new URL(request.url)
  const title = consultation.content.en?.title ?? consultation.slug
  // The PDF address sends the officer back here when it cannot make the file (paper[.]pdf.ts).
  const pdfError = url.searchParams.get('pdf_error') ?? ''
  return {
    pageTitle: t('options.title', { title }),
    id: consultation.id,
    title,
    version: survey?.versionNumber ?? null,
    languages: LANGUAGES.filter((l) => consultation.locales.includes(l.code)).map((l) => ({
      code: l.code,
      name: l.name,
      translated: !survey || survey.definition.locales.includes(l.code),
    })),
    pdfProblem: PDF_PROBLEMS.find((p) => p === url.searchParams.get('pdf')) ?? null,
    errors: (COPIES_ERRORS.includes(pdfError) ? { copies: `errors.${pdfError}` } : {}) as Record<string, string>,
    raw: { lng: url.searchParams.get('in') ?? '', large: url.searchParams.get('large') ?? '', copies: url.searchParams.get('copies') ?? '' },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, consultation } = await loadConsultationForOfficer(request, params.id)
  const form = await readForm(request)
  const survey = await loadPaperSurvey(db, consultation.id)
  if (!survey) throw new Response('not_found', { status: 404 })
  const parsed = parsePaperOptions((name) => form.get(name), consultation.locales)
  if (!parsed.ok) return Response.json({ errors: parsed.errors, raw: parsed.raw }, { status: 400 })
  const { options } = parsed
  const numbers = await recordPaperForms(db, { ...options, consultationId: consultation.id, survey, printedBy: user.id, format: 'print' })
  const origin = getEnv().PUBLIC_URL ?? new URL(request.url).origin
  return {
    printed: {
      options,
      content: await paperContent(db, consultation, survey, options.locale),
      copies: await paperCopies(origin, consultation.id, numbers),
      messages: paperMessages(options.locale),
    },
  }
}

type ActionData =
  | { errors: Record<string, string>; raw: Record<string, string> }
  | { printed: { options: PaperOptions; content: PaperContent; copies: PaperCopy[]; messages: Record<string, unknown> } }

export default function PaperFormsRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  if (actionData && 'printed' in actionData) return <PrintView id={data.id} {...actionData.printed} />
  return <OptionsView errors={actionData?.errors ?? data.errors} raw={actionData?.raw ?? data.raw} />
}

function OptionsView({ errors, raw }: { errors: Record<string, string>; raw: Record<string, string> }) {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('paper')
  const firstLanguage = data.languages[0]?.code ?? 'en'
  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}`} />
      <ErrorSummary errors={Object.entries(errors).map(([field, key]) => ({ href: field === 'lng' ? '#lng-1' : `#${field}`, text: t(key) }))} />
      {data.pdfProblem ? (
        <div className="govuk-notification-banner" role="region" aria-labelledby="pdf-problem-title" data-module="govuk-notification-banner">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="pdf-problem-title">
              {t('pdf.title')}
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">{t(`pdf.${data.pdfProblem}`)}</p>
          </div>
        </div>
      ) : null}
      <h1 className="govuk-heading-l">{t('options.title', { title: data.title })}</h1>
      {data.version === null ? (
        <p className="govuk-body">{t('options.no_survey')}</p>
      ) : (
        <>
          <p className="govuk-body">{t('options.intro')}</p>
          <p className="govuk-body">{t('options.version', { version: data.version })}</p>
          <form method="post" noValidate>
            <FormGroup error={Boolean(errors.lng)}>
              <fieldset className="govuk-fieldset" aria-describedby={errors.lng ? 'lng-error' : undefined}>
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
                  <h2 className="govuk-fieldset__heading">{t('options.language')}</h2>
                </legend>
                {errors.lng ? <ErrorMessage id="lng-error">{t(errors.lng)}</ErrorMessage> : null}
                <Radios
                  name="lng"
                  idPrefix="lng"
                  checked={data.languages.some((l) => l.code === raw.lng) ? raw.lng : firstLanguage}
                  items={data.languages.map((l) => ({
                    value: l.code,
                    label: (
                      <span lang={l.code} dir={languageOf(l.code).dir}>
                        {l.name}
                      </span>
                    ),
                    hint: l.translated ? undefined : t('options.not_translated'),
                  }))}
                />
              </fieldset>
            </FormGroup>
            <FormGroup>
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
                  <h2 className="govuk-fieldset__heading">{t('options.size')}</h2>
                </legend>
                <Radios
                  name="large"
                  idPrefix="large"
                  checked={raw.large === '1' ? '1' : '0'}
                  items={[
                    { value: '0', label: t('options.size_normal') },
                    { value: '1', label: t('options.size_large') },
                  ]}
                />
              </fieldset>
            </FormGroup>
            <FormGroup error={Boolean(errors.copies)}>
              <h2 className="govuk-label-wrapper">
                <label className="govuk-label govuk-label--m" htmlFor="copies">
                  {t('options.copies')}
                </label>
              </h2>
              <Hint id="copies-hint">{t('options.copies_hint')}</Hint>
              {errors.copies ? <ErrorMessage id="copies-error">{t(errors.copies)}</ErrorMessage> : null}
              <input
                className={`govuk-input govuk-input--width-4${errors.copies ? ' govuk-input--error' : ''}`}
                id="copies"
                name="copies"
                type="text"
                inputMode="numeric"
                spellCheck={false}
                autoComplete="off"
                defaultValue={raw.copies || '1'}
                aria-describedby={describedBy('copies-hint', errors.copies && 'copies-error')}
              />
            </FormGroup>
            <p className="govuk-body">{t('options.recorded')}</p>
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button" data-module="govuk-button">
                {t('options.print')}
              </button>
              <button type="submit" className="govuk-button govuk-button--secondary" formAction={`/admin/consultations/${data.id}/paper.pdf`} formMethod="get">
                {t('options.pdf')}
              </button>
            </div>
          </form>
        </>
      )}
    </>
  )
}

function PrintView({ id, options, content, copies, messages }: { id: string; options: PaperOptions; content: PaperContent; copies: PaperCopy[]; messages: Record<string, unknown> }) {
  const { t } = useTranslation('paper')
  // The forms speak the form's language, whatever the officer's is.
  const formI18n = useMemo(() => createI18n(options.locale, messages), [options.locale, messages])
  return (
    <>
      <div className="paper-screen-only">
        <BackLink href={`/admin/consultations/${id}/paper`} />
        <h1 className="govuk-heading-l">{t('print.title')}</h1>
        <p className="govuk-body">
          {t('print.summary', {
            copies: copies.length,
            language: languageOf(options.locale).name,
            size: t(options.largePrint ? 'options.size_large' : 'options.size_normal'),
          })}
        </p>
        <p className="govuk-body">{t('print.numbers', { first: copies[0]?.formNumber, last: copies.at(-1)?.formNumber })}</p>
        <div className="govuk-inset-text">
          <p className="govuk-body">{t('print.how')}</p>
          <p className="govuk-body">{t('print.save_pdf')}</p>
        </div>
        <p className="govuk-body">
          <a className="govuk-link" href={`/admin/consultations/${id}/paper`}>
            {t('print.more')}
          </a>
        </p>
      </div>
      <I18nextProvider i18n={formI18n}>
        <PaperCopies content={content} copies={copies} largePrint={options.largePrint} />
      </I18nextProvider>
    </>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
