// Triggers (ordered rules that act on a ticket when a command creates or updates it) and time rules
// (hourly rules on hours since created, updated, pending or solved), with the record of which time
// rule already acted on which ticket for which period (the moment it measured from).
import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['triggers', 'time_rules']) {
    let t = idColumn(db, db.schema.createTable(table))
      .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      // Lower first; renumbered 1…n on reorder and delete.
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      // JSON: automation/rules-schema.ts Conditions ({ all: [...], any: [...] }).
      .addColumn('conditions', 'text', (c) => c.notNull().defaultTo('{"all":[],"any":[]}'))
      // JSON: automation/actions.ts RuleAction[].
      .addColumn('actions', 'text', (c) => c.notNull().defaultTo('[]'));
    if (table === 'time_rules') {
      // 'created' | 'updated' | 'pending' | 'solved': the moment the hours are counted from.
      t = t.addColumn('since', 'varchar(10)', (c) => c.notNull()).addColumn('hours', 'integer', (c) => c.notNull());
    }
    await t
      .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex(`${table}_position_idx`).on(table).column('position').execute();
  }

  // A time rule acts once per ticket and period: the period is the moment its hours count from.
  await idColumn(db, db.schema.createTable('time_rule_runs'))
    .addColumn('rule_id', 'integer', (c) => c.notNull().references('time_rules.id').onDelete('cascade'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('since_at', 'bigint', (c) => c.notNull())
    .addColumn('ran_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('time_rule_runs_once', ['rule_id', 'ticket_id', 'since_at'])
    .execute();
  await db.schema.createIndex('time_rule_runs_ticket_idx').on('time_rule_runs').column('ticket_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('time_rule_runs').execute();
  await db.schema.dropTable('time_rules').execute();
  await db.schema.dropTable('triggers').execute();
}
