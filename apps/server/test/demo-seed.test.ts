import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../src/demo/seed.js';
import { createTestApp, signIn, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo seed', () => {
  it('seeds the demo company once: 12 staff in two teams, 300 customers in 40 organisations', async () => {
    const people = await seedDemo(t.deps);
    expect(people).toHaveLength(12);
    const db = t.deps.db.kysely;
    const roles = await db
      .selectFrom('users')
      .select(['role', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('role')
      .execute();
    expect(Object.fromEntries(roles.map((r) => [r.role, Number(r.n)]))).toEqual({
      admin: 1,
      manager: 1,
      lead: 2,
      agent: 8,
    });
    const count = async (table: 'teams' | 'organisations' | 'customers') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('teams')).toBe(2);
    expect(await count('organisations')).toBe(40);
    expect(await count('customers')).toBe(300);
    const hindi = await db.selectFrom('customers').select('name').where('locale', '=', 'hi').execute();
    expect(hindi.length).toBeGreaterThan(50);
    expect(hindi.every((c) => /[\u0900-\u097F]/.test(c.name))).toBe(true);
    expect(await seedDemo(t.deps)).toBeNull();
    expect(await count('customers')).toBe(300);
  });

  it('its sign-ins work and its teams each have a lead and four agents', async () => {
    const s = await signIn(t, 'admin@demo.sahayak.test', DEMO_PASSWORD);
    const teams = (await t.app.inject({ url: '/api/v1/teams', headers: s.headers })).json().items;
    expect(teams).toHaveLength(2);
    for (const team of teams) {
      expect(team.leadId).not.toBeNull();
      expect(team.memberIds).toHaveLength(5);
    }
  });
});
