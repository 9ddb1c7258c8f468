// Agent activity on hand-computed histories: which events count, for whom, in which quarter hour and
// team, and the productivity figures per agent and local day. Worked out on paper from the events.
import { describe, expect, it } from 'vitest';
import type { TicketEvent } from '../tickets/events.js';
import { activityOf, addActivity } from './activity.js';
import { foldFacts } from './facts.js';
import { parseMetric } from './kpi.js';
import { evaluate, type QuerySpec } from './query.js';
import { created, history, MIN, T0 } from './testing.js';
import { periodOf } from './time.js';

const A = 11;
const B = 12;
const LEAD = 13;
const at = (minutes: number) => T0 + minutes * MIN;

// 10:00 the customer writes in (team 1). 10:20 the lead assigns A; 10:30 A replies and opens it;
// 10:31 B adds a note; 10:40 the lead reassigns it to B; 10:45 B follows it; 10:50 a system message
// in A's command; 11:00 B moves it to team 2; 11:30 B replies; 11:40 a rule assigns it to A;
// 12:00 auto-close (no user).
const busy = history([
  [0, 'created', created(), null],
  [0, 'customer_message', { messageId: 1 }, null],
  [20, 'assigned', { from: null, to: A }, LEAD],
  [30, 'public_reply', { messageId: 2 }, A],
  [30, 'status_changed', { from: 'new', to: 'open' }, A],
  [31, 'internal_note', { messageId: 3, mentions: [] }, B],
  [40, 'assigned', { from: A, to: B }, LEAD],
  [45, 'follower_added', { userId: B }, B],
  [50, 'system_message', { messageId: 4 }, A],
  [60, 'team_changed', { from: 1, to: 2 }, B],
  [90, 'public_reply', { messageId: 5 }, B],
  [100, 'assigned', { from: B, to: A, rule: 'round_robin' }, B],
  [120, 'status_changed', { from: 'open', to: 'solved' }, null],
]);

const row = (
  userId: number,
  minutes: number,
  teamId: number | null,
  replies: number,
  notes: number,
  actions: number,
) => ({
  userId,
  slotStart: at(minutes),
  teamId,
  replies,
  notes,
  actions,
});

describe('agent activity of one ticket', () => {
  it('counts replies, notes and actions by who did them, per quarter hour (slots start on :00, :15, :30, :45 UTC)', () => {
    // T0 is 04:30 UTC: minutes 0-14 are one slot, 15-29 the next, and so on.
    expect(activityOf(busy)).toEqual([
      row(LEAD, 15, 1, 0, 0, 1), // assigning A
      row(A, 30, 1, 1, 0, 1), // the reply and opening it
      row(B, 30, 1, 0, 1, 0), // the note: a second agent on the same ticket
      row(LEAD, 30, 1, 0, 0, 1), // reassigning to B: the lead's act, not A's or B's
      // following, the system message and the rule's assignment do not count
      row(B, 60, 1, 0, 0, 1), // the move to team 2 counts for the team it left
      row(B, 90, 2, 1, 0, 0),
      // auto-close: nobody
    ]);
  });

  it('counts a merge on both tickets for whoever merged, not the system message', () => {
    const away = history([
      [0, 'created', created(), null],
      [30, 'merged', { into: 2, intoNumber: 1002, messages: 1 }, A],
      [30, 'status_changed', { from: 'new', to: 'closed' }, A],
    ]);
    const survivor = history([
      [0, 'created', created({ teamId: null }), B],
      [30, 'merged_in', { from: 1, fromNumber: 1001, messages: 1 }, A],
      [30, 'system_message', { messageId: 9 }, A],
      [30, 'tags_changed', { added: ['billing'], removed: [] }, A],
    ]);
    expect(activityOf(away)).toEqual([row(A, 30, 1, 0, 0, 2)]);
    // An agent creating a ticket (a phone call taken) touched it.
    expect(activityOf(survivor)).toEqual([row(B, 0, null, 0, 0, 1), row(A, 30, null, 0, 0, 2)]);
  });

  it('folded in parts (as the write path stores it) equals folded whole (as the rebuild does)', () => {
    for (let i = 1; i < busy.length; i++) {
      const before = busy.slice(0, i);
      const parts = addActivity(activityOf(before), activityOf(busy.slice(i), foldFacts(before).teamId));
      expect(parts, `split at ${i}`).toEqual(activityOf(busy));
    }
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
    now: at(10_000),
  } satisfies QuerySpec;
}

const itemsOf = (ticketId: number, events: TicketEvent[]) =>
  activityOf(events).map((a) => ({ ...a, ticketId, ticket: foldFacts(events) }));

describe('productivity figures', () => {
  it('per agent and per team: replies summed, a ticket touched once per agent', () => {
    const items = itemsOf(1, busy);
    const byAgent = evaluate([], specFor(['replies_sent', 'tickets_touched'], ['agent']), items);
    expect(byAgent.rows).toEqual([
      { agent: A, replies_sent: 1, tickets_touched: 1 },
      { agent: B, replies_sent: 1, tickets_touched: 1 },
      { agent: LEAD, replies_sent: 0, tickets_touched: 1 },
    ]);
    // Three people touched the ticket: three touches in all.
    expect(byAgent.totals).toEqual({ replies_sent: 2, tickets_touched: 3 });
    const byTeam = evaluate([], specFor(['replies_sent', 'tickets_touched'], ['team']), items);
    expect(byTeam.rows).toEqual([
      { team: 1, replies_sent: 1, tickets_touched: 3 },
      { team: 2, replies_sent: 1, tickets_touched: 1 },
    ]);
  });

  it('places a reply at 23:30 local on that local day, one at 00:10 on the next', () => {
    // 23:30 IST on Monday 2 Nov is 18:00 UTC; 00:10 IST on Tuesday is 18:40 UTC, the same UTC hour.
    const late = history([
      [-60, 'created', created(), null],
      [13 * 60 + 30, 'public_reply', { messageId: 1 }, A],
      [14 * 60 + 10, 'public_reply', { messageId: 2 }, A],
      [14 * 60 + 12, 'internal_note', { messageId: 3, mentions: [] }, A],
    ]);
    const items = itemsOf(1, late);
    const metrics = ['replies_sent', 'tickets_touched', 'replies_per_agent_day', 'tickets_touched_per_agent_day'];
    const byDay = evaluate([], specFor(metrics, ['day'], '2026-11-02', '2026-11-04'), items);
    expect(byDay.rows).toEqual([
      {
        day: '2026-11-02',
        replies_sent: 1,
        tickets_touched: 1,
        replies_per_agent_day: 1,
        tickets_touched_per_agent_day: 1,
      },
      {
        day: '2026-11-03',
        replies_sent: 1,
        tickets_touched: 1,
        replies_per_agent_day: 1,
        tickets_touched_per_agent_day: 1,
      },
      {
        day: '2026-11-04',
        replies_sent: 0,
        tickets_touched: 0,
        replies_per_agent_day: null,
        tickets_touched_per_agent_day: null,
      },
    ]);
    // Over both days: one ticket touched, on two agent-days.
    expect(byDay.totals).toEqual({
      replies_sent: 2,
      tickets_touched: 1,
      replies_per_agent_day: 1,
      tickets_touched_per_agent_day: 1,
    });
    // In UTC both replies fall on Monday.
    const utc = evaluate(
      [],
      {
        ...specFor(['replies_sent'], ['day'], '2026-11-02', '2026-11-02'),
        tz: 'UTC',
        ...periodOf('UTC', '2026-11-02', '2026-11-02'),
      },
      items,
    );
    expect(utc.rows).toEqual([{ day: '2026-11-02', replies_sent: 2 }]);
  });

  it('averages over the days an agent worked, and mixes with ticket metrics in one breakdown', () => {
    // A: 3 replies on Monday on two tickets, 1 on Wednesday; B: none, one note on Monday.
    const t1 = history([
      [0, 'created', created({ assigneeId: A }), null],
      [10, 'public_reply', { messageId: 1 }, A],
      [20, 'public_reply', { messageId: 2 }, A],
      [2 * 24 * 60, 'public_reply', { messageId: 3 }, A],
    ]);
    const t2 = history([
      [0, 'created', created(), null],
      [40, 'public_reply', { messageId: 4 }, A],
      [50, 'internal_note', { messageId: 5, mentions: [] }, B],
    ]);
    const items = [...itemsOf(1, t1), ...itemsOf(2, t2)];
    const spec = specFor(
      ['tickets_created', 'replies_sent', 'replies_per_agent_day', 'tickets_touched_per_agent_day'],
      ['agent'],
    );
    const r = evaluate([foldFacts(t1), foldFacts(t2)], spec, items);
    expect(r.rows).toEqual([
      // 4 replies over 2 days; tickets touched: 2 on Monday, 1 on Wednesday
      { agent: A, tickets_created: 1, replies_sent: 4, replies_per_agent_day: 2, tickets_touched_per_agent_day: 1.5 },
      { agent: B, tickets_created: 0, replies_sent: 0, replies_per_agent_day: 0, tickets_touched_per_agent_day: 1 },
      // t2 has no assignee: a ticket metric's row the activity has no figures for
      {
        agent: null,
        tickets_created: 1,
        replies_sent: 0,
        replies_per_agent_day: null,
        tickets_touched_per_agent_day: null,
      },
    ]);
    // 4 replies over 3 agent-days (A Monday, A Wednesday, B Monday); 4 ticket-days
    expect(r.totals).toEqual({
      tickets_created: 2,
      replies_sent: 4,
      replies_per_agent_day: 1.3,
      tickets_touched_per_agent_day: 1.3,
    });
  });
});
