// Business calendars: working hours per weekday and holidays in a time zone. A team counts its SLA
// clocks and business-hours KPIs in one; teams without one use the default calendar, if any.
import type { Kysely } from 'kysely';
import { idColumn } from '../migration-helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await idColumn(db, db.schema.createTable('business_calendars'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('time_zone', 'varchar(64)', (c) => c.notNull())
    // JSON: [{ weekday 1–7, from "HH:MM", to "HH:MM" }], checked on save.
    .addColumn('hours', 'text', (c) => c.notNull())
    // JSON: [{ date "YYYY-MM-DD", name, yearly }].
    .addColumn('holidays', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Which calendar a team counts in: one row per team that has one (sla/ owns it, not people/).
  await db.schema
    .createTable('team_calendars')
    // Unique, not the primary key: an integer primary key would be SQLite's rowid (auto-numbered).
    .addColumn('team_id', 'integer', (c) => c.notNull().unique().references('teams.id').onDelete('cascade'))
    .addColumn('calendar_id', 'integer', (c) => c.notNull().references('business_calendars.id'))
    .execute();
  await db.schema.createIndex('team_calendars_calendar_idx').on('team_calendars').column('calendar_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('team_calendars').execute();
  await db.schema.dropTable('business_calendars').execute();
}
