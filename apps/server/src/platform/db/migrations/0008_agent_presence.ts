// People: the history of each user's availability (online / away), so analytics can say how many
// agents were online at a given hour. One row per interval; offline is the absence of one. The open
// interval (ended_at null) is the user's current availability, kept beside users.availability by
// people/presence.ts in the same transaction.
import { type Kysely, sql } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('agent_presence'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .execute();
  // The analytics read: intervals overlapping a period.
  await db.schema.createIndex('agent_presence_started_idx').on('agent_presence').columns(['started_at']).execute();
  // At most one open interval per user: a second concurrent change fails instead of doubling them.
  await db.schema
    .createIndex('agent_presence_open_idx')
    .on('agent_presence')
    .column('user_id')
    .unique()
    .where(sql<boolean>`ended_at is null`)
    .execute();
  // History starts at the upgrade: whoever is online or away now gets an open interval from now.
  const now = Date.now();
  await sql`insert into agent_presence (user_id, status, started_at, ended_at)
    select id, availability, ${now}, null from users where availability in ('online', 'away') and active = 1`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agent_presence').execute();
}
