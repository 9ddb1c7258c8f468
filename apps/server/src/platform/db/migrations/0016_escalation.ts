// Escalation: support tiers on teams (1 = first line, L1; 2 = L2 …), the latest escalation of each
// ticket for the escalations view (the event log keeps every one), escalation rules, and the record
// of which rule already acted on which ticket (once per ticket, or once per SLA breach).
import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('teams')
    .addColumn('tier', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await idColumn(db, db.schema.createTable('escalation_rules'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // Lower first; renumbered 1…n on reorder and delete.
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    // JSON: escalation/schema.ts RuleConditions.
    .addColumn('conditions', 'text', (c) => c.notNull().defaultTo('{}'))
    // JSON: escalation/schema.ts RuleActions.
    .addColumn('actions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('escalation_rules_position_idx').on('escalation_rules').column('position').execute();

  // One row per escalated ticket: its latest escalation (written with the escalated event).
  await idColumn(db, db.schema.createTable('ticket_escalations'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().unique().references('tickets.id').onDelete('cascade'))
    .addColumn('escalated_at', 'bigint', (c) => c.notNull())
    .addColumn('from_tier', 'integer')
    .addColumn('to_tier', 'integer', (c) => c.notNull())
    .addColumn('from_team_id', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('to_team_id', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    // Null: a person escalated (actor_user_id); otherwise the rule that did.
    .addColumn('rule_id', 'integer', (c) => c.references('escalation_rules.id').onDelete('set null'))
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('escalation_count', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The view: oldest first.
  await db.schema
    .createIndex('ticket_escalations_at_idx')
    .on('ticket_escalations')
    .columns(['escalated_at', 'ticket_id'])
    .execute();

  // A rule acts once per ticket ('' key), or once per SLA breach ('resolution:1', 'next_reply:2' …).
  await idColumn(db, db.schema.createTable('escalation_rule_runs'))
    .addColumn('rule_id', 'integer', (c) => c.notNull().references('escalation_rules.id').onDelete('cascade'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('run_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('ran_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('escalation_rule_runs_once', ['rule_id', 'ticket_id', 'run_key'])
    .execute();
  await db.schema
    .createIndex('escalation_rule_runs_ticket_idx')
    .on('escalation_rule_runs')
    .column('ticket_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('escalation_rule_runs').execute();
  await db.schema.dropTable('ticket_escalations').execute();
  await db.schema.dropTable('escalation_rules').execute();
  await db.schema.alterTable('teams').dropColumn('tier').execute();
}
