import type { Generated } from 'kysely'

// The Kysely Database interface: types only. Timestamps are epoch milliseconds
// (INTEGER), JSON documents are TEXT, so the same code runs on SQLite and PostgreSQL.

export interface FrameworkTable {
  id: string
  code: string
  /** JSON: { en: string, bn?: string, ... } */
  name_i18n: string
  vision_i18n: string
  period_from: string
  period_to: string
  source: string
  created_at: number
}

export interface CallToActionTable {
  id: string
  framework_id: string
  code: string
  position: number
  title_i18n: string
}

export interface FocusAreaTable {
  id: string
  framework_id: string
  position: number
  title_i18n: string
  led_by: string
  /** JSON array of call-to-action codes */
  cta_codes: string
}

export interface EngagementMethodTable {
  framework_id: string
  code: string
  position: number
  name_i18n: string
}

export interface WardTable {
  code: string
  name: string
  former_name: string | null
  usual_residents_approx: number
  source: string
}

export interface CensusMarginTable {
  /** ward, sex, age_band, ethnic_group, disability, religion */
  dimension: string
  category: string
  count: number
  source: string
}

export interface ConsultationTable {
  id: string
  slug: string
  framework_id: string
  /** draft | open | closed */
  status: string
  opens_at: number
  closes_at: number
  /** JSON array of locale codes offered, e.g. ["en","bn"] */
  locales: string
  /** JSON: { [locale]: { title, summary, purpose, whatCanChange, howAnswersUsed, howDecisionMade } } */
  content_i18n: string
  estimated_minutes: number
  /** JSON array of partner organisation names */
  partners: Generated<string>
  is_synthetic: Generated<number>
  /** days after closing before responses are anonymised */
  retention_days: Generated<number>
  archived_at: number | null
  created_at: number
  updated_at: number
}

export interface SurveyVersionTable {
  id: string
  consultation_id: string
  version_number: number
  /** JSON survey definition, validated by SurveyDefinitionSchema */
  definition: string
  created_at: number
  /** bumped on every save; a save naming an older revision is refused */
  revision: Generated<number>
}

export interface ResponseTable {
  id: string
  consultation_id: string
  survey_version_id: string
  /** online | phone | face_to_face | paper | event | import */
  channel: string
  locale: string
  /** draft | submitted */
  status: string
  draft_token_hash: string | null
  resume_code_hash: string | null
  reference: string | null
  ward_code: string | null
  entered_by: string | null
  batch_id: string | null
  is_synthetic: Generated<number>
  created_at: number
  updated_at: number
  submitted_at: number | null
  /** drafts are deleted after this moment */
  expires_at: number | null
  /** hash of the code a resident uses to delete their own response */
  deletion_code_hash: string | null
  anonymised_at: number | null
  /** staff-only note from whoever entered the response for the resident */
  interviewer_note: string | null
}

export interface AnswerTable {
  response_id: string
  question_key: string
  /** 0 for single answers; order of choice for multiple choice and ranking */
  position: number
  option_code: string | null
  number_value: number | null
  text_value: string | null
  /** grid questions: the statement this row rates */
  item_code: string | null
}

/** Special category data: kept apart from answers, read only by roles allowed to. */
export interface EqualityAnswerTable {
  response_id: string
  question_key: string
  option_code: string | null
  text_value: string | null
}

export interface AuditLogTable {
  id: string
  at: number
  actor: string
  action: string
  entity: string
  entity_id: string | null
  detail: Generated<string>
}

export type Role = 'admin' | 'officer' | 'analyst' | 'moderator'

export interface AppUserTable {
  id: string
  email: string
  name: string
  role: Role
  password_hash: string
  failed_attempts: Generated<number>
  locked_until: number | null
  disabled_at: number | null
  created_at: number
  updated_at: number
}

export interface StaffSessionTable {
  id_hash: string
  user_id: string
  created_at: number
  expires_at: number
}

/** A printed paper form: one row per copy, found again by the number printed on it. */
export interface PaperFormTable {
  /** P-XXXX-XXXX */
  form_number: string
  consultation_id: string
  survey_version_id: string
  locale: string
  large_print: Generated<number>
  printed_by: string
  printed_at: number
  /** set when staff enter the returned form */
  response_id: string | null
  entered_at: number | null
}

/** A paper form entered a second time, blind, by another officer: one per form. */
export interface PaperVerificationTable {
  form_number: string
  response_id: string
  verified_by: string
  verified_at: number
  mismatches: number
  /** matched | mismatch | resolved */
  status: string
  resolved_by: string | null
  resolved_at: number | null
}

/** A question whose two entries differ; values are JSON answers (null: not answered). */
export interface PaperVerificationItemTable {
  form_number: string
  question_key: string
  first_value: string | null
  second_value: string | null
  /** first | second, once a reviewer has chosen */
  chosen: string | null
}

export interface Database {
  app_user: AppUserTable
  staff_session: StaffSessionTable
  audit_log: AuditLogTable
  framework: FrameworkTable
  call_to_action: CallToActionTable
  focus_area: FocusAreaTable
  engagement_method: EngagementMethodTable
  ward: WardTable
  census_margin: CensusMarginTable
  consultation: ConsultationTable
  survey_version: SurveyVersionTable
  response: ResponseTable
  answer: AnswerTable
  equality_answer: EqualityAnswerTable
  paper_form: PaperFormTable
  paper_verification: PaperVerificationTable
  paper_verification_item: PaperVerificationItemTable
}
