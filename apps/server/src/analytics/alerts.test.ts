import { describe, expect, it } from 'vitest';
import { defaultAlertRules, emergingTags, kpiFlags } from './alerts.js';
import type { QueryResult } from './query.js';

const result = (totals: QueryResult['totals'], rows: QueryResult['rows'] = []): QueryResult => ({ totals, rows });

describe('KPI flags', () => {
  it('flags a KPI worse by more than the threshold, in the direction that is worse', () => {
    const now = result(
      { 'first_reply_time.median': 3600, tickets_first_replied: 50, one_touch_rate: 30, tickets_solved: 40 },
      [{ team: 2, 'first_reply_time.median': 1300, tickets_first_replied: 25 }],
    );
    const before = result(
      { 'first_reply_time.median': 2400, tickets_first_replied: 45, one_touch_rate: 40, tickets_solved: 42 },
      [{ team: 2, 'first_reply_time.median': 1200, tickets_first_replied: 30 }],
    );
    const flags = kpiFlags(now, before, defaultAlertRules);
    // 3600 vs 2400 is 50 % slower; one-touch 30 vs 40 is 25 % lower; team 2's 8 % is under the threshold.
    expect(flags).toEqual([
      {
        kind: 'kpi_worse',
        metric: 'first_reply_time.median',
        team: 'all',
        current: 3600,
        previous: 2400,
        changePct: 50,
        volume: 50,
      },
      {
        kind: 'kpi_worse',
        metric: 'one_touch_rate',
        team: 'all',
        current: 30,
        previous: 40,
        changePct: -25,
        volume: 40,
      },
    ]);
  });
  it('does not flag an improvement, nor a change on too few tickets', () => {
    const now = result({
      'first_reply_time.median': 1000,
      tickets_first_replied: 50,
      reopen_rate: 20,
      tickets_solved: 5,
    });
    const before = result({
      'first_reply_time.median': 2000,
      tickets_first_replied: 50,
      reopen_rate: 5,
      tickets_solved: 5,
    });
    expect(kpiFlags(now, before, defaultAlertRules)).toEqual([]);
  });
});

describe('emerging tags', () => {
  const days = Array.from({ length: 30 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')}`);
  const series = (tag: string, counts: number[]) => counts.map((n, i) => ({ tag, day: days[i]!, tickets_created: n }));
  it('flags a tag whose recent day is 3 standard deviations above its baseline', () => {
    const steady = Array.from({ length: 28 }, (_, i) => 3 + (i % 3)); // 3, 4, 5 …: mean 4, sd ≈ 0.82
    const r = result({}, [...series('sync', [...steady, 6, 9]), ...series('refund', [...steady, 5, 6])]);
    const flags = emergingTags(r, days, 2, defaultAlertRules);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      kind: 'emerging_tag',
      tag: 'sync',
      day: '2026-10-30',
      tickets: 9,
      baselineMean: 4,
    });
  });
  it('needs a minimum of tickets: 0 → 3 is not an emerging issue', () => {
    const r = result({}, series('rare', [...Array(28).fill(0), 0, 3]));
    expect(emergingTags(r, days, 2, defaultAlertRules)).toEqual([]);
  });
});
