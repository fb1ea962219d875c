// A separate process writing whole responses into a SQLite database, as the
// app does for residents, until it is stopped (SIGTERM). After each response
// commits it prints {"id":..., "answers": n} on a line: that response is
// acknowledged. The backup test runs `npm run db:backup` meanwhile.
//   node --import tsx tests/support/backup-writer.ts <sqlite file>   (SIGTERM ends it after the response in hand)
import { createSqliteDb } from '../../db/connection.ts'
import { DEMO_SLUG } from '../../db/seed/demo.ts'
import { findConsultationBySlug, findCurrentSurveyVersion } from '../../app/features/consultations/consultations.server.ts'
import { newToken } from '../../app/features/responses/codes.ts'
import { createDraft, saveAnswer, submitResponse } from '../../app/features/responses/responses.server.ts'
import { findQuestion } from '../../app/features/surveys/definition.ts'

const db = createSqliteDb(process.argv[2]!)
let stopping = false
process.on('SIGTERM', () => (stopping = true))

const consultation = (await findConsultationBySlug(db, DEMO_SLUG))!
const version = (await findCurrentSurveyVersion(db, consultation.id))!
const question = (key: string) => findQuestion(version.definition, key)!
for (let n = 0; !stopping; n++) {
  const draft = await createDraft(db, { consultationId: consultation.id, surveyVersionId: version.id, locale: 'en', token: newToken(), ttlDays: 28 })
  await saveAnswer(db, { responseId: draft.id, question: question('connection'), value: 'over_10', locale: 'en', ttlDays: 28 })
  await saveAnswer(db, { responseId: draft.id, question: question('priorities'), value: ['safe_homes', 'work_income'], locale: 'en', ttlDays: 28 })
  await saveAnswer(db, { responseId: draft.id, question: question('safe_day'), value: 'agree', locale: 'en', ttlDays: 28 })
  await saveAnswer(db, { responseId: draft.id, question: question('one_change'), value: `Response ${n}: ${'more green space '.repeat(20)}`, locale: 'en', ttlDays: 28 })
  const result = await submitResponse(db, { responseId: draft.id, definition: version.definition })
  if (result.status !== 'submitted') throw new Error(`not submitted: ${result.status}`)
  const answers = await db.selectFrom('answer').select((eb) => eb.fn.countAll().as('n')).where('response_id', '=', draft.id).executeTakeFirstOrThrow()
  console.log(JSON.stringify({ id: draft.id, answers: Number(answers.n) }))
  // better-sqlite3 answers at once (microtasks only): let the event loop turn, so SIGTERM is heard.
  await new Promise((resolve) => setImmediate(resolve))
}
await db.destroy()
