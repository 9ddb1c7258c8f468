// The replies still queued for mail, found by an index of their own. At start-up the embedded mode
// gives each of them a try (channels/email/outbound.ts: the in-process queue forgets its jobs on a
// restart), and without an index that was a scan of every message: 0.67 s of a start on the
// 5-million-message bench set. Partial, so it holds only the few queued rows and costs the other
// messages nothing.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('ticket_messages_queued_idx')
    .on('ticket_messages')
    .column('id')
    .where(sql.ref('delivery_status'), '=', sql.lit('queued'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ticket_messages_queued_idx').execute();
}
