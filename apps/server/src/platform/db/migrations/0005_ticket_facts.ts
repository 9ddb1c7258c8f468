// Analytics: one row of KPI facts per ticket (analytics/facts.ts), kept by the ticket write path in
// the same transaction as the events it is folded from, and rebuilt from the events in the
// background when a ticket has none or an older `version` of them.
import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('ticket_facts')
    .addColumn('ticket_id', pg ? 'integer' : 'bigint', (c) =>
      c.primaryKey().notNull().references('tickets.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('priority', 'varchar(10)', (c) => c.notNull())
    .addColumn('type', 'varchar(10)', (c) => c.notNull())
    .addColumn('channel', 'varchar(10)', (c) => c.notNull())
    .addColumn('assignee_id', 'integer')
    .addColumn('team_id', 'integer')
    .addColumn('organisation_id', 'integer')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status_since', 'bigint', (c) => c.notNull())
    .addColumn('first_reply_at', 'bigint')
    .addColumn('first_reply_by', 'integer')
    .addColumn('replies', 'integer', (c) => c.notNull())
    .addColumn('solved_at', 'bigint')
    .addColumn('solved_by', 'integer')
    .addColumn('reopens', 'integer', (c) => c.notNull())
    .addColumn('wait_ms', 'bigint', (c) => c.notNull())
    .addColumn('merged_away', 'integer', (c) => c.notNull())
    .execute();
  // Each metric places a ticket in a period by one of these moments; the backlog is a status.
  await db.schema.createIndex('ticket_facts_created_idx').on('ticket_facts').column('created_at').execute();
  await db.schema
    .createIndex('ticket_facts_solved_idx')
    .on('ticket_facts')
    .column('solved_at')
    .where((eb) => eb('solved_at', 'is not', null))
    .execute();
  await db.schema
    .createIndex('ticket_facts_first_reply_idx')
    .on('ticket_facts')
    .column('first_reply_at')
    .where((eb) => eb('first_reply_at', 'is not', null))
    .execute();
  await db.schema
    .createIndex('ticket_facts_backlog_idx')
    .on('ticket_facts')
    .column('created_at')
    .where(sql<boolean>`status in ('new', 'open', 'pending', 'on_hold') and merged_away = 0`)
    .execute();
  // Tickets whose facts are missing or stale, for the rebuild job.
  await db.schema.createIndex('ticket_facts_version_idx').on('ticket_facts').column('version').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ticket_facts').execute();
}
