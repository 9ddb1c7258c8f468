import { describe, expect, it } from 'vitest';
import { answerTable, safeCell, toCsv } from './export.js';

describe('exports', () => {
  it('keeps formula-looking cells as text', () => {
    for (const v of ['=HYPERLINK("http://x")', '+91 98765', '-2', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(safeCell(v)).toBe(`'${v}`);
    }
    expect(safeCell('Payments')).toBe('Payments');
    expect(safeCell(-2)).toBe(-2);
    expect(safeCell(null)).toBeNull();
  });
  it('writes RFC 4180 CSV with a byte order mark, quoting what needs it', () => {
    expect(
      toCsv([
        ['a', 'b,c'],
        ['say "hi"', 3],
        [null, '=cmd'],
      ]),
    ).toBe('\uFEFFa,"b,c"\r\n"say ""hi""",3\r\n,\'=cmd\r\n');
  });
  it('turns an answer into a table with names for ids and a totals row, in Hindi too', () => {
    const answer = {
      rows: [
        { team: 1, tickets_created: 5 },
        { team: null, tickets_created: 1 },
      ],
      totals: { tickets_created: 6 },
      labels: { team: { '1': '=Payments' } },
    };
    expect(answerTable(answer, ['team'], ['tickets_created'], 'hi')).toEqual([
      ['टीम', 'tickets_created'],
      ['=Payments', 5],
      ['(कोई नहीं)', 1],
      ['कुल', 6],
    ]);
    expect(toCsv(answerTable(answer, ['team'], ['tickets_created'], 'en'))).toContain("'=Payments,5");
  });
});
