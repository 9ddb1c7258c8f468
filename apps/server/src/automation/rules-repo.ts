// Kysely queries of triggers, time rules and the time rules' bookkeeping.
import { type Insertable, sql, type Updateable } from 'kysely';
import { readCounter, stampChange } from '../platform/db/counters.js';
import type { Executor } from '../platform/db/index.js';
import type { Database, TicketRow, TimeRuleRow, TriggerRow } from '../platform/db/types.js';

export type RuleTable = 'triggers' | 'time_rules';

/** Bumped by every change to the triggers: a node's compiled triggers are good while it stays. */
export const TRIGGERS_STAMP = 'automation_triggers_version';

export function stamp(db: Executor): Promise<number> {
  return readCounter(db, TRIGGERS_STAMP);
}

export async function bumpStamp(db: Executor): Promise<void> {
  await stampChange(db, TRIGGERS_STAMP);
}

export function listTriggers(db: Executor, onlyActive = false): Promise<TriggerRow[]> {
  let q = db.selectFrom('triggers').selectAll();
  if (onlyActive) q = q.where('active', '=', 1);
  return q.orderBy('position').orderBy('id').execute();
}

export function listTimeRules(db: Executor, onlyActive = false): Promise<TimeRuleRow[]> {
  let q = db.selectFrom('time_rules').selectAll();
  if (onlyActive) q = q.where('active', '=', 1);
  return q.orderBy('position').orderBy('id').execute();
}

export function findTrigger(db: Executor, id: number): Promise<TriggerRow | undefined> {
  return db.selectFrom('triggers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findTimeRule(db: Executor, id: number): Promise<TimeRuleRow | undefined> {
  return db.selectFrom('time_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A rule of this name (any case) other than `exceptId`. */
export function findByName(db: Executor, table: RuleTable, name: string, exceptId?: number) {
  let q = db.selectFrom(table).select('id').where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

export async function insertTrigger(db: Executor, row: Insertable<Database['triggers']>): Promise<number> {
  return (await db.insertInto('triggers').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertTimeRule(db: Executor, row: Insertable<Database['time_rules']>): Promise<number> {
  return (await db.insertInto('time_rules').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTrigger(db: Executor, id: number, set: Updateable<Database['triggers']>) {
  await db.updateTable('triggers').set(set).where('id', '=', id).execute();
}

export async function updateTimeRule(db: Executor, id: number, set: Updateable<Database['time_rules']>) {
  await db.updateTable('time_rules').set(set).where('id', '=', id).execute();
}

export async function deleteRule(db: Executor, table: RuleTable, id: number) {
  await db.deleteFrom(table).where('id', '=', id).execute();
}

// ---------- tickets the rules look at ----------

const UNSOLVED = ['new', 'open', 'pending', 'on_hold'] as const;

/** Unsolved tickets, newest first, a batch after `beforeId` (the preview's scan). */
export function unsolvedTickets(db: Executor, beforeId: number, limit: number): Promise<TicketRow[]> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('status', 'in', [...UNSOLVED])
    .where('merged_into_id', 'is', null)
    .where('id', '<', beforeId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Tickets a time rule may act on now, a batch after `afterId`: not closed, and (for created, updated
 * and solved) the moment counted from at or before `cutoff`. Pending ones are judged by the caller
 * (when they became pending is in the event log).
 */
export function timeRuleCandidates(
  db: Executor,
  since: TimeRuleRow['since'],
  cutoff: number,
  afterId: number,
  limit: number,
): Promise<TicketRow[]> {
  let q = db
    .selectFrom('tickets')
    .selectAll()
    .where('status', '!=', 'closed')
    .where('merged_into_id', 'is', null)
    .where('id', '>', afterId);
  if (since === 'created') q = q.where('created_at', '<=', cutoff);
  if (since === 'updated') q = q.where('updated_at', '<=', cutoff);
  if (since === 'solved') q = q.where('status', '=', 'solved').where('solved_at', '<=', cutoff);
  if (since === 'pending') q = q.where('status', '=', 'pending');
  return q.orderBy('id').limit(limit).execute();
}

/** When each of these tickets last became pending (from its status_changed events). */
export async function pendingSince(db: Executor, ticketIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!ticketIds.length) return out;
  const rows = await db
    .selectFrom('ticket_events')
    .select(['ticket_id', 'data', 'created_at', 'type'])
    .where('ticket_id', 'in', ticketIds)
    .where('type', 'in', ['status_changed', 'created'])
    .orderBy('ticket_id')
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const d = JSON.parse(r.data) as { to?: string; status?: string };
    const became = r.type === 'created' ? d.status === 'pending' : d.to === 'pending';
    if (became) out.set(r.ticket_id, Number(r.created_at));
  }
  return out;
}

/** Claims (rule, ticket, period): true when this call is the first to, so the rule acts once. */
export async function claimRun(
  db: Executor,
  ruleId: number,
  ticketId: number,
  sinceAt: number,
  now: number,
): Promise<boolean> {
  const r = await db
    .insertInto('time_rule_runs')
    .values({ rule_id: ruleId, ticket_id: ticketId, since_at: sinceAt, ran_at: now })
    .onConflict((oc) => oc.columns(['rule_id', 'ticket_id', 'since_at']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The periods these tickets were already acted on by this rule. */
export async function runsOf(db: Executor, ruleId: number, ticketIds: number[]): Promise<Set<string>> {
  if (!ticketIds.length) return new Set();
  const rows = await db
    .selectFrom('time_rule_runs')
    .select(['ticket_id', 'since_at'])
    .where('rule_id', '=', ruleId)
    .where('ticket_id', 'in', ticketIds)
    .execute();
  return new Set(rows.map((r) => `${r.ticket_id}:${Number(r.since_at)}`));
}
