import QRCode from 'qrcode'
import type { DB } from '../../../db/connection.ts'
import { recordAudit } from '../audit/audit.server.ts'
import type { StaffConsultation } from '../consultations/manage.server.ts'
import { getWards } from '../responses/resident-flow.server.ts'
import { resources } from '../i18n/resources.ts'
import { parseSurveyDefinition, type SurveyDefinition } from '../surveys/definition.ts'
import { surveyStatus } from '../surveys/survey-versions.server.ts'
import { newFormNumber } from './form-numbers.ts'
import type { PaperOptions } from './paper-options.ts'

// Printing paper forms: every copy gets its own form number, recorded with the
// survey version and language it was printed in, and the printing is audited.

export interface PaperSurvey {
  versionId: string
  versionNumber: number
  definition: SurveyDefinition
}

/** The consultation's current survey version, or null when it has none yet. */
export async function loadPaperSurvey(db: DB, consultationId: string): Promise<PaperSurvey | null> {
  const { current } = await surveyStatus(db, consultationId)
  if (!current) return null
  const parsed = parseSurveyDefinition(JSON.parse(current.definition))
  if (!parsed.ok) return null
  return { versionId: current.id, versionNumber: current.versionNumber, definition: parsed.definition }
}

/** `count` new form numbers, different from each other and from every number already printed. */
export async function newFormNumbers(db: DB, count: number, generate: () => string = newFormNumber): Promise<string[]> {
  const numbers = new Set<string>()
  for (let attempt = 0; numbers.size < count; attempt++) {
    // 40 random bits: a clash is rare, so a few rounds always suffice unless the generator is broken.
    if (attempt >= 10) throw new Error('could not make unique form numbers')
    const fresh = new Set<string>()
    for (let tries = 0; numbers.size + fresh.size < count && tries < count * 10; tries++) {
      const number = generate()
      if (!numbers.has(number)) fresh.add(number)
    }
    const candidates = [...fresh]
    const taken = new Set<string>()
    for (let i = 0; i < candidates.length; i += CHUNK) {
      const rows = await db.selectFrom('paper_form').select('form_number').where('form_number', 'in', candidates.slice(i, i + CHUNK)).execute()
      for (const row of rows) taken.add(row.form_number)
    }
    for (const number of candidates) if (!taken.has(number)) numbers.add(number)
  }
  return [...numbers]
}

const CHUNK = 100

export interface PrintRecord extends PaperOptions {
  consultationId: string
  survey: Pick<PaperSurvey, 'versionId' | 'versionNumber'>
  printedBy: string
  /** How the copies were made: the print page or a PDF download. */
  format: 'print' | 'pdf'
}

/**
 * Records the copies' form numbers (made here, or `numbers` made beforehand)
 * and who printed how many, in one transaction. Returns the form numbers in copy order.
 */
export async function recordPaperForms(db: DB, record: PrintRecord & { numbers?: string[] }, now = Date.now()): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const numbers = record.numbers ?? (await newFormNumbers(trx, record.copies))
    for (let i = 0; i < numbers.length; i += CHUNK) {
      await trx
        .insertInto('paper_form')
        .values(
          numbers.slice(i, i + CHUNK).map((form_number) => ({
            form_number,
            consultation_id: record.consultationId,
            survey_version_id: record.survey.versionId,
            locale: record.locale,
            large_print: record.largePrint ? 1 : 0,
            printed_by: record.printedBy,
            printed_at: now,
            response_id: null,
            entered_at: null,
          })),
        )
        .execute()
    }
    await recordAudit(
      trx,
      {
        actor: record.printedBy,
        action: 'paper.printed',
        entity: 'consultation',
        entityId: record.consultationId,
        detail: {
          copies: numbers.length,
          locale: record.locale,
          largePrint: record.largePrint,
          format: record.format,
          surveyVersion: record.survey.versionNumber,
          first: numbers[0],
          last: numbers.at(-1),
        },
      },
      now,
    )
    return numbers
  })
}

/** Where a QR code on a returned form leads: the staff page that enters it. */
export function paperEntryUrl(origin: string, consultationId: string, formNumber: string): string {
  return `${origin}/admin/consultations/${encodeURIComponent(consultationId)}/paper/entry?form=${encodeURIComponent(formNumber)}`
}

/** A QR code as an SVG image address (black on white, no network needed to show it). */
export async function qrImage(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } })
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
}

export interface PaperCopy {
  formNumber: string
  qr: string
}

export async function paperCopies(origin: string, consultationId: string, numbers: string[]): Promise<PaperCopy[]> {
  return Promise.all(numbers.map(async (formNumber) => ({ formNumber, qr: await qrImage(paperEntryUrl(origin, consultationId, formNumber)) })))
}

/** Everything a copy shows apart from its number: texts in the form's language (content in English when untranslated). */
export async function paperContent(db: DB, consultation: StaffConsultation, survey: PaperSurvey, locale: string) {
  const contentLocale = survey.definition.locales.includes(locale) ? locale : 'en'
  const content = consultation.content[locale] ?? consultation.content.en
  const wards = await getWards(db)
  return {
    locale,
    contentLocale,
    titleLocale: consultation.content[locale] ? locale : 'en',
    title: content?.title ?? consultation.slug,
    summary: content?.summary ?? '',
    closesAt: consultation.closesAt,
    definition: survey.definition,
    wards: wards.map((w) => ({ code: w.code, name: w.name })),
  }
}
export type PaperContent = Awaited<ReturnType<typeof paperContent>>

/** The UI strings a form needs, in the form's language (which may not be the officer's). */
export function paperMessages(locale: string): Record<string, unknown> {
  const bundle = resources[locale as keyof typeof resources] ?? resources.en
  return { common: bundle.common, survey: bundle.survey, equality: bundle.equality, paper: bundle.paper }
}
