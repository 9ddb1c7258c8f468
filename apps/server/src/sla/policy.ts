// Which SLA policy a ticket falls under, and its targets: pure functions over parsed policies, so the
// timers, the API and the tests all match the same way.
import type { TicketChannel, TicketPriority, TicketType } from '../platform/db/types.js';

export type PausingStatus = 'pending' | 'on_hold';

/** Targets in minutes; a missing one is not measured. */
export interface Targets {
  firstReply?: number;
  nextReply?: number;
  resolution?: number;
}

/** Each list given must hold (any of its values); a missing or empty one holds for every ticket. */
export interface Conditions {
  priority?: TicketPriority[];
  channel?: TicketChannel[];
  type?: TicketType[];
  /** Any of these tags. */
  tags?: string[];
  organisationIds?: number[];
  /** The ticket's organisation has one of these tiers (compared ignoring case). */
  organisationTiers?: string[];
}

export interface SlaPolicy {
  id: number;
  name: string;
  /** Lower is matched first. */
  position: number;
  active: boolean;
  conditions: Conditions;
  targets: Partial<Record<TicketPriority, Targets>>;
  businessHours: boolean;
  pauseOn: PausingStatus[];
}

/** What matching looks at in a ticket (not analytics' facts: the current values). */
export interface PolicyTicket {
  priority: TicketPriority;
  channel: TicketChannel;
  type: TicketType;
  tags: readonly string[];
  organisationId: number | null;
  /** The tier its organisation has now; only looked up when a policy asks (see needsTier). */
  organisationTier?: string | null;
}

const holds = <T>(allowed: readonly T[] | undefined, value: T) => !allowed?.length || allowed.includes(value);

/** True when every condition of the policy holds for the ticket. */
export function conditionsHold(conditions: Conditions, ticket: PolicyTicket): boolean {
  return (
    holds(conditions.priority, ticket.priority) &&
    holds(conditions.channel, ticket.channel) &&
    holds(conditions.type, ticket.type) &&
    (!conditions.tags?.length || conditions.tags.some((tag) => ticket.tags.includes(tag))) &&
    (!conditions.organisationIds?.length ||
      (ticket.organisationId !== null && conditions.organisationIds.includes(ticket.organisationId))) &&
    (!conditions.organisationTiers?.length ||
      (!!ticket.organisationTier &&
        conditions.organisationTiers.some((t) => t.toLowerCase() === ticket.organisationTier!.toLowerCase())))
  );
}

/** Whether matching needs the organisation's tier (so tickets are not charged a lookup for nothing). */
export const needsTier = (policies: readonly SlaPolicy[]) =>
  policies.some((p) => p.active && !!p.conditions.organisationTiers?.length);

/**
 * The first active policy, in position order (then id, for equal positions), whose conditions all
 * hold for the ticket; `null` when none does.
 */
export function policyFor<P extends SlaPolicy>(policies: readonly P[], ticket: PolicyTicket): P | null {
  const ordered = [...policies].sort((a, b) => a.position - b.position || a.id - b.id);
  return ordered.find((p) => p.active && conditionsHold(p.conditions, ticket)) ?? null;
}

/** The policy's targets for a priority, in minutes; empty when it sets none for that priority. */
export function targetsFor(policy: Pick<SlaPolicy, 'targets'>, priority: TicketPriority): Targets {
  return { ...policy.targets[priority] };
}
