// SLA timers on tickets. `ticket_sla` holds each ticket's owed targets (one row per kind: the open
// first reply, the current next-reply wait, the resolution), kept by the ticket write path from the
// event log under the ticket's policy (sla/timers.ts); the sweep finds due ones by `due_at`. Met and
// breached targets are events in the log; the facts count them (FACTS_VERSION 4) for sla_achievement.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ticket_sla')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    // 'first_reply' | 'next_reply' | 'resolution'
    .addColumn('metric', 'varchar(20)', (c) => c.notNull())
    // Next-reply waits are counted 1, 2, …; the others are 1.
    .addColumn('cycle', 'integer', (c) => c.notNull())
    .addColumn('policy_id', 'integer', (c) => c.notNull().references('sla_policies.id').onDelete('cascade'))
    .addColumn('target_minutes', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    // 1 while a pausing status (or, for reply targets, solving) stops the clock.
    .addColumn('paused', 'integer', (c) => c.notNull())
    // When the target runs or ran out; null while paused before that.
    .addColumn('due_at', 'bigint')
    // Paused before running out: the counting time left.
    .addColumn('remaining_ms', 'bigint')
    // When three quarters of the target are used (lists colour it as a warning from then on).
    .addColumn('warn_at', 'bigint')
    // 1 once the sla_breached event is in the log (so the sweep writes it once).
    .addColumn('breach_logged', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('ticket_sla_ticket_metric_uq', ['ticket_id', 'metric'])
    .execute();
  // The sweep: owed targets whose breach is not logged yet, by due time.
  await db.schema.createIndex('ticket_sla_sweep_idx').on('ticket_sla').columns(['breach_logged', 'due_at']).execute();
  // Inbox order and "at risk now": by due time.
  await db.schema.createIndex('ticket_sla_due_idx').on('ticket_sla').columns(['due_at']).execute();

  // Facts: the outcome of each target kind (0 none, 1 met, 2 breached) and counts of next-reply waits.
  await db.schema
    .alterTable('ticket_facts')
    .addColumn('sla_first_reply', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('ticket_facts')
    .addColumn('sla_next_reply_met', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('ticket_facts')
    .addColumn('sla_next_reply_breached', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('ticket_facts')
    .addColumn('sla_resolution', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['sla_resolution', 'sla_next_reply_breached', 'sla_next_reply_met', 'sla_first_reply']) {
    await db.schema.alterTable('ticket_facts').dropColumn(column).execute();
  }
  await db.schema.dropTable('ticket_sla').execute();
}
