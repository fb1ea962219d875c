import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { requireUser } from '~/features/auth/auth.server.ts'
import { findConsultationForStaff } from '~/features/consultations/manage.server.ts'
import { filterOptions, listResponses, readFilters, responseCounts } from '~/features/assisted/responses-list.server.ts'
import { NOBODY, PAGE_SIZE } from '~/features/assisted/responses-list.ts'
import { VerificationTag } from '~/features/assisted/staff-components.tsx'
import { formatDate, formatNumber, languageOf } from '~/features/i18n/config.ts'
import { getDb } from '~/utils/db.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'
import styles from '~/features/assisted/assisted.css?url'

export const handle = { hydrate: false }
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

// Every submitted response of a consultation, how it arrived and who entered
// it, with counts by method and language. Filters are a GET form (no
// JavaScript needed); 50 a page. No answers and no equality data here.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, ['admin', 'officer', 'analyst'])
  const db = await getDb()
  const consultation = await findConsultationForStaff(db, params.id ?? '')
  if (!consultation) throw new Response('not_found', { status: 404 })
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, 'assisted')
  const url = new URL(request.url)
  const options = await filterOptions(db, consultation.id)
  const filters = readFilters(url.searchParams, options)
  const page = Number(url.searchParams.get('page') ?? 1)
  const [list, counts] = await Promise.all([listResponses(db, consultation.id, filters, page), responseCounts(db, consultation.id)])
  const title = consultation.content.en?.title ?? consultation.slug
  return {
    pageTitle: t('responses.title', { title }),
    id: consultation.id,
    title,
    locale,
    canManage: user.role === 'admin' || user.role === 'officer',
    options,
    filters,
    counts,
    total: list.total,
    page: list.page,
    pages: list.pages,
    pageSize: PAGE_SIZE,
    rows: list.rows.map((row) => ({ ...row, submittedAt: formatDate(row.submittedAt, locale, { dateStyle: 'medium', timeStyle: 'short' }) })),
  }
}

export default function ResponsesListRoute() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation('assisted')
  const n = (value: number) => formatNumber(value, data.locale)
  const method = (code: string) => t(`methods.${code}`, { defaultValue: code })
  const language = (code: string) => (
    <span lang={code} dir={languageOf(code).dir}>
      {languageOf(code).code === code ? languageOf(code).name : code}
    </span>
  )
  const pageHref = (page: number) => {
    const query = new URLSearchParams(Object.entries(data.filters).filter((e): e is [string, string] => Boolean(e[1])))
    if (page > 1) query.set('page', String(page))
    const text = query.toString()
    return `/admin/consultations/${data.id}/responses${text ? `?${text}` : ''}`
  }
  const first = data.total ? (data.page - 1) * data.pageSize + 1 : 0
  const last = Math.min(data.page * data.pageSize, data.total)
  const filtered = Object.values(data.filters).some(Boolean)
  return (
    <>
      <BackLink href={data.canManage ? `/admin/consultations/${data.id}` : '/admin/consultations'} />
      <span className="govuk-caption-l">{data.title}</span>
      <h1 className="govuk-heading-l">{t('responses.heading')}</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <table className="govuk-table" data-testid="counts-by-method">
            <caption className="govuk-table__caption govuk-table__caption--s">{t('responses.by_method')}</caption>
            <tbody className="govuk-table__body">
              {data.counts.byMethod.map(([code, count]) => (
                <tr className="govuk-table__row" key={code}>
                  <th scope="row" className="govuk-table__header">
                    {method(code)}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{n(count)}</td>
                </tr>
              ))}
              <tr className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {t('responses.total')}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{n(data.counts.total)}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <div className="govuk-grid-column-one-half">
          <table className="govuk-table" data-testid="counts-by-language">
            <caption className="govuk-table__caption govuk-table__caption--s">{t('responses.by_language')}</caption>
            <tbody className="govuk-table__body">
              {data.counts.byLanguage.map(([code, count]) => (
                <tr className="govuk-table__row" key={code}>
                  <th scope="row" className="govuk-table__header">
                    {language(code)}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{n(count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <form method="get" action={`/admin/consultations/${data.id}/responses`} className="hys-filters">
        <h2 className="govuk-heading-m">{t('responses.filter')}</h2>
        <div className="hys-filter-row">
          <FilterSelect name="method" label={t('responses.method')} value={data.filters.method} options={data.options.methods.map((code) => ({ value: code, label: method(code) }))} />
          <FilterSelect
            name="lang"
            label={t('responses.language')}
            value={data.filters.lang}
            options={data.options.languages.map((code) => ({ value: code, label: languageOf(code).code === code ? languageOf(code).name : code }))}
          />
          <FilterSelect name="batch" label={t('responses.batch')} value={data.filters.batch} options={data.options.batches.map((b) => ({ value: b, label: b }))} />
          <FilterSelect
            name="enterer"
            label={t('responses.entered_by')}
            value={data.filters.enterer}
            options={[
              ...data.options.enterers.map((e) => ({ value: e.id, label: e.name })),
              ...(data.options.anyoneUnentered ? [{ value: NOBODY, label: t('responses.nobody') }] : []),
            ]}
          />
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            {t('responses.apply')}
          </button>
          {filtered ? (
            <a className="govuk-link" href={`/admin/consultations/${data.id}/responses`}>
              {t('responses.clear')}
            </a>
          ) : null}
        </div>
      </form>

      <p className="govuk-body" role="status" data-testid="result-count">
        {data.total ? t('responses.showing', { first: n(first), last: n(last), total: n(data.total) }) : t('responses.none')}
      </p>
      {data.rows.length ? (
        <div className="hys-table-scroll" tabIndex={0} role="region" aria-label={t('responses.table_label')}>
          <table className="govuk-table govuk-table--small-text-until-tablet" data-testid="responses">
            <caption className="govuk-visually-hidden">{t('responses.table_label')}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  {t('responses.reference')}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t('responses.submitted')}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t('responses.method')}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t('responses.language')}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t('responses.entered_by')}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t('responses.batch')}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t('responses.verification')}
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {data.rows.map((row) => (
                <tr className="govuk-table__row" key={row.id}>
                  <td className="govuk-table__cell">
                    <a className="govuk-link hys-ltr" href={`/admin/consultations/${data.id}/responses/${row.id}`}>
                      {row.reference}
                    </a>
                  </td>
                  <td className="govuk-table__cell">{row.submittedAt}</td>
                  <td className="govuk-table__cell">{method(row.channel)}</td>
                  <td className="govuk-table__cell">{language(row.locale)}</td>
                  <td className="govuk-table__cell">{row.enteredByName ?? '–'}</td>
                  <td className="govuk-table__cell hys-ltr">{row.batchId ?? '–'}</td>
                  <td className="govuk-table__cell">
                    <VerificationTag status={row.verification} />
                    {row.verification === 'not_paper' ? <span aria-hidden="true">–</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data.pages > 1 ? (
        <nav className="govuk-pagination" aria-label={t('responses.pages')}>
          {data.page > 1 ? (
            <div className="govuk-pagination__prev">
              <a className="govuk-link govuk-pagination__link" href={pageHref(data.page - 1)} rel="prev">
                <span className="govuk-pagination__link-title">{t('responses.previous')}</span>
              </a>
            </div>
          ) : null}
          <ul className="govuk-pagination__list">
            {pageNumbers(data.page, data.pages).map((p, i) =>
              p === null ? (
                <li className="govuk-pagination__item govuk-pagination__item--ellipses" key={`gap-${i}`}>
                  ⋯
                </li>
              ) : (
                <li className={`govuk-pagination__item${p === data.page ? ' govuk-pagination__item--current' : ''}`} key={p}>
                  <a
                    className="govuk-link govuk-pagination__link"
                    href={pageHref(p)}
                    aria-label={t('responses.page_n', { n: p })}
                    aria-current={p === data.page ? 'page' : undefined}
                  >
                    {n(p)}
                  </a>
                </li>
              ),
            )}
          </ul>
          {data.page < data.pages ? (
            <div className="govuk-pagination__next">
              <a className="govuk-link govuk-pagination__link" href={pageHref(data.page + 1)} rel="next">
                <span className="govuk-pagination__link-title">{t('responses.next')}</span>
              </a>
            </div>
          ) : null}
        </nav>
      ) : null}
    </>
  )
}

/** The pages the pagination shows: first, last, and those around the current one; null is a gap. */
function pageNumbers(current: number, pages: number): (number | null)[] {
  const shown = [...new Set([1, current - 1, current, current + 1, pages])].filter((p) => p >= 1 && p <= pages).sort((a, b) => a - b)
  return shown.flatMap((p, i) => (i > 0 && p - shown[i - 1]! > 1 ? [null, p] : [p]))
}

function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: { value: string; label: string }[] }) {
  const { t } = useTranslation('assisted')
  return (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={`filter-${name}`}>
        {label}
      </label>
      <select className="govuk-select" id={`filter-${name}`} name={name} defaultValue={value ?? ''}>
        <option value="">{t('responses.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
