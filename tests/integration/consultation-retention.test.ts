import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ORIGIN, leakIn, setCookies, startInProcessApp, type InProcessApp } from '../support/in-process-app.ts'
import bnAuth from '../../locales/bn/auth.json' with { type: 'json' }
import enAuth from '../../locales/en/auth.json' with { type: 'json' }

// An officer sets each consultation's retention period on its form (create and
// edit), through the real request handler: validated with a translated message,
// audited with before and after, and told to residents on the privacy notice.

let app: InProcessApp
let cookie = ''
let db: import('../../db/connection.ts').DB
const SLUG = 'a-tower-hamlets-for-all-your-priorities'

async function send(path: string, form?: [string, string][], lng = '') {
  const headers: Record<string, string> = { Host: new URL(ORIGIN).host, Cookie: `${cookie}${lng ? `; hys_lng=${lng}` : ''}` }
  const body = form ? new URLSearchParams(form).toString() : undefined
  if (body !== undefined) Object.assign(headers, { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' })
  const url = `${ORIGIN}${path}${lng ? `${path.includes('?') ? '&' : '?'}lng=${lng}` : ''}`
  const response = await app.handler(new Request(url, { method: body === undefined ? 'GET' : 'POST', headers, body }), { clientIp: '127.0.0.1', cspNonce: 'x', requestId: 'test' })
  const text = await response.text()
  expect(response.status, text.slice(0, 300)).toBeLessThan(500)
  expect(leakIn(text)).toBeNull()
  return { status: response.status, text, response }
}

const newConsultation = (retentionDays: string): [string, string][] => [
  ['slug', 'retention-test'],
  ['title', 'Retention test'],
  ['summary', 'A summary.'],
  ['purpose', 'A purpose.'],
  ['whatCanChange', 'Some things.'],
  ['howAnswersUsed', 'Read by analysts.'],
  ['howDecisionMade', 'Cabinet decides.'],
  ['opensDay', '1'],
  ['opensMonth', '3'],
  ['opensYear', '2027'],
  ['opensTime', '09:00'],
  ['closesDay', '30'],
  ['closesMonth', '4'],
  ['closesYear', '2027'],
  ['closesTime', '17:00'],
  ['estimatedMinutes', '5'],
  ['retentionDays', retentionDays],
]

/** The edit form's own values, with the retention period changed: a save changes only that. */
function editForm(html: string, retentionDays: string): [string, string][] {
  const fields: [string, string][] = []
  for (const m of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*>/g)) {
    const tag = m[0]
    const name = m[1]!
    if (/type="(checkbox|radio)"/.test(tag) && !/checked=""/.test(tag)) continue
    fields.push([name, name === 'retentionDays' ? retentionDays : decode(tag.match(/value="([^"]*)"/)?.[1] ?? '')])
  }
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) fields.push([m[1]!, decode(m[2]!)])
  const framework = html.match(/<select[^>]*name="frameworkId"[\s\S]*?<option[^>]*value="([^"]+)"[^>]*selected=""/)?.[1]
  if (framework) fields.push(['frameworkId', framework])
  fields.push(['intent', 'save'])
  return fields
}
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')

beforeAll(async () => {
  app = await startInProcessApp('retention')
  const { createSqliteDb } = await import('../../db/connection.ts')
  const { createUser } = await import('~/features/auth/auth.server.ts')
  db = createSqliteDb(app.dbFile)
  await createUser(db, { email: 'officer@retention.example', name: 'Officer', role: 'officer', password: 'lantern orchard velvet' })
  const signedIn = await send('/sign-in', [['email', 'officer@retention.example'], ['password', 'lantern orchard velvet'], ['redirectTo', '/admin']])
  cookie = [...setCookies(signedIn.response).values()].join('; ')
}, 120_000)

afterAll(async () => {
  await db?.destroy()
  app?.cleanup()
})

describe("a consultation's retention period on the officer's form", () => {
  it('is offered with 365 days on a new consultation, refused with a translated message when not 30 to 3,650 whole days, and stored and audited when it is', async () => {
    const page = await send('/admin/consultations/new')
    expect(page.text).toContain(enAuth.consultation.retention)
    expect(page.text).toMatch(/<input[^>]*name="retentionDays"[^>]*value="365"/)
    expect(page.text).toContain(`<div class="govuk-input__suffix" aria-hidden="true">${enAuth.consultation.retention_suffix}</div>`)

    for (const bad of ['', 'abc', '29', '3651', '365.5', '-1', '1e3']) {
      const refused = await send('/admin/consultations/new', newConsultation(bad))
      expect(refused.status, bad).toBe(400)
      expect(refused.text).toMatch(/<title>Error: /)
      expect(refused.text).toContain(`href="#retentionDays"`)
      expect(refused.text).toContain(enAuth.errors.retention_invalid)
    }
    const inBengali = await send('/admin/consultations/new', newConsultation('7'), 'bn')
    expect(inBengali.text).toContain(bnAuth.errors.retention_invalid)
    expect(await db.selectFrom('consultation').select('id').where('slug', '=', 'retention-test').execute()).toEqual([])

    const created = await send('/admin/consultations/new', newConsultation(' 730 '))
    expect(created.status).toBe(302)
    const row = await db.selectFrom('consultation').select(['id', 'retention_days']).where('slug', '=', 'retention-test').executeTakeFirstOrThrow()
    expect(row.retention_days).toBe(730)
    const audit = await db.selectFrom('audit_log').select('detail').where('entity_id', '=', row.id).where('action', '=', 'consultation.created').executeTakeFirstOrThrow()
    expect(JSON.parse(audit.detail).after.retentionDays).toBe(730)
  })

  it('is changed on the edit form, audited with before and after, and the privacy notice tells residents', async () => {
    const consultation = await db.selectFrom('consultation').select(['id', 'retention_days']).where('slug', '=', SLUG).executeTakeFirstOrThrow()
    expect(consultation.retention_days).toBe(365)
    const editPath = `/admin/consultations/${consultation.id}`
    const edit = await send(editPath)
    expect(edit.text).toMatch(/<input[^>]*name="retentionDays"[^>]*value="365"/)

    const refused = await send(editPath, editForm(edit.text, '10'))
    expect(refused.status).toBe(400)
    expect(refused.text).toContain(enAuth.errors.retention_invalid)
    expect((await db.selectFrom('consultation').select('retention_days').where('id', '=', consultation.id).executeTakeFirstOrThrow()).retention_days).toBe(365)

    const saved = await send(editPath, editForm(edit.text, '90'))
    expect(saved.status).toBe(302)
    expect((await db.selectFrom('consultation').select('retention_days').where('id', '=', consultation.id).executeTakeFirstOrThrow()).retention_days).toBe(90)
    const audit = await db.selectFrom('audit_log').select(['actor', 'detail']).where('entity_id', '=', consultation.id).where('action', '=', 'consultation.updated').executeTakeFirstOrThrow()
    const detail = JSON.parse(audit.detail)
    expect(detail.before.retentionDays).toBe(365)
    expect(detail.after.retentionDays).toBe(90)
    expect(detail.after.content.title).toBe(detail.before.content.title)

    const privacy = await send(`/c/${SLUG}/privacy`)
    expect(privacy.text).toMatch(/anonymised 90 days after the consultation closes/)
  })
})
