// NPS in the KPI facts: whether an NPS survey attributed to the ticket (the customer's latest solve of
// a round) went out, and its latest score (analytics/facts.ts npsSent, npsScore) for the nps and
// nps_response_rate metrics. Facts are rebuilt in the background after this (FACTS_VERSION 6); until
// then the columns hold no survey.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  // 1 once an NPS survey attributed to the ticket went out (a reopen keeps it).
  await db.schema
    .alterTable('ticket_facts')
    .addColumn('nps_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // 0–10: the latest answer to it; null while unanswered.
  await db.schema.alterTable('ticket_facts').addColumn('nps_score', 'integer').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['nps_score', 'nps_sent']) {
    await db.schema.alterTable('ticket_facts').dropColumn(column).execute();
  }
}
