import { TIME_ZONE } from './config.ts'

// Officers enter dates and times as London wall-clock time; the database keeps
// epoch milliseconds. Intl knows when British Summer Time starts and ends.

export interface LondonDateTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

export function londonParts(epochMs: number): LondonDateTime {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(epochMs)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') }
}

/** The moment a London wall-clock time names, or null if it is not a real date. */
export function londonToEpoch(t: LondonDateTime): number | null {
  const guess = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute)
  const check = new Date(guess)
  if (check.getUTCFullYear() !== t.year || check.getUTCMonth() !== t.month - 1 || check.getUTCDate() !== t.day) return null
  if (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59) return null
  // London is UTC or UTC+1: try both offsets and keep the one that reads back as the same wall-clock time.
  for (const offsetHours of [0, 1]) {
    const candidate = guess - offsetHours * 3_600_000
    const back = londonParts(candidate)
    if (back.hour === t.hour && back.minute === t.minute && back.day === t.day) return candidate
  }
  // A time skipped when the clocks go forward (01:00–01:59 on the last Sunday of March).
  return null
}
