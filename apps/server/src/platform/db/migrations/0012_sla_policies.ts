// SLA policies: ordered rules that give a ticket its reply and resolution targets. The first active
// policy (lowest position) whose conditions all hold applies; timers on tickets come later.
import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('sla_policies'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // Lower first; renumbered 1…n on reorder and delete. Not unique: a reorder rewrites them one by one.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    // JSON: { priority?, channel?, type?, tags? (any of), organisationIds? }; all given must hold.
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo('{}'))
    // JSON: { low?|normal?|high?|urgent?: { firstReply?, nextReply?, resolution? } } in minutes.
    .addColumn('targets', 'text', (c) => c.notNull().defaultTo('{}'))
    // 1: targets count in the team's business calendar; 0: around the clock.
    .addColumn('business_hours', 'integer', (c) => c.notNull().defaultTo(1))
    // JSON: the statuses that pause the clock, a subset of ["pending", "on_hold"].
    .addColumn('pause_on', 'text', (c) => c.notNull().defaultTo('["pending","on_hold"]'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_policies_position_idx').on('sla_policies').column('position').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sla_policies').execute();
}
