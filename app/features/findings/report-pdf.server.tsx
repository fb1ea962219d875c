import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import appCss from '~/styles/app.scss?inline'
import analysisCss from '~/styles/analysis.scss?inline'
import findingsCss from '~/styles/findings.scss?inline'
import { createI18n } from '../i18n/create-i18n.ts'
import { languageOf, type Locale } from '../i18n/config.ts'
import { resources } from '../i18n/resources.ts'
import { bengaliFonts } from '../paper/pdf-document.server.tsx'
import { ReportDocument } from './report-document.tsx'
import type { ReportData } from './report.server.ts'

// The findings report as one self-contained HTML document for Chromium to
// print (app/features/paper/pdf.server.ts): the same component as the print
// page, with the styles and the Bengali font inline, printed as for paper.

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

export function reportDocumentHtml(data: ReportData, locale: Locale): string {
  const i18n = createI18n(locale, resources[locale])
  const body = renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <div className="govuk-width-container">
        <ReportDocument data={data} standalone />
      </div>
    </I18nextProvider>,
  )
  const { dir } = languageOf(locale)
  // The inline Bengali font last, so it wins over the app's (which the PDF cannot fetch).
  return `<!doctype html><html lang="${locale}" dir="${dir}" class="govuk-template"><head><meta charset="utf-8"><title>${escapeHtml(data.title)}</title><style>${appCss}${analysisCss}${findingsCss}${bengaliFonts()}</style></head><body class="govuk-template__body">${body}</body></html>`
}
