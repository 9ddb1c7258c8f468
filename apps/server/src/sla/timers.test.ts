// SLA timers folded from event logs: hand-made histories, and random ones against a reference that
// walks minute by minute and counts the minutes in which the clock runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TicketPriority, TicketStatus } from '../platform/db/types.js';
import type { TicketEvent } from '../tickets/events.js';
import { ALWAYS, type BusinessCalendar, buildCalendar, isWorking } from './calendar.js';
import type { SlaPolicy } from './policy.js';
import { foldTimers, loggedOutcomes, newOutcomes, type SlaTimer } from './timers.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const AGENT = 7;

const kolkata = buildCalendar({
  timeZone: 'Asia/Kolkata',
  hours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '09:00', to: '18:00' })),
  holidays: [{ date: '2026-11-09', yearly: false }],
});
const ist = (iso: string) => Date.parse(`${iso}+05:30`);

function event(type: string, data: unknown, at: number, actorUserId: number | null = null): TicketEvent {
  return { type, data, at, version: 1, actorUserId, actorCustomerId: null } as TicketEvent;
}
const created = (at: number, priority: TicketPriority = 'normal', status: TicketStatus = 'new') =>
  event(
    'created',
    {
      number: 1,
      subject: 's',
      status,
      priority,
      type: 'question',
      channel: 'email',
      requesterId: 1,
      organisationId: null,
      assigneeId: null,
      teamId: null,
      tags: [],
      fields: {},
      returnDetails: null,
    },
    at,
  );
const status = (from: TicketStatus, to: TicketStatus, at: number) => event('status_changed', { from, to }, at, AGENT);
const reply = (at: number) => event('public_reply', { messageId: 1 }, at, AGENT);
const customer = (at: number) => event('customer_message', { messageId: 2 }, at);

const policy = (targets: SlaPolicy['targets'], pauseOn: SlaPolicy['pauseOn'] = ['pending', 'on_hold']) => ({
  targets,
  pauseOn,
});
const byMetric = (timers: SlaTimer[], metric: string, cycle = 1) =>
  timers.find((t) => t.metric === metric && t.cycle === cycle);

describe('SLA timers by hand', () => {
  const t0 = Date.parse('2026-11-23T10:00:00Z');
  const rules = { policy: policy({ normal: { firstReply: 60, nextReply: 30, resolution: 240 } }), calendar: ALWAYS };

  it('runs a first reply clock from creation and meets it with an agent reply in time', () => {
    const running = foldTimers([created(t0)], rules);
    expect(byMetric(running, 'first_reply')).toMatchObject({
      state: 'running',
      dueAt: t0 + HOUR,
      warnAt: t0 + 45 * MIN,
    });
    const met = foldTimers([created(t0), reply(t0 + 20 * MIN)], rules);
    expect(byMetric(met, 'first_reply')).toMatchObject({ state: 'met', completedAt: t0 + 20 * MIN, dueAt: t0 + HOUR });
    const late = foldTimers([created(t0), reply(t0 + 61 * MIN)], rules);
    expect(byMetric(late, 'first_reply')).toMatchObject({ state: 'missed', dueAt: t0 + HOUR });
    // A reply exactly at the due time is in time.
    expect(byMetric(foldTimers([created(t0), reply(t0 + HOUR)], rules), 'first_reply')?.state).toBe('met');
  });

  it('pauses while pending and on-hold, and counts on from where it stopped', () => {
    const events = [created(t0), status('new', 'pending', t0 + 10 * MIN)];
    expect(byMetric(foldTimers(events, rules), 'first_reply')).toMatchObject({
      state: 'paused',
      dueAt: null,
      remainingMs: 50 * MIN,
    });
    events.push(status('pending', 'open', t0 + 3 * HOUR));
    expect(byMetric(foldTimers(events, rules), 'first_reply')).toMatchObject({
      state: 'running',
      dueAt: t0 + 3 * HOUR + 50 * MIN,
    });
    // A policy that pauses on nothing keeps counting.
    const always = { ...rules, policy: policy(rules.policy.targets, []) };
    expect(byMetric(foldTimers(events, always), 'first_reply')).toMatchObject({ state: 'running', dueAt: t0 + HOUR });
  });

  it('starts a next reply clock at each customer message after the first reply', () => {
    const events = [
      created(t0),
      customer(t0 + MIN), // before the first reply: first reply covers it
      reply(t0 + 10 * MIN),
      customer(t0 + 20 * MIN),
      customer(t0 + 25 * MIN), // still waiting: the same cycle
      reply(t0 + 40 * MIN), // 20 minutes: met
      customer(t0 + HOUR),
    ];
    const timers = foldTimers(events, rules);
    expect(timers.filter((t) => t.metric === 'next_reply')).toHaveLength(2);
    expect(byMetric(timers, 'next_reply', 1)).toMatchObject({
      state: 'met',
      startedAt: t0 + 20 * MIN,
      completedAt: t0 + 40 * MIN,
    });
    expect(byMetric(timers, 'next_reply', 2)).toMatchObject({ state: 'running', dueAt: t0 + HOUR + 30 * MIN });
  });

  it('meets resolution when solved, stops reply clocks while solved, and counts on after a reopen', () => {
    const events = [created(t0), status('new', 'solved', t0 + HOUR)];
    let timers = foldTimers(events, rules);
    expect(byMetric(timers, 'resolution')).toMatchObject({ state: 'met', completedAt: t0 + HOUR });
    expect(byMetric(timers, 'first_reply')).toMatchObject({ state: 'stopped', remainingMs: 0 });
    events.push(status('solved', 'open', t0 + 10 * HOUR));
    timers = foldTimers(events, rules);
    // 60 minutes used before solving, 180 left from the reopen.
    expect(byMetric(timers, 'resolution')).toMatchObject({ state: 'running', dueAt: t0 + 13 * HOUR });
  });

  it('measures against the targets of the priority the ticket has now', () => {
    const strict = { ...rules, policy: policy({ normal: { firstReply: 60 }, urgent: { firstReply: 15 } }) };
    const events = [created(t0), event('priority_changed', { from: 'normal', to: 'urgent' }, t0 + 5 * MIN, AGENT)];
    expect(byMetric(foldTimers(events, strict), 'first_reply')).toMatchObject({
      targetMinutes: 15,
      dueAt: t0 + 15 * MIN,
    });
    // A priority without targets has no timers.
    expect(foldTimers([created(t0, 'low')], strict)).toEqual([]);
  });

  it('counts business hours of the calendar: over the night, the weekend and a holiday', () => {
    const bh = { policy: policy({ normal: { firstReply: 4 * 60 } }), calendar: kolkata };
    // Saturday 16:00: 2 h on Saturday, Monday 09:00 + 2 h = 11:00.
    expect(byMetric(foldTimers([created(ist('2026-11-28T16:00'))], bh), 'first_reply')?.dueAt).toBe(
      ist('2026-11-30T11:00'),
    );
    // Friday 2026-11-06 17:00: 1 h Friday, Saturday 09:00 + 3 h = 12:00 (Monday the 9th is off).
    expect(byMetric(foldTimers([created(ist('2026-11-06T17:00'))], bh), 'first_reply')?.dueAt).toBe(
      ist('2026-11-07T12:00'),
    );
  });
});

describe('SLA outcome events', () => {
  const t0 = Date.parse('2026-11-23T10:00:00Z');
  const rules = { policy: policy({ normal: { firstReply: 60, resolution: 120 } }), calendar: ALWAYS };

  it('logs a breach at the moment it happened and a met target at its reply, once each', () => {
    const events = [created(t0), reply(t0 + 30 * MIN)];
    const now = t0 + 3 * HOUR;
    const outcomes = newOutcomes(foldTimers(events, rules), loggedOutcomes(events), now);
    expect(outcomes.map((o) => [o.type, o.metric, o.at])).toEqual([
      ['sla_met', 'first_reply', t0 + 30 * MIN],
      ['sla_breached', 'resolution', t0 + 2 * HOUR],
    ]);
    const logged = [
      ...events,
      ...outcomes.map((o) =>
        event(o.type, { metric: o.metric, cycle: o.cycle, policyId: 1, targetMinutes: 1, dueAt: o.dueAt }, o.at),
      ),
    ];
    expect(newOutcomes(foldTimers(logged, rules), loggedOutcomes(logged), now)).toEqual([]);
    // Not yet due: nothing.
    expect(newOutcomes(foldTimers([created(t0)], rules), new Map(), t0 + 59 * MIN)).toEqual([]);
  });

  it('keeps what the log says when a stricter policy would judge the past differently', () => {
    const events = [
      created(t0),
      reply(t0 + 50 * MIN),
      event(
        'sla_met',
        { metric: 'first_reply', cycle: 1, policyId: 1, targetMinutes: 60, dueAt: t0 + HOUR },
        t0 + 50 * MIN,
      ),
    ];
    const stricter = { ...rules, policy: policy({ normal: { firstReply: 30 } }) };
    expect(newOutcomes(foldTimers(events, stricter), loggedOutcomes(events), t0 + 5 * HOUR)).toEqual([]);
  });
});

// ---------- against the minute walk ----------

const STATUSES: TicketStatus[] = ['open', 'pending', 'on_hold', 'solved'];

/**
 * The moment the counted minutes reach `target`, walking minute by minute from `start`. Reaching it
 * exactly as the ticket is solved is no breach yet; counting again after that breaches at once.
 */
function referenceDue(
  stretches: { from: number; status: TicketStatus }[],
  counts: (s: TicketStatus) => boolean,
  cal: BusinessCalendar,
  start: number,
  targetMinutes: number,
  limit: number,
): number | null {
  const statusAt = (t: number) => [...stretches].reverse().find((s) => s.from <= t)!.status;
  let counted = 0;
  let i = 0;
  for (let m = start; m < limit; m += MIN) {
    while (i + 1 < stretches.length && stretches[i + 1]!.from <= m) i++;
    if (!counts(stretches[i]!.status) || !isWorking(cal, m)) continue;
    if (counted === targetMinutes) return m;
    counted += 1;
    if (counted === targetMinutes && statusAt(m + MIN) !== 'solved') return m + MIN;
  }
  return null;
}

describe('SLA timers against a minute-by-minute walk', () => {
  const calendars: [string, BusinessCalendar][] = [
    ['around the clock', ALWAYS],
    ['Kolkata office', kolkata],
    [
      'London, across the clock change',
      buildCalendar({
        timeZone: 'Europe/London',
        hours: [1, 2, 3, 4, 5, 7].map((weekday) => ({ weekday, from: '00:30', to: '02:30' })),
        holidays: [],
      }),
    ],
  ];
  for (const [name, cal] of calendars) {
    it(`finds the breach moment of a first reply and a resolution target (${name})`, () => {
      fc.assert(
        fc.property(
          // Minutes after the start of the test window (which spans London's October change).
          fc.integer({ min: 0, max: 3 * 24 * 60 }),
          fc.array(fc.record({ after: fc.integer({ min: 1, max: 36 * 60 }), to: fc.constantFrom(...STATUSES) }), {
            maxLength: 6,
          }),
          fc.integer({ min: 1, max: 12 * 60 }),
          fc.subarray(['pending', 'on_hold'] as const),
          (startMinute, changes, target, pauseOn) => {
            const start = Date.parse('2026-10-23T00:00:00Z') + startMinute * MIN;
            const events: TicketEvent[] = [created(start, 'normal', 'open')];
            const stretches: { from: number; status: TicketStatus }[] = [{ from: start, status: 'open' }];
            let at = start;
            let current: TicketStatus = 'open';
            for (const c of changes) {
              if (c.to === current) continue;
              at += c.after * MIN;
              events.push(status(current, c.to, at));
              stretches.push({ from: at, status: c.to });
              current = c.to;
            }
            const rules = {
              policy: policy({ normal: { firstReply: target, resolution: target } }, pauseOn),
              calendar: cal,
            };
            const timers = foldTimers(events, rules);
            const paused = new Set<TicketStatus>(pauseOn);
            const counts = (s: TicketStatus) => !paused.has(s) && s !== 'solved';
            // Beyond the last change the status stays: walk far enough to find any due moment.
            const limit = at + 40 * 24 * HOUR;
            const due = referenceDue(stretches, counts, cal, start, target, limit);
            for (const metric of ['first_reply', 'resolution'] as const) {
              const t = byMetric(timers, metric)!;
              if (t.dueAt === null) {
                // Paused (or stopped) with time left (none, if solved exactly as it ran out): the walk
                // never reaches the target.
                expect(due).toBeNull();
                expect(t.remainingMs).toBeGreaterThanOrEqual(0);
              } else if (t.state === 'met') {
                // Solved in time: the walk (which does not count solved time) does not reach it before.
                expect(due === null || due >= t.completedAt!).toBe(true);
              } else {
                expect(t.dueAt).toBe(due);
              }
            }
          },
        ),
        { numRuns: cal === ALWAYS ? 300 : 80 },
      );
    });
  }
});
