// KPI definitions on hand-computed histories: each expectation below was worked out on paper from
// the events, not read back from the code.
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../sla/calendar.js';
import type { TicketEvent } from '../tickets/events.js';
import { foldFacts } from './facts.js';
import { AROUND_THE_CLOCK, type CalendarOf, METRICS, type MetricDef, parseMetric, timeStat } from './kpi.js';
import { evaluate, type QuerySpec } from './query.js';
import { created, history as historyBy, MIN, type Step, T0 } from './testing.js';
import { LocalClock, periodOf } from './time.js';

const AGENT_A = 11;
const AGENT_B = 12;
const history = (steps: Step[]) => historyBy(steps, AGENT_A);

const value = (
  name: keyof typeof METRICS,
  events: TicketEvent[],
  now = T0 + 10_000 * MIN,
  calendarOf: CalendarOf = AROUND_THE_CLOCK,
) => {
  const def: MetricDef = METRICS[name];
  const f = foldFacts(events);
  if (def.kind === 'time') return def.value(f, now, calendarOf);
  if (def.kind === 'average') return def.value(f);
  if (def.kind === 'rate') return def.base(f) ? def.hit(f) : null;
  if (def.kind === 'sum') return def.value(f);
  return def.include(f);
};

describe('KPIs of one ticket', () => {
  // 10:00 created by the customer; 10:30 agent A replies and opens it; 11:00 pending;
  // 13:00 the customer answers (open again); 14:00 solved by A.
  const simple = history([
    [0, 'created', created(), null],
    [0, 'customer_message', { messageId: 1 }, null],
    [30, 'public_reply', { messageId: 2 }],
    [30, 'status_changed', { from: 'new', to: 'open' }],
    [60, 'status_changed', { from: 'open', to: 'pending' }],
    [180, 'customer_message', { messageId: 3 }, null],
    [180, 'status_changed', { from: 'pending', to: 'open' }, null],
    [240, 'status_changed', { from: 'open', to: 'solved' }],
  ]);

  it('first reply time: created → first public agent reply', () => {
    expect(value('first_reply_time', simple)).toBe(30 * 60);
  });
  it('full resolution time: created → solved', () => {
    expect(value('full_resolution_time', simple)).toBe(240 * 60);
  });
  it('requester wait time counts new and open, not pending', () => {
    // new 10:00–10:30, open 10:30–11:00, (pending 11:00–13:00), open 13:00–14:00
    expect(value('requester_wait_time', simple)).toBe((30 + 30 + 60) * 60);
    // …kept as stretches after creation, so business hours can count them.
    expect(foldFacts(simple).waitSpans).toEqual([
      [0, 30 * MIN],
      [30 * MIN, 60 * MIN],
      [180 * MIN, 240 * MIN],
    ]);
  });
  it('one reply and solved: a one-touch resolution, not reopened', () => {
    expect(value('one_touch_rate', simple)).toBe(true);
    expect(value('reopen_rate', simple)).toBe(false);
    expect(value('replies_per_ticket', simple)).toBe(1);
    expect(value('tickets_unsolved', simple)).toBe(false);
  });

  // Solved at 14:00, reopened by the customer at 15:00, on hold 15:30–16:30, a second reply, solved 17:00.
  const reopened = history([
    ...([
      [0, 'created', created(), null],
      [30, 'public_reply', { messageId: 2 }],
      [30, 'status_changed', { from: 'new', to: 'open' }],
      [240, 'status_changed', { from: 'open', to: 'solved' }],
      [300, 'customer_message', { messageId: 3 }, null],
      [300, 'status_changed', { from: 'solved', to: 'open' }, null],
      [330, 'status_changed', { from: 'open', to: 'on_hold' }],
      [390, 'status_changed', { from: 'on_hold', to: 'open' }],
      [400, 'public_reply', { messageId: 4 }],
      [420, 'status_changed', { from: 'open', to: 'solved' }],
    ] as Step[]),
  ]);

  it('a reopened ticket: resolution to the last solve, one reopen, not one-touch', () => {
    expect(value('full_resolution_time', reopened)).toBe(420 * 60);
    expect(value('reopens', reopened)).toBe(1);
    expect(value('reopen_rate', reopened)).toBe(true);
    expect(value('one_touch_rate', reopened)).toBe(false);
    expect(value('replies_per_ticket', reopened)).toBe(2);
    // new 0–30, open 30–240, (solved 240–300), open 300–330, on hold 330–390, open 390–420
    expect(value('requester_wait_time', reopened)).toBe((30 + 210 + 30 + 60 + 30) * 60);
  });

  it('closing a solved ticket is not a reopen and does not move the solve time', () => {
    const closed = history([
      [0, 'created', created(), null],
      [10, 'public_reply', { messageId: 2 }],
      [20, 'status_changed', { from: 'new', to: 'solved' }],
      [5000, 'status_changed', { from: 'solved', to: 'closed' }, null],
    ]);
    expect(value('full_resolution_time', closed)).toBe(20 * 60);
    expect(value('reopens', closed)).toBe(0);
    expect(value('tickets_solved', closed)).toBe(true);
  });

  it('reassignment: the agent dimension is the current assignee; the first reply keeps its author', () => {
    const events = history([
      [0, 'created', created({ assigneeId: AGENT_A }), null],
      [5, 'public_reply', { messageId: 2 }, AGENT_A],
      [10, 'assigned', { from: AGENT_A, to: AGENT_B }],
    ]);
    const f = foldFacts(events);
    expect(f.assigneeId).toBe(AGENT_B);
    expect(f.firstReplyBy).toBe(AGENT_A);
    expect(value('first_reply_time', events)).toBe(5 * 60);
  });

  it('business hours: only the working time of the team calendar counts', () => {
    // Team 1 works Monday–Saturday 09:00–18:00 in Kolkata; team 2 has no calendar of its own.
    const office = buildCalendar({
      timeZone: 'Asia/Kolkata',
      hours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, from: '09:00', to: '18:00' })),
      holidays: [],
    });
    const calendarOf: CalendarOf = (team) => (team === 1 ? office : AROUND_THE_CLOCK(team));
    // Created Saturday 7 Nov 17:00 IST (T0 + 5 days + 7 h), replied Monday 9 Nov 10:00, solved 12:30.
    const sat = 5 * 1440 + 7 * 60;
    const events = history([
      [sat, 'created', created(), null],
      [sat + 41 * 60, 'public_reply', { messageId: 2 }],
      [sat + 41 * 60, 'status_changed', { from: 'new', to: 'open' }],
      [sat + 43 * 60 + 30, 'status_changed', { from: 'open', to: 'solved' }],
    ]);
    // Saturday 17:00–18:00 and Monday 09:00–10:00: two working hours of 41 on the clock.
    expect(value('first_reply_time', events)).toBe(41 * 3600);
    expect(value('first_reply_time_bh', events, undefined, calendarOf)).toBe(2 * 3600);
    // …and to 12:30: 1 h + 3.5 h.
    expect(value('full_resolution_time_bh', events, undefined, calendarOf)).toBe(4.5 * 3600);
    // Waiting: new Saturday 17:00 → Monday 10:00 (open until solved at 12:30): 1 h + 3.5 h at work.
    expect(value('requester_wait_time', events)).toBe(43.5 * 3600);
    expect(value('requester_wait_time_bh', events, undefined, calendarOf)).toBe(4.5 * 3600);
    // Without a calendar, business hours are every hour.
    expect(value('first_reply_time_bh', events)).toBe(41 * 3600);
    const elsewhere = history([
      [sat, 'created', created({ teamId: 2 }), null],
      [sat + 41 * 60, 'public_reply', { messageId: 2 }],
    ]);
    expect(value('first_reply_time_bh', elsewhere, undefined, calendarOf)).toBe(41 * 3600);
  });

  it('no reply yet: unreplied, and no first reply time', () => {
    const events = history([[0, 'created', created(), null]]);
    expect(value('tickets_unreplied', events)).toBe(true);
    expect(value('first_reply_time', events)).toBeNull();
    expect(value('backlog', events)).toBe(true);
    expect(value('backlog_age', events, T0 + 90 * MIN)).toBe(90 * 60);
  });

  it('a ticket merged away is a duplicate: not solved, not in reply or resolution times', () => {
    const events = history([
      [0, 'created', created(), null],
      [5, 'public_reply', { messageId: 2 }],
      [6, 'merged', { into: 9, intoNumber: 1009, messages: 2 }],
      [6, 'status_changed', { from: 'new', to: 'closed' }],
    ]);
    const spec = specFor(['tickets_solved', 'first_reply_time.mean', 'tickets_created'], []);
    expect(evaluate([foldFacts(events)], spec).totals).toEqual({
      tickets_solved: 0,
      'first_reply_time.mean': null,
      tickets_created: 1,
    });
  });

  it('notes and customer messages are not replies', () => {
    const events = history([
      [0, 'created', created(), null],
      [3, 'internal_note', { messageId: 2, mentions: [] }],
      [4, 'customer_message', { messageId: 3 }, null],
    ]);
    expect(value('first_reply_time', events)).toBeNull();
  });
});

describe('CSAT of the latest solve', () => {
  const sent = (surveyId: number, cycle = 0): Step => [
    0,
    'survey_sent',
    { surveyId, kind: 'csat', cycle, to: 'c@example.test' },
    null,
  ];
  const answer = (surveyId: number, score: number, previousScore: number | null = null): Step => [
    0,
    'survey_answered',
    { surveyId, kind: 'csat', score, comment: null, previousScore },
    null,
  ];
  /** Steps at `at` minutes (the helpers above leave it 0). */
  const at = (minutes: number, step: Step): Step => [minutes, ...step.slice(1)] as Step;
  /** Created at `start` for `assigneeId`, one reply and solved 60 minutes later, then `after`. */
  const solved = (assigneeId: number, after: Step[], start = 0) =>
    history([
      [start, 'created', created({ assigneeId }), null],
      [start + 30, 'public_reply', { messageId: 2 }, assigneeId],
      [start + 60, 'status_changed', { from: 'new', to: 'solved' }, assigneeId],
      ...after,
    ]);

  // Solved 11:00; survey out 12:00, answered 5 at 13:00.
  const delighted = solved(AGENT_A, [at(120, sent(1)), at(180, answer(1, 5))]);
  // Answered 2, then changed to 4 a minute later: the latest answer counts.
  const changedMind = solved(AGENT_A, [at(120, sent(2)), at(180, answer(2, 2)), at(181, answer(2, 4, 2))]);
  // Out, never answered.
  const silent = solved(AGENT_B, [at(120, sent(3))]);
  // Answered 1, then reopened (the answer no longer counts), solved again, a new survey answered 3.
  const reopenedSteps: Step[] = [
    at(120, sent(4)),
    at(180, answer(4, 1)),
    [240, 'status_changed', { from: 'solved', to: 'open' }, null],
    [300, 'status_changed', { from: 'open', to: 'solved' }, AGENT_B],
  ];
  const reopenedOnly = solved(AGENT_B, reopenedSteps);
  const reopenedAnswered = solved(AGENT_B, [...reopenedSteps, at(360, sent(5, 1)), at(420, answer(5, 3))]);

  it('a survey sent and answered 5: satisfied, answered, in both bases', () => {
    expect(foldFacts(delighted)).toMatchObject({ surveySent: true, csatScore: 5 });
    expect(value('csat', delighted)).toBe(true);
    expect(value('csat_responses', delighted)).toBe(true);
    expect(value('survey_response_rate', delighted)).toBe(true);
    expect(value('csat_average', delighted)).toBe(5);
  });

  it('a changed answer replaces the earlier one: 2 then 4 is satisfied', () => {
    expect(foldFacts(changedMind).csatScore).toBe(4);
    expect(value('csat', changedMind)).toBe(true);
    expect(value('csat_average', changedMind)).toBe(4);
  });

  it('sent but unanswered: in the response-rate base only', () => {
    expect(foldFacts(silent)).toMatchObject({ surveySent: true, csatScore: null });
    expect(value('csat', silent)).toBeNull();
    expect(value('csat_responses', silent)).toBe(false);
    expect(value('survey_response_rate', silent)).toBe(false);
    expect(value('csat_average', silent)).toBeNull();
  });

  it('reopened after an answer: not counted until the new solve is asked and answered', () => {
    expect(foldFacts(reopenedOnly)).toMatchObject({ surveySent: false, csatScore: null, reopens: 1 });
    expect(value('csat', reopenedOnly)).toBeNull();
    expect(value('survey_response_rate', reopenedOnly)).toBeNull();
    expect(value('csat_responses', reopenedOnly)).toBe(false);
    // A late answer to the old survey while none is out for the new solve does not count either.
    const late = solved(AGENT_B, [...reopenedSteps, at(330, answer(4, 5, 1))]);
    expect(foldFacts(late).csatScore).toBeNull();
    // The new solve's survey, answered 3: counted, and not satisfied.
    expect(foldFacts(reopenedAnswered)).toMatchObject({ surveySent: true, csatScore: 3 });
    expect(value('csat', reopenedAnswered)).toBe(false);
    expect(value('survey_response_rate', reopenedAnswered)).toBe(true);
  });

  it('closing a solved ticket keeps its answer', () => {
    const closed = solved(AGENT_A, [
      at(120, sent(6)),
      at(180, answer(6, 4)),
      [200, 'status_changed', { from: 'solved', to: 'closed' }, null],
    ]);
    expect(foldFacts(closed)).toMatchObject({ surveySent: true, csatScore: 4 });
  });

  it('per agent and in total over the tickets solved in the period', () => {
    const facts = [delighted, changedMind, silent, reopenedAnswered, reopenedOnly].map(foldFacts);
    const spec = specFor(
      ['tickets_solved', 'csat', 'csat_responses', 'survey_response_rate', 'csat_average'],
      ['agent'],
    );
    const r = evaluate(facts, spec);
    // Answers 5, 4 (A), 3 (B): 2 of 3 satisfied; 4 surveys out (the reopened-only ticket has none) and 3 answered.
    expect(r.totals).toEqual({
      tickets_solved: 5,
      csat: 66.7,
      csat_responses: 3,
      survey_response_rate: 75,
      csat_average: 4,
    });
    expect(r.rows).toEqual([
      { agent: AGENT_A, tickets_solved: 2, csat: 100, csat_responses: 2, survey_response_rate: 100, csat_average: 4.5 },
      { agent: AGENT_B, tickets_solved: 3, csat: 0, csat_responses: 1, survey_response_rate: 50, csat_average: 3 },
    ]);
    // A period without their solves: none of it counts.
    const december = evaluate(facts, specFor(['csat', 'survey_response_rate'], [], '2026-12-01', '2026-12-31'));
    expect(december.totals).toEqual({ csat: null, survey_response_rate: null });
  });
});

describe('NPS of the tickets its rounds were attributed to', () => {
  const sent = (surveyId: number, cycle = 0): Step => [
    120,
    'survey_sent',
    { surveyId, kind: 'nps', cycle, to: 'c@example.test' },
    null,
  ];
  const answer = (at: number, surveyId: number, score: number, previousScore: number | null = null): Step => [
    at,
    'survey_answered',
    { surveyId, kind: 'nps', score, comment: null, previousScore },
    null,
  ];
  /** Created for `assigneeId`, one reply and solved 60 minutes later (11:00), then `after`. */
  const solved = (assigneeId: number, after: Step[]) =>
    history([
      [0, 'created', created({ assigneeId }), null],
      [30, 'public_reply', { messageId: 2 }, assigneeId],
      [60, 'status_changed', { from: 'new', to: 'solved' }, assigneeId],
      ...after,
    ]);

  // A: a promoter (10); 3 changed to 8, a passive; a solve no round picked.
  const promoter = solved(AGENT_A, [sent(1), answer(180, 1, 10)]);
  const passive = solved(AGENT_A, [sent(2), answer(180, 2, 3), answer(181, 2, 8, 3)]);
  const unasked = solved(AGENT_A, []);
  // B: a detractor (0); a promoter (9) whose ticket was reopened and solved again; one never answered.
  const detractor = solved(AGENT_B, [sent(3), answer(180, 3, 0)]);
  const reopened = solved(AGENT_B, [
    sent(4),
    answer(180, 4, 9),
    [240, 'status_changed', { from: 'solved', to: 'open' }, null],
    [300, 'status_changed', { from: 'open', to: 'solved' }, AGENT_B],
  ]);
  const silent = solved(AGENT_B, [sent(5)]);

  it('an answer counts +100 for 9–10, 0 for 7–8 and −100 for 0–6', () => {
    expect(foldFacts(promoter)).toMatchObject({ npsSent: true, npsScore: 10, surveySent: false, csatScore: null });
    expect(value('nps', promoter)).toBe(100);
    expect(value('nps', detractor)).toBe(-100);
    expect(value('nps_responses', detractor)).toBe(true);
    expect(value('nps_response_rate', detractor)).toBe(true);
    // An NPS answer is no CSAT answer.
    expect(value('csat', promoter)).toBeNull();
    expect(value('survey_response_rate', promoter)).toBeNull();
  });

  it('a changed answer replaces the earlier one: 3 then 8 is a passive', () => {
    expect(foldFacts(passive).npsScore).toBe(8);
    expect(value('nps', passive)).toBe(0);
  });

  it('sent but unanswered: in the response-rate base only; not sent: in none', () => {
    expect(foldFacts(silent)).toMatchObject({ npsSent: true, npsScore: null });
    expect(value('nps', silent)).toBeNull();
    expect(value('nps_responses', silent)).toBe(false);
    expect(value('nps_response_rate', silent)).toBe(false);
    expect(foldFacts(unasked)).toMatchObject({ npsSent: false, npsScore: null });
    expect(value('nps_response_rate', unasked)).toBeNull();
  });

  it('a reopen does not clear it: the question was about the company, not the solve', () => {
    expect(foldFacts(reopened)).toMatchObject({ npsSent: true, npsScore: 9, reopens: 1 });
    expect(value('nps', reopened)).toBe(100);
    expect(value('nps_response_rate', reopened)).toBe(true);
  });

  it('per agent and in total over the tickets solved in the period', () => {
    const facts = [promoter, passive, unasked, detractor, reopened, silent].map(foldFacts);
    const r = evaluate(facts, specFor(['tickets_solved', 'nps', 'nps_responses', 'nps_response_rate'], ['agent']));
    // Answers 10, 8, 0, 9: 2 promoters, 1 passive, 1 detractor of 4 → 50 % − 25 % = 25. Five surveys
    // out (not for the unasked solve), four answered: 80 %.
    expect(r.totals).toEqual({ tickets_solved: 6, nps: 25, nps_responses: 4, nps_response_rate: 80 });
    expect(r.rows).toEqual([
      // 10 and 8: 50 % promoters − 0 % detractors; both surveys answered.
      { agent: AGENT_A, tickets_solved: 3, nps: 50, nps_responses: 2, nps_response_rate: 100 },
      // 0 and 9: 50 % − 50 % = 0; two of three answered.
      { agent: AGENT_B, tickets_solved: 3, nps: 0, nps_responses: 2, nps_response_rate: 66.7 },
    ]);
    const december = evaluate(facts, specFor(['nps', 'nps_response_rate'], [], '2026-12-01', '2026-12-31'));
    expect(december.totals).toEqual({ nps: null, nps_response_rate: null });
  });
});

describe('statistics', () => {
  it('median of an even count is the mean of the middle two; p90 is the nearest rank', () => {
    expect(timeStat([4, 1, 3, 2], 'median')).toBe(3); // (2 + 3) / 2 = 2.5 → 3
    expect(timeStat([5, 1, 3], 'median')).toBe(3);
    expect(timeStat([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'p90')).toBe(9);
    expect(timeStat([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 'p90')).toBe(10);
    expect(timeStat([10, 20, 60], 'mean')).toBe(30);
    expect(timeStat([], 'mean')).toBeNull();
  });
  it('metric names: time metrics need a statistic, others must not have one', () => {
    expect(parseMetric('first_reply_time.p90')).toMatchObject({ name: 'first_reply_time', stat: 'p90' });
    expect(parseMetric('first_reply_time')).toBeNull();
    expect(parseMetric('tickets_created.mean')).toBeNull();
    expect(parseMetric('nonsense')).toBeNull();
  });
});

function specFor(metrics: string[], dimensions: QuerySpec['dimensions'], from = '2026-11-01', to = '2026-11-30') {
  const tz = 'Asia/Kolkata';
  return {
    metrics: metrics.map((m) => parseMetric(m)!),
    dimensions,
    from,
    to,
    ...periodOf(tz, from, to),
    tz,
    filters: {},
    now: T0 + 10_000 * MIN,
  } satisfies QuerySpec;
}

describe('periods and buckets in the viewer\u2019s time zone', () => {
  it('a day in Asia/Kolkata starts at 18:30 UTC the day before', () => {
    const { start, end } = periodOf('Asia/Kolkata', '2026-11-02', '2026-11-02');
    expect(new Date(start).toISOString()).toBe('2026-11-01T18:30:00.000Z');
    expect(end - start).toBe(86_400_000);
  });
  it('a day across a DST change in New York is 25 hours long', () => {
    const { start, end } = periodOf('America/New_York', '2026-11-01', '2026-11-01');
    expect(new Date(start).toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(end - start).toBe(25 * 3_600_000);
  });
  it('buckets a moment by local hour, day, ISO week and month', () => {
    const c = new LocalClock('Asia/Kolkata');
    const t = Date.UTC(2026, 10, 1, 19, 0); // Mon 2 Nov 00:30 IST
    expect(c.bucket(t, 'hour')).toBe('2026-11-02T00');
    expect(c.bucket(t, 'day')).toBe('2026-11-02');
    expect(c.bucket(t, 'week')).toBe('2026-11-02');
    expect(c.bucket(t, 'month')).toBe('2026-11');
    expect(c.weekday(t)).toBe(1);
    expect(c.bucket(Date.UTC(2026, 10, 1, 18, 0), 'week')).toBe('2026-10-26'); // Sun 1 Nov 23:30 IST
  });
  it('a period by day lists every day, empty ones as zero', () => {
    const events = history([[0, 'created', created(), null]]);
    const r = evaluate([foldFacts(events)], specFor(['tickets_created'], ['day'], '2026-11-01', '2026-11-03'));
    expect(r.rows).toEqual([
      { day: '2026-11-01', tickets_created: 0 },
      { day: '2026-11-02', tickets_created: 1 },
      { day: '2026-11-03', tickets_created: 0 },
    ]);
  });
});

describe('report period presets', () => {
  it('resolve to local dates on the day a report runs', async () => {
    const { presetDates } = await import('./reports.js');
    expect(presetDates('last_7_days', '2026-11-23')).toEqual({ from: '2026-11-17', to: '2026-11-23' });
    expect(presetDates('this_month', '2026-11-23')).toEqual({ from: '2026-11-01', to: '2026-11-23' });
    expect(presetDates('last_month', '2026-03-05')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetDates('last_month', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
});
