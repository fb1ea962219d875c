import { useTranslation } from 'react-i18next'
import { Count, DistributionTable, ScrollTable } from '~/features/analysis/components/tables.tsx'
import { formatPercent } from '~/features/analysis/view.ts'
import { formatDate } from '~/features/i18n/config.ts'
import type { ConsultationCtaSummary, CtaSection } from './cta-summary.server.ts'
import type { EventItemResult, FrameworkCtaSection } from './framework-summary.server.ts'
import type { Quote } from './cta-summary.ts'

// The call-to-action summary's markup, shared by the analysis page, the
// findings report and the framework page.

export function QuoteList({ quotes }: { quotes: Quote[] }) {
  const { t } = useTranslation('findings')
  if (!quotes.length) return <p className="govuk-body">{t('cta.no_quotes')}</p>
  return (
    <ul className="govuk-list hys-quotes">
      {quotes.map((q, i) => (
        <li key={i}>
          <blockquote className="hys-quote">
            <p className="govuk-body" dir="auto">
              “{q.text}”
            </p>
            <footer className="govuk-body-s">{t('cta.quote_theme', { theme: q.themeName })}</footer>
          </blockquote>
        </li>
      ))}
    </ul>
  )
}

export function ThemeTable({ section, locale, caption }: { section: Pick<CtaSection, 'themes' | 'residents'>; locale: string; caption: string }) {
  const { t } = useTranslation('findings')
  return (
    <ScrollTable label={caption}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {t('cta.theme')}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {t('cta.residents')}
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {section.themes.map((th) => (
            <tr className="govuk-table__row" key={th.id}>
              <th scope="row" className="govuk-table__header" dir="auto">
                {th.name}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                <Count cell={th.residents} locale={locale} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              {t('cta.residents_total')}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">
              <Count cell={section.residents} locale={locale} />
            </td>
          </tr>
        </tfoot>
      </table>
    </ScrollTable>
  )
}

/** One call to action of one consultation: linked questions with their results, themes, quotes. */
export function CtaSectionView({ section, locale, level = 2 }: { section: CtaSection; locale: string; level?: 2 | 3 }) {
  const { t } = useTranslation('findings')
  const H = `h${level}` as 'h2' | 'h3'
  const Sub = `h${level + 1}` as 'h3' | 'h4'
  return (
    <section aria-labelledby={`cta-${section.code}-heading`} className="hys-cta-section" id={`cta-${section.code}`} data-testid={`cta-${section.code}`}>
      <H className="govuk-heading-m" id={`cta-${section.code}-heading`}>
        {t('cta.heading', { code: section.code, title: section.title })}
      </H>
      <p className="govuk-body-l" data-testid={`cta-${section.code}-residents`}>
        {section.residents.kind === 'shown' ? (
          t('cta.raised_by', { count: section.residents.count })
        ) : (
          <>
            {t('cta.raised_by_hidden')} <Count cell={section.residents} locale={locale} />
          </>
        )}
      </p>
      <Sub className="govuk-heading-s">{t('cta.questions')}</Sub>
      {section.questions.length === 0 ? <p className="govuk-body">{t('cta.no_questions')}</p> : null}
      {section.questions.map((q) => (
        <div key={q.key} className="hys-cta-question">
          <p className="govuk-body govuk-!-font-weight-bold" lang={q.lang} dir="auto">
            {q.title}
          </p>
          {q.linkedOptions.length ? (
            <p className="govuk-body-s" lang={q.lang} dir="auto">
              {t('cta.linked_options', { options: q.linkedOptions.join('; ') })}
            </p>
          ) : null}
          {q.freeText ? <p className="govuk-body-s">{t('cta.free_text')}</p> : null}
          {!q.freeText && q.tables.length === 0 ? <p className="govuk-body-s">{t('cta.no_results')}</p> : null}
          {q.tables.map((table) => (
            <DistributionTable key={table.id} table={table} locale={locale} />
          ))}
        </div>
      ))}
      <Sub className="govuk-heading-s">{t('cta.themes')}</Sub>
      {section.themes.length ? (
        <ThemeTable section={section} locale={locale} caption={t('cta.themes_caption', { code: section.code })} />
      ) : (
        <p className="govuk-body">{t('cta.no_themes')}</p>
      )}
      <Sub className="govuk-heading-s">{t('cta.quotes')}</Sub>
      <QuoteList quotes={section.quotes} />
    </section>
  )
}

export function ConsultationCtaSummaryView({ summary, locale, level = 2 }: { summary: ConsultationCtaSummary; locale: string; level?: 2 | 3 }) {
  const { t } = useTranslation('findings')
  return (
    <>
      {!summary.coded ? <p className="govuk-inset-text">{t('cta.not_coded')}</p> : null}
      {summary.state === 'empty' ? <p className="govuk-inset-text">{t('cta.no_responses')}</p> : null}
      {summary.sections.map((s) => (
        <CtaSectionView key={s.code} section={s} locale={locale} level={level} />
      ))}
    </>
  )
}

export function FrameworkCtaSectionView({ section, locale }: { section: FrameworkCtaSection; locale: string }) {
  const { t } = useTranslation('findings')
  return (
    <section aria-labelledby={`cta-${section.code}-heading`} className="hys-cta-section" id={`cta-${section.code}`} data-testid={`cta-${section.code}`}>
      <h2 className="govuk-heading-m" id={`cta-${section.code}-heading`}>
        {t('cta.heading', { code: section.code, title: section.title })}
      </h2>
      <h3 className="govuk-heading-s">{t('framework.surveys')}</h3>
      <p className="govuk-body">
        {t('framework.raised_total')} <strong><Count cell={section.residents} locale={locale} /></strong>
      </p>
      {section.consultations.length === 0 ? <p className="govuk-body">{t('framework.no_consultations')}</p> : null}
      {section.consultations.map((c) => (
        <div key={c.id} className="hys-cta-question">
          <p className="govuk-body govuk-!-font-weight-bold">
            <a className="govuk-link" href={`/admin/consultations/${c.id}/analysis/calls-to-action#cta-${section.code}`}>
              {c.title}
            </a>
          </p>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              {t('framework.responses')} <Count cell={c.responses} locale={locale} />
            </li>
            <li>
              {t('framework.raised')} <Count cell={c.residents} locale={locale} />
            </li>
            <li>{t('framework.questions', { count: c.questions.length })}</li>
            {c.themes.length ? (
              <li>
                {t('cta.themes')}:{' '}
                {c.themes.map((th, i) => (
                  <span key={i}>
                    {i ? '; ' : ''}
                    <span dir="auto">{th.name}</span> (<Count cell={th.residents} locale={locale} />)
                  </span>
                ))}
              </li>
            ) : null}
          </ul>
        </div>
      ))}
      <h3 className="govuk-heading-s">{t('cta.quotes')}</h3>
      <QuoteList quotes={section.quotes} />
      <h3 className="govuk-heading-s">{t('framework.votes_in_the_room')}</h3>
      <p className="govuk-body-s">{t('framework.votes_note')}</p>
      {section.events.length === 0 ? (
        <p className="govuk-body">{t('framework.no_events')}</p>
      ) : (
        <ScrollTable label={t('framework.events_caption', { code: section.code })}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">{t('framework.events_caption', { code: section.code })}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  {t('framework.event')}
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  {t('framework.voters')}
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  {t('framework.votes')}
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  {t('framework.room_questions')}
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {section.events.map((e) => (
                <tr className="govuk-table__row" key={e.id}>
                  <th scope="row" className="govuk-table__header">
                    {e.title} <span className="govuk-body-s">({formatDate(e.startsAt, locale)})</span>
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    <Count cell={e.voters} locale={locale} />
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    <Count cell={e.votes} locale={locale} />
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    <Count cell={e.questions} locale={locale} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {section.events
        .filter((e) => e.results.length)
        .map((e) => (
          <div key={e.id} data-testid={`event-results-${e.id}`}>
            <h4 className="govuk-heading-s">{t('framework.results_heading', { event: e.title })}</h4>
            {e.results.map((item) => (
              <EventItemResultTable key={item.id} item={item} locale={locale} />
            ))}
          </div>
        ))}
    </section>
  )
}

/** One poll's result: phones per option (first choices for a ranking), suppressed, with the share of phones that voted. */
function EventItemResultTable({ item, locale }: { item: EventItemResult; locale: string }) {
  const { t } = useTranslation('findings')
  return (
    <ScrollTable label={item.title}>
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s" dir="auto">
          {item.title}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {t('framework.option')}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {item.ranking ? t('framework.first_choice') : t('framework.phones')}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              {t('framework.share')}
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {item.rows.map((row, i) => (
            <tr className="govuk-table__row" key={i}>
              <th scope="row" className="govuk-table__header" dir="auto">
                {row.label}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">
                <Count cell={row.cell} locale={locale} />
              </td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{row.cell.kind === 'shown' && row.cell.percent !== undefined ? formatPercent(row.cell.percent, locale) : ''}</td>
            </tr>
          ))}
          <tr className="govuk-table__row">
            <th scope="row" className="govuk-table__header">
              {t('framework.voted')}
            </th>
            <td className="govuk-table__cell govuk-table__cell--numeric">
              <Count cell={item.voters} locale={locale} />
            </td>
            <td className="govuk-table__cell" />
          </tr>
        </tbody>
      </table>
      {item.multi ? <p className="govuk-body-s">{t('framework.multi_note')}</p> : null}
    </ScrollTable>
  )
}
