// Analytics: what each agent did on each ticket per quarter hour (analytics/activity.ts), the input
// of the productivity metrics. Kept by the ticket write path with the ticket's KPI facts, in the same
// transaction, and rebuilt with them from the events (a ticket's rows are current when its facts are).
import type { Kysely } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('agent_activity')
    .addColumn('ticket_id', pg ? 'integer' : 'bigint', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('slot_start', 'bigint', (c) => c.notNull())
    .addColumn('team_id', 'integer')
    .addColumn('replies', 'integer', (c) => c.notNull())
    .addColumn('notes', 'integer', (c) => c.notNull())
    .addColumn('actions', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_activity_pk', ['ticket_id', 'user_id', 'slot_start'])
    .execute();
  // Queries select a period, of everyone (managers) or of one agent (their own page).
  await db.schema.createIndex('agent_activity_slot_idx').on('agent_activity').column('slot_start').execute();
  await db.schema
    .createIndex('agent_activity_user_idx')
    .on('agent_activity')
    .columns(['user_id', 'slot_start'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agent_activity').execute();
}
