// Counting votes in the room, and ordering Ask the Mayor questions. Pure
// functions: the server reads the rows, these turn them into what a screen shows.

export type ItemType = 'single' | 'multiple' | 'scale' | 'ranking' | 'text'
export const ITEM_TYPES: ItemType[] = ['single', 'multiple', 'scale', 'ranking', 'text']

/** The agreement scale's points, in order. */
export const SCALE_POINTS = ['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree'] as const

export interface VoteRow {
  option_code: string | null
  /** JSON array (multiple choice: the chosen codes; ranking: the codes in order) */
  option_codes: string | null
}

export interface Tally {
  /** devices that voted */
  total: number
  /** single, multiple, scale: devices choosing each option; ranking: devices putting it first */
  counts: Record<string, number>
  /** ranking only: Borda points (n - place + 1 for each place, summed over devices) */
  points?: Record<string, number>
}

function parseCodes(json: string | null): string[] {
  if (!json) return []
  try {
    const value = JSON.parse(json) as unknown
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
  } catch {
    return []
  }
}

/**
 * Counts votes for one item. Each row is one device (the database allows one
 * row per device per item), so a device counts once per option however it
 * sent its vote; codes that are not options of the item are ignored, as are
 * repeated codes in one vote.
 */
export function tallyVotes(type: ItemType, optionCodes: string[], rows: VoteRow[]): Tally {
  const counts: Record<string, number> = Object.fromEntries(optionCodes.map((c) => [c, 0]))
  const known = new Set(optionCodes)
  const points: Record<string, number> | undefined = type === 'ranking' ? Object.fromEntries(optionCodes.map((c) => [c, 0])) : undefined
  let total = 0
  for (const row of rows) {
    if (type === 'single' || type === 'scale') {
      if (!row.option_code || !known.has(row.option_code)) continue
      counts[row.option_code]!++
      total++
    } else if (type === 'multiple') {
      const chosen = [...new Set(parseCodes(row.option_codes))].filter((c) => known.has(c))
      if (!chosen.length) continue
      for (const code of chosen) counts[code]!++
      total++
    } else if (type === 'ranking') {
      const order = [...new Set(parseCodes(row.option_codes))].filter((c) => known.has(c))
      if (!order.length) continue
      counts[order[0]!]!++
      order.forEach((code, place) => {
        points![code]! += optionCodes.length - place
      })
      total++
    } else {
      total++
    }
  }
  return points ? { total, counts, points } : { total, counts }
}

/** Whole-number percentages of `total` (0 when nobody voted). */
export function percentages(counts: Record<string, number>, total: number): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([code, n]) => [code, total ? Math.round((100 * n) / total) : 0]))
}

/** The bar length for each option, as a share of the largest count (ranking: of the most points). */
export function barShares(tally: Tally): Record<string, number> {
  const values = tally.points ?? tally.counts
  const max = Math.max(0, ...Object.values(values))
  return Object.fromEntries(Object.entries(values).map(([code, n]) => [code, max ? Math.round((1000 * n) / max) / 10 : 0]))
}

// ---------- Word cloud ----------

const STOP_WORDS = new Set(
  (
    'a an and are as at be been but by can could do does for from had has have he her his how i if in into is it its just me more ' +
    'most my no not of on or our out so some than that the their them then there these they this to too up us very was we were what ' +
    'when where which who why will with would you your should need needs want get more less also all any much many make made lot lots ' +
    // Bengali: common particles and postpositions
    'এবং ও আর কিন্তু যে এই সেই এটা ওটা আমি আমরা আপনি তুমি তারা সে এর তার আমার আমাদের জন্য থেকে দিয়ে করে করা হয় হবে আছে নেই না কি কী খুব আরও'
  ).split(/\s+/),
)

/** Splits open text into words: letters and marks of any script (Bengali vowel signs are marks), lower-cased. */
export function words(text: string): string[] {
  return (text.toLowerCase().normalize('NFC').match(/[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu) ?? [])
    .map((w) => w.replace(/['’-]+$/u, ''))
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w) && !/^\p{N}+$/u.test(w))
}

/** The most used words across approved answers: [word, devices using it], most first, then alphabetical. */
export function wordCloud(texts: string[], limit = 40): [string, number][] {
  const counts = new Map<string, number>()
  for (const text of texts) {
    // A word repeated in one answer counts once: one device, one voice.
    for (const word of new Set(words(text))) counts.set(word, (counts.get(word) ?? 0) + 1)
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit)
}

/** Five sizes for a word cloud: 5 for the most used word, 1 for the least. */
export function cloudSize(count: number, max: number): number {
  if (max <= 1) return 3
  return 1 + Math.round((4 * (count - 1)) / (max - 1))
}

// ---------- Ask the Mayor ----------

export type AnswerState = 'queued' | 'answering' | 'answered' | 'follow_up'

export interface QueueQuestion {
  id: string
  votes: number
  created_at: number
  answer_state: AnswerState | string
}

/**
 * The order questions are put to the Mayor: the one being answered first, then
 * the waiting questions by upvotes (most first; on a tie, the one asked first),
 * then those answered or to follow up, in the order they were asked.
 */
export function orderQuestionQueue<T extends QueueQuestion>(questions: T[]): T[] {
  const rank = (q: T) => (q.answer_state === 'answering' ? 0 : q.answer_state === 'queued' ? 1 : 2)
  return [...questions].sort((a, b) => {
    const r = rank(a) - rank(b)
    if (r) return r
    if (rank(a) === 1 && b.votes !== a.votes) return b.votes - a.votes
    return a.created_at - b.created_at || a.id.localeCompare(b.id)
  })
}

/** A commitment is agreed when more devices support it than oppose it (abstentions do not count). */
export function commitmentOutcome(counts: Record<string, number>): 'agreed' | 'not_agreed' {
  return (counts.support ?? 0) > (counts.oppose ?? 0) ? 'agreed' : 'not_agreed'
}
