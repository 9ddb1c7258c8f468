import { describe, expect, it } from 'vitest';
import {
  apiParams,
  bucketOf,
  drillHref,
  EMPTY_FILTERS,
  filtersFromSearch,
  filtersToSearch,
  periodOf,
  presetPeriod,
  previousPeriod,
  timeCellFromSearch,
  todayIn,
} from './filters';

describe('date presets', () => {
  it('knows today in the viewer’s time zone, not the browser’s', () => {
    // 20:00 UTC on 31 Oct is already 1 Nov in India and still 31 Oct in New York.
    const now = new Date('2026-10-31T20:00:00Z');
    expect(todayIn('Asia/Kolkata', now)).toBe('2026-11-01');
    expect(todayIn('America/New_York', now)).toBe('2026-10-31');
    expect(todayIn('Not/AZone', now)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('turns each preset into local dates, both ends included', () => {
    const today = '2026-11-23';
    expect(presetPeriod('today', today)).toEqual({ from: '2026-11-23', to: '2026-11-23' });
    expect(presetPeriod('last7', today)).toEqual({ from: '2026-11-17', to: '2026-11-23' });
    expect(presetPeriod('last30', today)).toEqual({ from: '2026-10-25', to: '2026-11-23' });
    expect(presetPeriod('last90', today)).toEqual({ from: '2026-08-26', to: '2026-11-23' });
    expect(presetPeriod('thisMonth', today)).toEqual({ from: '2026-11-01', to: '2026-11-23' });
    expect(presetPeriod('lastMonth', today)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
  });

  it('finds last month across a year and in February', () => {
    expect(presetPeriod('lastMonth', '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetPeriod('lastMonth', '2028-03-31')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('takes custom dates as given, turned around when backwards, and fills a missing end', () => {
    const custom = { ...EMPTY_FILTERS, preset: 'custom' as const };
    expect(periodOf({ ...custom, from: '2026-09-01', to: '2026-09-15' }, '2026-11-23')).toEqual({
      from: '2026-09-01',
      to: '2026-09-15',
    });
    expect(periodOf({ ...custom, from: '2026-09-15', to: '2026-09-01' }, '2026-11-23')).toEqual({
      from: '2026-09-01',
      to: '2026-09-15',
    });
    expect(periodOf({ ...custom, from: '2026-11-01' }, '2026-11-23')).toEqual({ from: '2026-11-01', to: '2026-11-23' });
  });

  it('compares with the period of the same length just before', () => {
    expect(previousPeriod({ from: '2026-10-25', to: '2026-11-23' })).toEqual({ from: '2026-09-25', to: '2026-10-24' });
    expect(previousPeriod({ from: '2026-11-23', to: '2026-11-23' })).toEqual({ from: '2026-11-22', to: '2026-11-22' });
  });

  it('draws hours for one day, days up to 60 days, weeks beyond', () => {
    expect(bucketOf({ from: '2026-11-23', to: '2026-11-23' })).toBe('hour');
    expect(bucketOf({ from: '2026-10-25', to: '2026-11-23' })).toBe('day');
    expect(bucketOf({ from: '2026-09-25', to: '2026-11-23' })).toBe('day');
    expect(bucketOf({ from: '2026-09-24', to: '2026-11-23' })).toBe('week');
  });
});

describe('filters in the URL', () => {
  it('reads and writes the same filters, leaving the defaults out', () => {
    const filters = {
      ...EMPTY_FILTERS,
      preset: 'last90' as const,
      team: [2, 'none' as const],
      agent: [5],
      channel: ['email' as const, 'chat' as const],
      priority: ['high' as const],
      type: ['return' as const],
      tag: ['billing'],
    };
    const search = filtersToSearch(filters);
    expect(search.toString()).toBe(
      'period=last90&team=2%2Cnone&agent=5&channel=email%2Cchat&priority=high&type=return&tag=billing',
    );
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(filtersToSearch(EMPTY_FILTERS).toString()).toBe('');
    expect(filtersFromSearch(new URLSearchParams())).toEqual(EMPTY_FILTERS);
  });

  it('keeps custom dates as from and to', () => {
    const filters = filtersFromSearch(new URLSearchParams('from=2026-09-01&to=2026-09-30&period=last7'));
    expect(filters).toMatchObject({ preset: 'custom', from: '2026-09-01', to: '2026-09-30' });
    expect(filtersToSearch(filters).toString()).toBe('from=2026-09-01&to=2026-09-30');
  });

  it('ignores what it does not know instead of failing', () => {
    const filters = filtersFromSearch(
      new URLSearchParams('period=forever&from=2026-02-30&team=x,3&agent=me,7&channel=pigeon,web&priority=urgent'),
    );
    expect(filters).toEqual({ ...EMPTY_FILTERS, team: [3], agent: [7], channel: ['web'], priority: ['urgent'] });
  });

  it('asks the API with the period, the time zone and comma-separated filters', () => {
    const params = apiParams(
      { ...EMPTY_FILTERS, team: [1, 'none'], channel: ['email'] },
      { from: '2026-10-25', to: '2026-11-23' },
      'Asia/Kolkata',
    );
    expect(params).toEqual({
      from: '2026-10-25',
      to: '2026-11-23',
      tz: 'Asia/Kolkata',
      team: '1,none',
      agent: undefined,
      channel: 'email',
      priority: undefined,
      type: undefined,
      tag: undefined,
    });
  });
});

describe('drill-down links', () => {
  it('keep the filters, put the row’s value in place of its filter and add the time bucket', () => {
    const filters = { ...EMPTY_FILTERS, preset: 'last7' as const, agent: [5, 6], channel: ['chat' as const] };
    expect(drillHref(filters, 'tickets_solved')).toBe(
      '/analytics/tickets?period=last7&agent=5%2C6&channel=chat&metric=tickets_solved',
    );
    expect(drillHref(filters, 'first_reply_time.median', { agent: 9, day: '2026-11-20' })).toBe(
      '/analytics/tickets?period=last7&agent=9&channel=chat&metric=first_reply_time.median&day=2026-11-20',
    );
    expect(drillHref(EMPTY_FILTERS, 'tickets_created', { team: 'none', weekday: 1, hour_of_day: 0 })).toBe(
      '/analytics/tickets?team=none&metric=tickets_created&weekday=1&hour_of_day=0',
    );
  });

  it('read back only well-formed time buckets', () => {
    expect(
      timeCellFromSearch(
        new URLSearchParams('day=2026-11-20&weekday=8&hour_of_day=23&backlog_age=30d%2B&month=2026-1'),
      ),
    ).toEqual({ day: '2026-11-20', hour_of_day: '23', backlog_age: '30d+' });
  });
});
