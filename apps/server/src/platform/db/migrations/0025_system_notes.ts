// What a system message says, as a key and values beside its English text (tickets/system-notes.ts),
// so the conversation shows it in the reader's language. Null for every other message, and for the
// system messages written before: they keep showing their text.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ticket_messages').addColumn('system_note', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ticket_messages').dropColumn('system_note').execute();
}
