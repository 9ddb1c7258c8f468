import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { alertHref, alertText } from './alerts';
import type { AlertFlag } from './api';
import { EMPTY_FILTERS } from './filters';

const en = i18n.getFixedT('en');
const hi = i18n.getFixedT('hi');
const labels = { team: { '2': 'Technical Support' } };

const slower: AlertFlag = {
  kind: 'kpi_worse',
  metric: 'first_reply_time.median',
  team: 2,
  current: 5400,
  previous: 3600,
  changePct: 50,
  volume: 120,
};
const sync: AlertFlag = {
  kind: 'emerging_tag',
  tag: 'sync',
  day: '2026-11-23',
  tickets: 14,
  baselineMean: 1.8,
  baselineSd: 1.1,
};
const period = { from: '2026-10-25', to: '2026-11-23' };

describe('trend flags in words', () => {
  it('says which KPI of which team got how much worse, from what to what', () => {
    expect(alertText(slower, labels, en, 'en')).toBe(
      'First reply time (median) for Technical Support is 50% worse than the period before: 1 h → 1 h 30 min',
    );
    expect(alertText(slower, labels, hi, 'hi')).toBe(
      'Technical Support के लिए पहले जवाब में लगा समय (माध्यिका) पिछली अवधि से 50% खराब है: 1 घंटा → 1 घंटा 30 मिनट',
    );
  });

  it('speaks of the whole desk, of tickets without a team, and of rates falling', () => {
    const all: AlertFlag = {
      ...slower,
      metric: 'one_touch_rate',
      team: 'all',
      current: 30,
      previous: 40,
      changePct: -25,
    };
    expect(alertText(all, labels, en, 'en')).toBe('One-touch rate is 25% worse than the period before: 40.0% → 30.0%');
    expect(alertText({ ...slower, team: null }, labels, en, 'en')).toMatch(/^First reply time \(median\) for No team /);
  });

  it('names an emerging tag with its day and its usual volume', () => {
    expect(alertText(sync, labels, en, 'en')).toBe(
      'Tag sync: 14 tickets on 23 Nov, usually about 2 a day — an emerging issue',
    );
    expect(alertText(sync, labels, hi, 'hi')).toBe(
      'टैग sync: 23 नव॰ को 14 टिकट, जबकि आम तौर पर दिन में लगभग 2 — एक उभरती समस्या',
    );
    expect(alertText({ ...sync, baselineMean: 0.4 }, labels, en, 'en')).toContain('usually about 0.4 a day');
  });
});

describe('the tickets behind a flag', () => {
  it("are a KPI's tickets of the period, of its team unless the whole desk", () => {
    expect(alertHref(slower, EMPTY_FILTERS, period, 'Asia/Kolkata')).toBe(
      '/analytics/tickets?from=2026-10-25&to=2026-11-23&team=2&metric=first_reply_time.median&tz=Asia%2FKolkata',
    );
    expect(alertHref({ ...slower, team: null }, EMPTY_FILTERS, period, 'UTC')).toContain('team=none');
    expect(alertHref({ ...slower, team: 'all' }, EMPTY_FILTERS, period, 'UTC')).not.toContain('team=');
  });

  it("are a tag's tickets created on its day, within the filters shown", () => {
    expect(alertHref(sync, { ...EMPTY_FILTERS, channel: ['email'] }, period, 'UTC')).toBe(
      '/analytics/tickets?from=2026-11-23&to=2026-11-23&channel=email&tag=sync&metric=tickets_created&tz=UTC',
    );
  });
});
