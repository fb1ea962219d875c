import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CODE_ALPHABET, newJoinCode, normaliseJoinCode, displayJoinCode } from '~/features/events/codes.ts'
import { findBlockedWords, holdReason, looksLikePersonalDetails } from '~/features/events/moderation.ts'
import { barShares, cloudSize, commitmentOutcome, orderQuestionQueue, percentages, tallyVotes, wordCloud } from '~/features/events/tally.ts'
import { parseVote, TEXT_MAX } from '~/features/events/vote-form.ts'
import { itemFormValues, lockedItemEditErrors, parseItemForm } from '~/features/events/event-form.ts'

// Counting votes in the room and ordering questions: pure functions, no database.

const form = (entries: [string, string][]) => {
  const f = new FormData()
  for (const [k, v] of entries) f.append(k, v)
  return f
}

describe('counting votes in the room', () => {
  const codes = ['a', 'b', 'c']

  it('counts one per device for single choice and the scale, ignoring codes that are not options', () => {
    const tally = tallyVotes('single', codes, [
      { option_code: 'a', option_codes: null },
      { option_code: 'a', option_codes: null },
      { option_code: 'c', option_codes: null },
      { option_code: 'zzz', option_codes: null },
      { option_code: null, option_codes: null },
    ])
    expect(tally).toEqual({ total: 3, counts: { a: 2, b: 0, c: 1 } })
    expect(percentages(tally.counts, tally.total)).toEqual({ a: 67, b: 0, c: 33 })
    expect(barShares(tally)).toEqual({ a: 100, b: 0, c: 50 })
  })

  it('multiple choice: a device counts once per option, even if it sent the option twice', () => {
    const tally = tallyVotes('multiple', codes, [
      { option_code: null, option_codes: JSON.stringify(['a', 'b']) },
      { option_code: null, option_codes: JSON.stringify(['a', 'a', 'x']) },
      { option_code: null, option_codes: JSON.stringify(['x']) },
      { option_code: null, option_codes: 'not json' },
    ])
    expect(tally).toEqual({ total: 2, counts: { a: 2, b: 1, c: 0 } })
  })

  it('ranking: Borda points (n for first place, n-1 for second...) and first preferences', () => {
    const tally = tallyVotes('ranking', codes, [
      { option_code: null, option_codes: JSON.stringify(['a', 'b', 'c']) },
      { option_code: null, option_codes: JSON.stringify(['b', 'a']) },
      { option_code: null, option_codes: JSON.stringify(['b', 'b', 'c']) },
    ])
    expect(tally.total).toBe(3)
    expect(tally.counts).toEqual({ a: 1, b: 2, c: 0 })
    // a: 3 + 2 = 5; b: 2 + 3 + 3 = 8; c: 1 + 2 = 3
    expect(tally.points).toEqual({ a: 5, b: 8, c: 3 })
    expect(barShares(tally)).toEqual({ a: 62.5, b: 100, c: 37.5 })
  })

  it('nobody voted: zero everywhere, no division by zero', () => {
    const tally = tallyVotes('scale', codes, [])
    expect(tally).toEqual({ total: 0, counts: { a: 0, b: 0, c: 0 } })
    expect(percentages(tally.counts, 0)).toEqual({ a: 0, b: 0, c: 0 })
    expect(barShares(tally)).toEqual({ a: 0, b: 0, c: 0 })
  })

  it('word cloud: words from approved answers, once per answer, common words left out, in English and Bengali', () => {
    const cloud = wordCloud(['Cheaper rents, cheaper RENTS!', 'More council homes and cheaper rents', 'সাশ্রয়ী বাসস্থান', 'সাশ্রয়ী ভাড়া', 'the and of'])
    expect(cloud.slice(0, 3)).toEqual([
      ['cheaper', 2],
      ['rents', 2],
      ['সাশ্রয়ী', 2],
    ])
    expect(cloud.map(([w]) => w)).not.toContain('the')
    expect(cloud.map(([w]) => w)).not.toContain('and')
    expect(cloudSize(1, 1)).toBe(3)
    expect(cloudSize(10, 10)).toBe(5)
    expect(cloudSize(1, 10)).toBe(1)
  })

  it('a commitment is agreed when support beats oppose; abstentions do not count', () => {
    expect(commitmentOutcome({ support: 10, oppose: 9, abstain: 40 })).toBe('agreed')
    expect(commitmentOutcome({ support: 9, oppose: 9, abstain: 0 })).toBe('not_agreed')
    expect(commitmentOutcome({})).toBe('not_agreed')
  })
})

describe('ordering Ask the Mayor questions by upvotes', () => {
  const q = (id: string, votes: number, created_at: number, answer_state = 'queued') => ({ id, votes, created_at, answer_state })

  it('most votes first; on a tie the question asked first', () => {
    const ordered = orderQuestionQueue([q('late-5', 5, 300), q('ten', 10, 200), q('early-5', 5, 100), q('none', 0, 50)])
    expect(ordered.map((x) => x.id)).toEqual(['ten', 'early-5', 'late-5', 'none'])
  })

  it('the question being answered first, answered and follow-up ones last in the order asked', () => {
    const ordered = orderQuestionQueue([
      q('answered-popular', 50, 10, 'answered'),
      q('waiting', 3, 20),
      q('now', 1, 30, 'answering'),
      q('follow', 40, 5, 'follow_up'),
      q('waiting-more', 7, 40),
    ])
    expect(ordered.map((x) => x.id)).toEqual(['now', 'waiting-more', 'waiting', 'follow', 'answered-popular'])
  })

  it('does not change the list it is given', () => {
    const list = [q('a', 1, 1), q('b', 2, 2)]
    orderQuestionQueue(list)
    expect(list.map((x) => x.id)).toEqual(['a', 'b'])
  })
})

describe('join codes', () => {
  it('are 6 characters from an alphabet without look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      const code = newJoinCode(crypto.randomBytes)
      expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`))
    }
    expect(CODE_ALPHABET).not.toMatch(/[0O1IL2Z5S8B6GQ]/)
  })

  it('accept what people type: lower case, spaces, dashes; refuse anything else', () => {
    expect(normaliseJoinCode('acd 347')).toBe('ACD347')
    expect(normaliseJoinCode(' ACD-347 ')).toBe('ACD347')
    expect(normaliseJoinCode('ACD34')).toBeNull()
    expect(normaliseJoinCode('ACD3470')).toBeNull()
    expect(normaliseJoinCode('OOO111')).toBeNull()
    expect(normaliseJoinCode(undefined)).toBeNull()
    expect(normaliseJoinCode('x'.repeat(1000))).toBeNull()
    expect(displayJoinCode('ACD347')).toBe('ACD 347')
  })
})

describe('what a phone sends', () => {
  const single = { type: 'single' as const, options: [{ code: 'o1' }, { code: 'o2' }] }
  const ranking = { type: 'ranking' as const, options: [{ code: 'o1' }, { code: 'o2' }, { code: 'o3' }] }

  it('single choice must be one of the options', () => {
    expect(parseVote(single, form([['choice', 'o2']]))).toEqual({ ok: true, value: { kind: 'option', code: 'o2' } })
    expect(parseVote(single, form([['choice', 'o9']]))).toEqual({ ok: false, error: 'choose_one' })
    expect(parseVote(single, form([]))).toEqual({ ok: false, error: 'choose_one' })
  })

  it('multiple choice keeps the options in their own order, once each', () => {
    const multiple = { type: 'multiple' as const, options: [{ code: 'o1' }, { code: 'o2' }, { code: 'o3' }] }
    expect(parseVote(multiple, form([['choices', 'o3'], ['choices', 'o1'], ['choices', 'o3'], ['choices', 'x']]))).toEqual({ ok: true, value: { kind: 'codes', codes: ['o1', 'o3'] } })
    expect(parseVote(multiple, form([['choices', 'x']]))).toEqual({ ok: false, error: 'choose_some' })
  })

  it('ranking needs a first choice and no repeats', () => {
    expect(parseVote(ranking, form([['rank-1', 'o3'], ['rank-2', 'o1']]))).toEqual({ ok: true, value: { kind: 'codes', codes: ['o3', 'o1'] } })
    expect(parseVote(ranking, form([['rank-2', 'o1']]))).toEqual({ ok: false, error: 'rank_first' })
    expect(parseVote(ranking, form([['rank-1', 'o1'], ['rank-2', 'o1']]))).toEqual({ ok: false, error: 'rank_repeat' })
  })

  it(`open text: required, and at most ${TEXT_MAX} characters (Bengali counted as characters)`, () => {
    const text = { type: 'text' as const, options: [] }
    expect(parseVote(text, form([['text', '  ']]))).toEqual({ ok: false, error: 'text_empty' })
    expect(parseVote(text, form([['text', 'x'.repeat(TEXT_MAX + 1)]]))).toEqual({ ok: false, error: 'text_too_long' })
    expect(parseVote(text, form([['text', 'বা'.repeat(TEXT_MAX / 2)]])).ok).toBe(true)
  })
})

describe('holding texts back for a moderator', () => {
  const list = [
    { locale: 'en', word: 'scum' },
    { locale: 'bn', word: 'বোকা' },
  ]
  it('English blocked words match whole words in any case; Bengali inside words', () => {
    expect(findBlockedWords('They are SCUM.', list)).toEqual(['scum'])
    expect(findBlockedWords('Scumble paint', list)).toEqual([])
    expect(findBlockedWords('ও একটা বোকামি করেছে', list)).toEqual(['বোকা'])
    expect(holdReason('They are scum', list)).toBe('blocked_word')
  })

  it('phone numbers and email addresses are personal details', () => {
    expect(looksLikePersonalDetails('Call me on 07700 900123')).toBe(true)
    expect(looksLikePersonalDetails('+44 20 7946 0000 please')).toBe(true)
    expect(looksLikePersonalDetails('ফোন ০৭৭০০ ৯০০১২৩')).toBe(true)
    expect(looksLikePersonalDetails('email me: someone@example.org')).toBe(true)
    expect(looksLikePersonalDetails('More buses on route 25 and 205')).toBe(false)
    expect(holdReason('More youth clubs', list)).toBeNull()
  })
})

describe('the signed device cookie', async () => {
  const { signDevice, verifyDevice, deviceHash } = await import('~/features/events/device.server.ts')
  const secret = 's'.repeat(40)
  const id = 'AbCdEfGhIjKlMnOpQrStUv'

  it('verifies its own signature, and stores only a hash of the id', () => {
    const value = signDevice(id, secret)
    expect(verifyDevice(value, secret)).toEqual({ status: 'ok', device: { id, hash: deviceHash(id) } })
    expect(deviceHash(id)).toMatch(/^[0-9a-f]{64}$/)
    expect(deviceHash(id)).not.toContain(id)
  })

  it('refuses a forged, edited or foreign cookie', () => {
    const value = signDevice(id, secret)
    expect(verifyDevice(value, 't'.repeat(40)).status).toBe('forged')
    expect(verifyDevice(value.replace(/^A/, 'B'), secret).status).toBe('forged')
    expect(verifyDevice(`${id}.${'x'.repeat(43)}`, secret).status).toBe('forged')
    expect(verifyDevice('not-a-cookie', secret).status).toBe('forged')
    expect(verifyDevice(`${value}.extra`, secret).status).toBe('forged')
    expect(verifyDevice(undefined, secret).status).toBe('missing')
  })
})

describe('editing a prepared item', () => {
  const item: { type: 'single'; title: Record<string, string>; options: { code: string; label: Record<string, string> }[] } = {
    type: 'single',
    title: { en: 'Which day?', bn: 'কোন দিন?' },
    options: [
      { code: 'o1', label: { en: 'Monday', bn: 'সোমবার' } },
      { code: 'o2', label: { en: 'Tuesday' } },
    ],
  }

  it('fills the form with the item: title per language, options one a line (a language missing a label left empty)', () => {
    expect(itemFormValues(item, ['en', 'bn'])).toEqual({ type: 'single', title_en: 'Which day?', title_bn: 'কোন দিন?', options_en: 'Monday\nTuesday', options_bn: '' })
    const again = parseItemForm(form(Object.entries(itemFormValues(item, ['en', 'bn'])) as [string, string][]), ['en', 'bn'])
    expect(again.values).toEqual({ type: 'single', title: item.title, options: [{ code: 'o1', label: { en: 'Monday' } }, { code: 'o2', label: { en: 'Tuesday' } }] })
  })

  it('once opened or voted on: the same type and number of options, or an error saying why', () => {
    const edit = (type: 'single' | 'multiple', labels: string[]) => ({ type, title: { en: 'Which day?' }, options: labels.map((l, i) => ({ code: `o${i + 1}`, label: { en: l } })) })
    expect(lockedItemEditErrors(item, edit('single', ['Mon', 'Tue']))).toEqual({})
    expect(lockedItemEditErrors(item, edit('multiple', ['Mon', 'Tue']))).toEqual({ type: 'errors.item_locked_type' })
    expect(lockedItemEditErrors(item, edit('single', ['Mon', 'Tue', 'Wed']))).toEqual({ options_en: 'errors.item_locked_options' })
    expect(lockedItemEditErrors({ type: 'text', options: [] }, { type: 'text', title: { en: 'Words?' }, options: [] })).toEqual({})
  })
})
