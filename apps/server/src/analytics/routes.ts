// HTTP routes of analytics: the metric query API, drill-downs, trend flags and the catalogue.
import { IdParam } from '../platform/auth/schema.js';
import type { App } from '../platform/http/types.js';
import { dashboardPdf, reportPdf } from './documents.js';
import { answerTable, toCsv } from './export.js';
import * as reports from './reports.js';
import * as schedules from './schedules.js';
import {
  AnalyticsAlerts,
  AnalyticsAlertsQuery,
  AnalyticsExportQuery,
  AnalyticsPresence,
  AnalyticsPresenceQuery,
  AnalyticsQuery,
  AnalyticsResult,
  AnalyticsTicketList,
  AnalyticsTicketsQuery,
  CreateReportBody,
  CreateScheduleBody,
  MetricCatalogue,
  ReportEnvelope,
  ReportList,
  RunReportQuery,
  ScheduleEnvelope,
  ScheduleList,
  SendScheduleBody,
  SendScheduleResult,
  UpdateReportBody,
  UpdateScheduleBody,
} from './schema.js';
import {
  agentsOnline,
  analyticsAlerts,
  metricCatalogue,
  prepareQuery,
  runQuery,
  ticketsBehindNumber,
} from './service.js';
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
      if (req.query.lang) req.ctx.locale = req.query.lang;
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
    '/api/v1/analytics/presence',
    {
      schema: {
        tags,
        summary: 'Agents online by weekday and hour of day: the average number online (and away) in each slot',
        description:
          "From each person's availability history. Teams select their members; an agent sees only themselves, " +
          'a lead the members of their teams.',
        querystring: AnalyticsPresenceQuery,
        response: { 200: AnalyticsPresence },
      },
    },
    (req) => agentsOnline(req.ctx, req.query),
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

  const reportTags = ['analytics reports'];
  app.get(
    '/api/v1/analytics/reports',
    {
      schema: {
        tags: reportTags,
        summary: 'Saved reports: mine and those shared with my role',
        response: { 200: ReportList },
      },
    },
    (req) => reports.listReports(req.ctx),
  );
  app.post(
    '/api/v1/analytics/reports',
    {
      schema: {
        tags: reportTags,
        summary: 'Save a report (its definition is checked like a query)',
        body: CreateReportBody,
        response: { 201: ReportEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await reports.createReport(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/analytics/reports/:id',
    { schema: { tags: reportTags, summary: 'One saved report', params: IdParam, response: { 200: ReportEnvelope } } },
    (req) => reports.getReport(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/analytics/reports/:id',
    {
      schema: {
        tags: reportTags,
        summary: 'Change a report (its owner or an admin)',
        params: IdParam,
        body: UpdateReportBody,
        response: { 200: ReportEnvelope },
      },
    },
    (req) => reports.updateReport(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/analytics/reports/:id',
    { schema: { tags: reportTags, summary: 'Delete a report (its owner or an admin)', params: IdParam } },
    async (req, reply) => {
      await reports.deleteReport(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/analytics/reports/:id/run',
    {
      schema: {
        tags: reportTags,
        summary: "Run a report as the viewer: its period resolved today, the figures the viewer's role may see",
        params: IdParam,
        querystring: RunReportQuery,
        response: { 200: AnalyticsResult },
      },
    },
    (req) => reports.runReport(req.ctx, req.params.id, req.query.tz),
  );
  app.get(
    '/api/v1/analytics/reports/:id/pdf',
    {
      schema: {
        tags: reportTags,
        summary: "A saved report as a PDF (its chart and table, in the viewer's language), run as the viewer",
        params: IdParam,
        querystring: RunReportQuery,
      },
    },
    async (req, reply) => {
      if (req.query.lang) req.ctx.locale = req.query.lang;
      const { pdf, name } = await reportPdf(req.ctx, req.params.id, req.query.tz);
      return reply.type('application/pdf').header('Content-Disposition', `attachment; filename="${name}"`).send(pdf);
    },
  );
  app.get(
    '/api/v1/analytics/overview.pdf',
    {
      schema: {
        tags,
        summary:
          'The overview dashboard of a period as a PDF: headline KPIs against the period before, by day, by team',
        querystring: AnalyticsAlertsQuery,
      },
    },
    async (req, reply) => {
      if (req.query.lang) req.ctx.locale = req.query.lang;
      const { pdf, name } = await dashboardPdf(req.ctx, req.query);
      return reply.type('application/pdf').header('Content-Disposition', `attachment; filename="${name}"`).send(pdf);
    },
  );
  const scheduleTags = ['analytics: scheduled reports'];
  app.get(
    '/api/v1/analytics/schedules',
    {
      schema: {
        tags: scheduleTags,
        summary: "My scheduled reports (an admin: everyone's)",
        response: { 200: ScheduleList },
      },
    },
    (req) => schedules.listSchedules(req.ctx),
  );
  app.post(
    '/api/v1/analytics/schedules',
    {
      schema: {
        tags: scheduleTags,
        summary: 'Mail a saved report (or, with reportId null, the overview) weekly or monthly as a PDF',
        body: CreateScheduleBody,
        response: { 201: ScheduleEnvelope },
      },
    },
    async (req, reply) => reply.code(201).send(await schedules.createSchedule(req.ctx, req.body)),
  );
  app.get(
    '/api/v1/analytics/schedules/:id',
    {
      schema: {
        tags: scheduleTags,
        summary: 'One scheduled report',
        params: IdParam,
        response: { 200: ScheduleEnvelope },
      },
    },
    (req) => schedules.getSchedule(req.ctx, req.params.id),
  );
  app.patch(
    '/api/v1/analytics/schedules/:id',
    {
      schema: {
        tags: scheduleTags,
        summary: 'Change a scheduled report; changing when it goes out counts from now',
        params: IdParam,
        body: UpdateScheduleBody,
        response: { 200: ScheduleEnvelope },
      },
    },
    (req) => schedules.updateSchedule(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/v1/analytics/schedules/:id',
    { schema: { tags: scheduleTags, summary: 'Stop and delete a scheduled report', params: IdParam } },
    async (req, reply) => {
      await schedules.deleteSchedule(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/v1/analytics/schedules/:id/send',
    {
      schema: {
        tags: scheduleTags,
        summary: 'Send it now: a preview to me, or the real mail to its recipients (when it goes out next stays)',
        params: IdParam,
        body: SendScheduleBody,
        response: { 202: SendScheduleResult },
      },
    },
    async (req, reply) => reply.code(202).send(await schedules.sendScheduleNow(req.ctx, req.params.id, req.body.to)),
  );
}
