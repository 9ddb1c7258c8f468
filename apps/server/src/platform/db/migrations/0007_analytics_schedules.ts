// Scheduled reports: a saved report (or the overview dashboard) mailed weekly or monthly as a PDF, with
// its headline numbers in the body, to people who may not use Sahayak (senior management).
import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('analytics_schedules'))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    // Null: the overview dashboard. A deleted report takes its schedules with it.
    .addColumn('report_id', 'integer', (c) => c.references('analytics_reports.id').onDelete('cascade'))
    .addColumn('frequency', 'varchar(10)', (c) => c.notNull())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('day_of_month', 'integer', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('time_zone', 'varchar(64)', (c) => c.notNull())
    .addColumn('locale', 'varchar(5)', (c) => c.notNull())
    .addColumn('period', 'varchar(20)', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    // When it is due next (null while disabled); a run claims it by moving this forward.
    .addColumn('next_run_at', 'bigint')
    .addColumn('last_sent_at', 'bigint')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('analytics_schedules_next_idx').on('analytics_schedules').column('next_run_at').execute();
  await db.schema.createIndex('analytics_schedules_owner_idx').on('analytics_schedules').column('owner_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analytics_schedules').execute();
}
