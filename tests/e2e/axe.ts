import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

// The accessibility check the browser tests run on the pages they visit.

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * axe on the page as it is now: it must have checked something, and any
 * violation is a soft failure (the test goes on, so one run lists them all).
 * With `summaries`, each element's failure summary is in the message.
 */
export async function scan(page: Page, name: string, { summaries = false }: { summaries?: boolean } = {}) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  expect(results.passes.length, `${name}: axe ran no checks`).toBeGreaterThan(0)
  const where = (n: (typeof results.violations)[number]['nodes'][number]) => (summaries ? `${n.target.join(' ')} (${n.failureSummary})` : n.target.join(' '))
  expect.soft(results.violations.map((v) => `${name}: ${v.id} ${v.nodes.map(where).join(', ')}`)).toEqual([])
}
