// PDFs of the dashboard and of saved reports, made on the server without a browser: pdfkit lays
// out the page (its fontkit shapes Devanagari: matras reordered, conjuncts joined), charts are
// ECharts' server-side SVG drawn into the PDF by svg-to-pdfkit. Noto Sans for Latin text and Noto
// Sans Devanagari for Hindi; a line mixing both is split into runs by script, each in its font
// (the Devanagari files carry no Latin punctuation).
import { createRequire } from 'node:module';
import path from 'node:path';
import * as echarts from 'echarts';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { Locale } from '../platform/errors.js';
import { answerTable, type CellValue } from './export.js';
import { formatValue, metricLabel } from './labels.js';
import type { QueryAnswer } from './service.js';

const require = createRequire(import.meta.url);
const fontFile = (pkg: string, file: string) =>
  path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'files', file);
const FONTS = {
  latin: fontFile('@fontsource/noto-sans', 'noto-sans-latin-400-normal.woff'),
  latinBold: fontFile('@fontsource/noto-sans', 'noto-sans-latin-700-normal.woff'),
  deva: fontFile('@fontsource/noto-sans-devanagari', 'noto-sans-devanagari-devanagari-400-normal.woff'),
  devaBold: fontFile('@fontsource/noto-sans-devanagari', 'noto-sans-devanagari-devanagari-700-normal.woff'),
};

const MARGIN = 48;
const DEVANAGARI = /[\u0900-\u097F\u1CD0-\u1CFF\uA8E0-\uA8FF\u200C\u200D]/;

/** Runs of one script: Devanagari (with the joiners and the spaces between its words) or not. */
export function scriptRuns(text: string): { deva: boolean; text: string }[] {
  const runs: { deva: boolean; text: string }[] = [];
  for (const ch of text) {
    const deva = DEVANAGARI.test(ch);
    const last = runs.at(-1);
    // A space stays in the run it is in: it separates words, not scripts.
    if (last && (last.deva === deva || ch === ' ')) last.text += ch;
    else runs.push({ deva, text: ch });
  }
  return runs;
}

type Doc = PDFKit.PDFDocument;

function write(
  doc: Doc,
  text: string,
  o: {
    size?: number;
    bold?: boolean;
    x?: number;
    y?: number;
    width?: number;
    align?: 'left' | 'right' | 'center';
    color?: string;
  } = {},
) {
  const runs = scriptRuns(text || ' ');
  doc.fontSize(o.size ?? 10).fillColor(o.color ?? '#1a1b1e');
  runs.forEach((r, i) => {
    doc.font(r.deva ? (o.bold ? 'deva-bold' : 'deva') : o.bold ? 'latin-bold' : 'latin');
    const opts = {
      continued: i < runs.length - 1,
      ...(o.width ? { width: o.width } : {}),
      ...(o.align ? { align: o.align } : {}),
    };
    if (i === 0 && o.x !== undefined) doc.text(r.text, o.x, o.y, opts);
    else doc.text(r.text, opts);
  });
}

/**
 * One line in a table cell. pdfkit's `continued` text cannot align a line whose runs use different
 * fonts, so the runs are measured and placed one after the other; text too wide is cut.
 */
function writeCell(doc: Doc, text: string, o: { x: number; y: number; width: number; bold: boolean; right: boolean }) {
  const runs = scriptRuns(text || ' ').map((r) => {
    const font = r.deva ? (o.bold ? 'deva-bold' : 'deva') : o.bold ? 'latin-bold' : 'latin';
    doc.font(font).fontSize(9);
    return { ...r, font, w: doc.widthOfString(r.text) };
  });
  const total = runs.reduce((a, r) => a + r.w, 0);
  let x = o.right ? o.x + Math.max(0, o.width - total) : o.x;
  doc.fillColor('#1a1b1e');
  for (const r of runs) {
    if (x - o.x + r.w > o.width + 0.5) break;
    doc.font(r.font).fontSize(9).text(r.text, x, o.y, { lineBreak: false });
    x += r.w;
  }
}

function newDoc(title: string): Doc {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: title, Producer: 'Sahayak' } });
  doc.registerFont('latin', FONTS.latin);
  doc.registerFont('latin-bold', FONTS.latinBold);
  doc.registerFont('deva', FONTS.deva);
  doc.registerFont('deva-bold', FONTS.devaBold);
  return doc;
}

function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** A table with a header row; long tables continue on new pages. */
function table(doc: Doc, rows: string[][], widths: number[]) {
  const rowHeight = 18;
  rows.forEach((row, r) => {
    if (doc.y + rowHeight > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    if (r === 0)
      doc
        .rect(
          MARGIN,
          y - 3,
          widths.reduce((a, b) => a + b, 0),
          rowHeight,
        )
        .fill('#f1f3f5');
    let x = MARGIN;
    row.forEach((cell, c) => {
      writeCell(doc, cell, { x: x + 4, y, width: widths[c]! - 8, bold: r === 0, right: c > 0 });
      x += widths[c]!;
    });
    doc.x = MARGIN;
    doc.y = y + rowHeight;
  });
  doc.moveDown(0.5);
}

/** An ECharts chart rendered to SVG on the server and drawn into the PDF. */
function chart(doc: Doc, option: echarts.EChartsOption, height = 220) {
  const width = doc.page.width - 2 * MARGIN;
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
  const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  c.setOption({ animation: false, textStyle: { fontFamily: 'SahayakLatin' }, ...option });
  const svg = c.renderToSVGString();
  c.dispose();
  const y = doc.y;
  SVGtoPDF(doc, svg, MARGIN, y, {
    width,
    height,
    // Labels name their font family by script (see rich()).
    fontCallback: (family: string, bold: boolean) =>
      family.includes('SahayakDeva') ? (bold ? 'deva-bold' : 'deva') : bold ? 'latin-bold' : 'latin',
  });
  doc.x = MARGIN;
  doc.y = y + height + 8;
}

/** ECharts rich text for a label: each script run in its own font family (see chart()). */
const RICH = { d: { fontFamily: 'SahayakDeva' }, l: { fontFamily: 'SahayakLatin' } };
function rich(text: string): string {
  return scriptRuns(text)
    .map((r) => `{${r.deva ? 'd' : 'l'}|${r.text.replace(/[{}|]/g, ' ')}}`)
    .join('');
}

function cellText(v: CellValue, metric: string | null, locale: Locale): string {
  if (v === null) return '–';
  if (metric && typeof v === 'number') return formatValue(metric, v, locale);
  return String(v);
}

export interface PdfSection {
  title: string;
  answer: Pick<QueryAnswer, 'rows' | 'totals' | 'labels'> & { previous?: Record<string, number | null> };
  metrics: string[];
  dimensions: string[];
  chart?: 'bar' | 'line' | 'table';
}

/** A document: a heading, a line about the period and filters, then sections (a chart and a table each). */
export async function renderPdf(input: {
  title: string;
  subtitle: string;
  locale: Locale;
  sections: PdfSection[];
}): Promise<Buffer> {
  const { locale } = input;
  const doc = newDoc(input.title);
  write(doc, input.title, { size: 18, bold: true });
  write(doc, input.subtitle, { size: 9, color: '#5c5f66' });
  doc.moveDown(0.8);
  const width = doc.page.width - 2 * MARGIN;
  for (const s of input.sections) {
    write(doc, s.title, { size: 13, bold: true });
    doc.moveDown(0.3);
    const dim = s.dimensions[0];
    if (s.chart && s.chart !== 'table' && dim && s.answer.rows.length) {
      const categories = s.answer.rows.map((r) => {
        const v = r[dim] ?? null;
        const names = (s.answer.labels as Record<string, Record<string, string> | undefined>)[dim];
        return v === null ? '–' : (names?.[String(v)] ?? String(v));
      });
      chart(doc, {
        legend: { top: 0, formatter: rich, textStyle: { fontSize: 10, rich: RICH } },
        grid: { left: 48, right: 16, top: 28, bottom: 40 },
        xAxis: { type: 'category', data: categories, axisLabel: { fontSize: 9, formatter: rich, rich: RICH } },
        yAxis: { type: 'value', axisLabel: { fontSize: 9 } },
        series: s.metrics.map((m) => ({
          type: s.chart === 'line' ? 'line' : 'bar',
          name: metricLabel(m, locale),
          data: s.answer.rows.map((r) => (typeof r[m] === 'number' ? (r[m] as number) : 0)),
        })),
      });
    }
    if (s.dimensions.length) {
      const raw = answerTable(s.answer, s.dimensions, s.metrics, locale);
      const rows = raw.map((row, r) =>
        row.map((v, c) => {
          if (r === 0) return c < s.dimensions.length ? String(v) : metricLabel(String(v), locale);
          return cellText(v, c < s.dimensions.length ? null : s.metrics[c - s.dimensions.length]!, locale);
        }),
      );
      const first = Math.min(160, width / (s.metrics.length + 1) + 40);
      const rest = (width - first) / Math.max(1, s.metrics.length + s.dimensions.length - 1);
      table(
        doc,
        rows,
        rows[0]!.map((_, i) => (i === 0 ? first : rest)),
      );
    } else {
      // Headline figures: one row per metric, with the previous period when known.
      const prev = s.answer.previous;
      const head = [
        locale === 'hi' ? 'मीट्रिक' : 'Metric',
        locale === 'hi' ? 'मान' : 'Value',
        ...(prev ? [locale === 'hi' ? 'पिछली अवधि' : 'Previous period'] : []),
      ];
      const rows = s.metrics.map((m) => [
        metricLabel(m, locale),
        formatValue(m, s.answer.totals[m] ?? null, locale),
        ...(prev ? [formatValue(m, prev[m] ?? null, locale)] : []),
      ]);
      table(doc, [head, ...rows], prev ? [width / 2, width / 4, width / 4] : [width / 2, width / 2]);
    }
    doc.moveDown(0.6);
  }
  return finish(doc);
}
