import { createCookie } from '@remix-run/node'
import type { Resource } from 'i18next'
import { RemixI18Next } from 'remix-i18next/server'
import { DEFAULT_LOCALE, SUPPORTED_LOCALES, interpolation, isLocale, type Locale } from '~/features/i18n/config.ts'
import { resources } from '~/features/i18n/resources.ts'
import { getEnv } from './env.server.ts'

export const localeCookie = createCookie('hys_lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  secure: getEnv().cookieSecure,
  maxAge: 60 * 60 * 24 * 365,
})

// Order: ?lng= (the language switcher), then the cookie it sets, then the browser's languages.
export const i18n = new RemixI18Next({
  detection: {
    supportedLanguages: SUPPORTED_LOCALES,
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    order: ['searchParams', 'cookie', 'header'],
  },
  i18next: { resources: resources as unknown as Resource, fallbackLng: false, interpolation },
})

export async function getLocale(request: Request): Promise<Locale> {
  const locale = await i18n.getLocale(request)
  return isLocale(locale) ? locale : DEFAULT_LOCALE
}

export function messagesFor(locale: Locale) {
  return resources[locale]
}

/** A Set-Cookie header when the language came from ?lng=, so the choice sticks. */
export async function rememberLocaleHeader(request: Request, locale: Locale): Promise<string | null> {
  const fromQuery = new URL(request.url).searchParams.get('lng')
  if (!isLocale(fromQuery) || fromQuery !== locale) return null
  return localeCookie.serialize(locale)
}
