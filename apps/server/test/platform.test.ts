// Health, readiness, OpenAPI, settings and the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../src/platform/db/index.js';
import { createTestApp, type Session, signedInAs, type TestApp } from './helpers.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = (await signedInAs(t, 'admin')).session;
});
afterAll(() => t.close());

describe('health', () => {
  it('/healthz and /readyz answer without a session', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().database).toBe(t.deps.db.dialect);
  });

  it('/readyz answers 503 when the database is gone', async () => {
    const s = await createTestApp();
    const real = s.deps.db;
    const gone = openSqlite(':memory:');
    await gone.close();
    s.deps.db = gone;
    try {
      const res = await s.app.inject({ url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('not_ready');
    } finally {
      s.deps.db = real;
      await s.close();
    }
  });

  it('an unknown API route is a JSON 404 in the one error shape', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here', headers: admin.headers });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});

describe('security headers', () => {
  it('every answer carries the content security policy and the browser protections, HSTS only over https', async () => {
    for (const res of [
      await t.app.inject({ url: '/healthz' }),
      await t.app.inject({ url: '/api/v1/auth/me' }),
      await t.app.inject({ url: '/api/v1/nothing-here', headers: admin.headers }),
    ]) {
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
    const https = await createTestApp({ env: { PUBLIC_URL: 'https://help.example.test' } });
    try {
      const res = await https.app.inject({ url: '/healthz' });
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    } finally {
      await https.close();
    }
  });
});

describe('OpenAPI', () => {
  it('documents every API route from the zod schemas, and serves Swagger UI', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    // OpenAPI 3 cannot describe a WebSocket; docs/api.md does.
    for (const r of t.app.routeList.filter((r) => r.url !== '/api/v1/live')) {
      const openApiPath = r.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[openApiPath]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    }
    const login = doc.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    const ui = await t.app.inject({ url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});

describe('settings and the audit log', () => {
  it('an admin changes settings; the audit log records before and after', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/settings',
      headers: admin.headers,
      payload: {
        companyName: 'सहायक डेमो प्राइवेट लिमिटेड',
        defaultLocale: 'hi',
        ticketAutoCloseDays: 7,
        analyticsAlertThresholdPct: 30,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().settings).toEqual({
      companyName: 'सहायक डेमो प्राइवेट लिमिटेड',
      defaultLocale: 'hi',
      defaultTimeZone: 'Asia/Kolkata',
      ticketAutoCloseDays: 7,
      analyticsAlertThresholdPct: 30,
      analyticsAlertMinVolume: 20,
      webhookAllowPrivateTargets: false,
    });
    const log = await t.app.inject({ url: '/api/v1/audit-log?action=settings.updated', headers: admin.headers });
    const entry = log.json().items[0];
    expect(entry).toMatchObject({ action: 'settings.updated', actorId: admin.userId, entityType: 'settings' });
    expect(entry.before.companyName).toBe('Sahayak');
    expect(entry.after.companyName).toBe('सहायक डेमो प्राइवेट लिमिटेड');
  });

  it('refuses an unknown time zone, naming the field, and changes nothing', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/settings',
      headers: admin.headers,
      payload: { defaultTimeZone: 'Mars/Olympus' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toHaveProperty('defaultTimeZone');
    const now = await t.app.inject({ url: '/api/v1/settings', headers: admin.headers });
    expect(now.json().settings.defaultTimeZone).toBe('Asia/Kolkata');
  });

  it('filters by actor, entity type and date, and pages with a cursor', async () => {
    for (let i = 0; i < 3; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/teams',
        headers: admin.headers,
        payload: { name: `Audit team ${i}` },
      });
    }
    const today = new Date(t.clock.now()).toISOString().slice(0, 10);
    const page1 = await t.app.inject({
      url: `/api/v1/audit-log?entityType=team&actorId=${admin.userId}&from=${today}&to=${today}&limit=2`,
      headers: admin.headers,
    });
    expect(page1.statusCode).toBe(200);
    expect(page1.json().items).toHaveLength(2);
    expect(page1.json().items[0].after.name).toBe('Audit team 2');
    const page2 = await t.app.inject({
      url: `/api/v1/audit-log?entityType=team&actorId=${admin.userId}&limit=2&cursor=${page1.json().nextCursor}`,
      headers: admin.headers,
    });
    expect(page2.json().items.map((e: { after: { name: string } }) => e.after.name)).toEqual(['Audit team 0']);
    const tomorrow = new Date(t.clock.now() + 86_400_000).toISOString().slice(0, 10);
    const none = await t.app.inject({
      url: `/api/v1/audit-log?entityType=team&from=${tomorrow}`,
      headers: admin.headers,
    });
    expect(none.json().items).toEqual([]);
    const bad = await t.app.inject({ url: '/api/v1/audit-log?from=yesterday', headers: admin.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields).toHaveProperty('from');
  });
});

describe('field errors in the caller’s language', () => {
  it('names the field with a Hindi message for a Hindi user, and an English one otherwise', async () => {
    const payload = { name: '', email: 'not-an-email', role: 'agent' };
    const en = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload });
    expect(en.json().error.details.fields).toEqual({ name: 'is required', email: 'Invalid email address' });
    await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: admin.headers, payload: { locale: 'hi' } });
    const hi = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload });
    expect(hi.json().error.message).toBe('अनुरोध मान्य नहीं है।');
    expect(hi.json().error.details.fields).toEqual({ name: 'आवश्यक है', email: 'अमान्य ईमेल पता' });
    await t.app.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: admin.headers, payload: { locale: 'en' } });
  });
});
