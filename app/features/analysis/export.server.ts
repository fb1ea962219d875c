import ExcelJS from 'exceljs'
import type { AnalysisContext } from './analysis-context.server.ts'
import type { DashboardData } from './dashboard-page.server.ts'
import { publishCount } from './publish.ts'
import type { PublishedCell } from './statistics/index.ts'
import type { ChartTable, PointsTable } from './view.ts'

// The dashboard's tables as a download: JSON, and XLSX with a sheet per
// question. Always suppressed, whoever downloads them (the context is loaded
// with exporting: true): a file leaves the system and can be forwarded.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export type ExportCell = { count: number; percent?: number } | { suppressed: 'primary' | 'secondary'; text: string }

export interface ExportTable {
  id: string
  title: string
  categoryHeader: string
  multiValued: boolean
  rows: { label: string; value: ExportCell }[]
  answeredLabel: string
  answered: ExportCell
  notAnswered: number | null
}

/** Free-text findings (app/features/findings/export-findings.server.ts): theme counts suppressed, quotes redacted. */
export interface ExportFindings {
  themes: { theme: string; cta: string | null; residents: ExportCell }[]
  quotes: { cta: string; theme: string; text: string }[]
}

export interface ExportDocument {
  consultation: { id: string; slug: string; title: string; syntheticData: boolean }
  generatedAt: string
  language: string
  suppression: { threshold: number; note: string }
  filters: { name: string; value: string }[]
  /** every count through the suppression module: a consultation with 3 responses says "fewer than 10", not 3 */
  responses: { all: ExportCell; matching: ExportCell }
  /** why there are no tables, when there are none */
  message: string | null
  overview: ExportTable[]
  questions: { key: string; title: string; type: string; tables: ExportTable[]; points: { title: string; rows: { label: string; ranked: ExportCell; points: number | null }[] } | null }[]
  crossTab: { rows: string; columns: string; rowLabels: string[]; columnLabels: string[]; cells: ExportCell[][]; rowTotals: ExportCell[]; columnTotals: ExportCell[]; total: ExportCell; note: string } | null
  themes?: ExportFindings['themes']
  quotes?: ExportFindings['quotes']
}

function exportCell(cell: PublishedCell, t: AnalysisContext['t']): ExportCell {
  if (cell.kind === 'shown') return cell.percent === undefined ? { count: cell.count } : { count: cell.count, percent: Math.round(cell.percent * 10) / 10 }
  return { suppressed: cell.reason, text: cell.reason === 'primary' ? t('suppressed.primary', { threshold: cell.threshold }) : t('suppressed.secondary') }
}

function exportTable(table: ChartTable, t: AnalysisContext['t']): ExportTable {
  return {
    id: table.id,
    title: table.title,
    categoryHeader: table.categoryHeader,
    multiValued: table.multi,
    rows: table.rows.map((r) => ({ label: r.label, value: exportCell(r.cell, t) })),
    answeredLabel: table.baseLabel,
    answered: exportCell(table.base, t),
    notAnswered: table.notAnswered,
  }
}

function exportPoints(points: PointsTable | undefined, t: AnalysisContext['t']) {
  return points ? { title: points.title, rows: points.rows.map((r) => ({ label: r.label, ranked: exportCell(r.ranked, t), points: r.points })) } : null
}

export function exportDocument(context: AnalysisContext, data: DashboardData, now = new Date(), findings?: ExportFindings): ExportDocument {
  const { t } = context
  const message =
    data.state === 'no-survey'
      ? t('dashboard.no_survey')
      : data.state === 'empty'
        ? data.allResponses === 0
          ? t('dashboard.no_responses')
          : t('dashboard.no_matches')
        : data.state === 'too-few'
          ? t('dashboard.too_few', { threshold: context.settings.threshold })
          : null
  const view = data.crossTab?.view
  return {
    consultation: { id: context.consultation.id, slug: context.consultation.slug, title: context.consultation.title, syntheticData: context.consultation.isSynthetic },
    generatedAt: now.toISOString(),
    language: context.locale,
    suppression: { threshold: context.settings.threshold, note: t('export.suppression_note', { threshold: context.settings.threshold }) },
    filters: data.activeFilters,
    responses: { all: exportCell(publishCount(data.allResponses, context.settings), t), matching: exportCell(data.matching, t) },
    message,
    overview: data.overview.map((table) => exportTable(table, t)),
    questions: data.questions.map((q) => ({ key: q.key, title: q.title, type: q.type, tables: q.tables.map((table) => exportTable(table, t)), points: exportPoints(q.points, t) })),
    crossTab: view
      ? {
          rows: view.rowTitle,
          columns: view.columnTitle,
          rowLabels: view.rowLabels,
          columnLabels: view.columnLabels,
          cells: view.table.cells.map((row) => row.map((c) => exportCell(c, t))),
          rowTotals: view.table.rowTotals.map((c) => exportCell(c, t)),
          columnTotals: view.table.columnTotals.map((c) => exportCell(c, t)),
          total: exportCell(view.table.grandTotal, t),
          note: view.multi ? `${t('crosstab.percent_note')} ${t('crosstab.multi_note')}` : t('crosstab.percent_note'),
        }
      : null,
    ...(findings ? { themes: findings.themes, quotes: findings.quotes } : {}),
  }
}

// ---- XLSX --------------------------------------------------------------------

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(wanted: string, used: Set<string>): string {
  const clean = wanted.replace(/[:\\/?*[\]]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 31) || 'Sheet'
  let name = clean
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${clean.slice(0, 31 - String(n).length - 1)} ${n}`
  used.add(name.toLowerCase())
  return name
}

const PERCENT = '0.0%'

function writeCell(row: ExcelJS.Row, column: number, value: ExportCell) {
  if ('count' in value) {
    row.getCell(column).value = value.count
    if (value.percent !== undefined) {
      row.getCell(column + 1).value = value.percent / 100
      row.getCell(column + 1).numFmt = PERCENT
    }
  } else {
    row.getCell(column).value = value.text
  }
}

function writeTable(sheet: ExcelJS.Worksheet, table: ExportTable, t: AnalysisContext['t']) {
  const title = sheet.addRow([table.title])
  title.font = { bold: true, size: 13 }
  const header = sheet.addRow([table.categoryHeader, t('table.count'), table.multiValued ? t('table.percent_people') : t('table.percent')])
  header.font = { bold: true }
  for (const r of table.rows) writeCell(sheet.addRow([r.label]), 2, r.value)
  const answered = sheet.addRow([table.answeredLabel])
  writeCell(answered, 2, table.answered)
  answered.font = { italic: true }
  if (table.notAnswered !== null) sheet.addRow([t('table.not_answered'), table.notAnswered]).font = { italic: true }
  if (table.multiValued) sheet.addRow([t('table.multi_note')])
  sheet.addRow([])
}

export async function writeAnalysisWorkbook(doc: ExportDocument, t: AnalysisContext['t']): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Have Your Say'
  workbook.created = new Date(doc.generatedAt)
  const used = new Set<string>()
  const rtl = doc.language === 'ur'
  const newSheet = (name: string) => {
    const sheet = workbook.addWorksheet(sheetName(name, used), { views: [{ rightToLeft: rtl }] })
    sheet.columns = [{ width: 60 }, { width: 16 }, { width: 16 }]
    return sheet
  }

  const about = newSheet(t('export.about'))
  about.addRow([doc.consultation.title]).font = { bold: true, size: 14 }
  about.addRow([t('export.generated'), doc.generatedAt])
  writeCell(about.addRow([t('export.responses_all')]), 2, doc.responses.all)
  writeCell(about.addRow([t('export.responses_matching')]), 2, doc.responses.matching)
  about.addRow([t('export.filters'), doc.filters.length ? doc.filters.map((f) => `${f.name}: ${f.value}`).join('; ') : t('filters.all')])
  about.addRow([doc.suppression.note])
  if (doc.consultation.syntheticData) about.addRow([t('synthetic')])
  if (doc.message) about.addRow([doc.message]).font = { bold: true }

  if (doc.overview.length) {
    const sheet = newSheet(t('overview.title'))
    for (const table of doc.overview) writeTable(sheet, table, t)
  }
  doc.questions.forEach((q, index) => {
    const sheet = newSheet(`Q${index + 1} ${q.key}`)
    sheet.addRow([q.title]).font = { bold: true, size: 14 }
    sheet.addRow([])
    for (const table of q.tables) writeTable(sheet, table, t)
    if (q.points) {
      sheet.addRow([q.points.title]).font = { bold: true, size: 13 }
      sheet.addRow([t('question.answer'), t('question.ranked_count'), t('question.points')]).font = { bold: true }
      for (const r of q.points.rows) {
        const row = sheet.addRow([r.label])
        writeCell(row, 2, 'count' in r.ranked ? { count: r.ranked.count } : r.ranked)
        if (r.points !== null) row.getCell(3).value = r.points
      }
    }
  })
  if (doc.crossTab) {
    const c = doc.crossTab
    const sheet = newSheet(t('crosstab.title'))
    sheet.addRow([t('crosstab.caption', { rows: c.rows, columns: c.columns })]).font = { bold: true, size: 13 }
    sheet.addRow([c.rows, ...c.columnLabels.flatMap((l) => [l, '%']), t('crosstab.total'), '%']).font = { bold: true }
    const line = (label: string, cells: ExportCell[], total: ExportCell) => {
      const row = sheet.addRow([label])
      ;[...cells, total].forEach((cell, j) => writeCell(row, 2 + 2 * j, cell))
    }
    c.rowLabels.forEach((label, i) => line(label, c.cells[i]!, c.rowTotals[i]!))
    line(t('crosstab.total'), c.columnTotals, c.total)
    sheet.addRow([c.note])
  }
  if (doc.themes) {
    const sheet = newSheet(t('findings:exports.themes_sheet'))
    sheet.addRow([t('findings:exports.theme'), t('findings:exports.cta'), t('findings:exports.residents')]).font = { bold: true }
    for (const th of doc.themes) writeCell(sheet.addRow([th.theme, th.cta ?? '']), 3, th.residents)
    if (!doc.themes.length) sheet.addRow([t('findings:exports.no_themes')])
  }
  if (doc.quotes) {
    const sheet = newSheet(t('findings:exports.quotes_sheet'))
    sheet.columns = [{ width: 12 }, { width: 30 }, { width: 90 }]
    sheet.addRow([t('findings:exports.cta'), t('findings:exports.theme'), t('findings:exports.quote')]).font = { bold: true }
    for (const q of doc.quotes) sheet.addRow([q.cta, q.theme, q.text]).getCell(3).alignment = { wrapText: true }
    sheet.addRow([t('findings:exports.quotes_note')])
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
