import fs from 'node:fs'
import { describe, expect, it } from 'vitest'

// docs/architecture.md's "Data model (as built)" must name every table the schema has.
describe('docs/architecture.md data model', () => {
  it('lists every table in db/schema.ts', () => {
    const schema = fs.readFileSync('db/schema.ts', 'utf8')
    const database = schema.slice(schema.indexOf('export interface Database {'))
    const tables = [...database.slice(0, database.indexOf('}')).matchAll(/^\s+([a-z_]+):/gm)].map((m) => m[1])
    expect(tables.length).toBeGreaterThan(10)
    const doc = fs.readFileSync('docs/architecture.md', 'utf8')
    const section = doc.slice(doc.indexOf('## Data model'), doc.indexOf('\n## ', doc.indexOf('## Data model') + 1))
    const documented = new Set([...section.matchAll(/^\| `([a-z_]+)` \|/gm)].map((m) => m[1]))
    expect(tables.filter((table) => !documented.has(table))).toEqual([])
  })
})
