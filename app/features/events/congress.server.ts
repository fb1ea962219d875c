import crypto from 'node:crypto'
import { CHARTER_STATUSES, NOTE_MAX, type CharterStatus } from './constants.ts'
import type { DB } from '../../../db/connection.ts'
import { getEnv } from '~/utils/env.server.ts'
import { recordAudit } from '../audit/audit.server.ts'
import { commitmentOptions } from './builtin-options.ts'
import { addItem, changeEvent, controlItem, Refusal, type EventRecord } from './events.server.ts'
import { cleanText, textLength } from './moderation.ts'
import { commitmentOutcome, tallyVotes } from './tally.ts'
import type { I18nText } from './text.ts'

// The partnership congress: tables (a name, a facilitator, the call to action
// it works on) where facilitators record key issues and proposed commitments
// from a tablet; in plenary each proposed commitment goes to a live vote; the
// agreed commitments form the congress charter, each with the partner
// organisations that own it and a status officers keep up to date.
//
// Facilitators have no staff account: each table has a link of its own (a QR
// code on the table) carrying an HMAC of the table's id and its token version
// with the session secret, so the link cannot be guessed or changed to another
// table's. An officer can issue a new link, which bumps the version: every
// earlier link stops working (a lost tablet). Once the event has ended the
// link still shows what the table recorded, but takes no more notes.

export { CHARTER_STATUSES, NOTE_MAX, type CharterStatus }

function tableSignature(payload: string, secret = getEnv().SESSION_SECRET) {
  return crypto.createHmac('sha256', secret).update(`hys-facilitator:${payload}`).digest('base64url').slice(0, 24)
}

export function facilitatorToken(tableId: string, version: number, secret?: string): string {
  return `${tableId}.${version}.${tableSignature(`${tableId}:${version}`, secret)}`
}

/**
 * The table and link version a facilitator link is for, or null when the link
 * is not one we made. The caller compares the version with the table's: only
 * the newest link opens it. A link made before versions (id.signature) is
 * version 1.
 */
export function verifyFacilitatorToken(token: string | undefined, secret?: string): { tableId: string; version: number } | null {
  if (!token) return null
  const parts = token.split('.')
  const [tableId] = parts
  if (!tableId || !/^[0-9a-f-]{36}$/.test(tableId) || parts.length < 2 || parts.length > 3) return null
  const legacy = parts.length === 2
  const version = legacy ? 1 : Number(parts[1])
  if (!Number.isSafeInteger(version) || version < 1 || (!legacy && String(version) !== parts[1])) return null
  const expected = Buffer.from(tableSignature(legacy ? tableId : `${tableId}:${version}`, secret))
  const given = Buffer.from(parts[parts.length - 1]!)
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? { tableId, version } : null
}

export interface CongressTable {
  id: string
  position: number
  name: string
  facilitator: string
  ctaCode: string
  tokenVersion: number
  issues: { id: string; text: string; createdAt: number }[]
  commitments: Commitment[]
}

export interface Commitment {
  id: string
  tableId: string
  text: string
  /** the language it was written in */
  locale: string
  voteItemId: string | null
  decision: 'proposed' | 'agreed' | 'not_agreed'
  owners: string[]
  charterStatus: CharterStatus | null
  statusUpdatedAt: number | null
  createdAt: number
}

function toCommitment(row: {
  id: string
  table_id: string
  text: string
  locale: string
  vote_item_id: string | null
  decision: string
  owners: string
  charter_status: string | null
  status_updated_at: number | null
  created_at: number
}): Commitment {
  return {
    id: row.id,
    tableId: row.table_id,
    text: row.text,
    locale: row.locale,
    voteItemId: row.vote_item_id,
    decision: row.decision as Commitment['decision'],
    owners: JSON.parse(row.owners) as string[],
    charterStatus: row.charter_status as CharterStatus | null,
    statusUpdatedAt: row.status_updated_at === null ? null : Number(row.status_updated_at),
    createdAt: Number(row.created_at),
  }
}

export async function listTables(db: DB, eventId: string): Promise<CongressTable[]> {
  const tables = await db.selectFrom('congress_table').selectAll().where('event_id', '=', eventId).orderBy('position').execute()
  const issues = await db.selectFrom('congress_issue').select(['id', 'table_id', 'text', 'created_at']).where('event_id', '=', eventId).orderBy('created_at').execute()
  const commitments = await db.selectFrom('congress_commitment').selectAll().where('event_id', '=', eventId).orderBy('created_at').execute()
  return tables.map((t) => ({
    id: t.id,
    position: Number(t.position),
    name: t.name,
    facilitator: t.facilitator,
    ctaCode: t.cta_code,
    tokenVersion: Number(t.token_version),
    issues: issues.filter((i) => i.table_id === t.id).map((i) => ({ id: i.id, text: i.text, createdAt: Number(i.created_at) })),
    commitments: commitments.filter((c) => c.table_id === t.id).map(toCommitment),
  }))
}

export async function getTable(db: DB, tableId: string) {
  return db.selectFrom('congress_table').selectAll().where('id', '=', tableId).executeTakeFirst()
}

export type TableError = 'table_name' | 'table_facilitator' | 'table_cta'
export type TableErrors = Partial<Record<'name' | 'facilitator' | 'cta', TableError>>
type TableArgs = { name: string; facilitator: string; ctaCode: string }

function checkTable(args: TableArgs, ctaCodes: string[]): { ok: true; name: string; facilitator: string } | { ok: false; errors: TableErrors } {
  const name = cleanText(args.name)
  const facilitator = cleanText(args.facilitator)
  const errors: TableErrors = {}
  if (!name || textLength(name) > 120) errors.name = 'table_name'
  if (!facilitator || textLength(facilitator) > 120) errors.facilitator = 'table_facilitator'
  if (!ctaCodes.includes(args.ctaCode)) errors.cta = 'table_cta'
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, name, facilitator }
}

export async function addTable(
  db: DB,
  event: EventRecord,
  args: TableArgs,
  ctaCodes: string[],
  actor: string,
  now = Date.now(),
): Promise<{ status: 'ok'; id: string } | { status: 'error'; errors: TableErrors }> {
  const checked = checkTable(args, ctaCodes)
  if (!checked.ok) return { status: 'error', errors: checked.errors }
  const { name, facilitator } = checked
  const id = crypto.randomUUID()
  const last = await db.selectFrom('congress_table').select((eb) => eb.fn.max('position').as('max')).where('event_id', '=', event.id).executeTakeFirst()
  await db
    .insertInto('congress_table')
    .values({ id, event_id: event.id, position: Number(last?.max ?? 0) + 1, name, facilitator, cta_code: args.ctaCode, created_at: now })
    .execute()
  await recordAudit(db, { actor, action: 'event.table_added', entity: 'congress_table', entityId: id, detail: { event: event.id } }, now)
  return { status: 'ok', id }
}

/** Corrects a table's name, facilitator or call to action. */
export async function updateTable(
  db: DB,
  event: EventRecord,
  tableId: string,
  args: TableArgs,
  ctaCodes: string[],
  actor: string,
  now = Date.now(),
): Promise<{ status: 'ok' } | { status: 'error'; errors: TableErrors }> {
  const checked = checkTable(args, ctaCodes)
  if (!checked.ok) return { status: 'error', errors: checked.errors }
  await changeEvent(db, event.id, async (trx) => {
    const before = await trx.selectFrom('congress_table').select(['name', 'facilitator', 'cta_code']).where('id', '=', tableId).where('event_id', '=', event.id).executeTakeFirst()
    if (!before) throw new Refusal('not_found')
    const after = { name: checked.name, facilitator: checked.facilitator, cta_code: args.ctaCode }
    await trx.updateTable('congress_table').set(after).where('id', '=', tableId).execute()
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key])
    await recordAudit(trx, { actor, action: 'event.table_updated', entity: 'congress_table', entityId: tableId, detail: { event: event.id, changed } }, now)
  })
  return { status: 'ok' }
}

/** Whether a table has recorded anything: only an empty table may be removed. */
export async function tableHasNotes(db: DB, tableId: string): Promise<boolean> {
  const issue = await db.selectFrom('congress_issue').select('id').where('table_id', '=', tableId).limit(1).executeTakeFirst()
  const commitment = await db.selectFrom('congress_commitment').select('id').where('table_id', '=', tableId).limit(1).executeTakeFirst()
  return Boolean(issue || commitment)
}

/** Removes a table that recorded nothing (checked again inside the transaction: a note that lands first wins). */
export async function removeTable(db: DB, event: EventRecord, tableId: string, actor: string, now = Date.now()) {
  await changeEvent(db, event.id, async (trx) => {
    const table = await trx.selectFrom('congress_table').select(['name']).where('id', '=', tableId).where('event_id', '=', event.id).executeTakeFirst()
    if (!table) throw new Refusal('not_found')
    if (await tableHasNotes(trx, tableId)) throw new Refusal('not_allowed')
    await trx.deleteFrom('congress_table').where('id', '=', tableId).execute()
    await recordAudit(trx, { actor, action: 'event.table_removed', entity: 'congress_table', entityId: tableId, detail: { event: event.id, name: table.name } }, now)
  })
}

/** A new facilitator link for a table: every earlier link stops working. Returns the new version. */
export async function renewFacilitatorLink(db: DB, event: EventRecord, tableId: string, actor: string, now = Date.now()): Promise<number> {
  const { result } = await changeEvent(db, event.id, async (trx) => {
    const row = await trx
      .updateTable('congress_table')
      .set((eb) => ({ token_version: eb('token_version', '+', 1) }))
      .where('id', '=', tableId)
      .where('event_id', '=', event.id)
      .returning('token_version')
      .executeTakeFirst()
    if (!row) throw new Refusal('not_found')
    const version = Number(row.token_version)
    await recordAudit(trx, { actor, action: 'event.table_link_renewed', entity: 'congress_table', entityId: tableId, detail: { event: event.id, version } }, now)
    return version
  })
  return result
}

export type NoteError = 'note_empty' | 'note_too_long' | 'event_ended'

/** A key issue or a proposed commitment, recorded at a table while the event has not ended. */
export async function addNote(
  db: DB,
  args: { eventId: string; tableId: string; kind: 'issue' | 'commitment'; text: string; actor: string; locale?: string; now?: number },
): Promise<{ status: 'ok'; id: string } | { status: 'error'; error: NoteError }> {
  const now = args.now ?? Date.now()
  const text = cleanText(args.text)
  if (!text) return { status: 'error', error: 'note_empty' }
  if (textLength(text) > NOTE_MAX) return { status: 'error', error: 'note_too_long' }
  const id = crypto.randomUUID()
  try {
    await changeEvent(db, args.eventId, async (trx, _seq, status) => {
      if (status === 'ended') throw new Refusal('ended')
      if (args.kind === 'issue') {
        await trx.insertInto('congress_issue').values({ id, event_id: args.eventId, table_id: args.tableId, text, created_by: args.actor, created_at: now }).execute()
      } else {
        await trx
          .insertInto('congress_commitment')
          .values({ id, event_id: args.eventId, table_id: args.tableId, text, locale: args.locale ?? 'en', created_by: args.actor, created_at: now, updated_at: now })
          .execute()
      }
      await recordAudit(trx, { actor: args.actor, action: `event.${args.kind}_added`, entity: `congress_${args.kind}`, entityId: id, detail: { event: args.eventId } }, now)
    })
  } catch (error) {
    if (error instanceof Refusal && error.reason === 'ended') return { status: 'error', error: 'event_ended' }
    throw error
  }
  return { status: 'ok', id }
}

/**
 * A facilitator's mistake: an issue, or a commitment that has not been put to
 * the vote; not once the event has ended (Refusal 'ended').
 */
export async function removeNote(db: DB, args: { eventId: string; tableId: string; kind: 'issue' | 'commitment'; id: string; actor: string; now?: number }) {
  const now = args.now ?? Date.now()
  await changeEvent(db, args.eventId, async (trx, _seq, status) => {
    if (status === 'ended') throw new Refusal('ended')
    const result =
      args.kind === 'issue'
        ? await trx.deleteFrom('congress_issue').where('id', '=', args.id).where('table_id', '=', args.tableId).executeTakeFirst()
        : await trx
            .deleteFrom('congress_commitment')
            .where('id', '=', args.id)
            .where('table_id', '=', args.tableId)
            .where('decision', '=', 'proposed')
            .where('vote_item_id', 'is', null)
            .executeTakeFirst()
    if (!Number(result.numDeletedRows)) throw new Refusal('not_allowed')
    await recordAudit(trx, { actor: args.actor, action: `event.${args.kind}_removed`, entity: `congress_${args.kind}`, entityId: args.id, detail: { event: args.eventId } }, now)
  })
}

/**
 * The live vote's title: the wording the officer gave in each of the event's
 * languages, and the commitment as the facilitator wrote it, under the
 * language it was written in, wherever that wording is empty.
 */
export function commitmentVoteTitle(commitment: { text: string; locale: string }, locales: string[], wording: I18nText = {}): { ok: true; title: I18nText } | { ok: false; error: 'note_too_long' } {
  const title: I18nText = {}
  for (const lang of new Set([commitment.locale, ...locales])) {
    const text = cleanText(wording[lang] ?? '')
    if (textLength(text) > NOTE_MAX) return { ok: false, error: 'note_too_long' }
    if (text) title[lang] = text
  }
  title[commitment.locale] ??= commitment.text
  return { ok: true, title }
}

/**
 * Plenary: the commitment becomes a poll item (support / oppose / abstain),
 * opened at once, its title in the languages given (commitmentVoteTitle).
 */
export async function putCommitmentToVote(db: DB, event: EventRecord, commitmentId: string, actor: string, now = Date.now(), wording: I18nText = {}): Promise<string> {
  const commitment = await db.selectFrom('congress_commitment').selectAll().where('id', '=', commitmentId).where('event_id', '=', event.id).executeTakeFirst()
  if (!commitment || commitment.decision !== 'proposed') throw new Refusal('not_allowed')
  if (event.status === 'ended') throw new Refusal('ended')
  let itemId = commitment.vote_item_id
  if (!itemId) {
    const title = commitmentVoteTitle(commitment, event.locales, wording)
    if (!title.ok) throw new Refusal('not_allowed')
    itemId = await addItem(db, event, { type: 'single', title: title.title, options: commitmentOptions(event.locales), commitmentId }, actor, now)
    await db.updateTable('congress_commitment').set({ vote_item_id: itemId, updated_at: now }).where('id', '=', commitmentId).execute()
  }
  await controlItem(db, event, itemId, 'open', actor, now)
  return itemId
}

/** The votes in the room on a commitment, and what they suggest. */
export async function commitmentTally(db: DB, itemId: string | null) {
  if (!itemId) return null
  const rows = await db.selectFrom('event_vote').select(['option_code', 'option_codes']).where('item_id', '=', itemId).execute()
  const tally = tallyVotes('single', ['support', 'oppose', 'abstain'], rows)
  return { ...tally, suggested: commitmentOutcome(tally.counts) }
}

export async function decideCommitment(db: DB, event: EventRecord, commitmentId: string, decision: 'agreed' | 'not_agreed', actor: string, now = Date.now()) {
  await changeEvent(db, event.id, async (trx) => {
    const result = await trx
      .updateTable('congress_commitment')
      .set({
        decision,
        charter_status: decision === 'agreed' ? 'committed' : null,
        status_updated_at: decision === 'agreed' ? now : null,
        status_updated_by: decision === 'agreed' ? actor : null,
        updated_at: now,
      })
      .where('id', '=', commitmentId)
      .where('event_id', '=', event.id)
      .executeTakeFirst()
    if (!Number(result.numUpdatedRows)) throw new Refusal('not_found')
    await recordAudit(trx, { actor, action: `event.commitment_${decision}`, entity: 'congress_commitment', entityId: commitmentId, detail: { event: event.id } }, now)
  })
}

export type CharterError = 'owners_required' | 'owners_too_long' | 'status_invalid'

export function parseOwners(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((o) => cleanText(o))
        .filter(Boolean),
    ),
  ]
}

export async function updateCharterEntry(
  db: DB,
  event: EventRecord,
  commitmentId: string,
  args: { owners: string; status: string },
  actor: string,
  now = Date.now(),
): Promise<{ status: 'ok' } | { status: 'error'; errors: Partial<Record<'owners' | 'status', CharterError>> }> {
  const owners = parseOwners(args.owners)
  const errors: Partial<Record<'owners' | 'status', CharterError>> = {}
  if (!owners.length) errors.owners = 'owners_required'
  else if (owners.length > 12 || owners.some((o) => textLength(o) > 120)) errors.owners = 'owners_too_long'
  if (!CHARTER_STATUSES.includes(args.status as CharterStatus)) errors.status = 'status_invalid'
  if (Object.keys(errors).length) return { status: 'error', errors }
  await changeEvent(db, event.id, async (trx) => {
    const result = await trx
      .updateTable('congress_commitment')
      .set({ owners: JSON.stringify(owners), charter_status: args.status, status_updated_at: now, status_updated_by: actor, updated_at: now })
      .where('id', '=', commitmentId)
      .where('event_id', '=', event.id)
      .where('decision', '=', 'agreed')
      .executeTakeFirst()
    if (!Number(result.numUpdatedRows)) throw new Refusal('not_found')
    await recordAudit(trx, { actor, action: 'event.charter_updated', entity: 'congress_commitment', entityId: commitmentId, detail: { event: event.id, status: args.status } }, now)
  })
  return { status: 'ok' }
}

/**
 * The public charter: agreed commitments by table, with owners, status and the
 * votes in the room. `title` is each commitment in every language it has: as
 * written, and the wording given for the others when it went to the vote.
 */
export async function loadCharter(db: DB, eventId: string) {
  const tables = await listTables(db, eventId)
  const agreed = tables.flatMap((t) => t.commitments.filter((c) => c.decision === 'agreed').map((c) => ({ ...c, table: t })))
  const items = await db.selectFrom('event_item').select(['id', 'title_i18n']).where('event_id', '=', eventId).where('commitment_id', 'is not', null).execute()
  const voteTitles = new Map(items.map((i) => [i.id, JSON.parse(i.title_i18n) as I18nText]))
  return Promise.all(
    agreed.map(async (c) => ({
      id: c.id,
      text: c.text,
      title: { ...(c.voteItemId ? voteTitles.get(c.voteItemId) : undefined), [c.locale]: c.text } as I18nText,
      tableName: c.table.name,
      ctaCode: c.table.ctaCode,
      owners: c.owners,
      status: c.charterStatus ?? 'committed',
      statusUpdatedAt: c.statusUpdatedAt,
      votes: await commitmentTally(db, c.voteItemId),
    })),
  )
}
