import { NAMESPACES, type Locale } from './config.ts'

// UI strings for every language, bundled on the server (every locales/<lng>/<ns>.json
// listed in NAMESPACES). The page sends the browser only its own language's strings.
const files = import.meta.glob<Record<string, unknown>>('../../../locales/*/*.json', { eager: true, import: 'default' })

function bundle(locale: Locale) {
  return Object.fromEntries(NAMESPACES.map((ns) => [ns, files[`../../../locales/${locale}/${ns}.json`] ?? {}]))
}

export const resources: Record<Locale, Record<string, unknown>> = {
  en: bundle('en'),
  bn: bundle('bn'),
  so: bundle('so'),
  ur: bundle('ur'),
}
