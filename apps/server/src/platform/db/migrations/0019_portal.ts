// The customer portal: single-use sign-in links mailed to customers (only the hash of the secret is
// kept), the portal sessions they start (apart from staff sessions: a different cookie, table and
// CSRF token), and per organisation whether its customers see each other's tickets in the portal.
import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('customer_magic_links'))
    // sha256 (hex) of the secret in the link.
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('customer_magic_links_customer_idx')
    .on('customer_magic_links')
    .column('customer_id')
    .execute();

  await idColumn(db, db.schema.createTable('customer_sessions'))
    // sha256 (hex) of the cookie's secret.
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('customer_sessions_customer_idx').on('customer_sessions').column('customer_id').execute();

  // 1: the organisation's customers see each other's tickets in the portal.
  await db.schema
    .alterTable('organisations')
    .addColumn('portal_shares_tickets', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').dropColumn('portal_shares_tickets').execute();
  await db.schema.dropTable('customer_sessions').execute();
  await db.schema.dropTable('customer_magic_links').execute();
}
