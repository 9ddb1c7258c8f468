// ADMIN_EMAIL / ADMIN_PASSWORD: the scripted alternative to the setup page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConfiguredAdmin } from '../src/people/service.js';
import type { Ctx } from '../src/platform/context.js';
import { createTestApp, signIn, type TestApp } from './helpers.js';

let t: TestApp;
let ctx: Ctx;
beforeAll(async () => {
  t = await createTestApp();
  ctx = { deps: t.deps, actor: null, authProblem: null, locale: 'en', ip: '', userAgent: 'start-up' };
});
afterAll(() => t.close());

describe('the configured first admin', () => {
  it('is created on an empty database, can sign in, and ends the setup page', async () => {
    expect(await ensureConfiguredAdmin(ctx, 'ops@example.test', 'configured admin pw')).toBe(true);
    const session = await signIn(t, 'ops@example.test', 'configured admin pw');
    const me = (await t.app.inject({ url: '/api/v1/auth/me', headers: session.headers })).json();
    expect(me.user.role).toBe('admin');
    expect((await t.app.inject({ url: '/api/v1/auth/setup' })).json()).toEqual({ needed: false });
  });

  it('is not created again, nor its password changed, on the next start', async () => {
    expect(await ensureConfiguredAdmin(ctx, 'ops@example.test', 'another password!')).toBe(false);
    await signIn(t, 'ops@example.test', 'configured admin pw');
    const users = await t.deps.db.kysely.selectFrom('users').select('email').execute();
    expect(users).toHaveLength(1);
  });
});
