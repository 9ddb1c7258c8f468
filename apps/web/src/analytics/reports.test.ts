import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { queryParams, type ReportDefinition } from './api';
import { EMPTY_FILTERS } from './filters';
import {
  definitionOf,
  definitionRequest,
  dimensionAllowed,
  dimensionValue,
  filtersOfDefinition,
  metricAllowed,
  periodLabel,
  reportPeriod,
} from './reports';

const en = i18n.getFixedT('en');
const hi = i18n.getFixedT('hi');
const TODAY = '2026-11-23';

const byTeam: ReportDefinition = {
  metrics: ['tickets_created'],
  dimensions: ['team'],
  period: { preset: 'last_30_days' },
  filters: {},
  chart: 'bar',
};

describe('a report definition and the query it asks', () => {
  it('turns a moving period into the dates of today, and the rest into the query API parameters', () => {
    const period = reportPeriod(byTeam.period, TODAY);
    expect(period).toEqual({ from: '2026-10-25', to: '2026-11-23' });
    expect(queryParams(definitionRequest(byTeam, period, 'Asia/Kolkata'))).toEqual({
      metrics: 'tickets_created',
      dimensions: 'team',
      from: '2026-10-25',
      to: '2026-11-23',
      tz: 'Asia/Kolkata',
      team: undefined,
      agent: undefined,
      channel: undefined,
      priority: undefined,
      type: undefined,
      tag: undefined,
      organisation: undefined,
    });
  });

  it('sends every filter, "me" and organisations included, and no dimensions when there are none', () => {
    const definition: ReportDefinition = {
      metrics: ['first_reply_time.median', 'reopen_rate'],
      dimensions: [],
      period: { from: '2026-11-01', to: '2026-11-15' },
      filters: { team: [3, 'none'], agent: ['me', 7], channel: ['email'], tag: ['sync'], organisation: [2] },
      chart: 'table',
    };
    const params = queryParams(definitionRequest(definition, reportPeriod(definition.period, TODAY), 'UTC'));
    expect(params).toMatchObject({
      metrics: 'first_reply_time.median,reopen_rate',
      dimensions: undefined,
      from: '2026-11-01',
      to: '2026-11-15',
      team: '3,none',
      agent: 'me,7',
      channel: 'email',
      tag: 'sync',
      organisation: '2',
    });
  });

  it('goes to the filter bar and back unchanged, keeping what the bar has no field for', () => {
    const definition: ReportDefinition = {
      metrics: ['tickets_solved'],
      dimensions: ['agent', 'week'],
      period: { preset: 'this_month' },
      filters: { agent: ['me', 4], priority: ['urgent'], organisation: [9] },
      chart: 'line',
    };
    const filters = filtersOfDefinition(definition);
    expect(filters).toMatchObject({ preset: 'thisMonth', agent: [4], priority: ['urgent'] });
    const back = definitionOf(
      filters,
      { metrics: definition.metrics, dimensions: definition.dimensions, chart: definition.chart },
      TODAY,
      definition.filters,
    );
    expect(back).toEqual(definition);
  });

  it('saves custom dates as fixed dates and leaves out empty filters', () => {
    const definition = definitionOf(
      { ...EMPTY_FILTERS, preset: 'custom', from: '2026-11-10', to: '2026-11-01' },
      { metrics: ['tickets_created'], dimensions: [], chart: 'table' },
      TODAY,
    );
    expect(definition.period).toEqual({ from: '2026-11-01', to: '2026-11-10' });
    expect(definition.filters).toEqual({});
  });

  it('names a preset as the filter bar does, in both languages, and fixed dates as a period', () => {
    expect(periodLabel({ preset: 'last_7_days' }, en, 'en')).toBe('Last 7 days');
    expect(periodLabel({ preset: 'last_month' }, hi, 'hi')).toBe('पिछले महीने');
    expect(periodLabel({ from: '2026-11-05', to: '2026-11-05' }, en, 'en')).toBe('5 Nov 2026');
  });
});

describe('metrics and dimensions that go together', () => {
  const momentary = new Set(['backlog', 'backlog_age']);
  const month = { from: '2026-11-01', to: '2026-11-30' };
  const quarter = { from: '2026-08-26', to: '2026-11-23' };

  it('offers no time buckets with the backlog, and the backlog age only with the backlog', () => {
    expect(dimensionAllowed('day', ['backlog'], momentary, month)).toBe(false);
    expect(dimensionAllowed('weekday', ['tickets_created', 'backlog'], momentary, month)).toBe(false);
    expect(dimensionAllowed('team', ['backlog'], momentary, month)).toBe(true);
    expect(dimensionAllowed('backlog_age', ['backlog', 'backlog_age.median'], momentary, month)).toBe(true);
    expect(dimensionAllowed('backlog_age', ['tickets_created'], momentary, month)).toBe(false);
    expect(metricAllowed('backlog', ['week'], momentary)).toBe(false);
    expect(metricAllowed('backlog_age.p90', ['team'], momentary)).toBe(true);
    expect(metricAllowed('tickets_solved', ['backlog_age'], momentary)).toBe(false);
  });

  it('offers hours only for periods of up to 31 days', () => {
    expect(dimensionAllowed('hour', ['tickets_created'], momentary, { from: '2026-10-31', to: '2026-11-30' })).toBe(
      true,
    );
    expect(dimensionAllowed('hour', ['tickets_created'], momentary, quarter)).toBe(false);
    expect(dimensionAllowed('day', ['tickets_created'], momentary, quarter)).toBe(true);
  });
});

describe("a dimension's values", () => {
  const labels = { team: { '3': 'Technical Support' } };
  it('are names for ids, translated choices and dates', () => {
    expect(dimensionValue('team', 3, labels, en, 'en')).toBe('Technical Support');
    expect(dimensionValue('team', null, labels, en, 'en')).toBe('No team');
    expect(dimensionValue('priority', 'urgent', labels, en, 'en')).toBe('Urgent');
    expect(dimensionValue('day', '2026-11-23', labels, en, 'en')).toBe('23 Nov 2026');
    expect(dimensionValue('day', '2026-11-23', labels, en, 'en', true)).toBe('23 Nov');
    expect(dimensionValue('weekday', 1, labels, hi, 'hi')).toBe('सोमवार');
    expect(dimensionValue('tag', null, labels, hi, 'hi')).toBe('(कोई नहीं)');
  });
});
