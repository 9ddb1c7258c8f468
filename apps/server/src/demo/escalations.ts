// Escalation in the demo company: Customer Care is the first line (L1), Technical Support the second
// (L2); two escalation rules as a support team would set them up; and a few open tickets a Customer
// Care agent escalated to Technical Support, at times between their last update and now, so the
// escalations view has something of every age on the first look.

import type { RuleSpec } from '../escalation/rules.js';
import { escalateAsOf } from '../escalation/service.js';
import type { Deps } from '../platform/context.js';
import * as repo from './repo.js';

export const demoEscalationRules: RuleSpec[] = [
  {
    name: 'Urgent and unassigned for 15 minutes',
    description: 'Urgent ticket nobody has picked up for 15 minutes: tell the team lead.',
    conditions: { priority: ['urgent'], unassignedForMinutes: 15 },
    actions: { notifyLead: true },
  },
  {
    name: 'Resolution target breached',
    description: 'Urgent ticket past its resolution target: move it to L2 and keep it urgent.',
    conditions: { priority: ['urgent', 'high'], tiers: [1], slaBreached: ['resolution'] },
    actions: { escalate: true, raisePriorityTo: 'urgent', notifyLead: true },
  },
];

const reasons = [
  'Refund above ₹10,000 needs L2 approval.',
  'ग्राहक का भुगतान दो बार कटा है; तकनीकी जाँच चाहिए।',
  'App crashes at checkout on this customer’s phone; reproduced twice, needs engineering.',
  'Customer says they will go to the consumer forum; please take over.',
  'लॉग-इन OTP तीन दिन से नहीं आ रहा; हमारी तरफ़ से सब जाँच लिया।',
  'Order shows delivered but the courier has no proof of delivery.',
];

/** Escalates a few open high-priority Customer Care tickets, each as an agent of the team. */
export async function seedDemoEscalations(deps: Deps, careTeamId: number): Promise<number> {
  const now = deps.clock.now();
  const picks = await repo.openTicketsOfTeam(deps.db.kysely, careTeamId, ['high', 'urgent'], reasons.length);
  let done = 0;
  for (const [i, p] of picks.entries()) {
    const by = p.assignee_id;
    if (by === null) continue;
    // Between the ticket's last change and now: the log stays in order, the ages differ.
    const at = p.updated_at + Math.floor((now - p.updated_at) * (0.3 + 0.1 * i));
    if (await escalateAsOf(deps, at, by, p.number, reasons[i]!)) done++;
  }
  return done;
}
