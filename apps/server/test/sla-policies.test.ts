// SLA policies through the API: who may read and change them, a valid policy stored and read back,
// every bad input refused with the field that is wrong and no row written, one name per policy, the
// order (new ones last, reorder, delete closes the gap), matching in that order, and the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaPolicies } from '../src/sla/policies.js';
import { type PolicyTicket, policyFor, targetsFor } from '../src/sla/policy.js';
import { createTestApp, createUser, type Session, signIn, type TestApp } from './helpers.js';

let t: TestApp;
let admin: Session;
let manager: Session;
let agent: Session;
let orgId: number;

const api = (s: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: s?.headers ?? {}, payload: payload as Record<string, unknown> | undefined });
const count = async () =>
  Number(
    (
      await t.deps.db.kysely
        .selectFrom('sla_policies')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const names = async () =>
  ((await api(agent, 'GET', '/api/v1/sla-policies')).json().items as { name: string; position: number }[]).map(
    (p) => `${p.position} ${p.name}`,
  );

const urgentEmail = {
  name: 'Urgent email',
  description: 'Outages reported by mail',
  conditions: { priority: ['urgent'], channel: ['email'] },
  targets: { urgent: { firstReply: 60, nextReply: 120, resolution: 480 } },
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, (await createUser(t.deps, { role: 'admin' })).email);
  manager = await signIn(t, (await createUser(t.deps, { role: 'manager' })).email);
  agent = await signIn(t, (await createUser(t.deps, { role: 'agent' })).email);
  const now = t.deps.clock.now();
  orgId = (
    await t.deps.db.kysely
      .insertInto('organisations')
      .values({ name: 'Acme Traders', domain: 'acme.example', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}, 60_000);
afterAll(() => t.close());

describe('SLA policies', () => {
  it('refuses callers without a session (401) and agents who write (403), writing nothing', async () => {
    expect((await api(null, 'GET', '/api/v1/sla-policies')).statusCode).toBe(401);
    expect((await api(null, 'POST', '/api/v1/sla-policies', urgentEmail)).statusCode).toBe(401);
    const res = await api(agent, 'POST', '/api/v1/sla-policies', urgentEmail);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect((await api(agent, 'POST', '/api/v1/sla-policies/reorder', { ids: [1] })).statusCode).toBe(403);
    expect(await count()).toBe(0);
    // An agent reads them: the targets a ticket is held to are shown to all.
    const list = await api(agent, 'GET', '/api/v1/sla-policies');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ items: [] });
  });

  it('stores a policy with defaults, cleaned conditions and targets, and reads it back', async () => {
    const res = await api(manager, 'POST', '/api/v1/sla-policies', {
      ...urgentEmail,
      conditions: { ...urgentEmail.conditions, channel: ['email', 'email'], type: [], tags: ['Key Account'] },
      targets: { ...urgentEmail.targets, low: {} },
    });
    expect(res.statusCode, res.body).toBe(201);
    const policy = res.json().policy;
    expect(policy).toMatchObject({
      name: 'Urgent email',
      description: 'Outages reported by mail',
      position: 1,
      active: true,
      // Duplicates and empty lists dropped, tags as tickets store them.
      conditions: { priority: ['urgent'], channel: ['email'], tags: ['key-account'] },
      // A priority without targets is left out.
      targets: { urgent: { firstReply: 60, nextReply: 120, resolution: 480 } },
      businessHours: true,
      pauseOn: ['pending', 'on_hold'],
    });
    expect(Object.keys(policy.conditions).sort()).toEqual(['channel', 'priority', 'tags']);
    const read = await api(agent, 'GET', `/api/v1/sla-policies/${policy.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().policy).toEqual(policy);
    expect((await api(agent, 'GET', '/api/v1/sla-policies/99999')).json().error.code).toBe('sla_policy_not_found');
  });

  it('refuses bad policies with a 400 naming the field, writing no row', async () => {
    const base = { name: 'Broken', targets: { normal: { firstReply: 60 } } };
    const cases: [object, string, string][] = [
      [{ ...base, targets: { urgent: { firstReply: 0 } } }, 'targets.urgent.firstReply', 'whole number of minutes'],
      [{ ...base, targets: { high: { resolution: -30 } } }, 'targets.high.resolution', 'whole number of minutes'],
      [{ ...base, targets: { low: { nextReply: 1.5 } } }, 'targets.low.nextReply', 'whole number of minutes'],
      [{ ...base, targets: { low: { nextReply: 600_000 } } }, 'targets.low.nextReply', 'whole number of minutes'],
      [{ ...base, targets: { urgent: { firstReply: '60' } } }, 'targets.urgent.firstReply', ''],
      [{ ...base, targets: { critical: { firstReply: 60 } } }, 'targets', ''],
      [{ ...base, targets: { urgent: { firstResponse: 60 } } }, 'targets.urgent', ''],
      [{ ...base, conditions: { organisationIds: [99_999] } }, 'conditions.organisationIds', 'organisation'],
      [{ ...base, conditions: { priority: ['critical'] } }, 'conditions.priority.0', ''],
      [{ ...base, conditions: { channel: ['fax'] } }, 'conditions.channel.0', ''],
      [{ ...base, conditions: { type: ['complaint'] } }, 'conditions.type.0', ''],
      [{ ...base, conditions: { tier: ['gold'] } }, 'conditions', ''],
      [{ ...base, pauseOn: ['solved'] }, 'pauseOn.0', ''],
      [{ ...base, name: '   ' }, 'name', 'required'],
      [{ targets: base.targets }, 'name', ''],
      [{ name: 'No targets at all' }, 'targets', ''],
    ];
    for (const [payload, field, words] of cases) {
      const res = await api(admin, 'POST', '/api/v1/sla-policies', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      const fields = res.json().error.details.fields;
      expect(Object.keys(fields), JSON.stringify(fields)).toContain(field);
      expect(fields[field]).toContain(words);
    }
    // In the caller's language.
    const hindi = await signIn(t, (await createUser(t.deps, { role: 'manager', locale: 'hi' })).email);
    const hi = await api(hindi, 'POST', '/api/v1/sla-policies', { ...base, targets: { urgent: { firstReply: 0 } } });
    expect(hi.json().error.details.fields['targets.urgent.firstReply']).toContain('मिनटों');
    // Changes are checked the same way.
    const [first] = (await api(admin, 'GET', '/api/v1/sla-policies')).json().items;
    const patch = await api(admin, 'PATCH', `/api/v1/sla-policies/${first.id}`, {
      targets: { urgent: { firstReply: 0 } },
    });
    expect(patch.statusCode).toBe(400);
    expect(Object.keys(patch.json().error.details.fields)).toEqual(['targets.urgent.firstReply']);
    const badOrg = await api(admin, 'PATCH', `/api/v1/sla-policies/${first.id}`, {
      conditions: { organisationIds: [orgId, 99_999] },
    });
    expect(badOrg.statusCode).toBe(400);
    expect(Object.keys(badOrg.json().error.details.fields)).toEqual(['conditions.organisationIds']);
    expect(await count()).toBe(1);
    expect((await api(admin, 'GET', `/api/v1/sla-policies/${first.id}`)).json().policy).toEqual(first);
  });

  it('keeps names unique: 409 on create and on rename', async () => {
    const dup = await api(admin, 'POST', '/api/v1/sla-policies', { ...urgentEmail, conditions: {} });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({
      code: 'sla_policy_name_taken',
      details: { fields: { name: 'is already in use' } },
    });
    const other = await api(admin, 'POST', '/api/v1/sla-policies', {
      name: 'Key accounts',
      conditions: { organisationIds: [orgId] },
      targets: { normal: { firstReply: 120 }, high: { firstReply: 60 } },
      businessHours: false,
      pauseOn: ['pending'],
    });
    expect(other.statusCode, other.body).toBe(201);
    expect(other.json().policy).toMatchObject({
      position: 2,
      businessHours: false,
      pauseOn: ['pending'],
      conditions: { organisationIds: [orgId] },
    });
    const rename = await api(admin, 'PATCH', `/api/v1/sla-policies/${other.json().policy.id}`, {
      name: 'Urgent email',
    });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.code).toBe('sla_policy_name_taken');
    // Its own name again is no conflict.
    const same = await api(admin, 'PATCH', `/api/v1/sla-policies/${other.json().policy.id}`, {
      name: 'Key accounts',
      active: false,
      pauseOn: [],
    });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json().policy).toMatchObject({ name: 'Key accounts', active: false, pauseOn: [] });
  });

  it('adds new policies last, reorders them, and closes the gap on delete', async () => {
    const everyone = await api(manager, 'POST', '/api/v1/sla-policies', {
      name: 'Everyone else',
      targets: { normal: { firstReply: 480, nextReply: 1440, resolution: 4320 } },
    });
    expect(everyone.statusCode).toBe(201);
    expect(await names()).toEqual(['1 Urgent email', '2 Key accounts', '3 Everyone else']);
    const items = (await api(admin, 'GET', '/api/v1/sla-policies')).json().items as { id: number; name: string }[];
    const id = (name: string) => items.find((p) => p.name === name)!.id;

    // Not every policy once: refused, nothing moves.
    for (const ids of [
      [id('Key accounts'), id('Urgent email')],
      [id('Key accounts'), id('Urgent email'), id('Urgent email')],
      [id('Key accounts'), id('Urgent email'), id('Everyone else'), 99_999],
      [id('Key accounts'), id('Urgent email'), 99_999],
    ]) {
      const res = await api(manager, 'POST', '/api/v1/sla-policies/reorder', { ids });
      expect(res.statusCode, JSON.stringify(ids)).toBe(400);
      expect(res.json().error.details.fields).toEqual({ ids: 'must list every SLA policy exactly once' });
    }
    expect((await api(manager, 'POST', '/api/v1/sla-policies/reorder', { ids: [] })).statusCode).toBe(400);
    expect(await names()).toEqual(['1 Urgent email', '2 Key accounts', '3 Everyone else']);

    const reordered = await api(manager, 'POST', '/api/v1/sla-policies/reorder', {
      ids: [id('Key accounts'), id('Urgent email'), id('Everyone else')],
    });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect((reordered.json().items as { name: string }[]).map((p) => p.name)).toEqual([
      'Key accounts',
      'Urgent email',
      'Everyone else',
    ]);
    expect(await names()).toEqual(['1 Key accounts', '2 Urgent email', '3 Everyone else']);

    // Matching follows the order; Key accounts is inactive, so its organisation falls through.
    const policies = await slaPolicies(t.deps.db.kysely);
    const acmeUrgentMail: PolicyTicket = {
      priority: 'urgent',
      channel: 'email',
      type: 'incident',
      tags: ['refund', 'key-account'],
      organisationId: orgId,
    };
    expect(policyFor(policies, acmeUrgentMail)?.name).toBe('Urgent email');
    expect(targetsFor(policyFor(policies, acmeUrgentMail)!, 'urgent')).toEqual({
      firstReply: 60,
      nextReply: 120,
      resolution: 480,
    });
    await api(admin, 'PATCH', `/api/v1/sla-policies/${id('Key accounts')}`, { active: true });
    expect(policyFor(await slaPolicies(t.deps.db.kysely), acmeUrgentMail)?.name).toBe('Key accounts');
    expect(policyFor(await slaPolicies(t.deps.db.kysely), { ...acmeUrgentMail, organisationId: null })?.name).toBe(
      'Urgent email',
    );
    // Without the tag Urgent email asks for, the catch-all applies.
    expect(policyFor(await slaPolicies(t.deps.db.kysely), { ...acmeUrgentMail, tags: [] })?.name).toBe('Key accounts');
    expect(
      policyFor(await slaPolicies(t.deps.db.kysely), { ...acmeUrgentMail, tags: [], organisationId: null })?.name,
    ).toBe('Everyone else');

    const del = await api(manager, 'DELETE', `/api/v1/sla-policies/${id('Key accounts')}`);
    expect(del.statusCode).toBe(204);
    expect(await names()).toEqual(['1 Urgent email', '2 Everyone else']);
    expect((await api(manager, 'DELETE', `/api/v1/sla-policies/${id('Key accounts')}`)).statusCode).toBe(404);
    expect((await api(agent, 'DELETE', `/api/v1/sla-policies/${id('Urgent email')}`)).statusCode).toBe(403);
    expect(
      (await api(agent, 'PATCH', `/api/v1/sla-policies/${id('Urgent email')}`, { active: false })).statusCode,
    ).toBe(403);
  });

  it('audits every change with before and after', async () => {
    const audit = await api(admin, 'GET', '/api/v1/audit-log?entityType=sla_policy&limit=100');
    expect(audit.statusCode).toBe(200);
    const entries = audit.json().items as {
      action: string;
      entityId: string | null;
      actorId: number;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];
    const actions = new Set(entries.map((e) => e.action));
    expect([...actions].sort()).toEqual([
      'sla_policy.created',
      'sla_policy.deleted',
      'sla_policy.reordered',
      'sla_policy.updated',
    ]);
    // Refused writes left no entry: three policies created, one deleted, one reorder.
    expect(entries.filter((e) => e.action === 'sla_policy.created')).toHaveLength(3);
    const reorder = entries.find((e) => e.action === 'sla_policy.reordered')!;
    expect(reorder.actorId).toBe(manager.userId);
    expect((reorder.after as { ids: number[] }).ids).toHaveLength(3);
    const deleted = entries.find((e) => e.action === 'sla_policy.deleted')!;
    expect(deleted.before).toMatchObject({ name: 'Key accounts', conditions: { organisationIds: [orgId] } });
    const renamed = entries.find((e) => e.action === 'sla_policy.updated' && e.after?.active === false)!;
    expect(renamed.before).toMatchObject({ active: true, pauseOn: ['pending'] });
    expect(renamed.after).toMatchObject({ active: false, pauseOn: [] });
  });

  it('offers organisations to choose from by name or domain, and names the ids a policy holds', async () => {
    const found = await api(agent, 'GET', '/api/v1/organisations?q=ACME');
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items).toEqual([
      expect.objectContaining({ id: orgId, name: 'Acme Traders', domain: 'acme.example', tier: null }),
    ]);
    expect((await api(agent, 'GET', '/api/v1/organisations?q=acme.ex')).json().items).toHaveLength(1);
    expect((await api(agent, 'GET', '/api/v1/organisations?q=nobody')).json().items).toEqual([]);
    expect((await api(agent, 'GET', `/api/v1/organisations?ids=${orgId}`)).json().items[0].name).toBe('Acme Traders');
    expect((await api(agent, 'GET', '/api/v1/organisations?ids=x')).statusCode).toBe(400);
    expect((await api(null, 'GET', '/api/v1/organisations')).statusCode).toBe(401);
  });
});
