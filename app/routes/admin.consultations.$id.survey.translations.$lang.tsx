import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { BackLink, ErrorMessage, ErrorSummary, FormGroup, Hint, SuccessBanner, describedBy } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { formatDate, languageOf } from '~/features/i18n/config.ts'
import { loadTranslationContext } from '~/features/surveys/translation-context.server.ts'
import { MAX_LISTED_ERRORS, MAX_WORKBOOK_BYTES } from '~/features/surveys/translation-workbook.server.ts'
import { importTranslationWorkbook, saveTranslations, type SaveTranslationsResult } from '~/features/surveys/translations.server.ts'
import {
  FIELD_PREFIX,
  MAX_TEXT_LENGTH,
  XLSX_CONTENT_TYPE,
  fieldId,
  listTranslatableTexts,
  normaliseText,
  translationProgress,
  whereKey,
  type TranslatableText,
  type TranslationReport,
} from '~/features/surveys/translations.ts'
import { readForm } from '~/utils/http.server.ts'
import type { VersionNoticeFigures } from '~/features/surveys/builder-components.tsx'

export const handle = { hydrate: false }

// Translating a survey, side by side: each English text (read only) beside a
// box for its translation, question by question. Saved with one POST (no
// JavaScript needed), or filled in by a translator in a workbook and uploaded.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, lang, definition, status, consultation, consultationTitle } = await loadTranslationContext(request, params)
  const url = new URL(request.url)
  const missingOnly = url.searchParams.get('missing') === '1'
  const texts = definition ? listTranslatableTexts(definition, lang) : []
  const language = t(`languages.${lang}`)
  const savedParam = url.searchParams.get('saved')
  const count = (name: string) => Math.max(0, Number(url.searchParams.get(name) ?? 0) || 0)
  return {
    pageTitle: t('title', { language, title: consultationTitle }),
    id: consultation.id,
    title: consultationTitle,
    lang,
    dir: languageOf(lang).dir,
    language,
    base: status.base,
    version: status.current?.versionNumber ?? null,
    versionNotice: status.current && status.answered > 0 ? { version: status.current.versionNumber, next: status.current.versionNumber + 1, responses: status.submitted, inProgress: status.inProgress } : null,
    progress: definition ? translationProgress(definition, lang) : { translated: 0, total: 0 },
    missingOnly,
    texts: missingOnly ? texts.filter((text) => !text.translation.trim()) : texts,
    saved:
      savedParam === '1'
        ? { added: count('added'), changed: count('changed'), cleared: count('cleared'), unchanged: count('unchanged'), version: count('version'), newVersion: url.searchParams.get('new') === '1' }
        : null,
    nothingChanged: savedParam === '0',
    maxKb: Math.round(MAX_WORKBOOK_BYTES / 1024),
  }
}

interface PageError {
  /** the element the error summary links to */
  href: string
  key: string
  values?: Record<string, string | number>
}

interface ReportRow {
  id: string
  where: string
  before: string
  after: string
}

export interface ImportReport {
  added: ReportRow[]
  changed: ReportRow[]
  unchanged: number
  englishChanged: { id: string; where: string; exported: string; current: string }[]
  versionNumber: number | null
  newVersion: boolean
}

type ActionData = {
  errors?: PageError[]
  /** what the officer typed, shown again when the save was refused */
  values?: Record<string, string>
  conflict?: boolean
  /** problems in an uploaded workbook, listed beside the file field */
  fileErrors?: { key: string; values?: Record<string, string | number> }[]
  moreFileErrors?: number
  imported?: ImportReport
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await loadTranslationContext(request, params)
  const { db, consultation, user, lang, t, locale, definition } = context
  const form = await readForm(request)
  const intent = String(form.get('intent') ?? '')
  const base = String(form.get('base') ?? '')
  const texts = new Map((definition ? listTranslatableTexts(definition, lang) : []).map((text) => [text.id, text]))
  const where = (id: string) => {
    const text = texts.get(id)
    if (!text) return id
    const { key, values } = whereKey(text)
    return t(key, values)
  }
  const conflictError = (result: Extract<SaveTranslationsResult, { status: 'conflict' }>): PageError =>
    result.by && result.at
      ? { href: '#texts', key: 'errors.conflict', values: { by: result.by, at: formatDate(result.at, locale, { dateStyle: 'medium', timeStyle: 'short' }) } }
      : { href: '#texts', key: 'errors.conflict_unknown' }
  const invalid = (problems: string[]) => problems.slice(0, 20).map((problem, i) => ({ href: `#problem-${i}`, key: 'errors.invalid', values: { problem } }))

  if (intent === 'save') {
    const values: Record<string, string> = {}
    for (const [name, value] of form.entries()) {
      if (name.startsWith(FIELD_PREFIX) && typeof value === 'string') values[name.slice(FIELD_PREFIX.length)] = value
    }
    const result = await saveTranslations(db, consultation.id, lang, base, values, user.id, { blankClears: true, source: 'editor' })
    const here = `/admin/consultations/${consultation.id}/survey/translations/${lang}`
    const filter: Record<string, string> = new URL(request.url).searchParams.get('missing') === '1' ? { missing: '1' } : {}
    switch (result.status) {
      case 'saved': {
        const { report } = result
        const query = new URLSearchParams({
          ...filter,
          saved: '1',
          added: String(report.added.length),
          changed: String(report.changed.length),
          cleared: String(report.cleared.length),
          unchanged: String(report.unchanged),
          version: String(result.versionNumber),
        })
        if (result.newVersion) query.set('new', '1')
        return redirect(`${here}?${query}`)
      }
      case 'unchanged':
        return redirect(`${here}?${new URLSearchParams({ ...filter, saved: '0' })}`)
      case 'conflict':
        return Response.json({ errors: [conflictError(result)], values, conflict: true } satisfies ActionData, { status: 409 })
      case 'refused': {
        const errors: PageError[] = result.report.tooLong.map((id) => ({ href: `#${fieldId(id)}`, key: 'errors.too_long', values: { where: where(id), max: MAX_TEXT_LENGTH } }))
        if (result.report.unknown.length) errors.push({ href: '#texts', key: 'errors.unknown' })
        return Response.json({ errors, values } satisfies ActionData, { status: 400 })
      }
      case 'invalid':
        return Response.json({ errors: invalid(result.problems), values } satisfies ActionData, { status: 400 })
    }
  }

  if (intent === 'import') {
    const file = form.get('workbook')
    if (!file || typeof file === 'string' || file.size === 0) {
      // An empty file input posts a nameless, empty file: nothing was chosen, or the file is empty.
      const key = file && typeof file !== 'string' && file.name ? 'import.errors.empty' : 'errors.file_required'
      return Response.json({ errors: [{ href: '#workbook', key }] } satisfies ActionData, { status: 400 })
    }
    if (file.size > MAX_WORKBOOK_BYTES) {
      return Response.json({ errors: [{ href: '#workbook', key: 'import.errors.too_large', values: { max: Math.round(MAX_WORKBOOK_BYTES / 1024) } }] } satisfies ActionData, { status: 400 })
    }
    const bytes = new Uint8Array(await file.arrayBuffer())
    const result = await importTranslationWorkbook(db, consultation.id, lang, base, bytes, user.id)
    switch (result.status) {
      case 'file_errors': {
        const named = result.errors.map((error) => ({
          key: `import.errors.${error.key}`,
          // Languages are named, not coded, in the officer's language.
          values: Object.fromEntries(
            Object.entries(error.values ?? {}).map(([name, value]) => [name, name === 'found' || name === 'expected' ? t(`languages.${value}`) : value]),
          ),
        }))
        const listed = named.slice(0, MAX_LISTED_ERRORS)
        return Response.json(
          {
            errors: listed.map((error, i) => ({ href: `#workbook-problem-${i}`, ...error })),
            fileErrors: listed,
            moreFileErrors: named.length - listed.length,
          } satisfies ActionData,
          { status: 400 },
        )
      }
      case 'conflict':
        return Response.json({ errors: [{ ...conflictError(result), href: '#workbook', key: `${conflictError(result).key}_import` }] } satisfies ActionData, { status: 409 })
      case 'invalid':
        return Response.json({ errors: invalid(result.problems) } satisfies ActionData, { status: 400 })
      case 'refused':
        // importTranslationWorkbook turns refusals into file errors; kept for completeness of the switch.
        return Response.json({ errors: [{ href: '#workbook', key: 'errors.unknown' }] } satisfies ActionData, { status: 400 })
      case 'saved':
      case 'unchanged':
        return Response.json({
          imported: importReport(result.report, where, result.status === 'saved' ? result : null),
        } satisfies ActionData)
    }
  }
  throw new Response('bad_request', { status: 400 })
}

function importReport(report: TranslationReport, where: (id: string) => string, saved: { versionNumber: number; newVersion: boolean } | null): ImportReport {
  const rows = (changes: TranslationReport['added']) => changes.map((change) => ({ ...change, where: where(change.id) }))
  return {
    added: rows(report.added),
    changed: rows(report.changed),
    unchanged: report.unchanged,
    englishChanged: report.englishChanged.map((warning) => ({ ...warning, where: where(warning.id) })),
    versionNumber: saved?.versionNumber ?? null,
    newVersion: saved?.newVersion ?? false,
  }
}

export default function TranslateSurveyRoute() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const { t } = useTranslation('translate')
  const here = `/admin/consultations/${data.id}/survey/translations/${data.lang}`
  const errors = actionData?.errors ?? []
  const importError = Boolean(actionData?.fileErrors?.length) || errors.some((e) => e.href === '#workbook')
  const questions = groupByQuestion(data.texts)
  const complete = data.progress.total > 0 && data.progress.translated === data.progress.total

  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}/survey`} />
      <ErrorSummary errors={errors.map((error) => ({ href: error.href, text: t(error.key, error.values) }))} />
      {data.saved ? (
        <SuccessBanner
          title={t('saved.title')}
          message={
            <>
              {t('saved.counts', data.saved)} {t(data.saved.newVersion ? 'saved.new_version' : 'saved.same_version', { version: data.saved.version })}
            </>
          }
        />
      ) : null}
      {data.nothingChanged ? <NoticeBanner title={t('unchanged.title')} message={t('unchanged.message')} /> : null}
      {actionData?.imported ? <ImportedBanner report={actionData.imported} /> : null}

      <span className="govuk-caption-l">{data.title}</span>
      <h1 className="govuk-heading-l">{t('heading', { language: data.language })}</h1>

      {data.version === null ? (
        <p className="govuk-body">{t('no_survey')}</p>
      ) : (
        <>
          <p className="govuk-body" data-testid="translation-progress">
            {t('progress', { translated: data.progress.translated, total: data.progress.total, language: data.language })}{' '}
            <strong className={`govuk-tag ${complete ? 'govuk-tag--green' : 'govuk-tag--yellow'}`}>{t(complete ? 'complete' : 'incomplete')}</strong>
          </p>
          <VersionWarning notice={data.versionNotice} testId="version-notice" />

          {actionData?.imported ? <ImportDetails report={actionData.imported} lang={data.lang} dir={data.dir} /> : null}

          <nav className="govuk-body" aria-label={t('filter.label')}>
            <ul className="govuk-list hys-inline-list">
              <li>
                {data.missingOnly ? (
                  <a className="govuk-link" href={here}>
                    {t('filter.all')}
                  </a>
                ) : (
                  <strong aria-current="page">{t('filter.all')}</strong>
                )}
              </li>
              <li>
                {data.missingOnly ? (
                  <strong aria-current="page">{t('filter.missing')}</strong>
                ) : (
                  <a className="govuk-link" href={`${here}?missing=1`}>
                    {t('filter.missing')}
                  </a>
                )}
              </li>
            </ul>
          </nav>

          <form method="post" noValidate id="texts">
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="base" value={data.base} />
            {questions.length === 0 ? <p className="govuk-body">{t('filter.none_missing', { language: data.language })}</p> : null}
            {questions.map(({ number, texts }) => (
              <section key={number} aria-labelledby={`question-${number}`} className="govuk-!-margin-bottom-8">
                <h2 className="govuk-heading-m" id={`question-${number}`}>
                  {t('question', { number })}
                </h2>
                {texts.map((text) => (
                  <TextField
                    key={text.id}
                    text={text}
                    lang={data.lang}
                    dir={data.dir}
                    language={data.language}
                    value={actionData?.values?.[text.id] ?? text.translation}
                    conflict={Boolean(actionData?.conflict)}
                    error={errors.find((e) => e.href === `#${fieldId(text.id)}`)}
                  />
                ))}
              </section>
            ))}
            {questions.length ? (
              <>
                <VersionWarning notice={data.versionNotice} />
                <button type="submit" className="govuk-button" data-module="govuk-button" id="save">
                  {t('save')}
                </button>
              </>
            ) : null}
          </form>

          <h2 className="govuk-heading-m">{t('workbook.heading')}</h2>
          <p className="govuk-body">{t('workbook.intro')}</p>
          <p className="govuk-body">
            <a className="govuk-link" href={`${here}.xlsx`} download>
              {t('workbook.download', { language: data.language, version: data.version })}
            </a>
          </p>
          <form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="import" />
            <input type="hidden" name="base" value={data.base} />
            <FormGroup error={importError}>
              <label className="govuk-label govuk-label--s" htmlFor="workbook">
                {t('workbook.upload_label')}
              </label>
              <Hint id="workbook-hint">{t('workbook.upload_hint', { max: data.maxKb })}</Hint>
              {importError ? (
                <div id="workbook-error">
                  {actionData?.fileErrors?.length ? (
                    <>
                      <ErrorMessage id="workbook-error-title">{t('errors.file_rejected')}</ErrorMessage>
                      <ul className="govuk-list govuk-list--bullet govuk-error-message">
                        {actionData.fileErrors.map((error, i) => (
                          <li key={i} id={`workbook-problem-${i}`}>
                            {t(error.key, error.values)}
                          </li>
                        ))}
                        {actionData.moreFileErrors ? <li>{t('errors.more', { count: actionData.moreFileErrors })}</li> : null}
                      </ul>
                    </>
                  ) : (
                    errors
                      .filter((e) => e.href === '#workbook')
                      .map((e) => (
                        <ErrorMessage id="workbook-error-title" key={e.key}>
                          {t(e.key, e.values)}
                        </ErrorMessage>
                      ))
                  )}
                </div>
              ) : null}
              <input
                className={`govuk-file-upload${importError ? ' govuk-file-upload--error' : ''}`}
                id="workbook"
                name="workbook"
                type="file"
                accept={`.xlsx,${XLSX_CONTENT_TYPE}`}
                aria-describedby={describedBy('workbook-hint', importError && 'workbook-error')}
              />
            </FormGroup>
            <VersionWarning notice={data.versionNotice} />
            <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              {t('workbook.upload')}
            </button>
          </form>
        </>
      )}
      {errors.some((e) => e.key === 'errors.invalid') ? (
        <ul className="govuk-list govuk-list--bullet hys-ltr">
          {errors
            .filter((e) => e.key === 'errors.invalid')
            .map((e, i) => (
              <li key={i} id={`problem-${i}`}>
                <code>{String(e.values?.problem ?? '')}</code>
              </li>
            ))}
        </ul>
      ) : null}
    </>
  )
}

type LoaderText = ReturnType<typeof useLoaderData<typeof loader>>['texts'][number]

function groupByQuestion(texts: LoaderText[]) {
  const groups: { number: number; texts: LoaderText[] }[] = []
  for (const text of texts) {
    const last = groups[groups.length - 1]
    if (last?.number === text.questionNumber) last.texts.push(text)
    else groups.push({ number: text.questionNumber, texts: [text] })
  }
  return groups
}

function TextField({
  text,
  lang,
  dir,
  language,
  value,
  conflict,
  error,
}: {
  text: TranslatableText
  lang: string
  dir: string
  language: string
  value: string
  conflict: boolean
  error?: PageError
}) {
  const { t } = useTranslation('translate')
  const id = fieldId(text.id)
  const label = { key: `label.${text.kind}`, values: { position: text.position } }
  const missing = !text.translation.trim()
  // After a refused save: what is saved now, where it is not what the officer typed.
  const savedNow = conflict && normaliseText(value) !== normaliseText(text.translation)
  return (
    <FormGroup error={Boolean(error)}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">
            {t(label.key, { ...label.values, language: t('languages.en') })}
          </p>
          <div className="govuk-inset-text govuk-!-margin-top-0 hys-pre-wrap" lang="en" dir="ltr" id={`${id}-english`}>
            {text.english}
          </div>
        </div>
        <div className="govuk-grid-column-one-half">
          <label className="govuk-label govuk-label--s" htmlFor={id}>
            {t(label.key, { ...label.values, language })}
            {missing ? <strong className="govuk-tag govuk-tag--yellow hys-tag-after">{t('missing_tag')}</strong> : null}
          </label>
          {error ? <ErrorMessage id={`${id}-error`}>{t(error.key, error.values)}</ErrorMessage> : null}
          <textarea
            className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
            id={id}
            name={`${FIELD_PREFIX}${text.id}`}
            rows={Math.min(8, Math.max(2, Math.ceil(Math.max(text.english.length, value.length) / 50)))}
            lang={lang}
            dir={dir}
            defaultValue={value}
            aria-describedby={describedBy(`${id}-english`, error && `${id}-error`, savedNow && `${id}-saved`)}
          />
          {savedNow ? (
            <div className="govuk-inset-text govuk-!-margin-top-0" id={`${id}-saved`}>
              <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{t('saved_now')}</p>
              <p className="govuk-body hys-pre-wrap" lang={text.translation ? lang : undefined} dir={text.translation ? dir : undefined}>
                {text.translation || t('saved_now_empty')}
              </p>
            </div>
          ) : null}
        </div>
      </div>
    </FormGroup>
  )
}

function VersionWarning({ notice, testId }: { notice: VersionNoticeFigures | null; testId?: string }) {
  const { t } = useTranslation('translate')
  if (!notice) return null
  return (
    <div className="govuk-warning-text" data-testid={testId}>
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">{t('warning')}</span>
        {t('version_notice', notice)}
        {notice.inProgress > 0 ? ` ${t('version_notice_in_progress', { count: notice.inProgress, version: notice.version })}` : null}
      </strong>
    </div>
  )
}

/** A GOV.UK notification banner (not a success): nothing happened, and why. */
function NoticeBanner({ title, message }: { title: string; message: string }) {
  return (
    <div className="govuk-notification-banner" role="region" aria-labelledby="notice-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="notice-title">
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{message}</p>
      </div>
    </div>
  )
}

function ImportedBanner({ report }: { report: ImportReport }) {
  const { t } = useTranslation('translate')
  const counts = t('report.counts', { added: report.added.length, changed: report.changed.length, unchanged: report.unchanged })
  if (report.versionNumber === null) return <NoticeBanner title={t('unchanged.title')} message={`${t('report.nothing')} ${counts}`} />
  return (
    <SuccessBanner
      title={t('report.title')}
      message={
        <>
          {counts} {t(report.newVersion ? 'saved.new_version' : 'saved.same_version', { version: report.versionNumber })}{' '}
          <a className="govuk-notification-banner__link" href="#import-report">
            {t('report.see')}
          </a>
        </>
      }
    />
  )
}

function ImportDetails({ report, lang, dir }: { report: ImportReport; lang: string; dir: string }) {
  const { t } = useTranslation('translate')
  const table = (caption: string, rows: ReportRow[], withBefore: boolean) =>
    rows.length ? (
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {t('report.where')}
            </th>
            {withBefore ? (
              <th scope="col" className="govuk-table__header">
                {t('report.before')}
              </th>
            ) : null}
            <th scope="col" className="govuk-table__header">
              {t(withBefore ? 'report.after' : 'report.translation')}
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row) => (
            <tr className="govuk-table__row" key={row.id}>
              <th scope="row" className="govuk-table__header">
                {row.where}
              </th>
              {withBefore ? (
                <td className="govuk-table__cell hys-pre-wrap" lang={lang} dir={dir}>
                  {row.before}
                </td>
              ) : null}
              <td className="govuk-table__cell hys-pre-wrap" lang={lang} dir={dir}>
                {row.after}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    ) : null
  return (
    <section id="import-report" aria-labelledby="import-report-heading">
      <h2 className="govuk-heading-m" id="import-report-heading">
        {t('report.heading')}
      </h2>
      {report.englishChanged.length ? (
        <>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">{t('warning')}</span>
              {t('report.english_changed', { count: report.englishChanged.length })}
            </strong>
          </div>
          <table className="govuk-table">
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  {t('report.where')}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t('report.english_then')}
                </th>
                <th scope="col" className="govuk-table__header">
                  {t('report.english_now')}
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {report.englishChanged.map((row) => (
                <tr className="govuk-table__row" key={row.id}>
                  <th scope="row" className="govuk-table__header">
                    <a className="govuk-link" href={`#${fieldId(row.id)}`}>
                      {row.where}
                    </a>
                  </th>
                  <td className="govuk-table__cell hys-pre-wrap" lang="en" dir="ltr">
                    {row.exported}
                  </td>
                  <td className="govuk-table__cell hys-pre-wrap" lang="en" dir="ltr">
                    {row.current}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {table(t('report.added'), report.added, false)}
      {table(t('report.changed'), report.changed, true)}
      <p className="govuk-body">{t('report.unchanged', { count: report.unchanged })}</p>
    </section>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
