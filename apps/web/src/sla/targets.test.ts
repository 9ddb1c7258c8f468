import { describe, expect, it } from 'vitest';
import { durationParts, joinMinutes, splitMinutes, targetLines } from './targets';

describe('SLA targets in words', () => {
  it('says whole days from two days up, else hours and minutes', () => {
    expect(durationParts(4320)).toEqual([{ unit: 'days', n: 3 }]);
    expect(durationParts(1440)).toEqual([{ unit: 'hours', n: 24 }]);
    expect(durationParts(90)).toEqual([
      { unit: 'hours', n: 1 },
      { unit: 'minutes', n: 30 },
    ]);
    expect(durationParts(45)).toEqual([{ unit: 'minutes', n: 45 }]);
    expect(durationParts(2 * 1440 + 60)).toEqual([{ unit: 'hours', n: 49 }]);
  });

  it('splits and joins the editor inputs; both empty is no target', () => {
    expect(splitMinutes(90)).toEqual({ hours: 1, minutes: 30 });
    expect(joinMinutes(1, 30)).toBe(90);
    expect(joinMinutes('', 45)).toBe(45);
    expect(joinMinutes(8, '')).toBe(480);
    expect(joinMinutes('', '')).toBeUndefined();
    expect(joinMinutes(0, '')).toBe(0);
  });

  it('lists targets by priority, most pressing first, or once when every priority has the same', () => {
    expect(
      targetLines({ high: { firstReply: 240, resolution: 1440 }, urgent: { resolution: 480, firstReply: 60 } }),
    ).toEqual([
      {
        priority: 'urgent',
        targets: [
          { metric: 'firstReply', minutes: 60 },
          { metric: 'resolution', minutes: 480 },
        ],
      },
      {
        priority: 'high',
        targets: [
          { metric: 'firstReply', minutes: 240 },
          { metric: 'resolution', minutes: 1440 },
        ],
      },
    ]);
    const same = { firstReply: 480, nextReply: 1440 };
    expect(targetLines({ low: same, normal: same, high: same, urgent: same })).toEqual([
      {
        priority: null,
        targets: [
          { metric: 'firstReply', minutes: 480 },
          { metric: 'nextReply', minutes: 1440 },
        ],
      },
    ]);
    expect(targetLines({})).toEqual([]);
  });
});
