import fs from 'node:fs'
import { createRequire } from 'node:module'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import paperCss from '~/styles/paper.scss?inline'
import { createI18n } from '../i18n/create-i18n.ts'
import { languageOf } from '../i18n/config.ts'
import { PaperCopies } from './paper-form.tsx'
import { paperMessages, type PaperContent, type PaperCopy } from './paper-forms.server.ts'

// The print page's copies as one self-contained HTML document for Chromium to
// print to PDF: the paper styles and the Bengali font inline, QR codes as data.

const require = createRequire(import.meta.url)
let bengaliFontFaces: string | undefined

/** The self-hosted Noto Sans Bengali (regular and bold), so the PDF does not depend on the server's fonts. */
export function bengaliFonts(): string {
  bengaliFontFaces ??= ([400, 700] as const)
    .map((weight) => {
      const file = require.resolve(`@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-${weight}-normal.woff2`)
      const data = fs.readFileSync(file).toString('base64')
      return `@font-face{font-family:'HYS Bengali';font-style:normal;font-weight:${weight};src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:U+0951-0952,U+0964-0965,U+0980-09FE,U+200C-200D,U+25CC;}`
    })
    .join('')
  return bengaliFontFaces
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

export function paperDocumentHtml({ content, copies, largePrint }: { content: PaperContent; copies: PaperCopy[]; largePrint: boolean }): string {
  const i18n = createI18n(content.locale, paperMessages(content.locale))
  const body = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <PaperCopies content={content} copies={copies} largePrint={largePrint} />
    </I18nextProvider>,
  )
  const { dir } = languageOf(content.locale)
  return `<!doctype html><html lang="${content.locale}" dir="${dir}" class="paper-document"><head><meta charset="utf-8"><title>${escapeHtml(content.title)}</title><style>${bengaliFonts()}${paperCss}</style></head><body>${body}</body></html>`
}
