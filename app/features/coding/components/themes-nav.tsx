import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { AnalysisFrame, type FrameData } from '~/features/analysis/components/frame.tsx'

// Every free-text coding page sits in the analysis frame, with its own
// second row of links: codebook, suggestions, coding, bulk coding, double coding.

export type ThemesPage = 'codebook' | 'suggest' | 'code' | 'bulk' | 'samples'

export function ThemesFrame({ frame, page, heading, children }: { frame: FrameData; page: ThemesPage; heading: string; children: ReactNode }) {
  const { t } = useTranslation('coding')
  const base = `/admin/consultations/${frame.id}/analysis/themes`
  const pages: { page: ThemesPage; href: string }[] = [
    { page: 'codebook', href: base },
    { page: 'suggest', href: `${base}/suggest` },
    { page: 'code', href: `${base}/code` },
    { page: 'bulk', href: `${base}/bulk` },
    { page: 'samples', href: `${base}/samples` },
  ]
  return (
    <AnalysisFrame data={frame} page="themes" heading={heading}>
      <nav aria-label={t('nav.label')} className="hys-analysis-nav">
        <ul className="govuk-list hys-inline-list">
          {pages.map((p) => (
            <li key={p.page}>
              <a className={`govuk-link${p.page === page ? ' hys-analysis-nav__current' : ''}`} href={p.href} aria-current={p.page === page ? 'page' : undefined}>
                {t(`nav.${p.page}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </AnalysisFrame>
  )
}

/** A question picker as a GET form, so the page works without JavaScript. */
export function QuestionPicker({ questions, selected, action, extra }: { questions: Array<{ key: string; title: string }>; selected: string; action: string; extra?: ReactNode }) {
  const { t } = useTranslation('coding')
  if (questions.length < 2) return null
  return (
    <form method="get" action={action} className="hys-filters">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--s" htmlFor="question">
          {t('question.label')}
        </label>
        <select className="govuk-select" id="question" name="question" defaultValue={selected}>
          {questions.map((q) => (
            <option key={q.key} value={q.key}>
              {q.title}
            </option>
          ))}
        </select>
      </div>
      {extra}
      <button type="submit" className="govuk-button govuk-button--secondary">
        {t('question.choose')}
      </button>
    </form>
  )
}

/** A text with personal details marked (<mark>), for the coder's eyes only. */
export function HighlightedText({ text, spans }: { text: string; spans: Array<{ start: number; end: number; kind: string }> }) {
  const { t } = useTranslation('coding')
  const parts: ReactNode[] = []
  let at = 0
  spans.forEach((s, i) => {
    if (s.start > at) parts.push(text.slice(at, s.start))
    parts.push(
      <mark key={i} className="hys-personal-detail">
        {text.slice(s.start, s.end)}
        <span className="govuk-visually-hidden"> ({t(`personal.kind.${s.kind}`)})</span>
      </mark>,
    )
    at = s.end
  })
  if (at < text.length) parts.push(text.slice(at))
  return <>{parts}</>
}
