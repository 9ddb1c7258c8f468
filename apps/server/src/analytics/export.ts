// Tables as files: CSV (and the cells every export shares). A cell that a spreadsheet would read as
// a formula (= + - @, also after a tab or carriage return) is prefixed with ' so it stays text.
import type { Locale } from '../platform/errors.js';
import { DIMENSION } from './labels.js';
import type { QueryAnswer } from './service.js';

export type CellValue = string | number | null;

/** Text a spreadsheet will not run: formula-looking strings get a leading apostrophe. */
export function safeCell(v: CellValue): CellValue {
  if (typeof v !== 'string') return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function csvField(v: CellValue): string {
  const s = v === null ? '' : String(safeCell(v));
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** RFC 4180 CSV with a UTF-8 byte order mark, so spreadsheet programs read Hindi correctly. */
export function toCsv(rows: CellValue[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * A query answer as a table: a header row (dimension names in the viewer's language, metric keys as
 * the API names them), one row per result row with names for ids, and a totals row.
 */
export function answerTable(
  a: Pick<QueryAnswer, 'rows' | 'totals' | 'labels'>,
  dims: string[],
  metrics: string[],
  locale: Locale,
): CellValue[][] {
  const label = (d: string, v: CellValue): CellValue => {
    if (v === null) return locale === 'hi' ? '(कोई नहीं)' : '(none)';
    const names = (a.labels as Record<string, Record<string, string> | undefined>)[d];
    return names?.[String(v)] ?? v;
  };
  const header = [...dims.map((d) => DIMENSION[d]?.[locale] ?? d), ...metrics];
  const body = a.rows.map((r) => [...dims.map((d) => label(d, r[d] ?? null)), ...metrics.map((m) => r[m] ?? null)]);
  const totals = dims.length
    ? [[locale === 'hi' ? 'कुल' : 'Total', ...dims.slice(1).map(() => ''), ...metrics.map((m) => a.totals[m] ?? null)]]
    : [];
  return dims.length ? [header, ...body, ...totals] : [metrics, metrics.map((m) => a.totals[m] ?? null)];
}
