import { loadConsultationForOfficer } from '../consultations/officer-context.server.ts'
import { isLocale, type Locale } from '../i18n/config.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import { surveyStatus } from './survey-versions.server.ts'

// What the translation editor and the workbook download both start from.

/**
 * Every translation page: the officer (role checked on the server), the
 * consultation, and the language, which must be one the consultation offers
 * other than English (404 otherwise).
 */
export async function loadTranslationContext(request: Request, params: { id?: string; lang?: string }) {
  const context = await loadConsultationForOfficer(request, params.id)
  const lang = params.lang ?? ''
  if (!isLocale(lang) || lang === 'en' || !context.consultation.locales.includes(lang)) throw new Response('not_found', { status: 404 })
  const locale = await getLocale(request)
  const status = await surveyStatus(context.db, context.consultation.id)
  return {
    ...context,
    lang: lang as Exclude<Locale, 'en'>,
    locale,
    t: await i18n.getFixedT(locale, 'translate'),
    status,
    definition: status.current?.parsed ?? null,
    consultationTitle: context.consultation.content.en?.title ?? context.consultation.slug,
  }
}
