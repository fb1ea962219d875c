import type { DB } from '../../../db/connection.ts'
import { answerColumns } from '../analysis/read-worker.server.ts'
import type { SurveyDefinition } from '../surveys/definition.ts'
import { planCsvProtection, protectRow, textColumns, type ValueCount } from './csv-protection.ts'
import type { CsvResponseRow } from '../analysis/read-worker.server.ts'

// How many responses gave each closed answer and each ward: one grouped read
// before the CSV streams, so rare values can be suppressed row by row.

export async function loadCsvProtection(db: DB, { consultationId, definition, threshold, mark }: { consultationId: string; definition: SurveyDefinition; threshold: number; mark: string }) {
  const texts = textColumns(definition)
  const closedKeys = definition.questions.filter((q) => q.type !== 'text').map((q) => q.key)
  const rows = closedKeys.length
    ? await db
        .selectFrom('answer')
        .innerJoin('response', 'response.id', 'answer.response_id')
        .select(['answer.question_key', 'answer.item_code', 'answer.option_code', 'answer.number_value', 'answer.text_value', (eb) => eb.fn.count<number>('answer.response_id').distinct().as('n')])
        .where('response.consultation_id', '=', consultationId)
        .where('response.status', '=', 'submitted')
        .where('answer.question_key', 'in', closedKeys)
        .groupBy(['answer.question_key', 'answer.item_code', 'answer.option_code', 'answer.number_value', 'answer.text_value'])
        .execute()
    : []
  const values: ValueCount[] = rows.map((r) => ({
    column: r.item_code ? `${r.question_key}.${r.item_code}` : r.question_key,
    // The same text the CSV writes for the value.
    value: String(r.option_code ?? (r.number_value !== null ? Number(r.number_value) : r.text_value)),
    responses: Number(r.n),
  }))
  const wards = await db
    .selectFrom('response')
    .select(['ward_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('consultation_id', '=', consultationId)
    .where('status', '=', 'submitted')
    .where('ward_code', 'is not', null)
    .groupBy('ward_code')
    .execute()
  const plan = planCsvProtection({ values, wards: wards.map((w) => ({ ward: w.ward_code!, responses: Number(w.n) })), texts, threshold, mark })
  const columns = answerColumns(definition)
  return (row: CsvResponseRow) => protectRow(row, columns, plan)
}

export async function countSubmittedResponses(db: DB, consultationId: string): Promise<number> {
  const row = await db.selectFrom('response').select((eb) => eb.fn.countAll<number>().as('n')).where('consultation_id', '=', consultationId).where('status', '=', 'submitted').executeTakeFirst()
  return Number(row?.n ?? 0)
}
