// Figures of the feedback inbox, in both languages.
import { describe, expect, it } from 'vitest';
import { formatPercent, formatScore, formatShare, trendParts } from './format';

describe('feedback figures', () => {
  it('write percentages and a dash for none', () => {
    expect(formatPercent(82.5, 'en')).toBe('82.5%');
    expect(formatPercent(null, 'en')).toBe('—');
    expect(formatShare(0.35, 'en')).toBe('35%');
    expect(formatScore('csat', 90, 'en')).toBe('90%');
    expect(formatScore('nps', 42, 'en')).toBe('+42');
    expect(formatScore('nps', -12.4, 'en')).toBe('-12');
    expect(formatScore('nps', null, 'hi')).toBe('—');
  });

  it('give a theme trend its direction and size in points', () => {
    expect(trendParts(4.54, 'en')).toEqual({ direction: 'up', points: '+4.5' });
    expect(trendParts(-2, 'en')).toEqual({ direction: 'down', points: '-2' });
    expect(trendParts(0.01, 'en')).toEqual({ direction: 'flat', points: '0' });
    expect(trendParts(null, 'en')).toBeNull();
  });
});
