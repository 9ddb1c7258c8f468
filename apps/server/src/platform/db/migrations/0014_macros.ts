// Macros: named bundles of ticket actions with a reply in English and Hindi, shared (no owner) or
// personal (one agent's), with a count of how often they were applied.
import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('macros'))
    // Unique per owner scope (shared, or one agent's): checked by the service, since NULL owners are
    // distinct in a unique index on both dialects.
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // Null: shared with every agent; otherwise the one agent whose personal macro it is.
    .addColumn('owner_user_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    // JSON: automation/actions.ts Action[].
    .addColumn('actions', 'text', (c) => c.notNull().defaultTo('[]'))
    // Plain text with {{placeholders}}; an empty one falls back to the other language.
    .addColumn('reply_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('reply_hi', 'text', (c) => c.notNull().defaultTo(''))
    // 'public' (a reply to the requester) | 'internal' (a note to colleagues)
    .addColumn('reply_kind', 'varchar(10)', (c) => c.notNull().defaultTo('public'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('usage_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_used_at', 'bigint')
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('macros_owner_name_idx').on('macros').columns(['owner_user_id', 'name']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('macros').execute();
}
