// Seeded random choices for the demo data, so every fresh start (on every
// machine) shows the same demo.
export { createSeededRandom } from '../../app/features/analysis/statistics/seeded-random.ts'

/** One of the items, chosen with probability in proportion to its weight. */
export function pickWeighted<T>(random: () => number, items: [T, number][]): T {
  const total = items.reduce((s, [, w]) => s + w, 0)
  let r = random() * total
  for (const [item, weight] of items) {
    r -= weight
    if (r <= 0) return item
  }
  return items[items.length - 1]![0]
}
