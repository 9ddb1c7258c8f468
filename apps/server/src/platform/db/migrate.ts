// Migrations: one ordered list, run at start-up and by `npm run migrate`, on both dialects.
import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './index.js';
import * as m0001 from './migrations/0001_platform.js';
import * as m0002 from './migrations/0002_tickets.js';
import * as m0003 from './migrations/0003_ticket_search.js';
import * as m0004 from './migrations/0004_ticket_author_indexes.js';
import * as m0005 from './migrations/0005_ticket_facts.js';
import * as m0006 from './migrations/0006_analytics_reports.js';
import * as m0007 from './migrations/0007_analytics_schedules.js';
import * as m0008 from './migrations/0008_agent_presence.js';
import * as m0009 from './migrations/0009_agent_activity.js';
import * as m0010 from './migrations/0010_business_calendars.js';
import * as m0011 from './migrations/0011_ticket_facts_wait_spans.js';
import * as m0012 from './migrations/0012_sla_policies.js';
import * as m0013 from './migrations/0013_ticket_sla.js';
import * as m0014 from './migrations/0014_macros.js';
import * as m0015 from './migrations/0015_automation_rules.js';
import * as m0016 from './migrations/0016_escalation.js';
import * as m0017 from './migrations/0017_organisation_tier.js';
import * as m0018 from './migrations/0018_email.js';
import * as m0019 from './migrations/0019_portal.js';
import * as m0020 from './migrations/0020_feedback.js';
import * as m0021 from './migrations/0021_csat_facts.js';
import * as m0022 from './migrations/0022_nps_facts.js';
import * as m0023 from './migrations/0023_mail_account_self_signed.js';
import * as m0024 from './migrations/0024_queued_replies_index.js';
import * as m0025 from './migrations/0025_system_notes.js';

export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_tickets': m0002,
  '0003_ticket_search': m0003,
  '0004_ticket_author_indexes': m0004,
  '0005_ticket_facts': m0005,
  '0006_analytics_reports': m0006,
  '0007_analytics_schedules': m0007,
  '0008_agent_presence': m0008,
  '0009_agent_activity': m0009,
  '0010_business_calendars': m0010,
  '0011_ticket_facts_wait_spans': m0011,
  '0012_sla_policies': m0012,
  '0013_ticket_sla': m0013,
  '0014_macros': m0014,
  '0015_automation_rules': m0015,
  '0016_escalation': m0016,
  '0017_organisation_tier': m0017,
  '0018_email': m0018,
  '0019_portal': m0019,
  '0020_feedback': m0020,
  '0021_csat_facts': m0021,
  '0022_nps_facts': m0022,
  '0023_mail_account_self_signed': m0023,
  '0024_queued_replies_index': m0024,
  '0025_system_notes': m0025,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (used by /readyz). */
export async function migrationsApplied(db: Db): Promise<boolean> {
  const migrator = new Migrator({ db: db.kysely, provider });
  const all = await migrator.getMigrations();
  return all.every((m) => m.executedAt !== undefined);
}
