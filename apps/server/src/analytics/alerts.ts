// Trend flags: what changed enough to deserve a manager's attention. Pure: the service runs the
// queries (through the KPI engine) and hands their results here.
import type { QueryResult } from './query.js';

/** KPIs watched for a worsening, with the count that says whether there was enough volume. */
export const WATCHED = [
  { metric: 'first_reply_time.median', volume: 'tickets_first_replied', worse: 'up' },
  { metric: 'full_resolution_time.median', volume: 'tickets_solved', worse: 'up' },
  { metric: 'requester_wait_time.median', volume: 'tickets_solved', worse: 'up' },
  { metric: 'one_touch_rate', volume: 'tickets_solved', worse: 'down' },
  { metric: 'reopen_rate', volume: 'tickets_solved', worse: 'up' },
] as const;

export interface AlertRules {
  /** A KPI is flagged when it is worse than in the previous period by more than this many percent… */
  thresholdPct: number;
  /** …and both periods have at least this many tickets behind it. */
  minVolume: number;
  /** A tag's day is flagged above mean + sigmas × standard deviation of its baseline days… */
  sigmas: number;
  /** …with at least this many tickets that day. */
  minTagTickets: number;
}

export const defaultAlertRules: AlertRules = { thresholdPct: 20, minVolume: 20, sigmas: 3, minTagTickets: 5 };

export type Flag =
  | {
      kind: 'kpi_worse';
      metric: string;
      /** null: the whole help desk; otherwise the team's id (or the no-team row). */
      team: number | null | 'all';
      current: number;
      previous: number;
      changePct: number;
      volume: number;
    }
  | {
      kind: 'emerging_tag';
      tag: string;
      day: string;
      tickets: number;
      baselineMean: number;
      baselineSd: number;
    };

/**
 * KPIs worse than in the previous period. `current` and `previous` are query results with the
 * WATCHED metrics and their volume counts, broken down by team; their totals give the whole desk.
 */
export function kpiFlags(current: QueryResult, previous: QueryResult, rules: AlertRules): Flag[] {
  const flags: Flag[] = [];
  const rowsOf = (r: QueryResult) => [
    { team: 'all' as const, values: r.totals },
    ...r.rows.map((row) => ({ team: row.team as number | null, values: row })),
  ];
  const before = new Map(rowsOf(previous).map((x) => [String(x.team), x.values]));
  for (const { team, values } of rowsOf(current)) {
    const prev = before.get(String(team));
    if (!prev) continue;
    for (const w of WATCHED) {
      const now = values[w.metric];
      const then = prev[w.metric];
      const volNow = Number(values[w.volume] ?? 0);
      const volThen = Number(prev[w.volume] ?? 0);
      if (typeof now !== 'number' || typeof then !== 'number' || then === 0) continue;
      if (volNow < rules.minVolume || volThen < rules.minVolume) continue;
      const changePct = Math.round(((now - then) / Math.abs(then)) * 1000) / 10;
      const worse = w.worse === 'up' ? changePct > rules.thresholdPct : -changePct > rules.thresholdPct;
      if (worse)
        flags.push({
          kind: 'kpi_worse',
          metric: w.metric,
          team,
          current: now,
          previous: then,
          changePct,
          volume: volNow,
        });
    }
  }
  return flags;
}

/**
 * Tags whose daily volume on one of the last `recentDays` days stands above their baseline (the
 * days before) by `sigmas` standard deviations. `byTagDay` is tickets_created by tag × day over the
 * baseline and recent days, every day listed in `days` (oldest first).
 */
export function emergingTags(byTagDay: QueryResult, days: string[], recentDays: number, rules: AlertRules): Flag[] {
  const series = new Map<string, Map<string, number>>();
  for (const row of byTagDay.rows) {
    if (typeof row.tag !== 'string') continue;
    let s = series.get(row.tag);
    if (!s) {
      s = new Map();
      series.set(row.tag, s);
    }
    s.set(String(row.day), Number(row.tickets_created ?? 0));
  }
  const baselineDays = days.slice(0, days.length - recentDays);
  const recent = days.slice(days.length - recentDays);
  const flags: Flag[] = [];
  for (const [tag, s] of series) {
    const base = baselineDays.map((d) => s.get(d) ?? 0);
    if (!base.length) continue;
    const mean = base.reduce((a, b) => a + b, 0) / base.length;
    const sd = Math.sqrt(base.reduce((a, b) => a + (b - mean) ** 2, 0) / base.length);
    // The busiest recent day above the line, if any.
    let best: { day: string; tickets: number } | null = null;
    for (const day of recent) {
      const n = s.get(day) ?? 0;
      if (n >= rules.minTagTickets && n > mean + rules.sigmas * sd && (!best || n > best.tickets))
        best = { day, tickets: n };
    }
    if (best) {
      flags.push({
        kind: 'emerging_tag',
        tag,
        ...best,
        baselineMean: Math.round(mean * 10) / 10,
        baselineSd: Math.round(sd * 10) / 10,
      });
    }
  }
  return flags.sort((a, b) => (b.kind === 'emerging_tag' && a.kind === 'emerging_tag' ? b.tickets - a.tickets : 0));
}
