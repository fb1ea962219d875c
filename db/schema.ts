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
  /** imported responses: the partner's own row id, unique within the consultation */
  external_id: string | null
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

/** A live event (db/migrations/0011-events.ts): poll session, Ask the Mayor or partnership congress. */
export interface EventTable {
  id: string
  /** 6 characters, unambiguous alphabet */
  code: string
  /** poll | ask_mayor | congress */
  kind: string
  /** JSON: { en: string, bn?: string, ... } */
  title_i18n: string
  starts_at: number
  venue: string
  /** JSON array of locale codes */
  locales: string
  /** JSON array of call-to-action codes */
  cta_codes: Generated<string>
  framework_id: string | null
  /** scheduled | live | ended */
  status: Generated<string>
  current_item_id: string | null
  /** bumped by every change a screen shows: the SSE event id */
  seq: Generated<number>
  questions_open_at: number | null
  questions_close_at: number | null
  theme_i18n: string | null
  is_synthetic: Generated<number>
  created_by: string
  created_at: number
  updated_at: number
}

export interface EventItemTable {
  id: string
  event_id: string
  position: number
  /** single | multiple | scale | ranking | text */
  type: string
  title_i18n: string
  /** JSON: [{ code, label: { en, ... } }] */
  options: Generated<string>
  /** draft | open | closed */
  state: Generated<string>
  results_visible: Generated<number>
  round: Generated<number>
  opened_at: number | null
  closed_at: number | null
  commitment_id: string | null
  created_at: number
  updated_at: number
}

/** A vote in the room: one per device per item (unique), method 'event'. */
export interface EventVoteTable {
  id: string
  event_id: string
  item_id: string
  device_hash: string
  method: Generated<string>
  locale: string
  option_code: string | null
  /** JSON array */
  option_codes: string | null
  text_value: string | null
  /** open text: pending | held | approved | rejected */
  moderation: string | null
  held_reason: string | null
  shown_text: string | null
  moderated_by: string | null
  moderated_at: number | null
  is_synthetic: Generated<number>
  created_at: number
  updated_at: number
}

export interface EventQuestionTable {
  id: string
  event_id: string
  device_hash: string
  method: Generated<string>
  locale: string
  /** before | during */
  phase: string
  text: string
  shown_text: string | null
  /** pending | held | approved | rejected | merged */
  status: Generated<string>
  held_reason: string | null
  merged_into: string | null
  cta_code: string | null
  /** queued | answering | answered | follow_up */
  answer_state: Generated<string>
  written_answer: string | null
  answer_published_at: number | null
  moderated_by: string | null
  moderated_at: number | null
  is_synthetic: Generated<number>
  created_at: number
  updated_at: number
}

export interface EventUpvoteTable {
  question_id: string
  device_hash: string
  event_id: string
  is_synthetic: Generated<number>
  created_at: number
}

export interface EventBlockedWordTable {
  id: string
  locale: string
  word: string
  created_by: string
  created_at: number
}

export interface CongressTableTable {
  id: string
  event_id: string
  position: number
  name: string
  facilitator: string
  cta_code: string
  /** in the facilitator link's signature: bumped to revoke every earlier link */
  token_version: Generated<number>
  created_at: number
}

export interface CongressIssueTable {
  id: string
  event_id: string
  table_id: string
  text: string
  created_by: string
  created_at: number
}

export interface CongressCommitmentTable {
  id: string
  event_id: string
  table_id: string
  text: string
  /** the language the facilitator wrote it in */
  locale: Generated<string>
  vote_item_id: string | null
  /** proposed | agreed | not_agreed */
  decision: Generated<string>
  /** JSON array of partner organisations */
  owners: Generated<string>
  /** committed | in_progress | done */
  charter_status: string | null
  status_updated_at: number | null
  status_updated_by: string | null
  created_by: string
  created_at: number
  updated_at: number
}

/** One imported file: its responses carry batch_id; an admin can roll it back. */
export interface ImportBatchTable {
  id: string
  consultation_id: string
  survey_version_id: string
  file_name: string
  row_count: number
  created_by: string
  created_at: number
  rolled_back_at: number | null
  rolled_back_by: string | null
}

/** A codebook entry (db/migrations/0012-themes.ts). */
export interface ThemeTable {
  id: string
  consultation_id: string
  name: string
  definition: Generated<string>
  include_notes: Generated<string>
  exclude_notes: Generated<string>
  cta_code: string | null
  /** call_to_action | suggested | analyst */
  origin: string
  /** active | merged | retired */
  status: Generated<string>
  merged_into: string | null
  position: number
  created_by: string
  created_at: number
  updated_at: number
}

/** One free-text answer coded to one theme, in the first (working) or second (blind) pass. */
export interface CodingTable {
  id: string
  consultation_id: string
  response_id: string
  question_key: string
  theme_id: string
  /** first | second */
  pass: string
  coder_id: string
  created_at: number
}

/** An answer a coder has looked at in a pass (coded to nothing is still reviewed). */
export interface CodingReviewTable {
  response_id: string
  question_key: string
  pass: string
  consultation_id: string
  coder_id: string
  reviewed_at: number
}

/** An analyst's protection of one free-text answer wherever it is quoted: words taken out, or withheld. */
export interface QuoteProtectionTable {
  response_id: string
  question_key: string
  consultation_id: string
  withheld: Generated<number>
  /** JSON array of strings */
  phrases: Generated<string>
  updated_by: string
  updated_at: number
}

/** The weighting an analyst chose for a consultation's findings report (the weighting page's query string). */
export interface WeightingChoiceTable {
  consultation_id: string
  query: string
  saved_by: string
  saved_at: number
}

export interface CodingSampleTable {
  id: string
  consultation_id: string
  question_key: string
  size: number
  seed: number
  second_coder_id: string | null
  created_by: string
  created_at: number
}

export interface CodingSampleItemTable {
  sample_id: string
  response_id: string
}

/** "You said, we did" (db/migrations/0013-findings.ts): what residents said, what the partnership did. */
export interface YouSaidWeDidTable {
  id: string
  consultation_id: string
  position: number
  /** JSON: { en: string, bn?: string, ... } */
  said_i18n: string
  did_i18n: string
  created_by: string
  created_at: number
  updated_at: number
  is_synthetic: Generated<number>
}

/** A consultation's published findings: the public page reads this row only. */
export interface FindingsPublicationTable {
  consultation_id: string
  published_at: number
  published_by: string
  /** JSON: headline findings per language, suppressed */
  headline_json: string
  is_synthetic: Generated<number>
}

/** A consultation's analysis dataset up to a high-water mark (app/features/analysis/dataset-loader.server.ts). */
export interface AnalysisSnapshotTable {
  consultation_id: string
  survey_version_id: string
  format: number
  responses: number
  high_water_at: number | null
  high_water_id: string | null
  built_at: number
  updated_at: number
  /** compressed typed columns */
  columns: Uint8Array
  /** compressed equality columns, apart */
  equality: Uint8Array
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
  import_batch: ImportBatchTable
  answer: AnswerTable
  equality_answer: EqualityAnswerTable
  paper_form: PaperFormTable
  paper_verification: PaperVerificationTable
  paper_verification_item: PaperVerificationItemTable
  event: EventTable
  event_item: EventItemTable
  event_vote: EventVoteTable
  theme: ThemeTable
  coding: CodingTable
  coding_review: CodingReviewTable
  coding_sample: CodingSampleTable
  coding_sample_item: CodingSampleItemTable
  quote_protection: QuoteProtectionTable
  weighting_choice: WeightingChoiceTable
  event_question: EventQuestionTable
  event_upvote: EventUpvoteTable
  event_blocked_word: EventBlockedWordTable
  congress_table: CongressTableTable
  congress_issue: CongressIssueTable
  congress_commitment: CongressCommitmentTable
  you_said_we_did: YouSaidWeDidTable
  findings_publication: FindingsPublicationTable
  analysis_snapshot: AnalysisSnapshotTable
}
