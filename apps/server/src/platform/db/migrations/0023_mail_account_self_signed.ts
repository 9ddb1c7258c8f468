// An IMAP mailbox may accept its server's self-signed certificate: self-hosted mail servers often
// have one. Off unless an admin switches it on for that mailbox.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('mail_accounts')
    .addColumn('allow_self_signed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mail_accounts').dropColumn('allow_self_signed').execute();
}
