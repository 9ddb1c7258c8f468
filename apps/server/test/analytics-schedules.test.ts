// Scheduled reports: when they go out (weekly, monthly, across DST), what period they cover, the
// editor's bad input, and the whole run over real SMTP: a due schedule is mailed once to each
// recipient with its headline numbers in the body and the PDF attached, in the schedule's language.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type Attachment, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isoWeekday,
  nextRunAt,
  periodDates,
  runDueSchedules,
  SCHEDULE_TICK_JOB,
  scheduleTick,
  TICK_MS,
} from '../src/analytics/schedules.js';
import { localToday, localWallTime } from '../src/analytics/time.js';
import type { Actor, Ctx } from '../src/platform/context.js';
import { seedSettings } from '../src/platform/settings/service.js';
import * as tickets from '../src/tickets/service.js';
import { createTestApp, createUser, type Session, signIn, type TestApp } from './helpers.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('when a schedule goes out', () => {
  const weekly = { frequency: 'weekly' as const, weekday: 1, day_of_month: 1, hour: 8, time_zone: 'Asia/Kolkata' };

  it('knows the ISO weekday of a date', () => {
    expect(isoWeekday('2026-11-23')).toBe(1); // a Monday
    expect(isoWeekday('2026-11-29')).toBe(7);
  });

  it('is the next Monday 08:00 in the zone, strictly after now', () => {
    // Sunday 2026-11-22 12:00 IST → Monday 08:00 IST (02:30 UTC).
    expect(new Date(nextRunAt(weekly, Date.UTC(2026, 10, 22, 6, 30))).toISOString()).toBe('2026-11-23T02:30:00.000Z');
    // At that very moment, the one a week later.
    expect(new Date(nextRunAt(weekly, Date.UTC(2026, 10, 23, 2, 30))).toISOString()).toBe('2026-11-30T02:30:00.000Z');
    // A minute before: still today's.
    expect(new Date(nextRunAt(weekly, Date.UTC(2026, 10, 23, 2, 29))).toISOString()).toBe('2026-11-23T02:30:00.000Z');
  });

  it('keeps the local hour across a daylight saving change', () => {
    const london = { ...weekly, time_zone: 'Europe/London', weekday: 1, hour: 9 };
    // Clocks go back on Sunday 2026-10-25: 09:00 is 08:00 UTC before and 09:00 UTC after.
    expect(new Date(nextRunAt(london, Date.UTC(2026, 9, 20))).toISOString()).toBe('2026-10-26T09:00:00.000Z');
    expect(new Date(nextRunAt(london, Date.UTC(2026, 9, 13))).toISOString()).toBe('2026-10-19T08:00:00.000Z');
  });

  it('goes out monthly on its day, in the next month when the day has passed', () => {
    const monthly = { ...weekly, frequency: 'monthly' as const, day_of_month: 28, hour: 0 };
    expect(new Date(nextRunAt(monthly, Date.UTC(2026, 10, 23))).toISOString()).toBe('2026-11-27T18:30:00.000Z');
    expect(new Date(nextRunAt(monthly, Date.UTC(2026, 10, 28))).toISOString()).toBe('2026-12-27T18:30:00.000Z');
    // February has a 28th too.
    const feb = nextRunAt(monthly, Date.UTC(2027, 0, 29));
    expect(localToday('Asia/Kolkata', feb)).toBe('2027-02-28');
  });

  it('covers the full week, month or days before the day it goes out', () => {
    expect(periodDates('previous_week', '2026-11-23')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(periodDates('previous_week', '2026-11-25')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(periodDates('previous_week', '2026-11-22')).toEqual({ from: '2026-11-09', to: '2026-11-15' });
    expect(periodDates('previous_month', '2026-03-01')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodDates('previous_month', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(periodDates('last_7_days', '2026-11-23')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(periodDates('last_30_days', '2026-11-23')).toEqual({ from: '2026-10-24', to: '2026-11-22' });
  });
});

describe('scheduled reports over real SMTP', () => {
  let smtp: SMTPServer;
  type Mail = { to: string; subject: string; text: string; html: string; attachments: Attachment[] };
  const received: Mail[] = [];
  let t: TestApp;
  let manager: Session;
  let lead: Session;
  let managerUser: { id: number; email: string };
  let leadUser: { id: number; email: string };
  const TZ = 'Asia/Kolkata';

  const ctxOf = (userId: number, role: Actor['role']): Ctx => ({
    deps: t.deps,
    actor: { userId, role, locale: 'en', via: 'session', scope: 'write', sessionId: null, tokenId: null },
    authProblem: null,
    locale: 'en',
    ip: '',
    userAgent: 'schedules test',
  });
  const advanceTo = (at: number) => (t.clock as unknown as { advance(ms: number): void }).advance(at - t.clock.now());
  /** Runs the queued mail jobs and waits until the SMTP listener holds `count` mails. */
  async function mailsArrive(count: number) {
    await t.deps.jobs.drain();
    for (let i = 0; i < 200 && received.length < count; i++) await new Promise((r) => setTimeout(r, 25));
    expect(received).toHaveLength(count);
  }
  const api = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, payload: payload as Record<string, unknown> | undefined });

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, cb) {
        simpleParser(stream)
          .then((m) => {
            received.push({
              to: m.to && !Array.isArray(m.to) ? m.to.text : '',
              subject: m.subject ?? '',
              text: m.text ?? '',
              html: typeof m.html === 'string' ? m.html : '',
              attachments: m.attachments,
            });
            cb();
          })
          .catch(cb);
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    const { port } = smtp.server.address() as AddressInfo;
    t = await createTestApp({
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'http://support.example.test' },
    });
    // Wednesday 2026-11-18, 10:00 IST: three tickets this week, one solved.
    advanceTo(localWallTime(TZ, '2026-11-18', 10));
    managerUser = await createUser(t.deps, { role: 'manager', email: 'meera.manager@example.test' });
    leadUser = await createUser(t.deps, { role: 'lead', email: 'lakshmi.lead@example.test' });
    const admin = await createUser(t.deps, { role: 'admin' });
    await seedSettings(t.deps.db.kysely, { defaultTimeZone: TZ }, t.clock.now());
    for (let i = 0; i < 3; i++) {
      await tickets.createTicket(ctxOf(admin.id, 'admin'), {
        subject: `Refund ${i}`,
        requester: { email: `cust${i}@example.test` },
        channel: 'email',
        priority: 'normal',
        type: 'question',
        tags: [],
        fields: {},
        returnDetails: null,
        message: { kind: 'customer', html: 'Where is my refund?', attachmentIds: [] },
      });
    }
    manager = await signIn(t, managerUser.email);
    lead = await signIn(t, leadUser.email);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  it('refuses bad schedules with the field that is wrong', async () => {
    const base = { name: 'Weekly numbers', frequency: 'weekly', recipients: ['ceo@example.test'] };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, recipients: [] }, 'recipients'],
      [{ ...base, recipients: ['not an address'] }, 'recipients.0'],
      [{ ...base, hour: 24 }, 'hour'],
      [{ ...base, frequency: 'daily' }, 'frequency'],
      [{ ...base, dayOfMonth: 31 }, 'dayOfMonth'],
      [{ ...base, timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ ...base, reportId: 999 }, 'reportId'],
      [{ ...base, name: '  ' }, 'name'],
    ];
    for (const [payload, field] of cases) {
      const res = await api(manager, 'POST', '/api/v1/analytics/schedules', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(res.json().error.details.fields)).toContain(field);
    }
    // A report someone else keeps to themselves is not one to schedule.
    const own = await api(lead, 'POST', '/api/v1/analytics/reports', {
      name: 'Mine',
      definition: { metrics: ['tickets_created'], period: { preset: 'last_7_days' } },
    });
    const res = await api(manager, 'POST', '/api/v1/analytics/schedules', { ...base, reportId: own.json().report.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields.reportId).toMatch(/cannot open/);
    expect((await api(manager, 'GET', '/api/v1/analytics/schedules')).json().items).toEqual([]);
  });

  it('mails a due report once to each recipient, numbers in the body and the PDF attached', async () => {
    const report = await api(manager, 'POST', '/api/v1/analytics/reports', {
      name: 'Volume by channel',
      definition: {
        metrics: ['tickets_created', 'tickets_solved'],
        dimensions: ['channel'],
        period: { preset: 'last_30_days' },
      },
    });
    const created = await api(manager, 'POST', '/api/v1/analytics/schedules', {
      name: 'Support weekly',
      reportId: report.json().report.id,
      frequency: 'weekly',
      weekday: 1,
      hour: 8,
      recipients: ['ceo@example.test', 'COO@example.test'],
    });
    expect(created.statusCode).toBe(201);
    const schedule = created.json().schedule;
    expect(schedule).toMatchObject({
      reportName: 'Volume by channel',
      timeZone: TZ,
      period: 'previous_week',
      recipients: ['ceo@example.test', 'coo@example.test'],
      enabled: true,
      nextRunAt: '2026-11-23T02:30:00.000Z',
    });

    // Not yet due: nothing goes out.
    expect(await runDueSchedules(t.deps)).toEqual([]);
    // Monday 08:00 IST: the week of 16–22 November goes out.
    advanceTo(Date.parse(schedule.nextRunAt));
    expect(await runDueSchedules(t.deps)).toEqual([schedule.id]);
    // A second tick at the same moment (another node) sends nothing more.
    expect(await runDueSchedules(t.deps)).toEqual([]);
    await mailsArrive(2);
    expect(received.map((m) => m.to).sort()).toEqual(['ceo@example.test', 'coo@example.test']);
    const mail = received[0]!;
    expect(mail.subject).toBe('Support weekly · 2026-11-16 – 2026-11-22');
    expect(mail.text).toContain('Tickets created: 3');
    expect(mail.text).toContain('Tickets solved: 0');
    expect(mail.text).toContain('http://support.example.test/analytics/reports/');
    expect(mail.html).toContain('<th scope="row"');
    expect(mail.attachments).toHaveLength(1);
    const pdf = mail.attachments[0]!;
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.filename).toMatch(/^sahayak-report-\d+-2026-11-16-2026-11-22\.pdf$/);
    expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const after = (await api(manager, 'GET', `/api/v1/analytics/schedules/${schedule.id}`)).json().schedule;
    expect(after.nextRunAt).toBe('2026-11-30T02:30:00.000Z');
    expect(after.lastSentAt).toBe(new Date(t.clock.now()).toISOString());
    expect(after.lastError).toBeNull();
    received.length = 0;
  });

  it('sends a preview to the one who asks, in Hindi when the schedule is in Hindi', async () => {
    const created = await api(manager, 'POST', '/api/v1/analytics/schedules', {
      name: 'मासिक रिपोर्ट',
      frequency: 'monthly',
      dayOfMonth: 1,
      locale: 'hi',
      recipients: ['board@example.test'],
    });
    const id = created.json().schedule.id;
    expect(created.json().schedule).toMatchObject({ reportId: null, reportName: null, period: 'previous_month' });
    const res = await api(manager, 'POST', `/api/v1/analytics/schedules/${id}/send`, { to: 'me' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ sentTo: [managerUser.email], from: '2026-10-01', to: '2026-10-31' });
    await mailsArrive(1);
    const mail = received[0]!;
    expect(mail.to).toBe(managerUser.email);
    expect(mail.subject).toBe('मासिक रिपोर्ट · 2026-10-01 – 2026-10-31');
    expect(mail.text).toContain('मुख्य आँकड़े');
    expect(mail.text).toContain('बने टिकट');
    expect(mail.attachments[0]!.filename).toBe('sahayak-2026-10-01-2026-10-31.pdf');
    // A preview does not count as sent.
    expect((await api(manager, 'GET', `/api/v1/analytics/schedules/${id}`)).json().schedule.lastSentAt).toBeNull();
    received.length = 0;
  });

  it('keeps schedules to their owner (and admins), and stops one whose owner left', async () => {
    const created = await api(lead, 'POST', '/api/v1/analytics/schedules', {
      name: 'Team weekly',
      frequency: 'weekly',
      weekday: 3,
      hour: 9,
      recipients: ['head@example.test'],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().schedule.id;
    expect((await api(manager, 'GET', `/api/v1/analytics/schedules/${id}`)).statusCode).toBe(404);
    expect((await api(manager, 'PATCH', `/api/v1/analytics/schedules/${id}`, { hour: 10 })).statusCode).toBe(404);
    expect(
      (await api(manager, 'GET', '/api/v1/analytics/schedules')).json().items.map((s: { id: number }) => s.id),
    ).not.toContain(id);

    // Disabled: no next run; enabled again: one from now.
    const off = await api(lead, 'PATCH', `/api/v1/analytics/schedules/${id}`, { enabled: false });
    expect(off.json().schedule).toMatchObject({ enabled: false, nextRunAt: null });
    const on = await api(lead, 'PATCH', `/api/v1/analytics/schedules/${id}`, { enabled: true, hour: 7 });
    const due = Date.parse(on.json().schedule.nextRunAt);
    expect(isoWeekday(localToday(TZ, due))).toBe(3);
    expect(due).toBeGreaterThan(t.clock.now());

    await t.deps.db.kysely.updateTable('users').set({ active: 0 }).where('id', '=', leadUser.id).execute();
    advanceTo(due);
    expect(await runDueSchedules(t.deps)).not.toContain(id);
    const row = await t.deps.db.kysely
      .selectFrom('analytics_schedules')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.last_error).toMatch(/owner can no longer send/);
    expect(Number(row.next_run_at)).toBeGreaterThanOrEqual(due + 7 * DAY);
    await t.deps.jobs.drain();
    expect(received.filter((m) => m.to === 'head@example.test')).toEqual([]);
  });

  it('ticks on a five-minute grid that every whole local hour falls on', async () => {
    expect(localWallTime(TZ, '2026-11-23', 8) % TICK_MS).toBe(0);
    expect(localWallTime('Asia/Kathmandu', '2026-11-23', 8) % TICK_MS).toBe(0);
    // The tick job is registered and re-queues itself from its own grid point.
    const seen: number[] = [];
    const enqueue = t.deps.jobs.enqueue.bind(t.deps.jobs);
    t.deps.jobs.enqueue = async (name, payload, options) => {
      if (name === SCHEDULE_TICK_JOB) seen.push(Number(payload.at));
      return name === SCHEDULE_TICK_JOB ? undefined : enqueue(name, payload, options);
    };
    try {
      await scheduleTick(t.deps);
      await scheduleTick(t.deps, seen[0]);
    } finally {
      t.deps.jobs.enqueue = enqueue;
    }
    expect(seen[0]! % TICK_MS).toBe(0);
    expect(seen[0]).toBeGreaterThan(t.clock.now());
    expect(seen[1]).toBe(seen[0]! + TICK_MS);
  });
});
