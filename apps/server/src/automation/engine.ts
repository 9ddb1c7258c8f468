// Running triggers and time rules on a ticket: the compiled triggers (cached per database until the
// triggers change), the chain (each trigger at most once per change, at most MAX_CHAIN_DEPTH passes),
// and the side effects of the rules that acted (notices, emails, webhooks), which the ticket command
// hands to JobQueue after its commit. The changes themselves are made by the ticket command
// (tickets/commands.ts), so a rule's change follows the same rules as a person's.
import { findCustomerBrief, organisationNames } from '../customers/service.js';
import type { Notice } from '../notifications/service.js';
import { teamBriefs, userBriefs } from '../people/service.js';
import { type Executor, groupMemo } from '../platform/db/index.js';
import type { TriggerRow } from '../platform/db/types.js';
import { SEND_MAIL_JOB } from '../platform/mail/jobs.js';
import type { OutboundMail } from '../platform/mail/transport.js';
import { isWorking } from '../sla/calendar.js';
import { calendarOfTeam } from '../sla/calendars.js';
import type { TicketChanges } from '../tickets/commands.js';
import type { DerivedTicket } from '../tickets/events.js';
import { changesOf, type RuleAction } from './actions.js';
import { type Compiled, compileConditions, type Facts } from './conditions.js';
import { type PlaceholderValues, renderText } from './placeholders.js';
import * as repo from './rules-repo.js';
import type { Conditions } from './rules-schema.js';
import { WEBHOOK_JOB } from './webhook-job.js';

/** Passes of a trigger chain: the change's own triggers are pass 1, those their changes set off pass 2 … */
export const MAX_CHAIN_DEPTH = 10;

export interface Rule {
  kind: 'trigger' | 'time_rule';
  id: number;
  name: string;
  test: Compiled['test'];
  /** The ticket changes it makes. */
  changes: TicketChanges;
  /** notify, send_email and webhook actions: run after the commit. */
  effects: RuleAction[];
}

export interface RuleSet {
  rules: Rule[];
  needsLocale: boolean;
  needsHours: boolean;
}

export const hasChanges = (c: TicketChanges) => Object.keys(c).length > 0;

export function compileRule(
  kind: Rule['kind'],
  row: Pick<TriggerRow, 'id' | 'name' | 'conditions' | 'actions'>,
): Rule & Compiled {
  const actions = JSON.parse(row.actions) as RuleAction[];
  const compiled = compileConditions(JSON.parse(row.conditions) as Conditions);
  return {
    ...compiled,
    kind,
    id: row.id,
    name: row.name,
    changes: changesOf(actions, null),
    effects: actions.filter((a) => a.type === 'notify' || a.type === 'send_email' || a.type === 'webhook'),
  };
}

export function compileRules(kind: Rule['kind'], rows: Parameters<typeof compileRule>[1][]): RuleSet {
  const rules = rows.map((r) => compileRule(kind, r));
  return {
    rules,
    needsLocale: rules.some((r) => r.needsLocale),
    needsHours: rules.some((r) => r.needsHours),
  };
}

/** Compiled active triggers per database (the key: the Db object), kept until the stamp moves. */
const cache = new WeakMap<object, { stamp: number; set: RuleSet }>();

export async function activeTriggers(db: Executor, key: object): Promise<RuleSet> {
  const stamp = await groupMemo(db, 'triggers-stamp', () => repo.stamp(db));
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.set;
  const set = compileRules('trigger', await repo.listTriggers(db, true));
  cache.set(key, { stamp, set });
  return set;
}

export interface ChainOutcome {
  fired: Rule[];
  /** Set when the depth bound stopped the chain: the triggers that would have run next. */
  stopped: { depth: number; ruleIds: number[] } | null;
}

/**
 * The trigger chain (no I/O of its own): pass after pass over the triggers in order, each that
 * matches and has not acted yet acts (`act` makes its changes, which the next tests see), until a
 * pass acts on nothing. A pass beyond `maxDepth` that would act is not run: its triggers are reported.
 * `act` returns false when the ticket could not take the trigger's changes (it then counts as done).
 */
export async function runChain(
  rules: readonly Rule[],
  facts: () => Facts | Promise<Facts>,
  act: (rule: Rule) => boolean | Promise<boolean>,
  maxDepth = MAX_CHAIN_DEPTH,
): Promise<ChainOutcome> {
  const done = new Set<number>();
  const fired: Rule[] = [];
  for (let depth = 1; ; depth++) {
    let acted = false;
    for (const rule of rules) {
      if (done.has(rule.id)) continue;
      const f = await facts();
      if (!rule.test(f)) continue;
      if (depth > maxDepth) {
        const ruleIds = rules.filter((r) => !done.has(r.id) && r.test(f)).map((r) => r.id);
        return { fired, stopped: { depth: maxDepth, ruleIds } };
      }
      done.add(rule.id);
      acted = true;
      if (await act(rule)) fired.push(rule);
    }
    if (!acted) return { fired, stopped: null };
  }
}

/** Lazily fetched facts of one ticket during a chain: the requester's language, the working hours. */
export function factsSource(
  db: Executor,
  set: Pick<RuleSet, 'needsLocale' | 'needsHours'>,
  state: () => DerivedTicket,
  before: DerivedTicket | null,
  message: string | null,
  now: number,
): () => Promise<Facts> {
  let locale: { requesterId: number; value: 'en' | 'hi' } | null = null;
  let hours: { teamId: number | null; value: boolean } | null = null;
  return async () => {
    const s = state();
    if (set.needsLocale && locale?.requesterId !== s.requesterId) {
      locale = { requesterId: s.requesterId, value: (await findCustomerBrief(db, s.requesterId))?.locale ?? 'en' };
    }
    if (set.needsHours && (hours === null || hours.teamId !== s.teamId)) {
      hours = { teamId: s.teamId, value: isWorking(await calendarOfTeam(db, s.teamId), now) };
    }
    return { state: s, before, message, requesterLocale: locale?.value ?? 'en', working: hours?.value ?? false };
  };
}

// ---------- side effects ----------

/** A job to enqueue once the command has committed. */
export interface AfterJob {
  name: string;
  payload: Record<string, unknown>;
  options: { attempts?: number; jobId?: string };
}

export interface Effects {
  notices: Notice[];
  jobs: AfterJob[];
}

interface TicketRef {
  id: number;
  state: DerivedTicket;
}

/** What the placeholders of a rule's mail (or an acknowledgement) stand for on this ticket. */
export async function placeholderValues(db: Executor, s: DerivedTicket) {
  const requester = await findCustomerBrief(db, s.requesterId);
  const org =
    s.organisationId === null ? undefined : (await organisationNames(db, [s.organisationId])).get(s.organisationId);
  const team = s.teamId === null ? undefined : (await teamBriefs(db, [s.teamId])).get(s.teamId);
  const agent = s.assigneeId === null ? undefined : (await userBriefs(db, [s.assigneeId])).get(s.assigneeId);
  const values: PlaceholderValues = {
    ticket: { number: s.number, subject: s.subject, status: s.status, priority: s.priority, type: s.type },
    requester: { name: requester?.name ?? '', email: requester?.email ?? null },
    organisation: org === undefined ? null : { name: org },
    // A rule has no agent at the keyboard: "agent" is the ticket's assignee, if any.
    agent: { name: agent?.name ?? '', email: agent?.email ?? '' },
    team: team ? { name: team.name } : null,
  };
  return { values, requester };
}

/** What the rules that acted leave to do after the commit, as the ticket stands at the end. */
export async function effectsOf(
  db: Executor,
  publicUrl: string,
  ticket: TicketRef,
  rules: readonly Rule[],
  now: number,
): Promise<Effects> {
  const out: Effects = { notices: [], jobs: [] };
  const s = ticket.state;
  let filled: Awaited<ReturnType<typeof placeholderValues>> | undefined;
  for (const rule of rules) {
    for (const [i, a] of rule.effects.entries()) {
      if (a.type === 'notify') {
        const ids = new Set(a.userIds);
        if (a.recipients.includes('assignee') && s.assigneeId !== null) ids.add(s.assigneeId);
        if (a.recipients.includes('team_lead') && s.teamId !== null) {
          const lead = (await teamBriefs(db, [s.teamId])).get(s.teamId)?.lead_id;
          if (lead) ids.add(lead);
        }
        for (const userId of ids) {
          out.notices.push({
            userId,
            kind: 'automation',
            ticketId: ticket.id,
            ticketNumber: s.number,
            ticketSubject: s.subject,
            actorId: null,
            actorName: rule.name,
          });
        }
      } else if (a.type === 'send_email') {
        filled ??= await placeholderValues(db, s);
        const email = filled.requester?.email;
        if (!email) continue;
        const own = filled.requester?.locale ?? 'en';
        const order = own === 'hi' ? (['hi', 'en'] as const) : (['en', 'hi'] as const);
        const locale = order.find((l) =>
          l === 'hi' ? a.subjectHi && a.bodyHi.trim() : a.subjectEn && a.bodyEn.trim(),
        );
        if (!locale) continue;
        const [subject, body] = locale === 'hi' ? [a.subjectHi, a.bodyHi] : [a.subjectEn, a.bodyEn];
        const mail: OutboundMail = {
          to: email,
          subject: renderText(subject, filled.values, locale),
          text: renderText(body, filled.values, locale),
          headers: { 'X-Sahayak-Ticket': String(s.number), 'Auto-Submitted': 'auto-generated' },
        };
        out.jobs.push({
          name: SEND_MAIL_JOB,
          payload: { ...mail },
          options: { attempts: 5, jobId: `rule-mail:${rule.kind}:${rule.id}:${ticket.id}:v${s.version}:${i}` },
        });
      } else if (a.type === 'webhook') {
        out.jobs.push({
          name: WEBHOOK_JOB,
          payload: {
            url: a.url,
            body: {
              event: rule.kind === 'trigger' ? 'trigger' : 'time_rule',
              rule: { id: rule.id, name: rule.name },
              at: new Date(now).toISOString(),
              ticket: {
                number: s.number,
                subject: s.subject,
                status: s.status,
                priority: s.priority,
                type: s.type,
                channel: s.channel,
                requesterId: s.requesterId,
                organisationId: s.organisationId,
                assigneeId: s.assigneeId,
                teamId: s.teamId,
                tags: s.tags,
                fields: s.fields,
                url: `${publicUrl}/tickets/${s.number}`,
              },
            },
          },
          options: { attempts: 3, jobId: `rule-webhook:${rule.kind}:${rule.id}:${ticket.id}:v${s.version}:${i}` },
        });
      }
    }
  }
  return out;
}
