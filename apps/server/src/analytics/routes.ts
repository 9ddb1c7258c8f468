// HTTP routes of analytics: the metric query API, drill-downs, trend flags and the catalogue.
import type { App } from '../platform/http/types.js';
import { answerTable, toCsv } from './export.js';
import {
  AnalyticsAlerts,
  AnalyticsAlertsQuery,
  AnalyticsExportQuery,
  AnalyticsQuery,
  AnalyticsResult,
  AnalyticsTicketList,
  AnalyticsTicketsQuery,
  MetricCatalogue,
} from './schema.js';
import { analyticsAlerts, metricCatalogue, prepareQuery, runQuery, ticketsBehindNumber } from './service.js';
import { toXlsx } from './xlsx.js';

export function registerAnalyticsRoutes(app: App): void {
  const tags = ['analytics'];
  app.get(
    '/api/v1/analytics/query',
    {
      schema: {
        tags,
        summary: 'KPIs (metrics) broken down by dimensions over a period of local dates',
        description:
          'Metrics: see /api/v1/analytics/metrics (times in seconds, rates in percent). Dimensions: agent, team, ' +
          'channel, priority, type, organisation, tag, hour, day, week, month, weekday, hour_of_day, backlog_age.',
        querystring: AnalyticsQuery,
        response: { 200: AnalyticsResult },
      },
    },
    async (req) => {
      const q = await prepareQuery(req.ctx, req.query);
      const answer = await runQuery(req.ctx, q);
      return {
        from: q.from,
        to: q.to,
        tz: q.tz,
        metrics: q.metrics.map((m) => m.key),
        dimensions: q.dimensions,
        ...answer,
      };
    },
  );
  app.get(
    '/api/v1/analytics/tickets',
    {
      schema: {
        tags,
        summary: 'The tickets behind one number: a metric, a period, filters and the cell of a breakdown',
        querystring: AnalyticsTicketsQuery,
        response: { 200: AnalyticsTicketList },
      },
    },
    (req) => ticketsBehindNumber(req.ctx, req.query),
  );
  app.get(
    '/api/v1/analytics/export',
    {
      schema: {
        tags,
        summary:
          "A query's table as a CSV or XLSX file (same parameters as /analytics/query; names for ids, a totals row)",
        querystring: AnalyticsExportQuery,
      },
    },
    async (req, reply) => {
      const q = await prepareQuery(req.ctx, req.query);
      const answer = await runQuery(req.ctx, q);
      const table = answerTable(
        answer,
        q.dimensions,
        q.metrics.map((m) => m.key),
        req.ctx.locale,
      );
      const name = `sahayak-${q.from}-${q.to}`;
      if (req.query.format === 'xlsx') {
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('Content-Disposition', `attachment; filename="${name}.xlsx"`)
          .send(toXlsx(table));
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${name}.csv"`)
        .send(toCsv(table));
    },
  );
  app.get(
    '/api/v1/analytics/alerts',
    {
      schema: {
        tags,
        summary: 'Trend flags: KPIs worse than the period before, and tags rising above their usual volume',
        querystring: AnalyticsAlertsQuery,
        response: { 200: AnalyticsAlerts },
      },
    },
    (req) => analyticsAlerts(req.ctx, req.query),
  );
  app.get(
    '/api/v1/analytics/metrics',
    {
      schema: {
        tags,
        summary: 'The metrics and dimensions the query API knows',
        response: { 200: MetricCatalogue },
      },
    },
    (req) => metricCatalogue(req.ctx),
  );
}
