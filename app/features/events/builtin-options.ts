import en from '../../../locales/en/events.json' with { type: 'json' }
import bn from '../../../locales/bn/events.json' with { type: 'json' }
import so from '../../../locales/so/events.json' with { type: 'json' }
import ur from '../../../locales/ur/events.json' with { type: 'json' }
import { SCALE_POINTS } from './tally.ts'

// Items whose options the officer does not type: the agreement scale, and the
// vote on a congress commitment. Their labels are stored on the item in each
// of the event's languages, from the translations, so a screen shows them
// like any other option.

const MESSAGES: Record<string, unknown> = { en, bn, so, ur }

function label(locale: string, path: string): string | undefined {
  const value = path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), MESSAGES[locale])
  return typeof value === 'string' ? value : undefined
}

function labels(path: string, locales: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const locale of ['en', ...locales.filter((l) => l !== 'en')]) {
    const text = label(locale, path)
    if (text) out[locale] = text
  }
  return out
}

export const COMMITMENT_OPTIONS = ['support', 'oppose', 'abstain'] as const

export function scaleOptions(locales: string[]) {
  return SCALE_POINTS.map((code) => ({ code, label: labels(`scale.${code}`, locales) }))
}

export function commitmentOptions(locales: string[]) {
  return COMMITMENT_OPTIONS.map((code) => ({ code, label: labels(`commitment_vote.${code}`, locales) }))
}

export function commitmentVoteTitle(locales: string[]) {
  return labels('commitment_vote.title', locales)
}
