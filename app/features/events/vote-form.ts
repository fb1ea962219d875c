import type { ItemType } from './tally.ts'

// What a phone sends for one item, checked against the item before anything is
// stored. Client-safe: no server imports. Error codes are keys under
// "vote_errors" in locales/<lng>/events.json.

export const TEXT_MAX = 280
export const QUESTION_MAX = 500

export type VoteValue =
  | { kind: 'option'; code: string }
  | { kind: 'codes'; codes: string[] }
  | { kind: 'text'; text: string }

export type VoteError = 'choose_one' | 'choose_some' | 'rank_first' | 'rank_repeat' | 'text_empty' | 'text_too_long'

export interface VoteItem {
  type: ItemType
  options: { code: string }[]
}

type FormLike = { get(name: string): unknown; getAll(name: string): unknown[] }

const str = (value: unknown) => (typeof value === 'string' ? value : '')

export function parseVote(item: VoteItem, form: FormLike): { ok: true; value: VoteValue } | { ok: false; error: VoteError } {
  const codes = item.options.map((o) => o.code)
  switch (item.type) {
    case 'single':
    case 'scale': {
      const code = str(form.get('choice'))
      return codes.includes(code) ? { ok: true, value: { kind: 'option', code } } : { ok: false, error: 'choose_one' }
    }
    case 'multiple': {
      const chosen = [...new Set(form.getAll('choices').map(str))].filter((c) => codes.includes(c))
      return chosen.length ? { ok: true, value: { kind: 'codes', codes: codes.filter((c) => chosen.includes(c)) } } : { ok: false, error: 'choose_some' }
    }
    case 'ranking': {
      const order: string[] = []
      for (let place = 1; place <= codes.length; place++) {
        const code = str(form.get(`rank-${place}`))
        if (!code) continue
        if (!codes.includes(code)) return { ok: false, error: 'rank_first' }
        if (order.includes(code)) return { ok: false, error: 'rank_repeat' }
        order.push(code)
      }
      if (!str(form.get('rank-1')) || !order.length) return { ok: false, error: 'rank_first' }
      return { ok: true, value: { kind: 'codes', codes: order } }
    }
    case 'text': {
      const text = str(form.get('text')).replace(/\r\n?/g, '\n').trim()
      if (!text) return { ok: false, error: 'text_empty' }
      if (Array.from(text).length > TEXT_MAX) return { ok: false, error: 'text_too_long' }
      return { ok: true, value: { kind: 'text', text } }
    }
  }
}
