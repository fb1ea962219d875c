import type { DB } from '../../../db/connection.ts'
import { getDb } from '~/utils/db.server.ts'
import { getEnv } from '~/utils/env.server.ts'
import { getLocale } from '~/utils/i18next.server.ts'
import { getDraftToken } from '~/utils/session.server.ts'
import { formatDate } from '../i18n/config.ts'
import {
  contentFor,
  findConsultationBySlug,
  findCurrentSurveyVersion,
  findSurveyVersion,
  isOpen,
  listWards,
  type PublicConsultation,
  type SurveyVersion,
} from '../consultations/consultations.server.ts'
import type { Answers } from '../surveys/answers.ts'
import { findQuestion, type SurveyDefinition } from '../surveys/definition.ts'
import { isVisible, resumePoint } from '../surveys/skip-logic.ts'
import { redirect } from '@remix-run/node'
import { findResponseByToken, loadAnswers, type ResponseRecord } from './responses.server.ts'

// What every resident page of a consultation needs, loaded in one place.
export interface ResidentContext {
  db: DB
  locale: string
  consultation: PublicConsultation
  /** The survey this resident answers: their draft's version, or the current one. */
  version: SurveyVersion
  /** The response this browser holds, if any (a draft, or a submitted one). */
  response: ResponseRecord | undefined
  draft: ResponseRecord | undefined
  answers: Answers
  contentLocale: string
  contentTranslated: boolean
  ttlDays: number
}

export async function loadResidentContext(
  request: Request,
  slug: string | undefined,
  { requireOpen = true }: { requireOpen?: boolean } = {},
): Promise<ResidentContext> {
  const db = await getDb()
  const locale = await getLocale(request)
  const consultation = slug ? await findConsultationBySlug(db, slug) : undefined
  if (!consultation) throw new Response('not_found', { status: 404 })
  if (requireOpen && !isOpen(consultation)) {
    throw Response.json({ date: formatDate(consultation.closesAt, locale) }, { status: 410 })
  }
  const token = await getDraftToken(request, consultation.id)
  const response = await findResponseByToken(db, consultation.id, token)
  const draft = response?.status === 'draft' ? response : undefined
  const version = draft ? await findSurveyVersion(db, draft.surveyVersionId) : await findCurrentSurveyVersion(db, consultation.id)
  if (!version) throw new Response('not_found', { status: 404 })
  const answers = draft ? await loadAnswers(db, draft.id, version.definition) : {}
  const { translated } = contentFor(consultation, locale)
  const contentLocale = translated && version.definition.locales.includes(locale) ? locale : 'en'
  return {
    db,
    locale,
    consultation,
    version,
    response,
    draft,
    answers,
    contentLocale,
    contentTranslated: contentLocale === locale,
    ttlDays: getEnv().DRAFT_TTL_DAYS,
  }
}

let wardCache: { code: string; name: string }[] | undefined
/** Wards change once a decade: read them once per process. */
export async function getWards(db: DB) {
  wardCache ??= await listWards(db)
  return wardCache
}

export function consultationPath(slug: string, rest = '') {
  return `/c/${slug}${rest}`
}

/** Where a resident with these answers carries on: the first unanswered question, or the check page. */
export function resumePath(slug: string, definition: SurveyDefinition, answers: Answers) {
  const point = resumePoint(definition, answers)
  return consultationPath(slug, point === 'check' ? '/check' : `/q/${point}`)
}

/**
 * The question a resident's page or post is about. A key that is not in their
 * survey is a 404; a question skip logic hides redirects to where they belong.
 */
export async function loadQuestionContext(request: Request, slug: string | undefined, key: string | undefined) {
  const ctx = await loadResidentContext(request, slug)
  const { definition } = ctx.version
  const question = findQuestion(definition, key ?? '')
  if (!question) throw new Response('not_found', { status: 404 })
  if (!isVisible(definition, question.key, ctx.answers)) {
    throw redirect(resumePath(ctx.consultation.slug, definition, ctx.answers))
  }
  return { ...ctx, question }
}
