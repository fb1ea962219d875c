import i18next, { type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import { NAMESPACES, interpolation } from './config.ts'

/** A synchronous i18next instance for one render, on the server or in the browser. */
export function createI18n(locale: string, messages: Record<string, unknown>): I18n {
  const instance = i18next.createInstance()
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false,
    ns: [...NAMESPACES],
    defaultNS: 'common',
    resources: { [locale]: messages as Record<string, Record<string, string>> },
    interpolation,
    initImmediate: false,
    react: { useSuspense: false },
  })
  return instance
}
