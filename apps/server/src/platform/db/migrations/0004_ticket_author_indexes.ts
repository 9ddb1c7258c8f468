// Indexes for the author and actor columns of messages and events. They reference users and
// customers with `on delete set null`, so deleting a customer or a user had to scan both tables
// (minutes on 1M tickets); they also serve "everything this customer or agent wrote". Partial:
// most rows leave one of each pair empty.
import type { Kysely } from 'kysely';

const INDEXES = [
  ['ticket_messages_author_user_idx', 'ticket_messages', 'author_user_id'],
  ['ticket_messages_author_customer_idx', 'ticket_messages', 'author_customer_id'],
  ['ticket_events_actor_user_idx', 'ticket_events', 'actor_user_id'],
  ['ticket_events_actor_customer_idx', 'ticket_events', 'actor_customer_id'],
] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, column] of INDEXES) {
    await db.schema
      .createIndex(name)
      .on(table)
      .column(column)
      .where((eb) => eb(column, 'is not', null))
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
