// Kysely queries of escalation: the latest escalation per ticket (the view), escalation rules, the
// record of rule runs, and the tickets a rule's conditions pick.
import { type Insertable, sql, type Updateable } from 'kysely';
import type { Executor } from '../platform/db/index.js';
import type { Database, EscalationRuleRow, TicketPriority } from '../platform/db/types.js';

const UNSOLVED = ['new', 'open', 'pending', 'on_hold'] as const;

// ---------- the latest escalation of each ticket ----------

/** Stores the ticket's latest escalation (counting how many it has had). */
export async function putEscalation(db: Executor, row: Insertable<Database['ticket_escalations']>) {
  const { ticket_id: _, ...set } = row;
  await db
    .insertInto('ticket_escalations')
    .values(row)
    .onConflict((oc) =>
      oc.column('ticket_id').doUpdateSet({
        ...set,
        escalation_count: sql<number>`${sql.ref('ticket_escalations.escalation_count')} + 1`,
      }),
    )
    .execute();
}

export interface EscalationFilter {
  open: boolean;
  /** A lead's scope: tickets that sit with, or were escalated from or to, one of these teams. */
  scopeTeamIds: number[] | null;
  /** Tickets that now sit with this team. */
  teamId?: number | undefined;
  after?: { at: number; id: number } | undefined;
  limit: number;
}

/** Escalated tickets, oldest escalation first: one query on the escalations' time index. */
export function listEscalations(db: Executor, f: EscalationFilter) {
  let q = db
    .selectFrom('ticket_escalations as e')
    .innerJoin('tickets as t', 't.id', 'e.ticket_id')
    .leftJoin('escalation_rules as r', 'r.id', 'e.rule_id')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select([
      'e.ticket_id',
      'e.escalated_at',
      'e.from_tier',
      'e.to_tier',
      'e.from_team_id',
      'e.to_team_id',
      'e.reason',
      'e.rule_id',
      'e.actor_user_id',
      'e.escalation_count',
      'r.name as rule_name',
      'u.name as actor_name',
      't.number',
      't.subject',
      't.status',
      't.priority',
      't.team_id',
      't.assignee_id',
    ])
    .orderBy('e.escalated_at')
    .orderBy('e.ticket_id')
    .limit(f.limit);
  if (f.open) q = q.where('t.status', 'in', [...UNSOLVED]);
  if (f.teamId !== undefined) q = q.where('t.team_id', '=', f.teamId);
  const scope = f.scopeTeamIds;
  if (scope) {
    if (!scope.length) return Promise.resolve([]);
    q = q.where((eb) =>
      eb.or([eb('t.team_id', 'in', scope), eb('e.from_team_id', 'in', scope), eb('e.to_team_id', 'in', scope)]),
    );
  }
  const after = f.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('e.escalated_at', '>', after.at),
        eb.and([eb('e.escalated_at', '=', after.at), eb('e.ticket_id', '>', after.id)]),
      ]),
    );
  }
  return q.execute();
}

// ---------- rules ----------

export function listRules(db: Executor): Promise<EscalationRuleRow[]> {
  return db.selectFrom('escalation_rules').selectAll().orderBy('position').orderBy('id').execute();
}

export function findRule(db: Executor, id: number): Promise<EscalationRuleRow | undefined> {
  return db.selectFrom('escalation_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findRuleByName(db: Executor, name: string): Promise<EscalationRuleRow | undefined> {
  return db.selectFrom('escalation_rules').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertRule(db: Executor, row: Insertable<Database['escalation_rules']>): Promise<number> {
  const r = await db.insertInto('escalation_rules').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateRule(db: Executor, id: number, set: Updateable<Database['escalation_rules']>) {
  await db.updateTable('escalation_rules').set(set).where('id', '=', id).execute();
}

export async function deleteRule(db: Executor, id: number) {
  await db.deleteFrom('escalation_rules').where('id', '=', id).execute();
}

// ---------- rule runs ----------

/** Records that the rule acted on the ticket for this key; false when it already had (another node). */
export async function claimRun(db: Executor, ruleId: number, ticketId: number, key: string, now: number) {
  const r = await db
    .insertInto('escalation_rule_runs')
    .values({ rule_id: ruleId, ticket_id: ticketId, run_key: key, ran_at: now })
    .onConflict((oc) => oc.columns(['rule_id', 'ticket_id', 'run_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** What a rule's conditions ask of a ticket, in the repo's terms. */
export interface Candidates {
  ruleId: number;
  now: number;
  priority?: TicketPriority[] | undefined;
  teamIds?: number[] | undefined;
  tiers?: number[] | undefined;
  unassigned?: boolean | undefined;
  unassignedForMinutes?: number | undefined;
  noReplyForMinutes?: number | undefined;
  slaBreached?: ('first_reply' | 'next_reply' | 'resolution')[] | undefined;
  limit: number;
}

/**
 * Unsolved tickets the rule's conditions hold for and it has not acted on yet, with the run key
 * ('' once per ticket; 'metric:cycle' once per breached target).
 */
export async function ruleCandidates(db: Executor, c: Candidates): Promise<{ ticketId: number; key: string }[]> {
  const MIN = 60_000;
  let q = db
    .selectFrom('tickets as t')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .where('t.status', 'in', [...UNSOLVED])
    .where('t.merged_into_id', 'is', null);
  if (c.priority?.length) q = q.where('t.priority', 'in', c.priority);
  if (c.teamIds?.length) q = q.where('t.team_id', 'in', c.teamIds);
  if (c.tiers?.length) q = q.where(sql<number>`coalesce(${sql.ref('tm.tier')}, 1)`, 'in', c.tiers);
  if (c.unassigned || c.unassignedForMinutes !== undefined) q = q.where('t.assignee_id', 'is', null);
  if (c.unassignedForMinutes !== undefined) {
    const since = c.now - c.unassignedForMinutes * MIN;
    q = q
      .where('t.created_at', '<=', since)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('ticket_events as ev')
              .select('ev.id')
              .whereRef('ev.ticket_id', '=', 't.id')
              .where('ev.type', '=', 'assigned')
              .where('ev.created_at', '>', since),
          ),
        ),
      );
  }
  if (c.noReplyForMinutes !== undefined) {
    q = q.where('t.first_reply_at', 'is', null).where('t.created_at', '<=', c.now - c.noReplyForMinutes * MIN);
  }
  const notRun = (key: ReturnType<typeof sql<string>>) =>
    sql<boolean>`not exists (select 1 from escalation_rule_runs rr where rr.rule_id = ${c.ruleId} and rr.ticket_id = t.id and rr.run_key = ${key})`;
  if (c.slaBreached?.length) {
    const key = sql<string>`s.metric || ':' || s.cycle`;
    const rows = await q
      .innerJoin('ticket_sla as s', 's.ticket_id', 't.id')
      .where('s.metric', 'in', c.slaBreached)
      .where('s.due_at', '<=', c.now)
      .where(notRun(key))
      .select(['t.id', key.as('key')])
      .orderBy('t.id')
      .limit(c.limit)
      .execute();
    return rows.map((r) => ({ ticketId: r.id, key: String(r.key) }));
  }
  const rows = await q.where(notRun(sql<string>`''`)).select('t.id').orderBy('t.id').limit(c.limit).execute();
  return rows.map((r) => ({ ticketId: r.id, key: '' }));
}
