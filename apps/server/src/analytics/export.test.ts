import { crc32, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { answerTable, safeCell, toCsv } from './export.js';
import { toXlsx } from './xlsx.js';

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

/** Reads a ZIP archive back by its central directory (an independent check of the writer). */
function unzip(buf: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(p)).toBe(0x02014b50);
    const [method, crc, size, raw] = [
      buf.readUInt16LE(p + 10),
      buf.readUInt32LE(p + 16),
      buf.readUInt32LE(p + 20),
      buf.readUInt32LE(p + 24),
    ];
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = method === 8 ? inflateRawSync(buf.subarray(start, start + size)) : buf.subarray(start, start + size);
    expect(data.length).toBe(raw);
    expect(crc32(data)).toBe(crc);
    out.set(name, data.toString('utf8'));
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

describe('XLSX', () => {
  it('writes a workbook whose parts read back intact, Hindi and escaping included', () => {
    const files = unzip(
      toXlsx(
        [
          ['टीम', 'tickets_created'],
          ['भुगतान <A&B>', 12],
          ['=cmd', null],
        ],
        'Teams',
      ),
    );
    expect([...files.keys()].sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">टीम</t></is></c>');
    expect(sheet).toContain('<c r="A2" t="inlineStr"><is><t xml:space="preserve">भुगतान &lt;A&amp;B&gt;</t></is></c>');
    expect(sheet).toContain('<c r="B2"><v>12</v></c>');
    expect(sheet).toContain(`<c r="A3" t="inlineStr"><is><t xml:space="preserve">'=cmd</t></is></c>`);
    expect(sheet).not.toContain('r="B3"');
    expect(files.get('xl/workbook.xml')).toContain('<sheet name="Teams" sheetId="1" r:id="rId1"/>');
  });
});
