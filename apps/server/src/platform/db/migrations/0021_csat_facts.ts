// CSAT in the KPI facts: whether the survey of a ticket's latest solve went out, and its latest score
// (analytics/facts.ts surveySent, csatScore) for the csat and survey_response_rate metrics. Facts are
// rebuilt in the background after this (FACTS_VERSION 5); until then the columns hold no survey.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema as it was, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  // 1 once a CSAT survey went out for the latest solve (0 again after a reopen).
  await db.schema
    .alterTable('ticket_facts')
    .addColumn('survey_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // 1–5: the latest answer to that survey; null while unanswered.
  await db.schema.alterTable('ticket_facts').addColumn('csat_score', 'integer').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: as above
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['csat_score', 'survey_sent']) {
    await db.schema.alterTable('ticket_facts').dropColumn(column).execute();
  }
}
