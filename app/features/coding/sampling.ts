import { createSeededRandom } from '../analysis/statistics/seeded-random.ts'

// A simple random sample without replacement for double coding. Seeded, so the
// same answers, size and seed always give the same sample (the seed is stored
// with the sample and shown in the method).

/** `size` ids drawn from `ids` (partial Fisher–Yates shuffle on a sorted copy), in draw order. */
export function drawSample(ids: readonly string[], size: number, seed: number): string[] {
  const pool = [...ids].sort()
  const n = Math.max(0, Math.min(Math.floor(size), pool.length))
  const random = createSeededRandom(seed)
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i))
    ;[pool[i], pool[j]] = [pool[j], pool[i]]
  }
  return pool.slice(0, n)
}
