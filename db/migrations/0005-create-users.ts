import { type Kysely, sql } from 'kysely'
import { epochMs, strict } from './dialect.ts'

// Staff accounts and their server-side sessions.
export async function up(db: Kysely<any>): Promise<void> {
  await strict(
    db,
    db.schema
      .createTable('app_user')
      .addColumn('id', 'text', (c) => c.primaryKey())
      /** stored lower-cased */
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sql.raw(`role in ('admin', 'officer', 'analyst', 'moderator')`)))
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', epochMs(db))
      .addColumn('disabled_at', epochMs(db))
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addColumn('updated_at', epochMs(db), (c) => c.notNull()),
  ).execute()

  await strict(
    db,
    db.schema
      .createTable('staff_session')
      /** SHA-256 of the token in the cookie: a copied database cannot sign anyone in */
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
      .addColumn('created_at', epochMs(db), (c) => c.notNull())
      .addColumn('expires_at', epochMs(db), (c) => c.notNull()),
  ).execute()
  await db.schema.createIndex('staff_session_user').on('staff_session').column('user_id').execute()
  await db.schema.createIndex('staff_session_expires').on('staff_session').column('expires_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_session').execute()
  await db.schema.dropTable('app_user').execute()
}
