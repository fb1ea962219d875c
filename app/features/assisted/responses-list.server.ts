import type { DB } from '../../../db/connection.ts'
import { NOBODY, PAGE_SIZE, type VerificationStatus } from './responses-list.ts'

// The staff list of a consultation's submitted responses: how each arrived
// (method, language, who entered it, which import batch) and whether a paper
// form was checked by a second entry. No answers and no equality data.

export { NOBODY, PAGE_SIZE, type VerificationStatus }

export interface ResponseFilters {
  method?: string
  lang?: string
  batch?: string
  enterer?: string
}

export interface ResponseRow {
  id: string
  reference: string | null
  submittedAt: number
  channel: string
  locale: string
  enteredByName: string | null
  batchId: string | null
  formNumber: string | null
  verification: VerificationStatus
}

/** Reads the filters from the query string; a value that is not offered is ignored. */
export function readFilters(params: URLSearchParams, offered: FilterOptions): ResponseFilters {
  const pick = (name: string, allowed: string[]) => {
    const value = params.get(name)
    return value && allowed.includes(value) ? value : undefined
  }
  return {
    method: pick('method', offered.methods),
    lang: pick('lang', offered.languages),
    batch: pick('batch', offered.batches),
    enterer: pick('enterer', [...offered.enterers.map((e) => e.id), ...(offered.anyoneUnentered ? [NOBODY] : [])]),
  }
}

function base(db: DB, consultationId: string, filters: ResponseFilters) {
  let query = db.selectFrom('response').where('response.consultation_id', '=', consultationId).where('response.status', '=', 'submitted')
  if (filters.method) query = query.where('response.channel', '=', filters.method)
  if (filters.lang) query = query.where('response.locale', '=', filters.lang)
  if (filters.batch) query = query.where('response.batch_id', '=', filters.batch)
  if (filters.enterer === NOBODY) query = query.where('response.entered_by', 'is', null)
  else if (filters.enterer) query = query.where('response.entered_by', '=', filters.enterer)
  return query
}

/** One page (1-based) of responses, newest first, and how many match. */
export async function listResponses(db: DB, consultationId: string, filters: ResponseFilters, page = 1, pageSize = PAGE_SIZE) {
  const totalRow = await base(db, consultationId, filters)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const total = Number(totalRow.n)
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages)
  const rows = await base(db, consultationId, filters)
    .leftJoin('app_user', 'app_user.id', 'response.entered_by')
    .leftJoin('paper_form', 'paper_form.response_id', 'response.id')
    .leftJoin('paper_verification', 'paper_verification.response_id', 'response.id')
    .select([
      'response.id',
      'response.reference',
      'response.submitted_at',
      'response.created_at',
      'response.channel',
      'response.locale',
      'response.batch_id',
      'app_user.name as entered_by_name',
      'paper_form.form_number',
      'paper_verification.status as verification_status',
    ])
    .orderBy('response.submitted_at', 'desc')
    .orderBy('response.id', 'desc')
    .limit(pageSize)
    .offset((current - 1) * pageSize)
    .execute()
  return {
    total,
    page: current,
    pages,
    rows: rows.map(
      (r): ResponseRow => ({
        id: r.id,
        reference: r.reference,
        submittedAt: Number(r.submitted_at ?? r.created_at),
        channel: r.channel,
        locale: r.locale,
        enteredByName: r.entered_by_name,
        batchId: r.batch_id,
        formNumber: r.form_number,
        verification: verificationStatus(r.form_number, r.verification_status),
      }),
    ),
  }
}

export function verificationStatus(formNumber: string | null, status: string | null): VerificationStatus {
  if (status === 'matched' || status === 'mismatch' || status === 'resolved') return status
  return formNumber ? 'not_verified' : 'not_paper'
}

/** Submitted responses of the consultation counted by method and by language, largest first. */
export async function responseCounts(db: DB, consultationId: string) {
  const rows = await db
    .selectFrom('response')
    .select(['channel', 'locale', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', '=', consultationId)
    .where('status', '=', 'submitted')
    .groupBy(['channel', 'locale'])
    .execute()
  const sum = (key: 'channel' | 'locale') => {
    const out: Record<string, number> = {}
    for (const row of rows) out[row[key]] = (out[row[key]] ?? 0) + Number(row.n)
    return Object.entries(out).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  }
  return { total: rows.reduce((s, r) => s + Number(r.n), 0), byMethod: sum('channel'), byLanguage: sum('locale') }
}

export interface FilterOptions {
  methods: string[]
  languages: string[]
  batches: string[]
  enterers: { id: string; name: string }[]
  /** some responses were not entered by staff (online, imported) */
  anyoneUnentered: boolean
}

/** The values the filters offer: those present among this consultation's responses. */
export async function filterOptions(db: DB, consultationId: string): Promise<FilterOptions> {
  const submitted = db.selectFrom('response').where('response.consultation_id', '=', consultationId).where('response.status', '=', 'submitted')
  const [methods, languages, batches, enterers, unentered] = await Promise.all([
    submitted.select('channel').distinct().orderBy('channel').execute(),
    submitted.select('locale').distinct().orderBy('locale').execute(),
    submitted.select('batch_id').distinct().where('batch_id', 'is not', null).orderBy('batch_id').execute(),
    submitted
      .innerJoin('app_user', 'app_user.id', 'response.entered_by')
      .select(['app_user.id', 'app_user.name'])
      .distinct()
      .orderBy('app_user.name')
      .execute(),
    submitted.select('response.id').where('response.entered_by', 'is', null).limit(1).executeTakeFirst(),
  ])
  return {
    methods: methods.map((r) => r.channel),
    languages: languages.map((r) => r.locale),
    batches: batches.map((r) => r.batch_id!).filter(Boolean),
    enterers: enterers.map((r) => ({ id: r.id, name: r.name })),
    anyoneUnentered: Boolean(unentered),
  }
}

/** One response for the staff detail page: how it arrived and its paper trail (answers are loaded apart). */
export async function findResponseForStaff(db: DB, consultationId: string, responseId: string) {
  const row = await db
    .selectFrom('response')
    .leftJoin('app_user', 'app_user.id', 'response.entered_by')
    .leftJoin('paper_form', 'paper_form.response_id', 'response.id')
    .leftJoin('paper_verification', 'paper_verification.response_id', 'response.id')
    .select([
      'response.id',
      'response.reference',
      'response.channel',
      'response.locale',
      'response.survey_version_id',
      'response.submitted_at',
      'response.created_at',
      'response.batch_id',
      'response.interviewer_note',
      'app_user.name as entered_by_name',
      'paper_form.form_number',
      'paper_verification.status as verification_status',
    ])
    .where('response.id', '=', responseId)
    .where('response.consultation_id', '=', consultationId)
    .where('response.status', '=', 'submitted')
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    reference: row.reference,
    channel: row.channel,
    locale: row.locale,
    surveyVersionId: row.survey_version_id,
    submittedAt: Number(row.submitted_at ?? row.created_at),
    batchId: row.batch_id,
    note: row.interviewer_note,
    enteredByName: row.entered_by_name,
    formNumber: row.form_number,
    verification: verificationStatus(row.form_number, row.verification_status),
  }
}
