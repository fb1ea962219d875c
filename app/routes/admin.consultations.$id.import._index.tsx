import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import importStyles from '~/styles/imports.scss?url'
import { BackLink, ErrorMessage, ErrorSummary, FormGroup, Hint, SuccessBanner, describedBy } from '~/components/govuk.tsx'
import { GeneralErrorBoundary } from '~/components/error-boundary.tsx'
import { loadConsultationForOfficer } from '~/features/consultations/officer-context.server.ts'
import { formatDate, formatNumber } from '~/features/i18n/config.ts'
import { MAX_IMPORT_BYTES } from '~/features/imports/columns.ts'
import { readAheadAfterDeletion } from '~/features/analysis/warm-up.server.ts'
import { checkImportFile, currentImportSurvey, listBatches, rollbackBatch, storeImport } from '~/features/imports/imports.server.ts'
import type { ImportProblem } from '~/features/imports/validate-rows.ts'
import { readForm } from '~/utils/http.server.ts'
import { getLocale, i18n } from '~/utils/i18next.server.ts'

export const handle = { hydrate: false }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: importStyles }]

// Imports of responses partners collected on their own sheets: templates to
// download, a file to upload (checked whole; stored only without a single
// problem, in one transaction), the batches imported so far, and a rollback
// for admins (asked to confirm first).

const MAX_MB = MAX_IMPORT_BYTES / 1024 / 1024
/** A multipart body holds the file and a few small fields besides. */
const MAX_REQUEST_BYTES = MAX_IMPORT_BYTES + 64 * 1024

interface PageError {
  href: string
  key: string
  values?: Record<string, string | number>
}

type ActionData = {
  errors: PageError[]
  /** the file's problems, listed (the first MAX_LISTED_PROBLEMS) */
  problems?: ImportProblem[]
  problemCount?: number
  fileName?: string
}

const fail = (status: number, errors: PageError[], extra: Omit<ActionData, 'errors'> = {}) => Response.json({ errors, ...extra } satisfies ActionData, { status })

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, db, consultation } = await loadConsultationForOfficer(request, params.id)
  const locale = await getLocale(request)
  const t = await i18n.getFixedT(locale, ['imports', 'common'])
  const survey = await currentImportSurvey(db, consultation.id)
  const batches = (await listBatches(db, consultation.id)).map((b) => ({
    ...b,
    createdAtText: formatDate(b.createdAt, locale, { dateStyle: 'medium', timeStyle: 'short' }),
    rolledBackAtText: b.rolledBackAt === null ? null : formatDate(b.rolledBackAt, locale, { dateStyle: 'medium', timeStyle: 'short' }),
  }))
  const url = new URL(request.url)
  const batchOf = (param: string) => {
    const id = url.searchParams.get(param)
    return id ? batches.find((b) => b.id === id) : undefined
  }
  const imported = batchOf('imported')
  const rolledBack = batchOf('rolled_back')
  const confirming = user.role === 'admin' ? batchOf('confirm') : undefined
  // server.mjs refused the upload unread (over the import limit) and passed the request on as a GET.
  const tooLarge = context.importTooLarge === true
  const title = consultation.content.en?.title ?? consultation.slug
  const data = {
    pageTitle: `${tooLarge ? `${t('error_prefix', { ns: 'common' })} ` : ''}${t('title', { title })}`,
    id: consultation.id,
    title,
    version: survey?.versionNumber ?? null,
    isAdmin: user.role === 'admin',
    batches,
    imported: imported ? { file: imported.fileName, count: imported.rowCount } : null,
    rolledBack: rolledBack && rolledBack.rolledBackAt !== null ? { file: rolledBack.fileName, count: rolledBack.rowCount } : null,
    confirm: confirming && confirming.rolledBackAt === null ? { id: confirming.id, file: confirming.fileName, count: confirming.rowCount } : null,
    tooLarge,
  }
  return Response.json(data, { status: tooLarge ? 413 : 200, headers: { 'Cache-Control': 'no-store' } })
}

type LoaderData = {
  pageTitle: string
  id: string
  title: string
  version: number | null
  isAdmin: boolean
  batches: {
    id: string
    fileName: string
    rowCount: number
    versionNumber: number
    createdBy: string
    rolledBackAt: number | null
    rolledBackBy: string | null
    createdAtText: string
    rolledBackAtText: string | null
  }[]
  imported: { file: string; count: number } | null
  rolledBack: { file: string; count: number } | null
  confirm: { id: string; file: string; count: number } | null
  tooLarge: boolean
}

/** The name the browser gave the file, without a path or control characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  // eslint-disable-next-line no-control-regex
  const clean = [...base.replace(/[\u0000-\u001f\u007f]/g, '').trim()].slice(0, 200).join('')
  return clean || 'upload'
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, consultation } = await loadConsultationForOfficer(request, params.id)
  const here = `/admin/consultations/${consultation.id}/import`
  // server.mjs refuses larger bodies first; this holds wherever else the app runs.
  if (Number(request.headers.get('content-length') ?? 0) > MAX_REQUEST_BYTES) {
    return fail(413, [{ href: '#file', key: 'file.too_large', values: { max: MAX_MB } }])
  }
  const form = await readForm(request)
  const intent = form.get('intent')

  if (intent === 'rollback') {
    // Only admins may delete imported responses; the button is shown only to them.
    if (user.role !== 'admin') throw new Response('forbidden', { status: 403 })
    const result = await rollbackBatch(db, { consultationId: consultation.id, batchId: String(form.get('batch') ?? ''), userId: user.id })
    if (result.status === 'not_found') return fail(404, [{ href: '#batches', key: 'errors.not_found' }])
    if (result.status === 'already_rolled_back') return fail(409, [{ href: '#batches', key: 'errors.already_rolled_back' }])
    readAheadAfterDeletion(db, consultation.id)
    return redirect(`${here}?rolled_back=${encodeURIComponent(String(form.get('batch')))}#batches`)
  }
  if (intent !== 'import') throw new Response('bad_request', { status: 400 })

  const survey = await currentImportSurvey(db, consultation.id)
  if (!survey) return fail(400, [{ href: '#file', key: 'no_survey' }])
  const file = form.get('file')
  // An empty file input posts a nameless, empty file: nothing was chosen.
  if (!file || typeof file === 'string' || (file.size === 0 && !file.name)) return fail(400, [{ href: '#file', key: 'file.required' }])
  const fileName = cleanFileName(file.name)
  if (file.size > MAX_IMPORT_BYTES) return fail(413, [{ href: '#file', key: 'file.too_large', values: { max: MAX_MB } }], { fileName })
  const bytes = new Uint8Array(await file.arrayBuffer())
  const checked = await checkImportFile(db, { consultationId: consultation.id, survey, bytes, fileName })
  if (!checked.ok) {
    const [first] = checked.problems
    // A problem with the file as a whole is the file field's error; problems in rows are listed in a table.
    if (checked.problemCount === 1 && first && first.row === null) {
      return fail(400, [{ href: '#file', key: first.key, values: first.values }], { fileName })
    }
    return fail(400, [{ href: '#problems', key: 'problems.summary', values: { count: checked.problemCount } }], {
      problems: checked.problems,
      problemCount: checked.problemCount,
      fileName,
    })
  }
  const stored = await storeImport(db, { consultationId: consultation.id, survey, fileName, format: checked.format, rows: checked.rows, userId: user.id })
  if (stored.status === 'duplicate') return fail(409, [{ href: '#file', key: 'errors.duplicate' }], { fileName })
  return redirect(`${here}?imported=${stored.batchId}`)
}

export default function ImportResponsesRoute() {
  const data = useLoaderData<LoaderData>()
  const actionData = useActionData<ActionData>()
  const { t, i18n: instance } = useTranslation('imports')
  const locale = instance.language
  const here = `/admin/consultations/${data.id}/import`
  const errors: PageError[] = data.tooLarge ? [{ href: '#file', key: 'file.too_large', values: { max: MAX_MB } }] : (actionData?.errors ?? [])
  const fileError = errors.find((e) => e.href === '#file') ?? (actionData?.problems ? errors[0] : undefined)
  const problems = actionData?.problems ?? []
  const problemCount = actionData?.problemCount ?? 0
  return (
    <>
      <BackLink href={`/admin/consultations/${data.id}`} />
      <ErrorSummary errors={errors.map((e) => ({ href: e.href, text: t(e.key, e.values) }))} />
      {data.imported && !actionData ? (
        <SuccessBanner title={t('imported.title')} message={t('imported.message', { count: data.imported.count, file: data.imported.file })} />
      ) : null}
      {data.rolledBack && !actionData ? (
        <SuccessBanner title={t('rolled_back.title')} message={t('rolled_back.message', { count: data.rolledBack.count, file: data.rolledBack.file })} />
      ) : null}
      <span className="govuk-caption-l">{data.title}</span>
      <h1 className="govuk-heading-l">{t('heading')}</h1>

      {data.confirm ? (
        <div className="govuk-inset-text hys-import-confirm" id="confirm">
          <h2 className="govuk-heading-m">{t('confirm.heading', { file: data.confirm.file })}</h2>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">{t('confirm.warning_label')}</span>
              {t('confirm.warning', { count: data.confirm.count })}
            </strong>
          </div>
          <form method="post" className="govuk-button-group">
            <input type="hidden" name="intent" value="rollback" />
            <input type="hidden" name="batch" value={data.confirm.id} />
            <button type="submit" className="govuk-button govuk-button--warning" data-module="govuk-button">
              {t('confirm.submit')}
            </button>
            <a className="govuk-link" href={`${here}#batches`}>
              {t('confirm.cancel')}
            </a>
          </form>
        </div>
      ) : null}

      {data.version === null ? (
        <p className="govuk-body">{t('no_survey')}</p>
      ) : (
        <>
          <p className="govuk-body">{t('intro', { version: data.version })}</p>
          <p className="govuk-body">{t('all_or_nothing')}</p>
          <h2 className="govuk-heading-m">{t('templates.heading')}</h2>
          <ul className="govuk-list">
            <li>
              <a className="govuk-link" href={`${here}/template.csv`} download>
                {t('templates.csv')}
              </a>
            </li>
            <li>
              <a className="govuk-link" href={`${here}/template.xlsx`} download>
                {t('templates.xlsx')}
              </a>
            </li>
          </ul>
          <p className="govuk-hint">{t('templates.hint')}</p>

          <h2 className="govuk-heading-m">{t('upload.heading')}</h2>
          {problems.length ? (
            <div id="problems" tabIndex={-1}>
              <table className="govuk-table hys-import-problems">
                <caption className="govuk-table__caption govuk-table__caption--s">{t('problems.caption', { file: actionData?.fileName ?? '' })}</caption>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      {t('problems.row')}
                    </th>
                    <th scope="col" className="govuk-table__header">
                      {t('problems.column')}
                    </th>
                    <th scope="col" className="govuk-table__header">
                      {t('problems.problem')}
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {problems.map((problem, i) => (
                    <tr className="govuk-table__row" key={i} data-testid="import-problem">
                      <td className="govuk-table__cell">{problem.row === null ? t('problems.whole_file') : formatNumber(problem.row, locale)}</td>
                      <td className="govuk-table__cell">
                        {problem.column ? (
                          <code className="hys-ltr" lang="en">
                            {problem.column}
                          </code>
                        ) : (
                          t('problems.whole_row')
                        )}
                      </td>
                      <td className="govuk-table__cell">{t(problem.key, problem.values)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {problemCount > problems.length ? <p className="govuk-body">{t('problems.showing', { shown: problems.length, count: problemCount })}</p> : null}
            </div>
          ) : null}
          <form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="import" />
            <FormGroup error={Boolean(fileError)}>
              <label className="govuk-label govuk-label--s" htmlFor="file">
                {t('upload.label')}
              </label>
              <Hint id="file-hint">{t('upload.hint', { max: MAX_MB })}</Hint>
              {fileError ? <ErrorMessage id="file-error">{t(fileError.key, fileError.values)}</ErrorMessage> : null}
              <input
                className={`govuk-file-upload${fileError ? ' govuk-file-upload--error' : ''}`}
                id="file"
                name="file"
                type="file"
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby={describedBy('file-hint', fileError && 'file-error')}
              />
            </FormGroup>
            <button type="submit" className="govuk-button" data-module="govuk-button">
              {t('upload.submit')}
            </button>
          </form>
        </>
      )}

      <h2 className="govuk-heading-m" id="batches" tabIndex={-1}>
        {t('batches.heading')}
      </h2>
      {data.batches.length === 0 ? <p className="govuk-body">{t('batches.none')}</p> : null}
      {data.batches.map((batch) => (
        <div className="govuk-summary-card" key={batch.id} data-testid="import-batch">
          <div className="govuk-summary-card__title-wrapper">
            <h3 className="govuk-summary-card__title hys-import-file">{batch.fileName}</h3>
            {data.isAdmin && batch.rolledBackAt === null ? (
              <ul className="govuk-summary-card__actions">
                <li className="govuk-summary-card__action">
                  <a className="govuk-link" href={`${here}?confirm=${batch.id}#confirm`}>
                    {t('batches.roll_back')}
                    <span className="govuk-visually-hidden"> {t('batches.roll_back_hidden', { file: batch.fileName })}</span>
                  </a>
                </li>
              </ul>
            ) : null}
          </div>
          <div className="govuk-summary-card__content">
            <dl className="govuk-summary-list">
              <Row label={t('batches.rows')} value={formatNumber(batch.rowCount, locale)} />
              <Row label={t('batches.version')} value={formatNumber(batch.versionNumber, locale)} />
              <Row label={t('batches.by')} value={batch.createdBy} />
              <Row label={t('batches.when')} value={batch.createdAtText} />
              <Row
                label={t('batches.status')}
                value={
                  batch.rolledBackAt === null ? (
                    <strong className="govuk-tag govuk-tag--green">{t('batches.imported')}</strong>
                  ) : (
                    <strong className="govuk-tag govuk-tag--grey">{t('batches.rolled_back', { date: batch.rolledBackAtText ?? '', name: batch.rolledBackBy ?? '' })}</strong>
                  )
                }
              />
            </dl>
          </div>
        </div>
      ))}
      {data.batches.length && !data.isAdmin ? <p className="govuk-hint">{t('batches.admin_only')}</p> : null}
    </>
  )
}

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  )
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
