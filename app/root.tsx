import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useMemo } from 'react'
import { I18nextProvider, useTranslation } from 'react-i18next'
import appStyles from './styles/app.scss?url'
import { LANGUAGES, languageOf, type Locale } from './features/i18n/config.ts'
import { createI18n } from './features/i18n/create-i18n.ts'
import { getLocale, messagesFor, rememberLocaleHeader } from './utils/i18next.server.ts'
import { forgetShownCodes } from './utils/session.server.ts'
import { hasSyntheticData } from './features/consultations/demo-flag.server.ts'
import { GeneralErrorBoundary } from './components/error-boundary.tsx'
import { useNonce } from './utils/nonce.ts'
import { PageTitle } from './components/page-title.tsx'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: appStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = await getLocale(request)
  const headers = new Headers()
  const cookie = await rememberLocaleHeader(request, locale)
  if (cookie) headers.append('Set-Cookie', cookie)
  // A resume or deletion code is shown only on its own page: opening any other page drops it.
  const forget = await forgetShownCodes(request)
  if (forget) headers.append('Set-Cookie', forget)
  const data = { locale, dir: languageOf(locale).dir, messages: messagesFor(locale), demo: await hasSyntheticData() }
  if (context.bodyTooLarge) {
    // The server refused the body unread (server.mjs); say so in the resident's language.
    throw Response.json(data, { status: 413 })
  }
  return Response.json(data, { headers })
}

export type RootLoaderData = {
  locale: Locale
  dir: 'ltr' | 'rtl'
  messages: Record<string, unknown>
  demo: boolean
}

/** Resident pages work without JavaScript: a route opts in to hydration with handle.hydrate. */
function useWantsHydration() {
  return useMatches().some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === true)
}

export function Layout({ children }: { children: React.ReactNode }) {
  const loaderData = useRouteLoaderData<RootLoaderData>('root')
  // When the root loader itself refuses a request (413), its error carries the page's language.
  const error = useRouteError()
  const data = loaderData ?? (isRouteErrorResponse(error) && (error.data as RootLoaderData | null)?.messages ? (error.data as RootLoaderData) : undefined)
  const locale = data?.locale ?? 'en'
  const dir = data?.dir ?? 'ltr'
  const i18n = useMemo(
    () => createI18n(locale, data?.messages ?? {}),
    // Messages only change with the locale.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [locale, Boolean(data)],
  )
  const hydrate = useWantsHydration()
  const nonce = useNonce()
  return (
    <I18nextProvider i18n={i18n}>
    <html lang={locale} dir={dir} className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d1d4e" />
        <PageTitle />
        <Meta />
        <Links />
      </head>
      <body className="govuk-template__body">
        <Page demo={data?.demo ?? false}>{children}</Page>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : (
          <script src="/enhance.js" defer nonce={nonce} />
        )}
      </body>
    </html>
    </I18nextProvider>
  )
}

function Page({ children, demo }: { children: React.ReactNode; demo: boolean }) {
  const { t } = useTranslation('common')
  return (
    <>
      <a href="#main-content" className="govuk-skip-link">
        {t('skip_link')}
      </a>
      <header className="hys-header" role="banner">
        <div className="govuk-width-container">
          <a href="/">{t('service_name')}</a>
          <span className="hys-header__partnership">{t('partnership')}</span>
        </div>
      </header>
      <div className="govuk-width-container">
        <LanguageSwitcher />
        {demo ? (
          <div className="hys-demo-banner">
            <p className="govuk-body-s govuk-!-margin-0">
              <strong className="govuk-tag govuk-tag--yellow">{t('demo_banner_tag')}</strong> {t('demo_banner')}
            </p>
          </div>
        ) : null}
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <h2 className="govuk-visually-hidden">{t('service_name')}</h2>
              <ul className="govuk-footer__inline-list">
                <li className="govuk-footer__inline-list-item">
                  <a className="govuk-footer__link" href="/resume">
                    {t('footer_resume')}
                  </a>
                </li>
                <li className="govuk-footer__inline-list-item">
                  <a className="govuk-footer__link" href="/delete">
                    {t('footer_delete')}
                  </a>
                </li>
              </ul>
              <p className="govuk-footer__licence-description">{t('footer_licence')}</p>
            </div>
          </div>
        </div>
      </footer>
    </>
  )
}

/** Plain links: switching language reloads the same page, and saved answers stay on the server. */
function LanguageSwitcher() {
  const { t, i18n } = useTranslation('common')
  const location = useLocation()
  return (
    <nav className="hys-language-switcher" aria-label={t('language_switcher_label')}>
      <ul>
        {LANGUAGES.map((language) => {
          const params = new URLSearchParams(location.search)
          params.set('lng', language.code)
          const current = i18n.language === language.code
          return (
            <li key={language.code}>
              {current ? (
                <span aria-current="true" lang={language.code} dir={language.dir}>
                  {language.name}
                </span>
              ) : (
                <a className="govuk-link" href={`${location.pathname}?${params}`} hrefLang={language.code} lang={language.code} dir={language.dir}>
                  {language.name}
                </a>
              )}
            </li>
          )
        })}
      </ul>
    </nav>
  )
}

export default function App() {
  useLoaderData<typeof loader>()
  return <Outlet />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
