// Matching tickets to SLA policies, by hand: order, inactive policies, each kind of condition, tags
// any-of, organisations, no match; and the targets a priority gets.
import { describe, expect, it } from 'vitest';
import { conditionsHold, type PolicyTicket, policyFor, type SlaPolicy, targetsFor } from './policy.js';

let nextId = 0;
const policy = (over: Partial<SlaPolicy>): SlaPolicy => ({
  id: ++nextId,
  name: `Policy ${nextId}`,
  position: nextId,
  active: true,
  conditions: {},
  targets: {},
  businessHours: true,
  pauseOn: ['pending', 'on_hold'],
  ...over,
});
const ticket = (over: Partial<PolicyTicket> = {}): PolicyTicket => ({
  priority: 'normal',
  channel: 'email',
  type: 'question',
  tags: [],
  organisationId: null,
  ...over,
});

describe('policyFor', () => {
  it('takes the first matching policy by position, not by list order or id', () => {
    const everyone = policy({ name: 'Everyone', position: 2 });
    const urgent = policy({ name: 'Urgent', position: 1, conditions: { priority: ['urgent'] } });
    expect(policyFor([everyone, urgent], ticket({ priority: 'urgent' }))?.name).toBe('Urgent');
    expect(policyFor([everyone, urgent], ticket({ priority: 'low' }))?.name).toBe('Everyone');
    // Equal positions: the older policy (lower id) first.
    const a = policy({ name: 'A', position: 5 });
    const b = policy({ name: 'B', position: 5 });
    expect(policyFor([b, a], ticket())?.name).toBe('A');
  });

  it('skips inactive policies', () => {
    const off = policy({ name: 'Off', position: 1, active: false });
    const on = policy({ name: 'On', position: 2 });
    expect(policyFor([off, on], ticket())?.name).toBe('On');
    expect(policyFor([off], ticket())).toBeNull();
  });

  it('returns null when no policy matches, or there is none', () => {
    const chat = policy({ conditions: { channel: ['chat'] } });
    expect(policyFor([chat], ticket({ channel: 'email' }))).toBeNull();
    expect(policyFor([], ticket())).toBeNull();
  });

  it('needs every given condition to hold', () => {
    const p = policy({ conditions: { priority: ['urgent', 'high'], channel: ['email'], type: ['incident'] } });
    expect(policyFor([p], ticket({ priority: 'high', channel: 'email', type: 'incident' }))).toBe(p);
    expect(policyFor([p], ticket({ priority: 'high', channel: 'chat', type: 'incident' }))).toBeNull();
    expect(policyFor([p], ticket({ priority: 'high', channel: 'email', type: 'question' }))).toBeNull();
    expect(policyFor([p], ticket({ priority: 'normal', channel: 'email', type: 'incident' }))).toBeNull();
  });

  it('matches tags any-of', () => {
    const vip = policy({ conditions: { tags: ['vip', 'enterprise'] } });
    expect(conditionsHold(vip.conditions, ticket({ tags: ['refund', 'enterprise'] }))).toBe(true);
    expect(conditionsHold(vip.conditions, ticket({ tags: ['refund'] }))).toBe(false);
    expect(conditionsHold(vip.conditions, ticket({ tags: [] }))).toBe(false);
  });

  it('matches organisations, never for a ticket without one', () => {
    const acme = policy({ conditions: { organisationIds: [7, 9] } });
    expect(conditionsHold(acme.conditions, ticket({ organisationId: 9 }))).toBe(true);
    expect(conditionsHold(acme.conditions, ticket({ organisationId: 8 }))).toBe(false);
    expect(conditionsHold(acme.conditions, ticket({ organisationId: null }))).toBe(false);
  });

  it('treats no conditions, and empty lists, as matching every ticket', () => {
    expect(conditionsHold({}, ticket({ priority: 'low', channel: 'api', tags: ['x'] }))).toBe(true);
    expect(conditionsHold({ priority: [], tags: [], organisationIds: [] }, ticket())).toBe(true);
  });
});

describe('targetsFor', () => {
  const p = policy({
    targets: { urgent: { firstReply: 60, resolution: 480 }, high: { firstReply: 240, nextReply: 120 } },
  });

  it('gives the targets of the priority, only those set', () => {
    expect(targetsFor(p, 'urgent')).toEqual({ firstReply: 60, resolution: 480 });
    expect(targetsFor(p, 'high')).toEqual({ firstReply: 240, nextReply: 120 });
  });

  it('gives no targets for a priority the policy leaves out', () => {
    expect(targetsFor(p, 'low')).toEqual({});
  });

  it('hands out a copy, so a caller cannot change the policy', () => {
    const t = targetsFor(p, 'urgent');
    t.firstReply = 1;
    expect(p.targets.urgent?.firstReply).toBe(60);
  });
});
