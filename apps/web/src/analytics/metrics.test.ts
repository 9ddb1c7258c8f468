import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import enJson from '../i18n/en.json';
import hiJson from '../i18n/hi.json';
import { KPI_METRICS, KPI_SECONDARY } from './hooks/useKpis';
import { deltaOf, formatDelta, formatDuration, formatMetric, isKnownMetric, METRIC_INFO, metricLabel } from './metrics';

const en = i18n.getFixedT('en');
const hi = i18n.getFixedT('hi');

describe('change against the previous period', () => {
  it('is better when fewer minutes pass before a reply or a solve', () => {
    expect(deltaOf('first_reply_time.median', 3600, 4800)).toEqual({
      direction: 'down',
      change: -25,
      unit: 'percent',
      verdict: 'better',
    });
    expect(deltaOf('full_resolution_time.p90', 9000, 6000)).toMatchObject({ direction: 'up', verdict: 'worse' });
  });

  it('is better when more tickets are solved in one touch, worse when more are reopened', () => {
    expect(deltaOf('one_touch_rate', 36.2, 33.7)).toEqual({
      direction: 'up',
      change: 2.5,
      unit: 'points',
      verdict: 'better',
    });
    expect(deltaOf('reopen_rate', 9.1, 7.9)).toMatchObject({ direction: 'up', change: 1.2, verdict: 'worse' });
    expect(deltaOf('tickets_solved', 1061, 1011)).toMatchObject({ direction: 'up', change: 4.9, verdict: 'better' });
  });

  it('takes no side on how many tickets came in', () => {
    expect(deltaOf('tickets_created', 1200, 1000)).toMatchObject({ direction: 'up', change: 20, verdict: 'neutral' });
  });

  it('has nothing to say about the backlog, a missing value, or an unknown metric', () => {
    expect(deltaOf('backlog', 57, 57)).toBeNull();
    expect(deltaOf('first_reply_time.median', null, 3600)).toBeNull();
    expect(deltaOf('first_reply_time.median', 3600, null)).toBeNull();
    expect(deltaOf('happiness', 90, 80)).toBeNull();
  });

  it('reads a change too small to show as no change, and a rise from zero as such', () => {
    expect(deltaOf('tickets_solved', 10001, 10000)).toMatchObject({ direction: 'same', verdict: 'neutral' });
    expect(deltaOf('tickets_solved', 0, 0)).toMatchObject({ direction: 'same', change: 0 });
    expect(deltaOf('tickets_solved', 4, 0)).toMatchObject({ direction: 'up', change: null, verdict: 'better' });
  });

  it('is written signed: percent for counts and times, percentage points for rates', () => {
    expect(formatDelta(deltaOf('tickets_solved', 1061, 1011)!, en, 'en')).toBe('+4.9%');
    expect(formatDelta(deltaOf('first_reply_time.median', 3600, 4800)!, en, 'en')).toBe('-25.0%');
    expect(formatDelta(deltaOf('reopen_rate', 9.1, 7.9)!, en, 'en')).toBe('+1.2 pp');
    expect(formatDelta(deltaOf('reopen_rate', 9.1, 7.9)!, hi, 'hi')).toBe('+1.2 प्रतिशत अंक');
    expect(formatDelta(deltaOf('tickets_solved', 4, 0)!, en, 'en')).toBe('up from none');
  });
});

describe('durations', () => {
  it('reads as at most two units in English', () => {
    expect(formatDuration(0, en, 'en')).toBe('0 s');
    expect(formatDuration(45, en, 'en')).toBe('45 s');
    expect(formatDuration(12 * 60 + 10, en, 'en')).toBe('12 min');
    expect(formatDuration(3600, en, 'en')).toBe('1 h');
    expect(formatDuration(2 * 3600 + 15 * 60, en, 'en')).toBe('2 h 15 min');
    expect(formatDuration(84748, en, 'en')).toBe('23 h 32 min');
    expect(formatDuration(3 * 86400 + 4 * 3600 + 100, en, 'en')).toBe('3 d 4 h');
    expect(formatDuration(2 * 86400, en, 'en')).toBe('2 d');
  });

  it('rounds up into the next unit rather than showing 60 min', () => {
    expect(formatDuration(59.6, en, 'en')).toBe('1 min');
    expect(formatDuration(3599, en, 'en')).toBe('1 h');
  });

  it('speaks Hindi, with the singular hour', () => {
    expect(formatDuration(45, hi, 'hi')).toBe('45 सेकंड');
    expect(formatDuration(2 * 3600 + 15 * 60, hi, 'hi')).toBe('2 घंटे 15 मिनट');
    expect(formatDuration(3600 + 5 * 60, hi, 'hi')).toBe('1 घंटा 5 मिनट');
    expect(formatDuration(3 * 86400 + 3600, hi, 'hi')).toBe('3 दिन 1 घंटा');
  });
});

describe('metric values and names', () => {
  it('writes counts with Indian grouping, rates with one decimal and a dash for no value', () => {
    expect(formatMetric('tickets_created', 123456, en, 'en')).toBe('1,23,456');
    expect(formatMetric('one_touch_rate', 33.6, en, 'en')).toBe('33.6%');
    expect(formatMetric('reopen_rate', 8, hi, 'hi')).toBe('8.0%');
    expect(formatMetric('replies_per_ticket', 1.94, en, 'en')).toBe('1.9');
    expect(formatMetric('first_reply_time.median', 5463, en, 'en')).toBe('1 h 31 min');
    expect(formatMetric('first_reply_time.median', null, en, 'en')).toBe('—');
  });

  it('names a time metric with its statistic in both languages', () => {
    expect(metricLabel('first_reply_time.median', en)).toBe('First reply time (median)');
    expect(metricLabel('first_reply_time.median', hi)).toBe('पहले जवाब में लगा समय (माध्यिका)');
    expect(metricLabel('tickets_solved', hi)).toBe('हल किए गए टिकट');
  });

  it('knows which keys the API answers for', () => {
    expect(isKnownMetric('tickets_solved')).toBe(true);
    expect(isKnownMetric('requester_wait_time.p90')).toBe(true);
    expect(isKnownMetric('requester_wait_time')).toBe(false);
    expect(isKnownMetric('tickets_solved.median')).toBe(false);
    expect(isKnownMetric('happiness')).toBe(false);
    expect(isKnownMetric('csat.mean')).toBe(false);
  });
});

describe('the metrics the server answers for', () => {
  // The server's own names of its metrics (apps/server/src/analytics/labels.ts), one per metric.
  const labels = readFileSync(new URL('../../../server/src/analytics/labels.ts', import.meta.url), 'utf8');
  const block = labels.slice(labels.indexOf('const METRIC:'), labels.indexOf('};', labels.indexOf('const METRIC:')));
  const serverMetrics = [...block.matchAll(/^\s+(\w+): \{ en:/gm)].map((m) => m[1] ?? '');

  it('are each known here, with a name in both languages', () => {
    expect(serverMetrics.length).toBeGreaterThan(20);
    expect(serverMetrics).toContain('sla_achievement');
    const names = (tree: { analytics: { metrics: Record<string, string> } }) => tree.analytics.metrics;
    const missing = serverMetrics.filter((m) => !METRIC_INFO[m] || !names(enJson)[m] || !names(hiJson)[m]);
    expect(missing).toEqual([]);
    expect(Object.keys(METRIC_INFO).filter((m) => !serverMetrics.includes(m))).toEqual([]);
  });

  it('include SLA achievement as a rate where higher is better, and breaches as counts', () => {
    expect(formatMetric('sla_first_reply_achievement', 92.5, en, 'en')).toBe('92.5%');
    expect(deltaOf('sla_achievement', 90, 95)).toMatchObject({ unit: 'points', verdict: 'worse' });
    expect(deltaOf('sla_resolution_breaches', 3, 6)).toMatchObject({ direction: 'down', verdict: 'better' });
    expect(metricLabel('sla_next_reply_breaches', hi)).toBe('SLA उल्लंघन: अगला जवाब');
    expect(isKnownMetric('sla_breaches')).toBe(true);
  });

  it('include CSAT and its survey response rate as rates where higher is better', () => {
    expect(isKnownMetric('csat')).toBe(true);
    expect(formatMetric('csat', 66.7, en, 'en')).toBe('66.7%');
    expect(formatMetric('survey_response_rate', 75, hi, 'hi')).toBe('75.0%');
    expect(formatMetric('csat_average', 4, en, 'en')).toBe('4.0');
    expect(formatMetric('csat_responses', 1234, en, 'en')).toBe('1,234');
    // From 80 % to 75 % satisfied: 5 points worse.
    expect(deltaOf('csat', 75, 80)).toMatchObject({ direction: 'down', change: -5, unit: 'points', verdict: 'worse' });
    expect(metricLabel('csat', en)).toBe('CSAT (% satisfied)');
    expect(metricLabel('csat', hi)).toBe('CSAT (संतुष्ट %)');
    expect(metricLabel('survey_response_rate', hi)).toBe('सर्वे जवाब दर');
  });

  it('include NPS as a signed score, not a percentage, and its answers and response rate', () => {
    expect(isKnownMetric('nps')).toBe(true);
    expect(formatMetric('nps', 25, en, 'en')).toBe('+25');
    expect(formatMetric('nps', -12.5, en, 'en')).toBe('-12.5');
    expect(formatMetric('nps', 0, hi, 'hi')).toBe('0');
    expect(formatMetric('nps', null, en, 'en')).toBe('—');
    expect(formatMetric('nps_response_rate', 80, en, 'en')).toBe('80.0%');
    expect(formatMetric('nps_responses', 4, en, 'en')).toBe('4');
    // From −10 to +15: 25 points better (a percent change of a signed score would mean nothing).
    expect(deltaOf('nps', 15, -10)).toMatchObject({ direction: 'up', change: 25, unit: 'points', verdict: 'better' });
    expect(metricLabel('nps', en)).toBe('NPS (−100 to 100)');
    expect(metricLabel('nps', hi)).toBe('NPS (−100 से 100)');
    expect(metricLabel('nps_response_rate', hi)).toBe('NPS जवाब दर');
  });
});

describe('the overview cards', () => {
  it('show CSAT and NPS, each with its survey response rate as its second line in both languages', () => {
    expect(KPI_METRICS).toContain('csat');
    expect(KPI_METRICS).toContain('nps');
    expect(KPI_SECONDARY).toEqual({ csat: 'survey_response_rate', nps: 'nps_response_rate' });
    for (const m of [...KPI_METRICS, ...Object.values(KPI_SECONDARY)]) expect(isKnownMetric(m), m).toBe(true);
    const line = (t: typeof en, language: string) =>
      t('analytics.kpi.secondary.survey_response_rate', {
        value: formatMetric('survey_response_rate', 75, t, language),
      });
    expect(line(en, 'en')).toBe('75.0% of surveys answered');
    expect(line(hi, 'hi')).toBe('75.0% सर्वे के जवाब मिले');
    const nps = (t: typeof en, language: string) =>
      t('analytics.kpi.secondary.nps_response_rate', { value: formatMetric('nps_response_rate', 40, t, language) });
    expect(nps(en, 'en')).toBe('40.0% of NPS surveys answered');
    expect(nps(hi, 'hi')).toBe('40.0% NPS सर्वे के जवाब मिले');
  });
});
