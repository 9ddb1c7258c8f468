// Tickets, their conversation and event log, custom fields, views, followers and notifications.
import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  // Availability for automatic assignment and the "who is online" dot.
  await db.schema
    .alterTable('users')
    .addColumn('availability', 'varchar(10)', (c) => c.notNull().defaultTo('offline'))
    .execute();
  await db.schema
    .alterTable('teams')
    .addColumn('assignment_mode', 'varchar(20)', (c) => c.notNull().defaultTo('manual'))
    .execute();
  await db.schema.alterTable('teams').addColumn('last_assigned_user_id', 'integer').execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'varchar(50)', (c) => c.primaryKey().notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('tickets'))
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('subject', 'varchar(300)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('priority', 'varchar(10)', (c) => c.notNull())
    .addColumn('type', 'varchar(10)', (c) => c.notNull())
    .addColumn('channel', 'varchar(10)', (c) => c.notNull())
    .addColumn('requester_id', 'integer', (c) => c.notNull().references('customers.id'))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('team_id', 'integer', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('return_details', 'text')
    .addColumn('problem_id', 'integer')
    .addColumn('merged_into_id', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_reply_at', 'bigint')
    .addColumn('last_reply_at', 'bigint')
    .addColumn('last_customer_message_at', 'bigint')
    .addColumn('solved_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  for (const [name, cols] of [
    ['tickets_status_updated_idx', ['status', 'updated_at', 'id']],
    ['tickets_assignee_status_idx', ['assignee_id', 'status', 'updated_at']],
    ['tickets_team_status_idx', ['team_id', 'status', 'updated_at']],
    ['tickets_requester_idx', ['requester_id', 'created_at']],
    ['tickets_org_idx', ['organisation_id', 'created_at']],
    ['tickets_updated_idx', ['updated_at', 'id']],
    ['tickets_created_idx', ['created_at', 'id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('tickets')
      .columns([...cols])
      .execute();
  }

  // Partial: nearly every ticket has no problem, and a full index's statistics then say "all rows
  // share one value", so SQLite scanned the table instead (0.8 s at 1M tickets).
  await db.schema
    .createIndex('tickets_problem_idx')
    .on('tickets')
    .column('problem_id')
    .where('problem_id', 'is not', null)
    .execute();

  await idColumn(db, db.schema.createTable('ticket_messages'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull())
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_customer_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('channel', 'varchar(10)', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_messages_ticket_idx')
    .on('ticket_messages')
    .columns(['ticket_id', 'id'])
    .execute();

  // An upload belongs to nobody but its uploader until a message takes it.
  await idColumn(db, db.schema.createTable('ticket_attachments'))
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('message_id', 'integer', (c) => c.references('ticket_messages.id').onDelete('cascade'))
    .addColumn('blob_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('content_type', 'varchar(200)', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('uploaded_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_attachments_ticket_idx').on('ticket_attachments').column('ticket_id').execute();
  await db.schema.createIndex('ticket_attachments_message_idx').on('ticket_attachments').column('message_id').execute();

  await idColumn(db, db.schema.createTable('ticket_events'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('type', 'varchar(40)', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_customer_id', 'integer', (c) => c.references('customers.id').onDelete('set null'))
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_events_ticket_idx').on('ticket_events').columns(['ticket_id', 'id']).execute();
  await db.schema.createIndex('ticket_events_created_idx').on('ticket_events').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('ticket_tags')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('tag', 'varchar(100)', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_tags_pk', ['ticket_id', 'tag'])
    .execute();
  await db.schema.createIndex('ticket_tags_tag_idx').on('ticket_tags').columns(['tag', 'ticket_id']).execute();

  await idColumn(db, db.schema.createTable('custom_fields'))
    .addColumn('key', 'varchar(60)', (c) => c.notNull().unique())
    .addColumn('label_en', 'varchar(200)', (c) => c.notNull())
    .addColumn('label_hi', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('required_on_solve', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // One row per (ticket, field) so views can filter on a custom field with an index.
  await db.schema
    .createTable('ticket_field_values')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('field_id', 'integer', (c) => c.notNull().references('custom_fields.id').onDelete('cascade'))
    .addColumn('value', 'varchar(500)', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_field_values_pk', ['ticket_id', 'field_id', 'value'])
    .execute();
  await db.schema
    .createIndex('ticket_field_values_field_idx')
    .on('ticket_field_values')
    .columns(['field_id', 'value'])
    .execute();

  await idColumn(db, db.schema.createTable('views'))
    .addColumn('owner_id', 'integer', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('system_key', 'varchar(40)')
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('sort', 'varchar(40)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('views_owner_idx').on('views').column('owner_id').execute();
  // The four built-in shared views, named in the reader's language by system_key.
  const unsolved = ['new', 'open', 'pending', 'on_hold'];
  const builtIn = [
    ['my_open', 'My open tickets', { assignee: ['me'], status: unsolved }, 'updated_desc'],
    ['unassigned', 'Unassigned', { assignee: ['none'], status: ['new', 'open', 'on_hold'] }, 'created_asc'],
    ['all_unsolved', 'All unsolved', { status: unsolved }, 'updated_desc'],
    ['recently_solved', 'Recently solved', { status: ['solved', 'closed'] }, 'updated_desc'],
  ] as const;
  const now = Date.now();
  await db
    .insertInto('views')
    .values(
      builtIn.map(([key, name, filters, sort], i) => ({
        owner_id: null,
        system_key: key,
        name,
        filters: JSON.stringify(filters),
        sort,
        position: i,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();

  await db.schema
    .createTable('ticket_followers')
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('ticket_followers_pk', ['ticket_id', 'user_id'])
    .execute();
  await db.schema.createIndex('ticket_followers_user_idx').on('ticket_followers').column('user_id').execute();

  await idColumn(db, db.schema.createTable('notifications'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id').onDelete('cascade'))
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('read_at', 'bigint')
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('in_app', 'integer', (c) => c.notNull())
    .addColumn('email', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'kind'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'notification_preferences',
    'notifications',
    'ticket_followers',
    'views',
    'ticket_field_values',
    'custom_fields',
    'ticket_tags',
    'ticket_events',
    'ticket_attachments',
    'ticket_messages',
    'tickets',
    'counters',
  ]) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('teams').dropColumn('last_assigned_user_id').execute();
  await db.schema.alterTable('teams').dropColumn('assignment_mode').execute();
  await db.schema.alterTable('users').dropColumn('availability').execute();
}
