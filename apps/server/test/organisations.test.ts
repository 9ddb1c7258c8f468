// Organisations through the API: who may read and change them, a valid one stored and read back, bad
// input refused naming the field, one name and one domain per organisation, delete only when nothing
// belongs to it, new customers filed under the organisation of their address's domain, Hindi names
// searched, and the tier an SLA policy matches on, a tier change moving open tickets to another policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSlaJobs } from '../src/sla/jobs.js';
import { createTestApp, createUser, type Session, signIn, type TestApp } from './helpers.js';

let t: TestApp;
let admin: Session;
let manager: Session;
let agent: Session;
let n = 0;

async function as(s: Session | null, method: string, url: string, payload?: unknown) {
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: s?.headers ?? {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? res.json() : {} };
}
const count = async () =>
  Number(
    (
      await t.deps.db.kysely
        .selectFrom('organisations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
async function newTicket(email: string) {
  const res = await as(agent, 'POST', '/api/v1/tickets', {
    subject: `Invoice question ${++n}`,
    requester: { email },
    message: { html: '<p>Please check our invoice.</p>' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.ticket as { number: number; createdAt: string; organisation: { id: number } | null };
}
const firstReplyDue = async (number: number) =>
  ((await as(agent, 'GET', `/api/v1/tickets/${number}`)).body.ticket.sla as { metric: string; dueAt: string }[]).find(
    (x) => x.metric === 'first_reply',
  )?.dueAt;
const MIN = 60_000;

beforeAll(async () => {
  t = await createTestApp();
  registerSlaJobs(t.deps);
  admin = await signIn(t, (await createUser(t.deps, { role: 'admin' })).email);
  manager = await signIn(t, (await createUser(t.deps, { role: 'manager' })).email);
  agent = await signIn(t, (await createUser(t.deps, { role: 'agent' })).email);
}, 60_000);
afterAll(() => t.close());

describe('organisations', () => {
  it('lets admins and managers create and change them, agents only read, nobody without a session', async () => {
    const body = { name: 'Globex India', domain: 'Globex.Example', tier: 'Enterprise', notes: 'Key account' };
    expect((await as(null, 'POST', '/api/v1/organisations', body)).status).toBe(401);
    const refused = await as(agent, 'POST', '/api/v1/organisations', body);
    expect(refused.status).toBe(403);
    expect(await count()).toBe(0);
    const created = await as(manager, 'POST', '/api/v1/organisations', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const org = created.body.organisation;
    // The domain is kept lower case, as addresses are compared.
    expect(org).toMatchObject({ name: 'Globex India', domain: 'globex.example', tier: 'Enterprise', customerCount: 0 });
    expect((await as(agent, 'GET', `/api/v1/organisations/${org.id}`)).body.organisation).toEqual(org);
    expect((await as(agent, 'PATCH', `/api/v1/organisations/${org.id}`, { tier: null })).status).toBe(403);
    expect((await as(agent, 'DELETE', `/api/v1/organisations/${org.id}`)).status).toBe(403);
    const changed = await as(admin, 'PATCH', `/api/v1/organisations/${org.id}`, { notes: '', tier: '  ' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    // A blank tier clears it.
    expect(changed.body.organisation).toMatchObject({ name: 'Globex India', tier: null, notes: '' });
    // Whether its customers see each other's tickets in the portal: off until switched on.
    expect(org.portalSharesTickets).toBe(false);
    const shared = await as(admin, 'PATCH', `/api/v1/organisations/${org.id}`, { portalSharesTickets: true });
    expect(shared.body.organisation).toMatchObject({ portalSharesTickets: true, notes: '' });
    expect((await as(admin, 'PATCH', `/api/v1/organisations/${org.id}`, { portalSharesTickets: 'yes' })).status).toBe(
      400,
    );
    expect((await as(agent, 'GET', '/api/v1/organisations/99999')).body.error.code).toBe('organisation_not_found');
  });

  it('refuses bad input with a 400 naming the field, writing nothing', async () => {
    const before = await count();
    const cases: [object, string][] = [
      [{ name: '  ' }, 'name'],
      [{}, 'name'],
      [{ name: 'A', domain: 'user@example.com' }, 'domain'],
      [{ name: 'A', domain: 'no spaces.com' }, 'domain'],
      [{ name: 'A', domain: 'localhost' }, 'domain'],
      [{ name: 'A', tier: 'x'.repeat(41) }, 'tier'],
      [{ name: 'x'.repeat(201) }, 'name'],
    ];
    for (const [payload, field] of cases) {
      const res = await as(admin, 'POST', '/api/v1/organisations', payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(res.body.error.details.fields), JSON.stringify(payload)).toContain(field);
    }
    const domain = await as(admin, 'POST', '/api/v1/organisations', { name: 'A', domain: 'a@b.com' });
    expect(domain.body.error.details.fields.domain).toContain('example.com');
    expect(await count()).toBe(before);
  });

  it('keeps one organisation per name (ignoring case) and per domain: 409 on create and on change', async () => {
    const a = (await as(admin, 'POST', '/api/v1/organisations', { name: 'Initech', domain: 'initech.example' })).body
      .organisation;
    const sameName = await as(admin, 'POST', '/api/v1/organisations', { name: 'INITECH' });
    expect([sameName.status, sameName.body.error.code]).toEqual([409, 'organisation_name_taken']);
    const sameDomain = await as(admin, 'POST', '/api/v1/organisations', {
      name: 'Initech 2',
      domain: 'INITECH.example',
    });
    expect([sameDomain.status, sameDomain.body.error.code]).toEqual([409, 'organisation_domain_taken']);
    expect(sameDomain.body.error.details.organisationId).toBe(a.id);
    const b = (await as(admin, 'POST', '/api/v1/organisations', { name: 'Umbrella' })).body.organisation;
    const rename = await as(admin, 'PATCH', `/api/v1/organisations/${b.id}`, { name: 'initech' });
    expect(rename.body.error.code).toBe('organisation_name_taken');
    // Its own name and domain are no conflict.
    expect(
      (await as(admin, 'PATCH', `/api/v1/organisations/${a.id}`, { name: 'Initech', domain: 'initech.example' }))
        .status,
    ).toBe(200);
  });

  it('files a new customer under the organisation of their domain, and refuses to delete it then', async () => {
    const org = (await as(admin, 'POST', '/api/v1/organisations', { name: 'Stark Retail', domain: 'stark.example' }))
      .body.organisation;
    const tk = await newTicket('Pepper@Stark.example');
    expect(tk.organisation?.id).toBe(org.id);
    // Another domain, or a subdomain, is not the organisation's.
    expect((await newTicket('tony@mail.stark.example')).organisation).toBeNull();
    expect((await as(agent, 'GET', `/api/v1/organisations/${org.id}`)).body.organisation.customerCount).toBe(1);
    const del = await as(admin, 'DELETE', `/api/v1/organisations/${org.id}`);
    expect([del.status, del.body.error.code, del.body.error.details]).toEqual([
      409,
      'organisation_in_use',
      { customers: 1, tickets: 1 },
    ]);
    const empty = (await as(admin, 'POST', '/api/v1/organisations', { name: 'Gone Soon' })).body.organisation;
    expect((await as(admin, 'DELETE', `/api/v1/organisations/${empty.id}`)).status).toBe(204);
    expect((await as(agent, 'GET', `/api/v1/organisations/${empty.id}`)).status).toBe(404);
  });

  it('finds Hindi names, pages in name order, filters by tier and lists the tiers in use', async () => {
    await as(admin, 'POST', '/api/v1/organisations', { name: 'भारत ट्रेडर्स', tier: 'enterprise' });
    const hi = await as(agent, 'GET', `/api/v1/organisations?q=${encodeURIComponent('ट्रेडर्स')}`);
    expect(hi.body.items.map((o: { name: string }) => o.name)).toEqual(['भारत ट्रेडर्स']);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { name: string }[]; nextCursor: string | null } } = await as(
        agent,
        'GET',
        `/api/v1/organisations?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      all.push(...page.body.items.map((o) => o.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all).toHaveLength(await count());
    expect(new Set(all).size).toBe(all.length);
    await as(admin, 'POST', '/api/v1/organisations', { name: 'Wayne Logistics', tier: 'Enterprise' });
    const ent = await as(agent, 'GET', '/api/v1/organisations?tier=ENTERPRISE');
    expect(ent.body.items.map((o: { name: string }) => o.name).sort()).toEqual(['Wayne Logistics', 'भारत ट्रेडर्स']);
    const tiers = await as(agent, 'GET', '/api/v1/organisations/tiers');
    expect(tiers.status).toBe(200);
    // "enterprise" and "Enterprise" are one tier.
    expect(tiers.body.items).toHaveLength(1);
    expect(tiers.body.items[0]).toMatchObject({ organisations: 2 });
  });

  it('matches SLA policies on the tier, and moves open tickets to another policy when the tier changes', async () => {
    const org = (
      await as(admin, 'POST', '/api/v1/organisations', { name: 'Cyberdyne', domain: 'cyberdyne.example', tier: 'Gold' })
    ).body.organisation;
    const gold = await as(admin, 'POST', '/api/v1/sla-policies', {
      name: 'Gold customers',
      conditions: { organisationTiers: ['gold', 'GOLD', 'Platinum'] },
      targets: { normal: { firstReply: 30 } },
      businessHours: false,
    });
    expect(gold.status, JSON.stringify(gold.body)).toBe(201);
    // One tier whatever its case: the first spelling stays.
    expect(gold.body.policy.conditions).toEqual({ organisationTiers: ['gold', 'Platinum'] });
    await as(admin, 'POST', '/api/v1/sla-policies', {
      name: 'Everyone else',
      targets: { normal: { firstReply: 240 } },
      businessHours: false,
    });
    await t.deps.jobs.drain();
    const tk = await newTicket('miles@cyberdyne.example');
    const created = Date.parse(tk.createdAt);
    expect(await firstReplyDue(tk.number)).toBe(new Date(created + 30 * MIN).toISOString());
    const other = await newTicket('someone@elsewhere.example');
    expect(await firstReplyDue(other.number)).toBe(new Date(Date.parse(other.createdAt) + 240 * MIN).toISOString());

    expect((await as(manager, 'PATCH', `/api/v1/organisations/${org.id}`, { tier: 'Silver' })).status).toBe(200);
    await t.deps.jobs.drain();
    expect(await firstReplyDue(tk.number)).toBe(new Date(created + 240 * MIN).toISOString());
    await as(manager, 'PATCH', `/api/v1/organisations/${org.id}`, { tier: 'platinum' });
    await t.deps.jobs.drain();
    expect(await firstReplyDue(tk.number)).toBe(new Date(created + 30 * MIN).toISOString());

    const bad = await as(admin, 'POST', '/api/v1/sla-policies', {
      name: 'Bad tier',
      conditions: { organisationTiers: [''] },
      targets: { normal: { firstReply: 30 } },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.details.fields)).toEqual(['conditions.organisationTiers.0']);
  });

  it('audits every change with before and after', async () => {
    const rows = await t.deps.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json'])
      .where('entity_type', '=', 'organisation')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toContain('organisation.deleted');
    const tierChange = rows.find((r) => r.action === 'organisation.updated' && r.after_json?.includes('Silver'));
    expect(JSON.parse(tierChange!.before_json!)).toMatchObject({ name: 'Cyberdyne', tier: 'Gold' });
  });
});
