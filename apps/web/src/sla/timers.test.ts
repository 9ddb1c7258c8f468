import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import type { SlaTimer } from '../tickets/api';
import {
  formatSlaDuration,
  mostUrgent,
  nextChange,
  slaBadgeLabel,
  slaBadgeText,
  slaState,
  slaTimeLeft,
} from './timers';

const en = i18n.getFixedT('en');
const hi = i18n.getFixedT('hi');

const NOW = Date.parse('2026-05-04T10:00:00.000Z');
const MIN = 60_000;
const iso = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

/** A counting target of `minutes`, started `ago` ms before NOW. */
function running(metric: SlaTimer['metric'], minutes: number, ago: number): SlaTimer {
  const started = NOW - ago;
  return {
    metric,
    targetMinutes: minutes,
    startedAt: new Date(started).toISOString(),
    paused: false,
    dueAt: new Date(started + minutes * MIN).toISOString(),
    warnAt: new Date(started + minutes * MIN * 0.75).toISOString(),
    remainingMs: null,
  };
}

function paused(metric: SlaTimer['metric'], remainingMs: number): SlaTimer {
  return {
    metric,
    targetMinutes: 240,
    startedAt: iso(-60 * MIN),
    paused: true,
    dueAt: null,
    warnAt: null,
    remainingMs,
  };
}

describe('the state of a target', () => {
  it('is ok with more than a quarter left, a warning in its last quarter, breached once due', () => {
    expect(slaState(running('first_reply', 60, 10 * MIN), NOW)).toBe('ok');
    expect(slaState(running('first_reply', 60, 45 * MIN), NOW)).toBe('warning');
    expect(slaState(running('first_reply', 60, 60 * MIN), NOW)).toBe('breached');
    expect(slaState(running('first_reply', 60, 95 * MIN), NOW)).toBe('breached');
  });

  it('is paused while stopped, unless it had already run out', () => {
    expect(slaState(paused('resolution', 3 * 3600_000), NOW)).toBe('paused');
    const ranOut = { ...paused('resolution', 0), dueAt: iso(-5 * MIN) };
    expect(slaState(ranOut, NOW)).toBe('breached');
  });

  it('counts the time left, over, or left when the clock runs again', () => {
    expect(slaTimeLeft(running('first_reply', 60, 10 * MIN), NOW)).toBe(50 * MIN);
    expect(slaTimeLeft(running('first_reply', 60, 95 * MIN), NOW)).toBe(35 * MIN);
    expect(slaTimeLeft(paused('resolution', 3 * 3600_000), NOW)).toBe(3 * 3600_000);
  });
});

describe('the most urgent target', () => {
  it('puts breached before warning before ok before paused', () => {
    const ok = running('resolution', 600, 0);
    const warning = running('next_reply', 60, 50 * MIN);
    const breached = running('first_reply', 30, 40 * MIN);
    const stopped = paused('resolution', MIN);
    expect(mostUrgent([ok, warning, breached, stopped], NOW)).toBe(breached);
    expect(mostUrgent([ok, warning, stopped], NOW)).toBe(warning);
    expect(mostUrgent([stopped, ok], NOW)).toBe(ok);
    expect(mostUrgent([stopped], NOW)).toBe(stopped);
    expect(mostUrgent([], NOW)).toBeNull();
  });

  it('takes the one due soonest, or the most overdue, within a state', () => {
    const soon = running('first_reply', 60, 0);
    const later = running('resolution', 600, 0);
    expect(mostUrgent([later, soon], NOW)).toBe(soon);
    const longOver = running('first_reply', 30, 120 * MIN);
    const justOver = running('resolution', 60, 61 * MIN);
    expect(mostUrgent([justOver, longOver], NOW)).toBe(longOver);
  });

  it('knows when the next badge turns', () => {
    const t = running('first_reply', 60, 10 * MIN);
    expect(nextChange([t], NOW)).toBe(NOW + 35 * MIN);
    expect(nextChange([running('first_reply', 60, 50 * MIN)], NOW)).toBe(NOW + 10 * MIN);
    expect(nextChange([running('first_reply', 60, 70 * MIN), paused('resolution', MIN)], NOW)).toBeNull();
  });
});

describe('durations', () => {
  it('reads short and long in English, two units at most', () => {
    expect(formatSlaDuration(135 * MIN, en, 'en')).toBe('2h 15m');
    expect(formatSlaDuration(135 * MIN, en, 'en', { style: 'long' })).toBe('2 h 15 min');
    expect(formatSlaDuration(3 * 3600_000, en, 'en')).toBe('3h');
    expect(formatSlaDuration((3 * 24 + 4) * 3600_000 + 5 * MIN, en, 'en', { round: 'down' })).toBe('3d 4h');
    expect(formatSlaDuration(24 * 3600_000, en, 'en', { style: 'long' })).toBe('1 day');
    expect(formatSlaDuration(35 * MIN + 59_000, en, 'en', { round: 'down' })).toBe('35m');
  });

  it('rounds time left up and time over down, and says so under a minute', () => {
    expect(formatSlaDuration(20_000, en, 'en')).toBe('1m');
    expect(formatSlaDuration(59 * MIN + 1, en, 'en')).toBe('1h');
    expect(formatSlaDuration(20_000, en, 'en', { round: 'down' })).toBe('<1m');
    expect(formatSlaDuration(0, en, 'en', { style: 'long' })).toBe('less than a minute');
  });

  it('speaks Hindi, with the singular hour', () => {
    expect(formatSlaDuration(135 * MIN, hi, 'hi')).toBe('2 घं 15 मि');
    expect(formatSlaDuration(135 * MIN, hi, 'hi', { style: 'long' })).toBe('2 घंटे 15 मिनट');
    expect(formatSlaDuration(65 * MIN, hi, 'hi', { style: 'long' })).toBe('1 घंटा 5 मिनट');
    expect(formatSlaDuration(2 * 24 * 3600_000, hi, 'hi', { style: 'long' })).toBe('2 दिन');
  });
});

describe('badge text and label', () => {
  it('counts down, over and paused in English', () => {
    const ok = running('first_reply', 180, 45 * MIN);
    expect(slaBadgeText(ok, NOW, en, 'en')).toBe('2h 15m left');
    expect(slaBadgeLabel(ok, NOW, en, 'en')).toBe('First reply due in 2 h 15 min');
    const over = running('resolution', 60, 95 * MIN);
    expect(slaBadgeText(over, NOW, en, 'en')).toBe('overdue 35m');
    expect(slaBadgeLabel(over, NOW, en, 'en')).toBe('Resolution overdue by 35 min');
    const stopped = paused('next_reply', 3 * 3600_000);
    expect(slaBadgeText(stopped, NOW, en, 'en')).toBe('paused · 3h left');
    expect(slaBadgeLabel(stopped, NOW, en, 'en')).toBe('Next reply paused with 3 h left');
  });

  it('says the same in Hindi', () => {
    const ok = running('first_reply', 180, 45 * MIN);
    expect(slaBadgeText(ok, NOW, hi, 'hi')).toBe('2 घं 15 मि बाकी');
    expect(slaBadgeLabel(ok, NOW, hi, 'hi')).toBe('पहला जवाब: 2 घंटे 15 मिनट में देना है');
    const over = running('resolution', 60, 95 * MIN);
    expect(slaBadgeText(over, NOW, hi, 'hi')).toBe('35 मि की देरी');
    expect(slaBadgeText(paused('next_reply', 3 * 3600_000), NOW, hi, 'hi')).toBe('रुका है · 3 घं बाकी');
  });
});
