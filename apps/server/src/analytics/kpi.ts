// The KPI definitions: each metric is one entry here, a pure function of a ticket's facts (facts.ts)
// and the time that places it in a period. The query engine (query.ts), dashboards, reports and
// exports all read these definitions; adding a KPI is adding an entry.
import { ALWAYS, type BusinessCalendar, businessMsBetween } from '../sla/calendar.js';
import type { TicketFacts } from './facts.js';
import { SLA_BREACHED, SLA_MET, SLA_NONE, UNSOLVED_STATUSES } from './facts.js';

/**
 * Which moment puts a ticket into a period for a metric: its creation, its (last) solve, its first
 * reply, or "now" for the backlog (a state at the moment of asking, not a count over a period).
 */
export type Anchor = 'created' | 'solved' | 'first_reply' | 'now';

export type FactKey = keyof TicketFacts;

/**
 * The business calendar a ticket's team counts in (sla/calendars.ts calendarsOfTeams): the `_bh`
 * time metrics count only its working time. Without one, every team counts around the clock.
 */
export type CalendarOf = (teamId: number | null) => BusinessCalendar;
export const AROUND_THE_CLOCK: CalendarOf = () => ALWAYS;

/**
 * Every metric names the facts its functions read (`uses`), so a query reads only those columns
 * (the property test in test/analytics.test.ts fails if one is missing).
 */
export type MetricDef = { anchor: Anchor; uses: readonly FactKey[] } /** How many tickets. */ & (
  | { kind: 'count'; include: (f: TicketFacts) => boolean }
  /** A sum over tickets. */
  | { kind: 'sum'; value: (f: TicketFacts) => number }
  /** Percent of the base tickets that hit. */
  | { kind: 'rate'; base: (f: TicketFacts) => boolean; hit: (f: TicketFacts) => boolean }
  /** An average of a per-ticket value. */
  | { kind: 'average'; value: (f: TicketFacts) => number | null }
  /** A duration in seconds per ticket: mean, median and p90 (support times are heavily skewed). */
  | { kind: 'time'; value: (f: TicketFacts, now: number, calendarOf: CalendarOf) => number | null }
);

/** The facts `anchorTime` reads for each anchor. */
export const ANCHOR_USES: Record<Anchor, readonly FactKey[]> = {
  created: ['createdAt'],
  solved: ['status', 'solvedAt', 'mergedAway'],
  first_reply: ['firstReplyAt', 'mergedAway'],
  now: ['status', 'mergedAway'],
};

/** Solved (or closed after solving) and not merged away as a duplicate. */
export function isSolved(f: TicketFacts): boolean {
  return (f.status === 'solved' || f.status === 'closed') && f.solvedAt !== null && !f.mergedAway;
}

export function isUnsolved(f: TicketFacts): boolean {
  return UNSOLVED_STATUSES.includes(f.status) && !f.mergedAway;
}

const seconds = (ms: number) => Math.round(ms / 1000);

/** An NPS answer's points: +100 for a promoter (9–10), 0 for a passive (7–8), −100 for a detractor (0–6). */
export function npsPoints(score: number | null): number | null {
  if (score === null) return null;
  return score >= 9 ? 100 : score >= 7 ? 0 : -100;
}

const SLA_USES = ['slaFirstReply', 'slaResolution', 'slaNextReplyMet', 'slaNextReplyBreached'] as const;
function slaBreaches(f: TicketFacts): number {
  return (
    (f.slaFirstReply === SLA_BREACHED ? 1 : 0) + (f.slaResolution === SLA_BREACHED ? 1 : 0) + f.slaNextReplyBreached
  );
}

export const METRICS = {
  tickets_created: { kind: 'count', anchor: 'created', uses: [], include: () => true },
  tickets_solved: { kind: 'count', anchor: 'solved', uses: [], include: () => true },
  /** Created in the period and not solved (yet). */
  tickets_unsolved: { kind: 'count', anchor: 'created', uses: ['status', 'mergedAway'], include: isUnsolved },
  /** Created in the period without any agent reply yet (excluded from first reply time). */
  tickets_unreplied: {
    kind: 'count',
    anchor: 'created',
    uses: ['firstReplyAt', 'mergedAway'],
    include: (f) => f.firstReplyAt === null && !f.mergedAway,
  },
  /** Tickets that got their first agent reply in the period. */
  tickets_first_replied: { kind: 'count', anchor: 'first_reply', uses: [], include: () => true },
  first_reply_time: {
    kind: 'time',
    anchor: 'first_reply',
    uses: ['firstReplyAt', 'createdAt'],
    value: (f) => (f.firstReplyAt === null ? null : seconds(f.firstReplyAt - f.createdAt)),
  },
  full_resolution_time: {
    kind: 'time',
    anchor: 'solved',
    uses: ['solvedAt', 'createdAt'],
    value: (f) => (f.solvedAt === null ? null : seconds(f.solvedAt - f.createdAt)),
  },
  /** First reply time in the working hours of the ticket's team's calendar. */
  first_reply_time_bh: {
    kind: 'time',
    anchor: 'first_reply',
    uses: ['firstReplyAt', 'createdAt', 'teamId'],
    value: (f, _now, calendarOf) =>
      f.firstReplyAt === null ? null : seconds(businessMsBetween(calendarOf(f.teamId), f.createdAt, f.firstReplyAt)),
  },
  full_resolution_time_bh: {
    kind: 'time',
    anchor: 'solved',
    uses: ['solvedAt', 'createdAt', 'teamId'],
    value: (f, _now, calendarOf) =>
      f.solvedAt === null ? null : seconds(businessMsBetween(calendarOf(f.teamId), f.createdAt, f.solvedAt)),
  },
  /** Time in new, open and on-hold until solved (pending waits on the customer). */
  requester_wait_time: { kind: 'time', anchor: 'solved', uses: ['waitMs'], value: (f) => seconds(f.waitMs) },
  requester_wait_time_bh: {
    kind: 'time',
    anchor: 'solved',
    uses: ['waitSpans', 'createdAt', 'teamId'],
    value: (f, _now, calendarOf) => {
      const cal = calendarOf(f.teamId);
      let ms = 0;
      for (const [from, to] of f.waitSpans) ms += businessMsBetween(cal, f.createdAt + from, f.createdAt + to);
      return seconds(ms);
    },
  },
  reopens: { kind: 'sum', anchor: 'solved', uses: ['reopens'], value: (f) => f.reopens },
  reopen_rate: { kind: 'rate', anchor: 'solved', uses: ['reopens'], base: () => true, hit: (f) => f.reopens > 0 },
  one_touch_rate: { kind: 'rate', anchor: 'solved', uses: ['replies'], base: () => true, hit: (f) => f.replies === 1 },
  replies_per_ticket: { kind: 'average', anchor: 'solved', uses: ['replies'], value: (f) => f.replies },
  /** Unsolved tickets now. */
  backlog: { kind: 'count', anchor: 'now', uses: [], include: () => true },
  /** Age of the unsolved tickets now. */
  backlog_age: { kind: 'time', anchor: 'now', uses: ['createdAt'], value: (f, now) => seconds(now - f.createdAt) },
  /**
   * SLA achievement, per ticket created in the period: of the tickets with an outcome for any target,
   * the share that breached none (a next-reply wait counts for every wait of the ticket).
   */
  sla_achievement: {
    kind: 'rate',
    anchor: 'created',
    uses: SLA_USES,
    base: (f) =>
      slaBreaches(f) > 0 || f.slaFirstReply === SLA_MET || f.slaResolution === SLA_MET || f.slaNextReplyMet > 0,
    hit: (f) => slaBreaches(f) === 0,
  },
  sla_first_reply_achievement: {
    kind: 'rate',
    anchor: 'created',
    uses: ['slaFirstReply'],
    base: (f) => f.slaFirstReply !== SLA_NONE,
    hit: (f) => f.slaFirstReply === SLA_MET,
  },
  sla_next_reply_achievement: {
    kind: 'rate',
    anchor: 'created',
    uses: ['slaNextReplyMet', 'slaNextReplyBreached'],
    base: (f) => f.slaNextReplyMet + f.slaNextReplyBreached > 0,
    hit: (f) => f.slaNextReplyBreached === 0,
  },
  sla_resolution_achievement: {
    kind: 'rate',
    anchor: 'created',
    uses: ['slaResolution'],
    base: (f) => f.slaResolution !== SLA_NONE,
    hit: (f) => f.slaResolution === SLA_MET,
  },
  /** Breached targets of the tickets created in the period (each next-reply wait counts). */
  sla_breaches: { kind: 'sum', anchor: 'created', uses: SLA_USES, value: slaBreaches },
  sla_first_reply_breaches: {
    kind: 'sum',
    anchor: 'created',
    uses: ['slaFirstReply'],
    value: (f) => (f.slaFirstReply === SLA_BREACHED ? 1 : 0),
  },
  sla_next_reply_breaches: {
    kind: 'sum',
    anchor: 'created',
    uses: ['slaNextReplyBreached'],
    value: (f) => f.slaNextReplyBreached,
  },
  sla_resolution_breaches: {
    kind: 'sum',
    anchor: 'created',
    uses: ['slaResolution'],
    value: (f) => (f.slaResolution === SLA_BREACHED ? 1 : 0),
  },
  /**
   * CSAT of the tickets solved in the period, from their latest solve's survey (facts.ts surveySent,
   * csatScore): satisfied answers (4–5 on the 1–5 scale) / all answers × 100.
   */
  csat: {
    kind: 'rate',
    anchor: 'solved',
    uses: ['csatScore'],
    base: (f) => f.csatScore !== null,
    hit: (f) => f.csatScore !== null && f.csatScore >= 4,
  },
  /** Solved tickets whose survey was answered. */
  csat_responses: { kind: 'count', anchor: 'solved', uses: ['csatScore'], include: (f) => f.csatScore !== null },
  /** Of the solved tickets whose survey went out, the share answered. */
  survey_response_rate: {
    kind: 'rate',
    anchor: 'solved',
    uses: ['surveySent', 'csatScore'],
    base: (f) => f.surveySent,
    hit: (f) => f.csatScore !== null,
  },
  /** The mean answer, 1–5. */
  csat_average: { kind: 'average', anchor: 'solved', uses: ['csatScore'], value: (f) => f.csatScore },
  /**
   * NPS of the tickets solved in the period that an NPS round was attributed to (facts.ts npsSent,
   * npsScore): % promoters (9–10) − % detractors (0–6), −100 to 100. Each answer counts +100 for a
   * promoter, 0 for a passive (7–8) and −100 for a detractor; the mean of those is exactly that
   * difference, so it is an average and breaks down by every dimension like one.
   */
  nps: { kind: 'average', anchor: 'solved', uses: ['npsScore'], value: (f) => npsPoints(f.npsScore) },
  /** Solved tickets whose NPS survey was answered. */
  nps_responses: { kind: 'count', anchor: 'solved', uses: ['npsScore'], include: (f) => f.npsScore !== null },
  /** Of the solved tickets an NPS survey went out for, the share answered. */
  nps_response_rate: {
    kind: 'rate',
    anchor: 'solved',
    uses: ['npsSent', 'npsScore'],
    base: (f) => f.npsSent,
    hit: (f) => f.npsScore !== null,
  },
} as const satisfies Record<string, MetricDef>;

/**
 * Productivity metrics: what agents did, over their activity (activity.ts) rather than over tickets.
 * The moment an agent acted places it in a period and a time bucket, the agent who acted is its
 * `agent` and the ticket's team then its `team`; other dimensions and filters are the ticket's
 * current values, as for the ticket metrics. An agent-day is an agent and a local day on which they
 * did anything counted (the average is over the days they worked, not over the calendar).
 */
export interface ActivityMetricDef {
  kind: 'count' | 'sum' | 'average';
  /** Public replies sent, or tickets touched: distinct (agent, ticket) pairs, per local day for averages. */
  of: 'replies' | 'tickets';
  perAgentDay: boolean;
}

export const ACTIVITY_METRICS = {
  replies_sent: { kind: 'sum', of: 'replies', perAgentDay: false },
  /** A ticket two agents worked on counts for each of them (and twice in their team's figure). */
  tickets_touched: { kind: 'count', of: 'tickets', perAgentDay: false },
  replies_per_agent_day: { kind: 'average', of: 'replies', perAgentDay: true },
  tickets_touched_per_agent_day: { kind: 'average', of: 'tickets', perAgentDay: true },
} as const satisfies Record<string, ActivityMetricDef>;

export type TicketMetricName = keyof typeof METRICS;
export type ActivityMetricName = keyof typeof ACTIVITY_METRICS;
export type MetricName = TicketMetricName | ActivityMetricName;
export const metricNames = [...Object.keys(METRICS), ...Object.keys(ACTIVITY_METRICS)] as MetricName[];

export function isActivityMetric(name: MetricName): name is ActivityMetricName {
  return name in ACTIVITY_METRICS;
}

/** What places a metric's figures in a period: a ticket's anchor moment, or when the agent acted. */
export function anchorOf(name: MetricName): Anchor | 'activity' {
  return isActivityMetric(name) ? 'activity' : METRICS[name].anchor;
}
export const STATS = ['mean', 'median', 'p90'] as const;
export type Stat = (typeof STATS)[number];

/** A metric as the API names it: `tickets_created`, `first_reply_time.median` … */
export interface MetricRef {
  key: string;
  name: MetricName;
  stat: Stat | null;
}

/** Every name the query API accepts, in catalogue order. */
export const metricKeys: string[] = metricNames.flatMap((n) =>
  kindOf(n) === 'time' ? STATS.map((s) => `${n}.${s}`) : [n],
);

export function kindOf(name: MetricName): MetricDef['kind'] {
  return isActivityMetric(name) ? ACTIVITY_METRICS[name].kind : METRICS[name].kind;
}

export function parseMetric(key: string): MetricRef | null {
  const [name, stat, extra] = key.split('.');
  if (extra !== undefined || !name || !metricNames.includes(name as MetricName)) return null;
  if (kindOf(name as MetricName) === 'time') {
    if (!STATS.includes(stat as Stat)) return null;
    return { key, name: name as MetricName, stat: stat as Stat };
  }
  return stat === undefined ? { key, name: name as MetricName, stat: null } : null;
}

/** The moment that places the ticket in a period for this anchor; null: not counted at all. */
export function anchorTime(f: TicketFacts, anchor: Anchor, now: number): number | null {
  switch (anchor) {
    case 'created':
      return f.createdAt;
    case 'solved':
      return isSolved(f) ? f.solvedAt : null;
    case 'first_reply':
      return f.mergedAway ? null : f.firstReplyAt;
    case 'now':
      return isUnsolved(f) ? now : null;
  }
}

// ---------- statistics ----------

/** Collects one metric's per-ticket contributions, then states the figure. */
export class Accumulator {
  private n = 0;
  private hits = 0;
  private sum = 0;
  private readonly values: number[] = [];

  constructor(private readonly def: MetricDef) {}

  add(f: TicketFacts, now: number, calendarOf: CalendarOf = AROUND_THE_CLOCK): void {
    const d = this.def;
    switch (d.kind) {
      case 'count':
        if (d.include(f)) this.n += 1;
        break;
      case 'sum':
        this.sum += d.value(f);
        break;
      case 'rate':
        if (d.base(f)) {
          this.n += 1;
          if (d.hit(f)) this.hits += 1;
        }
        break;
      case 'average':
      case 'time': {
        const v = d.kind === 'time' ? d.value(f, now, calendarOf) : d.value(f);
        if (v !== null) this.values.push(v);
        break;
      }
    }
  }

  result(stat: Stat | null): number | null {
    const d = this.def;
    switch (d.kind) {
      case 'count':
        return this.n;
      case 'sum':
        return this.sum;
      case 'rate':
        return this.n ? round1((100 * this.hits) / this.n) : null;
      case 'average':
        return this.values.length ? round1(this.values.reduce((a, b) => a + b, 0) / this.values.length) : null;
      case 'time':
        return timeStat(this.values, stat ?? 'mean');
    }
  }
}

export const round1 = (x: number) => Math.round(x * 10) / 10;

/** Mean (rounded to a second), median and p90 (nearest rank) of durations in seconds. */
export function timeStat(values: number[], stat: Stat): number | null {
  if (!values.length) return null;
  if (stat === 'mean') return Math.round(values.reduce((a, b) => a + b, 0) / values.length);
  const sorted = [...values].sort((a, b) => a - b);
  if (stat === 'median') {
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
  }
  return sorted[Math.max(0, Math.ceil(0.9 * sorted.length) - 1)]!;
}
