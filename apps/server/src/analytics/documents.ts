// The PDFs people download or receive: the overview dashboard of a period, and a saved report.
import type { Ctx } from '../platform/context.js';
import { readSettingsFor } from '../platform/settings/service.js';
import type { PdfSection } from './pdf.js';
import { type PeriodDates, runReportAnswer } from './reports.js';
import type { AnalyticsQueryIn } from './schema.js';
import { prepareQuery, runQuery } from './service.js';

/**
 * pdfkit, its fonts and echarts are loaded with the first PDF, not at start: they are a tenth of an
 * idle server's memory and most servers render a PDF rarely, if ever.
 */
const pdfRenderer = async () => (await import('./pdf.js')).renderPdf;

/** The overview's headline KPIs (the web app's cards). */
export const HEADLINE_METRICS = [
  'tickets_created',
  'tickets_solved',
  'backlog',
  'first_reply_time.median',
  'full_resolution_time.median',
  'requester_wait_time.median',
  'one_touch_rate',
  'reopen_rate',
  'sla_achievement',
  'csat',
  'survey_response_rate',
  'nps',
  'nps_response_rate',
];

function subtitle(ctx: Ctx, from: string, to: string, tz: string, company: string) {
  const hi = ctx.locale === 'hi';
  return `${company} · ${from} – ${to} · ${tz} · ${hi ? 'बनाया गया' : 'made'} ${new Date(ctx.deps.clock.now()).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The overview of a period as a PDF: headline figures against the period before, by team, by day. */
export async function dashboardPdf(ctx: Ctx, q: Omit<AnalyticsQueryIn, 'metrics' | 'dimensions' | 'compare'>) {
  const hi = ctx.locale === 'hi';
  const base = { ...q, compare: undefined };
  const headline = await prepareQuery(ctx, { ...base, metrics: HEADLINE_METRICS, compare: 'previous' });
  const byTeam = await prepareQuery(ctx, {
    ...base,
    metrics: [
      'tickets_created',
      'tickets_solved',
      'first_reply_time.median',
      'full_resolution_time.median',
      'one_touch_rate',
    ],
    dimensions: ['team'],
  });
  const byDay = await prepareQuery(ctx, {
    ...base,
    metrics: ['tickets_created', 'tickets_solved'],
    dimensions: ['day'],
  });
  const sections: PdfSection[] = [
    {
      title: hi ? 'मुख्य आँकड़े' : 'Headline figures',
      answer: await runQuery(ctx, headline),
      metrics: HEADLINE_METRICS,
      dimensions: [],
    },
    {
      title: hi ? 'प्रति दिन बने और हल हुए टिकट' : 'Tickets created and solved per day',
      answer: await runQuery(ctx, byDay),
      metrics: byDay.metrics.map((m) => m.key),
      dimensions: ['day'],
      chart: 'line',
    },
    {
      title: hi ? 'टीम के अनुसार' : 'By team',
      answer: await runQuery(ctx, byTeam),
      metrics: byTeam.metrics.map((m) => m.key),
      dimensions: ['team'],
    },
  ];
  const { companyName } = await readSettingsFor(ctx.deps.db.kysely);
  const pdf = await (await pdfRenderer())({
    title: hi ? 'सहायता प्रदर्शन' : 'Support performance',
    subtitle: subtitle(ctx, headline.from, headline.to, headline.tz, companyName),
    locale: ctx.locale,
    sections,
  });
  const { totals, previous } = sections[0]!.answer;
  return {
    pdf,
    name: `sahayak-${headline.from}-${headline.to}.pdf`,
    headline: { metrics: HEADLINE_METRICS, totals, previous: previous ?? null },
  };
}

/**
 * A saved report as a PDF, run as the viewer; `dates` replaces its own period (a scheduled mail).
 * `headline` is its totals against the period before.
 */
export async function reportPdf(ctx: Ctx, id: number, tz?: string, dates?: PeriodDates) {
  const { report, q, answer } = await runReportAnswer(ctx, id, tz, { dates, compare: true });
  const { companyName } = await readSettingsFor(ctx.deps.db.kysely);
  const pdf = await (await pdfRenderer())({
    title: report.name,
    subtitle: subtitle(ctx, q.from, q.to, q.tz, companyName),
    locale: ctx.locale,
    sections: [
      {
        title: report.name,
        answer,
        metrics: q.metrics.map((m) => m.key),
        dimensions: q.dimensions,
        chart: report.definition.chart,
      },
    ],
  });
  return {
    pdf,
    name: `sahayak-report-${id}-${q.from}-${q.to}.pdf`,
    headline: { metrics: q.metrics.map((m) => m.key), totals: answer.totals, previous: answer.previous ?? null },
  };
}
