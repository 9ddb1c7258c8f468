// Customer feedback: the surveys sent (CSAT after a solve, NPS now and then), each with the answer
// it got, the themes a lead gave its comment and what was done with it (a follow-up ticket, a forward
// to the product team); and on customers, an opt-out from surveys and the time their address bounced.
import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('surveys'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    // CSAT: the ticket and which solve of it (its reopen count then); NPS: no ticket, cycle 0.
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('cycle', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('locale', 'varchar(5)', (c) => c.notNull())
    // Who and what it was about, as at the time it was sent (the inbox filters on these).
    .addColumn('agent_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('team_id', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('channel', 'varchar(20)')
    .addColumn('priority', 'varchar(10)')
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('comment', 'text')
    .addColumn('answered_at', 'bigint')
    .addColumn('follow_up_ticket_id', 'integer', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('forwarded_at', 'bigint')
    .addColumn('forwarded_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('forwarded_to', 'varchar(500)')
    .execute();
  // One CSAT survey per solve of a ticket.
  await db.schema
    .createIndex('surveys_ticket_cycle_idx')
    .unique()
    .on('surveys')
    .columns(['ticket_id', 'kind', 'cycle'])
    .execute();
  await db.schema.createIndex('surveys_answered_idx').on('surveys').columns(['kind', 'answered_at']).execute();
  await db.schema
    .createIndex('surveys_customer_idx')
    .on('surveys')
    .columns(['customer_id', 'kind', 'sent_at'])
    .execute();
  await db.schema.createIndex('surveys_agent_idx').on('surveys').columns(['agent_id', 'answered_at']).execute();

  await db.schema
    .createTable('survey_tags')
    .addColumn('survey_id', 'integer', (c) => c.notNull().references('surveys.id').onDelete('cascade'))
    .addColumn('tag', 'varchar(80)', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_tags_pk', ['survey_id', 'tag'])
    .execute();
  await db.schema.createIndex('survey_tags_tag_idx').on('survey_tags').columns(['tag', 'survey_id']).execute();

  // The CSAT run walks tickets in the order they were (last) solved.
  await db.schema
    .createIndex('tickets_solved_idx')
    .on('tickets')
    .columns(['solved_at', 'id'])
    .where((eb) => eb('solved_at', 'is not', null))
    .execute();

  await db.schema.alterTable('customers').addColumn('surveys_opted_out_at', 'bigint').execute();
  await db.schema.alterTable('customers').addColumn('email_bounced_at', 'bigint').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('email_bounced_at').execute();
  await db.schema.dropIndex('tickets_solved_idx').execute();
  await db.schema.alterTable('customers').dropColumn('surveys_opted_out_at').execute();
  await db.schema.dropTable('survey_tags').execute();
  await db.schema.dropTable('surveys').execute();
}
