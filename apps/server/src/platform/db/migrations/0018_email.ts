// The email channel: the support addresses mail arrives at (each with its acknowledgement in English
// and Hindi), IMAP mailboxes to poll (password sealed with SECRET_KEY), every inbound mail once by its
// Message-ID (the original .eml kept), mail facts on ticket messages (Message-ID for threading, the
// quoted history apart from the new text, outbound delivery state), customers copied on a ticket,
// and the log of automatic mails per address that loop protection counts.
import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('support_addresses'))
    // Lower case.
    .addColumn('address', 'varchar(320)', (c) => c.notNull().unique())
    // Display name of mail sent from it ("Demo Support").
    .addColumn('name', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    // New tickets by mail to this address go to this team.
    .addColumn('team_id', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ack_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('ack_subject_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ack_body_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ack_subject_hi', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ack_body_hi', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('mail_accounts'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('host', 'varchar(255)', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    // 'tls' (implicit, 993), 'starttls' or 'none'.
    .addColumn('security', 'varchar(10)', (c) => c.notNull().defaultTo('tls'))
    .addColumn('username', 'varchar(320)', (c) => c.notNull())
    // platform/crypto/secret-box.ts sealed with SECRET_KEY.
    .addColumn('password_sealed', 'text', (c) => c.notNull())
    .addColumn('mailbox', 'varchar(200)', (c) => c.notNull().defaultTo('INBOX'))
    // Processed mail moves here; null: it is marked seen.
    .addColumn('move_to', 'varchar(200)')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('last_poll_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('inbound_mails'))
    // Without <>; a mail without one gets "sha256-<hash of the raw mail>@sahayak.invalid".
    .addColumn('message_id', 'varchar(998)', (c) => c.notNull().unique())
    // 'smtp' | 'imap' | 'api'
    .addColumn('via', 'varchar(10)', (c) => c.notNull())
    .addColumn('blob_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('from_address', 'varchar(320)')
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo(''))
    // 'new_ticket' | 'message' | 'auto_reply' | 'bounce' | 'ignored'
    .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
    // Why it was judged so (an auto-reply's header, "from our own address" …).
    .addColumn('reason', 'text')
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('ticket_message_id', 'integer', (c) => c.references('ticket_messages.id').onDelete('set null'))
    // A bounce: the outbound message it concerns.
    .addColumn('bounced_message_id', 'integer', (c) => c.references('ticket_messages.id').onDelete('set null'))
    // JSON array of warning codes (malformed_mime …).
    .addColumn('warnings', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inbound_mails_ticket_idx').on('inbound_mails').column('ticket_id').execute();

  await db.schema.alterTable('ticket_messages').addColumn('mail_message_id', 'varchar(998)').execute();
  // The original .eml of an inbound mail, for agents to download.
  await db.schema.alterTable('ticket_messages').addColumn('eml_blob_key', 'varchar(200)').execute();
  // The quoted history and signature of an inbound mail, shown folded under the new text.
  await db.schema.alterTable('ticket_messages').addColumn('quoted_html', 'text').execute();
  // Outbound mail of a reply: 'queued' | 'sent' | 'failed'; null: not mailed.
  await db.schema.alterTable('ticket_messages').addColumn('delivery_status', 'varchar(10)').execute();
  await db.schema.alterTable('ticket_messages').addColumn('delivery_error', 'text').execute();
  await db.schema
    .alterTable('ticket_messages')
    .addColumn('delivery_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('ticket_messages').addColumn('delivered_at', 'bigint').execute();
  await db.schema.createIndex('ticket_messages_mail_id_idx').on('ticket_messages').column('mail_message_id').execute();

  await db.schema
    .createTable('ticket_cc')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('customer_id', 'integer', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_cc_pk', ['ticket_id', 'customer_id'])
    .execute();

  await idColumn(db, db.schema.createTable('auto_mail_log'))
    .addColumn('address', 'varchar(320)', (c) => c.notNull())
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('auto_mail_log_address_idx')
    .on('auto_mail_log')
    .columns(['address', 'sent_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('auto_mail_log').execute();
  await db.schema.dropTable('ticket_cc').execute();
  await db.schema.dropIndex('ticket_messages_mail_id_idx').execute();
  for (const column of [
    'delivered_at',
    'delivery_attempts',
    'delivery_error',
    'delivery_status',
    'quoted_html',
    'eml_blob_key',
    'mail_message_id',
  ]) {
    await db.schema.alterTable('ticket_messages').dropColumn(column).execute();
  }
  await db.schema.dropTable('inbound_mails').execute();
  await db.schema.dropTable('mail_accounts').execute();
  await db.schema.dropTable('support_addresses').execute();
}
