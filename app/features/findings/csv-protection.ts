import { redactPersonalDetails } from '../coding/personal-details.ts'

// The responses CSV leaves the system like every other export, so it is
// protected like them (docs/decisions/0008-findings-and-exports.md): one row
// per response cannot be a suppressed table, so rare values are suppressed in
// the rows instead ("local suppression" in statistical disclosure control).
// A closed answer, ward, method or language is written only if at least the
// threshold of responses gave it (an allow-list counted from the same rows
// the file is written from, so nothing can slip in between); any other value
// is replaced by a mark. Free text has personal details taken out, and a cell
// a spreadsheet would run as a formula is made plain text.
//
// ResponsesCsv holds the rows compactly (each distinct value once, a row as
// pairs of small integers), counts while the rows are added, and writes every
// distinct value's cell text once.

export interface CsvProtectionOptions {
  threshold: number
  /** written instead of a rare value, e.g. "fewer than 10" */
  mark: string
}

export type CsvValue = string | number | null

/** A cell starting with = + - @ (or a tab or carriage return) is a formula to Excel: a leading apostrophe keeps it text. */
export function plainText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

const NEEDS_QUOTES = /[",\r\n]/

export function csvCell(value: CsvValue | undefined): string {
  if (value === null || value === undefined) return ''
  const s = String(value)
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Between the values of a multiple choice (or ranking) in one cell. */
const JOIN = ' | '

/** The distinct values of one column, each with how many responses gave it. */
class Field {
  private readonly index = new Map<CsvValue, number>()
  readonly values: CsvValue[] = []
  readonly counts: number[] = []
  private readonly lastRow: number[] = []
  /** per value: its text in the file (protected), and that text as a CSV cell */
  texts: string[] = []
  cells: string[] = []

  add(value: CsvValue, row: number): number {
    let id = this.index.get(value)
    if (id === undefined) {
      id = this.values.length
      this.index.set(value, id)
      this.values.push(value)
      this.counts.push(0)
      this.lastRow.push(-1)
    }
    // Responses, not answers: a value given twice in one response counts once.
    if (this.lastRow[id] !== row) {
      this.lastRow[id] = row
      this.counts[id]!++
    }
    return id
  }

  render(text: (value: CsvValue, count: number) => string) {
    this.texts = this.values.map((v, id) => text(v, this.counts[id]!))
    this.cells = this.texts.map(csvCell)
  }
}

class IntList {
  data = new Int32Array(1024)
  length = 0
  push(value: number) {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2)
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[this.length++] = value
  }
}

const HEADER = ['reference', 'channel', 'language', 'ward_code', 'submitted_at']

export class ResponsesCsv {
  private readonly fields: Field[]
  private readonly channel = new Field()
  private readonly locale = new Field()
  private readonly ward = new Field()
  private readonly references: string[] = []
  private readonly channels = new IntList()
  private readonly locales = new IntList()
  private readonly wards = new IntList()
  private readonly submittedAt: number[] = []
  /** per row, where its answers start in `pairs` */
  private readonly starts = new IntList()
  /** column, value id; column, value id; ... */
  private readonly pairs = new IntList()
  private finished = false

  constructor(
    private readonly columns: readonly string[],
    private readonly texts: ReadonlySet<string>,
    private readonly protection: CsvProtectionOptions | null,
  ) {
    this.fields = columns.map(() => new Field())
  }

  get rows(): number {
    return this.references.length
  }

  /** The first line: a byte order mark first, so spreadsheet programs read Bengali and Urdu as UTF-8. */
  header(): string {
    return '\uFEFF' + [...HEADER, ...this.columns].map(csvCell).join(',') + '\r\n'
  }

  /** Starts a row; its answers follow with addAnswer. */
  addResponse(reference: string, channel: string, locale: string, ward: string | null, submittedAt: number) {
    const row = this.references.length
    this.references.push(reference)
    this.channels.push(this.channel.add(channel, row))
    this.locales.push(this.locale.add(locale, row))
    this.wards.push(this.ward.add(ward, row))
    this.submittedAt.push(submittedAt)
    this.starts.push(this.pairs.length)
  }

  /** An answer of the last row started, to column `column` (an index into the columns), in position order. */
  addAnswer(column: number, value: CsvValue) {
    this.pairs.push(column)
    this.pairs.push(this.fields[column]!.add(value, this.references.length - 1))
  }

  /** After the last row: decides what each distinct value is written as. */
  finish() {
    const p = this.protection
    const raw = (v: CsvValue) => (v === null ? '' : String(v))
    const counted = (v: CsvValue, count: number) => (v === null ? '' : count < p!.threshold ? p!.mark : typeof v === 'string' ? plainText(v) : String(v))
    const text = (v: CsvValue) => (typeof v === 'string' ? plainText(redactPersonalDetails(v).text) : raw(v))
    for (const field of [this.channel, this.locale, this.ward]) field.render(p ? counted : raw)
    this.fields.forEach((field, i) => field.render(!p ? raw : this.texts.has(this.columns[i]!) ? text : counted))
    this.finished = true
  }

  /** Rows from..to−1 as CSV lines. */
  render(from: number, to: number): string {
    if (!this.finished) throw new Error('ResponsesCsv.render before finish')
    const n = this.columns.length
    const firstId = new Int32Array(n).fill(-1)
    const more: (string[] | undefined)[] = new Array(n)
    const { data: pairs } = this.pairs
    const starts = this.starts.data
    let out = ''
    for (let r = from; r < to; r++) {
      let line = `${csvCell(this.references[r]!)},${this.channel.cells[this.channels.data[r]!]},${this.locale.cells[this.locales.data[r]!]},${this.ward.cells[this.wards.data[r]!]},${new Date(this.submittedAt[r]!).toISOString()}`
      const end = r + 1 < this.rows ? starts[r + 1]! : this.pairs.length
      for (let at = starts[r]!; at < end; at += 2) {
        const column = pairs[at]!
        const id = pairs[at + 1]!
        if (firstId[column] === -1) firstId[column] = id
        else (more[column] ??= [this.fields[column]!.texts[firstId[column]!]!]).push(this.fields[column]!.texts[id]!)
      }
      for (let c = 0; c < n; c++) {
        const id = firstId[c]!
        if (id === -1) {
          line += ','
          continue
        }
        const several = more[c]
        line += ',' + (several ? csvCell(several.join(JOIN)) : this.fields[c]!.cells[id])
        firstId[c] = -1
        more[c] = undefined
      }
      out += line + '\r\n'
    }
    return out
  }
}
