import { redactPersonalDetails } from '../coding/personal-details.ts'
import type { SurveyDefinition } from '../surveys/definition.ts'

// The responses CSV leaves the system like every other export, so it is
// protected like them (docs/decisions/0008-findings-and-exports.md): one row
// per response cannot be a suppressed table, so rare values are suppressed in
// the rows instead ("local suppression" in statistical disclosure control).
// An answer (or a ward) that fewer than the threshold gave is replaced by a
// mark, free text has personal details taken out, and a cell a spreadsheet
// would run as a formula is made plain text.

export interface CsvProtection {
  /** per answer column: the values fewer than the threshold gave */
  rareValues: Map<string, Set<string>>
  rareWards: Set<string>
  /** free-text columns: redacted, never counted */
  textColumns: Set<string>
  mark: string
}

export interface ValueCount {
  column: string
  value: string
  responses: number
}

export function textColumns(definition: SurveyDefinition): Set<string> {
  return new Set(definition.questions.filter((q) => q.type === 'text').map((q) => q.key))
}

export function planCsvProtection({
  values,
  wards,
  texts,
  threshold,
  mark,
}: {
  values: readonly ValueCount[]
  wards: readonly { ward: string; responses: number }[]
  texts: Set<string>
  threshold: number
  mark: string
}): CsvProtection {
  const rareValues = new Map<string, Set<string>>()
  for (const v of values) {
    if (texts.has(v.column) || v.responses >= threshold) continue
    let set = rareValues.get(v.column)
    if (!set) rareValues.set(v.column, (set = new Set()))
    set.add(v.value)
  }
  return { rareValues, rareWards: new Set(wards.filter((w) => w.responses < threshold).map((w) => w.ward)), textColumns: texts, mark }
}

/** A cell starting with = + - @ (or a tab or carriage return) is a formula to Excel: a leading apostrophe keeps it text. */
export function plainText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

export function protectRow<R extends { ward: string | null; answers: unknown[][] }>(row: R, columns: readonly string[], plan: CsvProtection): R {
  return {
    ...row,
    ward: row.ward !== null && plan.rareWards.has(row.ward) ? plan.mark : row.ward,
    answers: row.answers.map((values, i) => {
      const column = columns[i]!
      if (plan.textColumns.has(column)) return values.map((v) => (typeof v === 'string' ? plainText(redactPersonalDetails(v).text) : v))
      const rare = plan.rareValues.get(column)
      return values.map((v) => {
        if (v === null || v === undefined) return v
        if (rare?.has(String(v))) return plan.mark
        return typeof v === 'string' ? plainText(v) : v
      })
    }),
  }
}
