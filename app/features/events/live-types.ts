import type { ItemType } from './tally.ts'

// What a live stream sends (JSON in each Server-Sent Event's data). Four
// views: phones on the event page (small: no texts they do not need), phones
// on the Ask the Mayor page (the approved questions with their texts), the
// projector, and the presenter (results even while hidden, and the
// moderation queue's length).

export type LiveView = 'participant' | 'questions' | 'screen' | 'presenter'
export const LIVE_VIEWS: LiveView[] = ['participant', 'questions', 'screen', 'presenter']

export interface LiveItem {
  id: string
  round: number
  state: 'draft' | 'open' | 'closed'
  type: ItemType
  revealed: boolean
  /** devices that voted (shown even while results are hidden) */
  total: number
  /** only when the view may see results */
  counts?: Record<string, number>
  points?: Record<string, number>
  /** bar length, 0 to 100, relative to the largest */
  bars?: Record<string, number>
  /** open text: approved answers' words */
  words?: [string, number][]
  /** open text: the latest approved answers (screen and presenter) */
  answers?: string[]
}

export interface LiveQuestion {
  id: string
  votes: number
  state: string
  /** not on the event page's view (phones there do not show questions) */
  text?: string
  /** the language it was asked in */
  lang?: string
}

export interface LiveSnapshot {
  status: string
  item: LiveItem | null
  questions?: LiveQuestion[]
  /** presenter only: texts and questions waiting for a moderator */
  pending?: number
}
