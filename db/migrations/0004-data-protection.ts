import type { Kysely } from 'kysely'
import { epochMs, strict } from './dialect.ts'

// Retention per consultation, resident-led deletion, anonymisation, and an
// audit log of actions on personal data.
export async function up(db: Kysely<any>): Promise<void> {
  // Days after a consultation closes before its responses are anonymised.
  await db.schema.alterTable('consultation').addColumn('retention_days', 'integer', (c) => c.notNull().defaultTo(365)).execute()
  await db.schema.alterTable('response').addColumn('deletion_code_hash', 'text').execute()
  await db.schema.alterTable('response').addColumn('anonymised_at', epochMs(db)).execute()
  await db.schema.createIndex('response_deletion_code').on('response').column('deletion_code_hash').execute()

  await strict(
    db,
    db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', epochMs(db), (c) => c.notNull())
      /** a user id, or "resident", or "system" for scheduled jobs */
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      /** JSON: what the action touched (never the personal data itself) */
      .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}')),
  ).execute()
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute()
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit_log').execute()
  await db.schema.dropIndex('response_deletion_code').execute()
  await db.schema.alterTable('response').dropColumn('anonymised_at').execute()
  await db.schema.alterTable('response').dropColumn('deletion_code_hash').execute()
  await db.schema.alterTable('consultation').dropColumn('retention_days').execute()
}
