// Figures of the feedback inbox in the UI language: percentages, the NPS, and theme trends.
import { intlLocale } from '../i18n/format';
import type { SurveyKind } from './scores';

const DASH = '—';

/** 82.5 (0–100) → "82.5%"; null → "—". */
export function formatPercent(value: number | null, language: string): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  return new Intl.NumberFormat(intlLocale(language), { style: 'percent', maximumFractionDigits: 1 }).format(
    value / 100,
  );
}

/** A share 0–1 → "35%". */
export function formatShare(value: number, language: string): string {
  return formatPercent(value * 100, language);
}

/** The summary's score: CSAT as a percentage of satisfied answers, NPS as a signed whole number. */
export function formatScore(kind: SurveyKind, value: number | null, language: string): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  if (kind === 'csat') return formatPercent(value, language);
  return new Intl.NumberFormat(intlLocale(language), { signDisplay: 'exceptZero', maximumFractionDigits: 0 }).format(
    value,
  );
}

export type TrendDirection = 'up' | 'down' | 'flat';

/** A theme's trend in percentage points: its direction and the size as "+4.5" / "−2". Null: no earlier data. */
export function trendParts(
  trend: number | null,
  language: string,
): { direction: TrendDirection; points: string } | null {
  if (trend === null || !Number.isFinite(trend)) return null;
  const rounded = Math.round(trend * 10) / 10;
  const direction: TrendDirection = rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'flat';
  const points = new Intl.NumberFormat(intlLocale(language), {
    signDisplay: 'exceptZero',
    maximumFractionDigits: 1,
  }).format(rounded);
  return { direction, points };
}

export const TREND_ARROW: Record<TrendDirection, string> = { up: '↑', down: '↓', flat: '→' };

/** A time in milliseconds as the ISO string the date helpers take. */
export function isoFromMs(ms: number): string {
  return new Date(ms).toISOString();
}
