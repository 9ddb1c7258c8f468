// The stretches of time a requester waited (new, open, on-hold), not only their total, so requester
// wait time can be counted in business hours too. Facts are rebuilt in the background after this
// (FACTS_VERSION 3); until then the column holds an empty list.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('ticket_facts')
    .addColumn('wait_spans', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ticket_facts').dropColumn('wait_spans').execute();
}
