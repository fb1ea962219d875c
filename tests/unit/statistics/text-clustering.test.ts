import { describe, expect, it } from 'vitest'
import {
  buildTfidf,
  clusterTexts,
  compileLexicon,
  createSeededRandom,
  matchThemes,
  normaliseText,
  sphericalKMeans,
  tokenise,
} from '~/features/analysis/statistics/text-clustering.ts'

// Methods: TF-IDF with sublinear tf (Manning, Raghavan & Schütze 2008,
// "Introduction to Information Retrieval", ch. 6); spherical k-means (Dhillon &
// Modha 2001, "Concept decompositions for large sparse text data using
// clustering", Machine Learning 42:143–175); k-means++ seeding (Arthur &
// Vassilvitskii 2007, "k-means++: the advantages of careful seeding", SODA).
// There is no published answer key for clustering a corpus; these tests check
// properties any correct implementation must have.

const BINS = [
  'The bins were not emptied again this week',
  'Rubbish bins overflowing on our street, bins never collected',
  'Bin collection missed, rubbish everywhere',
  'Please collect the recycling bins more often',
  'Overflowing rubbish and recycling, bins left for weeks',
  'Missed bin collection three times, rubbish piling up',
  'Recycling collection is unreliable and the bins smell',
  'More bins on the high street for rubbish please',
]
const PARKS = [
  'The park needs more trees and a better playground',
  'Victoria Park playground is great for children',
  'Plant more trees in the park and fix the benches',
  'Our local park has no lighting and the playground is broken',
  'Children need a safe playground in the park',
  'Keep the park green, more trees and flowers',
  'Benches and trees in the park make it lovely',
  'The playground in Mile End park needs repairs',
]

describe('tokenise', () => {
  it('lower-cases, strips punctuation and English stop words', () => {
    expect(tokenise("The bins WEREN'T emptied!!! Again...")).toEqual(['bins', 'emptied'])
    expect(tokenise('20mph zones, 2024 — e-scooters?')).toEqual(['20mph', 'zones', 'scooters'])
    expect(tokenise('The park', { removeStopWords: false, minLength: 1 })).toEqual(['the', 'park'])
  })

  it('splits Bengali text into words, keeping vowel signs and dropping the danda', () => {
    // "Our park needs more light."
    const words = tokenise('আমাদের পার্কে আরও আলো দরকার।', { removeStopWords: false })
    expect(words).toEqual(['আমাদের', 'পার্কে', 'আরও', 'আলো', 'দরকার'].map((w) => w.normalize('NFC')))
    for (const w of words) expect(w).toMatch(/^[\p{Script=Bengali}]+$/u)
    // আমাদের (our) and আরও (more) are on the Bengali stop-word list.
    expect(tokenise('আমাদের পার্কে আরও আলো দরকার।')).toEqual(['পার্কে', 'আলো', 'দরকার'].map((w) => w.normalize('NFC')))
  })

  it('treats the two Unicode spellings of a Bengali letter as one word', () => {
    const precomposed = '\u09ae\u09df\u09b2\u09be' // ময়লা with য় as one code point, U+09DF
    const decomposed = '\u09ae\u09af\u09bc\u09b2\u09be' // the same word with য + nukta
    expect(precomposed).not.toBe(decomposed)
    expect(tokenise(precomposed)).toEqual(tokenise(decomposed))
    expect(normaliseText('ক\u200cষ')).toBe('কষ')
  })

  it('handles mixed English and Bengali', () => {
    expect(tokenise('Bins ময়লা ফেলার জায়গা নেই')).toEqual(['bins', ...['ময়লা', 'ফেলার', 'জায়গা', 'নেই'].map((w) => w.normalize('NFC'))])
  })
})

describe('TF-IDF', () => {
  it('weights rarer terms higher and gives unit-length rows', () => {
    const m = buildTfidf([['bins', 'rubbish'], ['bins', 'park'], ['bins']])
    expect(m.vocabulary).toEqual(['bins', 'rubbish', 'park'])
    expect(Array.from(m.documentFrequency)).toEqual([3, 1, 1])
    // idf = ln((1 + N)/(1 + df)) + 1: bins ln(4/4) + 1 = 1; rubbish ln(4/2) + 1.
    expect(m.idf[0]).toBeCloseTo(1, 12)
    expect(m.idf[1]).toBeCloseTo(Math.log(2) + 1, 12)
    for (let r = 0; r < m.rows; r++) {
      let norm = 0
      for (let p = m.indptr[r]; p < m.indptr[r + 1]; p++) norm += m.values[p] ** 2
      expect(norm).toBeCloseTo(1, 12)
    }
    // Row 0: weights 1 and 1 + ln 2 before scaling.
    expect(m.values[1] / m.values[0]).toBeCloseTo(1 + Math.log(2), 12)
  })

  it('drops terms outside the document-frequency limits', () => {
    const m = buildTfidf([['a', 'b'], ['a', 'c'], ['a', 'b']], { minDocumentFrequency: 2, maxDocumentFrequencyRatio: 0.9 })
    expect(m.vocabulary).toEqual(['b'])
  })
})

describe('clusterTexts', () => {
  it('separates two obvious topics', () => {
    const texts = [...BINS, ...PARKS]
    const result = clusterTexts(texts, { k: 2, seed: 42 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const { assignments, clusters } = result.value
    const binCluster = assignments[0]
    expect(assignments.slice(0, BINS.length).every((c) => c === binCluster)).toBe(true)
    expect(assignments.slice(BINS.length).every((c) => c === 1 - binCluster)).toBe(true)
    expect(clusters[binCluster].size).toBe(BINS.length)
    const topBin = clusters[binCluster].topTerms.slice(0, 3).map((t) => t.term)
    const topPark = clusters[1 - binCluster].topTerms.slice(0, 3).map((t) => t.term)
    expect(topBin).toContain('bins')
    expect(topPark).toContain('park')
    // Examples are members of their cluster, most typical first.
    for (const cluster of clusters) {
      expect(cluster.examples).toHaveLength(3)
      for (const e of cluster.examples) expect(assignments[e.index]).toBe(cluster.id)
      expect(cluster.examples[0].similarity).toBeGreaterThanOrEqual(cluster.examples[2].similarity)
    }
  })

  it('separates them whatever the seed', () => {
    const texts = [...BINS, ...PARKS]
    for (let seed = 1; seed <= 25; seed++) {
      const result = clusterTexts(texts, { k: 2, seed })
      expect(result.ok).toBe(true)
      if (!result.ok) return
      const a = result.value.assignments
      expect(new Set(a.slice(0, BINS.length)).size, `seed ${seed}`).toBe(1)
      expect(new Set(a.slice(BINS.length)).size, `seed ${seed}`).toBe(1)
      expect(a[0], `seed ${seed}`).not.toBe(a[BINS.length])
    }
  })

  it('separates Bengali topics too', () => {
    // Rubbish (ময়লা) on the street / in the park (পার্কে).
    const texts = [
      'রাস্তায় ময়লা জমে আছে',
      'ময়লা সংগ্রহ নিয়মিত হয় না',
      'ময়লা সংগ্রহ আরও ঘন ঘন দরকার',
      'রাস্তায় ময়লা ফেলার বিন চাই',
      'পার্কে আরও গাছ দরকার',
      'পার্কে শিশুদের খেলার মাঠ ভালো',
      'পার্কে আলো নেই, গাছ কাটা হয়েছে',
      'পার্কে গাছ ও বেঞ্চ চাই',
    ]
    for (let seed = 1; seed <= 25; seed++) {
      const result = clusterTexts(texts, { k: 2, seed })
      expect(result.ok).toBe(true)
      if (!result.ok) return
      const a = result.value.assignments
      expect(new Set(a.slice(0, 4)).size, `seed ${seed}`).toBe(1)
      expect(new Set(a.slice(4)).size, `seed ${seed}`).toBe(1)
      expect(a[0], `seed ${seed}`).not.toBe(a[4])
    }
  })

  it('is deterministic for a seed', () => {
    const random = createSeededRandom(9)
    const words = ['bins', 'rubbish', 'park', 'trees', 'housing', 'rent', 'buses', 'trains', 'crime', 'police', 'noise', 'parking']
    const texts = Array.from({ length: 300 }, () => Array.from({ length: 5 }, () => words[Math.floor(random() * words.length)]).join(' '))
    const first = clusterTexts(texts, { k: 5, seed: 123 })
    const second = clusterTexts(texts, { k: 5, seed: 123 })
    expect(first).toEqual(second)
    expect(first.ok && first.value.clusters.reduce((s, c) => s + c.size, 0)).toBe(300)
    // The generator itself repeats for a seed and differs between seeds.
    const a = createSeededRandom(1)
    const b = createSeededRandom(1)
    const c = createSeededRandom(2)
    const seqA = [a(), a(), a()]
    expect([b(), b(), b()]).toEqual(seqA)
    expect([c(), c(), c()]).not.toEqual(seqA)
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true)
  })

  it('leaves texts with no usable words unclustered', () => {
    const result = clusterTexts([...BINS, 'the and of', '!!!', ...PARKS], { k: 2, seed: 1 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.unclustered).toBe(2)
    expect(result.value.assignments[BINS.length]).toBe(-1)
    expect(result.value.assignments[BINS.length + 1]).toBe(-1)
  })

  it('copes with more clusters than distinct texts', () => {
    const result = clusterTexts(['bins bins', 'bins bins', 'bins bins', 'park'], { k: 3, seed: 1 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.assignments.every((c) => c >= 0 && c < 3)).toBe(true)
    expect(result.value.assignments[0]).toBe(result.value.assignments[1])
    expect(result.value.assignments[3]).not.toBe(result.value.assignments[0])
  })

  it('typed errors for impossible k', () => {
    expect(clusterTexts(['bins'], { k: 0 })).toEqual({ ok: false, error: { kind: 'invalid-k', k: 0 } })
    expect(clusterTexts(['bins', 'the'], { k: 2 })).toEqual({ ok: false, error: { kind: 'too-few-texts', usableTexts: 1, k: 2 } })
  })

  it('separates 20,000 short texts into their topics (speed is measured in bench/, not here)', () => {
    // Synthetic: 8 topics of 60 words each plus 300 shared words; 6–15 words a text, 60% from its topic.
    const random = createSeededRandom(2024)
    const topics = Array.from({ length: 8 }, (_, t) => Array.from({ length: 60 }, (_, w) => `t${t}w${w}`))
    const shared = Array.from({ length: 300 }, (_, w) => `shared${w}`)
    const texts = Array.from({ length: 20_000 }, (_, i) => {
      const n = 6 + Math.floor(random() * 10)
      return Array.from({ length: n }, () => (random() < 0.6 ? topics[i % 8][Math.floor(random() * 60)] : shared[Math.floor(random() * 300)])).join(' ')
    })
    const result = clusterTexts(texts, { k: 8, seed: 5 })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    // Each cluster should be dominated by one topic.
    let majority = 0
    for (const cluster of result.value.clusters) {
      const counts = new Array<number>(8).fill(0)
      result.value.assignments.forEach((c, i) => c === cluster.id && counts[i % 8]++)
      majority += Math.max(...counts)
    }
    expect(majority / texts.length).toBeGreaterThan(0.95)
  }, 30_000)

  it('sphericalKMeans keeps rows with no terms out', () => {
    const m = buildTfidf([['a'], [], ['b'], ['a', 'a']])
    const result = sphericalKMeans(m, 2, { seed: 1 })
    expect(result.assignments[1]).toBe(-1)
    expect(result.assignments[0]).toBe(result.assignments[3])
    expect(result.assignments[0]).not.toBe(result.assignments[2])
  })
})

describe('keyword lexicon', () => {
  const lexicon = compileLexicon([
    { id: 'waste', keywords: ['bin*', 'rubbish', 'fly tipping', 'ময়লা*'] },
    { id: 'parks', keywords: ['park', 'playground*', 'পার্ক*'] },
    { id: 'parking', keywords: ['parking', 'car park*'] },
  ])

  it('matches words, prefixes and phrases, in English and Bengali', () => {
    expect(matchThemes('Fly-tipping on my road again', lexicon)).toEqual([{ themeId: 'waste', keywords: ['fly tipping'] }])
    expect(matchThemes('The BINS and the playgrounds', lexicon)).toEqual([
      { themeId: 'waste', keywords: ['bin*'] },
      { themeId: 'parks', keywords: ['playground*'] },
    ])
    expect(matchThemes('পার্কের বেঞ্চ ভাঙা', lexicon)).toEqual([{ themeId: 'parks', keywords: ['পার্ক*'] }])
    expect(matchThemes('রাস্তায় ময়লার স্তূপ', lexicon)).toEqual([{ themeId: 'waste', keywords: ['ময়লা*'] }])
  })

  it('an exact keyword does not match a longer word', () => {
    // "park" (exact) must not catch "parking"; "car park*" catches "car parks".
    expect(matchThemes('Parking is impossible near the car parks', lexicon)).toEqual([{ themeId: 'parking', keywords: ['parking', 'car park*'] }])
  })

  it('accepts an uncompiled lexicon and returns nothing for no match', () => {
    expect(matchThemes('Buses are late', [{ id: 'transport', keywords: ['bus*'] }])).toEqual([{ themeId: 'transport', keywords: ['bus*'] }])
    expect(matchThemes('Nothing relevant here', lexicon)).toEqual([])
  })
})
