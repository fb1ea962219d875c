import type { LoaderFunctionArgs } from '@remix-run/node'
import { languageOf } from '~/features/i18n/config.ts'
import { loadTranslationContext } from '~/features/surveys/translation-context.server.ts'
import { languageHeader, writeTranslationWorkbook } from '~/features/surveys/translation-workbook.server.ts'
import { MAX_TEXT_LENGTH, XLSX_CONTENT_TYPE, listTranslatableTexts, whereKey } from '~/features/surveys/translations.ts'
import { i18n } from '~/utils/i18next.server.ts'

// The survey's texts as a workbook for a translator: the English beside the
// current translations, to fill in and upload on the translation page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lang, definition, status, consultation, consultationTitle } = await loadTranslationContext(request, params)
  if (!definition || !status.current) throw new Response('not_found', { status: 404 })
  const version = status.current.versionNumber
  // The file's own words are English (a translator works from the English); the instructions are also in the target language.
  const en = await i18n.getFixedT('en', 'translate')
  const target = await i18n.getFixedT(lang, 'translate')
  const readme = [
    { t: en, lang: 'en', dir: 'ltr' as const },
    { t: target, lang, dir: languageOf(lang).dir },
  ].map(({ t, lang: blockLang, dir }) => {
    const values = { title: consultationTitle, version, language: t(`languages.${lang}`), column: languageHeader(lang), max: MAX_TEXT_LENGTH }
    return {
      lang: blockLang,
      dir,
      lines: [t('readme.title'), t('readme.about', values), t('readme.write', values), t('readme.keep', values), t('readme.empty', values), t('readme.style', values), t('readme.return', values)],
    }
  })
  const buffer = await writeTranslationWorkbook({
    texts: listTranslatableTexts(definition, lang),
    locale: lang,
    where: (text) => {
      const { key, values } = whereKey(text)
      return en(key, values)
    },
    readme,
  })
  return new Response(new Uint8Array(buffer), {
    headers: {
      'Content-Type': XLSX_CONTENT_TYPE,
      'Content-Disposition': `attachment; filename="${consultation.slug}-survey-v${version}-${lang}.xlsx"`,
      'Cache-Control': 'no-store',
    },
  })
}
