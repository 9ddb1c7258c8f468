// Request and response schemas of the analytics query API.
import { z } from 'zod';
import { Email, LocaleSchema, RoleSchema, TimeZone } from '../platform/auth/schema.js';
import { csv } from '../platform/http/csv.js';
import { Tag, TicketChannel, TicketList, TicketPriority, TicketType } from '../tickets/schema.js';

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
const Id = z.coerce.number().int().positive();

/**
 * GET /analytics/query. Metric and dimension names are checked by the service, which answers an
 * unknown one with the list of allowed names.
 */
export const AnalyticsQuery = z.object({
  metrics: csv(z.string().max(60)),
  dimensions: csv(z.string().max(30)).optional(),
  /** Local dates in `tz`, both included. */
  from: LocalDate,
  to: LocalDate,
  /** IANA time zone for dates and time buckets; default the organisation's. */
  tz: TimeZone.optional(),
  team: csv(z.union([z.literal('none'), Id])).optional(),
  agent: csv(z.union([z.literal('me'), Id])).optional(),
  channel: csv(TicketChannel).optional(),
  priority: csv(TicketPriority).optional(),
  type: csv(TicketType).optional(),
  tag: csv(Tag).optional(),
  organisation: csv(Id).optional(),
  /** `previous`: also the totals of the period of the same length just before. */
  compare: z.literal('previous').optional(),
  /** Language of files (exports, PDFs); default the user's. */
  lang: LocaleSchema.optional(),
});
export type AnalyticsQueryIn = z.output<typeof AnalyticsQuery>;

const Cell = z.union([z.number(), z.string(), z.null()]);
export const AnalyticsResult = z.object({
  from: z.string(),
  to: z.string(),
  tz: z.string(),
  metrics: z.array(z.string()),
  dimensions: z.array(z.string()),
  rows: z.array(z.record(z.string(), Cell)),
  totals: z.record(z.string(), z.number().nullable()),
  previous: z.record(z.string(), z.number().nullable()).optional(),
  labels: z.record(z.string(), z.record(z.string(), z.string())),
});

export const MetricCatalogue = z.object({
  metrics: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(['count', 'sum', 'rate', 'average', 'time']),
      /** What places its figures in a period: a ticket's moment, or (`activity`) when the agent acted. */
      anchor: z.enum(['created', 'solved', 'first_reply', 'now', 'activity']),
      keys: z.array(z.string()),
    }),
  ),
  dimensions: z.array(z.string()),
});

/** GET /analytics/tickets: the tickets behind one number — a metric, the query's period and filters, and the cell. */
export const AnalyticsTicketsQuery = AnalyticsQuery.omit({ metrics: true, dimensions: true, compare: true }).extend({
  metric: z.string().max(60),
  hour: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}$/, 'must be an hour as YYYY-MM-DDTHH')
    .optional(),
  day: LocalDate.optional(),
  week: LocalDate.optional(),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'must be a month as YYYY-MM')
    .optional(),
  weekday: z.coerce.number().int().min(1).max(7).optional(),
  hour_of_day: z.coerce.number().int().min(0).max(23).optional(),
  backlog_age: z.enum(['0-1d', '1-3d', '3-7d', '7-30d', '30d+']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type AnalyticsTicketsQueryIn = z.output<typeof AnalyticsTicketsQuery>;

export const AnalyticsTicketList = TicketList.extend({ total: z.number() });

/** GET /analytics/alerts: the period and filters of a query. */
export const AnalyticsAlertsQuery = AnalyticsQuery.omit({ metrics: true, dimensions: true, compare: true });

export const AnalyticsAlerts = z.object({
  from: z.string(),
  to: z.string(),
  tz: z.string(),
  flags: z.array(
    z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('kpi_worse'),
        metric: z.string(),
        team: z.union([z.number(), z.null(), z.literal('all')]),
        current: z.number(),
        previous: z.number(),
        changePct: z.number(),
        volume: z.number(),
      }),
      z.object({
        kind: z.literal('emerging_tag'),
        tag: z.string(),
        day: z.string(),
        tickets: z.number(),
        baselineMean: z.number(),
        baselineSd: z.number(),
      }),
    ]),
  ),
  labels: z.object({ team: z.record(z.string(), z.string()) }),
});

/**
 * GET /analytics/presence: agents online by weekday × hour of day. People, not tickets, so only the
 * period and the filters that select people: a team (its members) and agents.
 */
export const AnalyticsPresenceQuery = AnalyticsQuery.pick({ from: true, to: true, tz: true, agent: true }).extend({
  team: csv(Id).optional(),
});
export type AnalyticsPresenceQueryIn = z.output<typeof AnalyticsPresenceQuery>;

export const AnalyticsPresence = z.object({
  from: z.string(),
  to: z.string(),
  tz: z.string(),
  /** The 168 weekday × hour slots, Monday 00 first. */
  cells: z.array(
    z.object({
      weekday: z.number(),
      hour_of_day: z.number(),
      /** Average number of people online over this slot's hours in the period; null: none has passed yet. */
      online: z.number().nullable(),
      away: z.number().nullable(),
      /** Hours of the period (up to now) in this slot, e.g. the number of Mondays for Monday 09. */
      hours: z.number(),
    }),
  ),
  /** People with any availability in the period. */
  people: z.number(),
});

/** GET /analytics/export: a query's table as a file. */
export const AnalyticsExportQuery = AnalyticsQuery.extend({ format: z.enum(['csv', 'xlsx']).default('csv') });

// ---------- saved reports ----------

export const PeriodPreset = z.enum([
  'today',
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'this_month',
  'last_month',
]);

/** What a saved report asks: the query API's parameters, with a period that moves (a preset) or not. */
export const ReportDefinition = z.object({
  metrics: z.array(z.string().max(60)).min(1).max(20),
  dimensions: z.array(z.string().max(30)).max(2).default([]),
  period: z.union([z.object({ preset: PeriodPreset }), z.object({ from: LocalDate, to: LocalDate })]),
  filters: z
    .object({
      team: z
        .array(z.union([z.literal('none'), z.number().int().positive()]))
        .max(50)
        .optional(),
      agent: z
        .array(z.union([z.literal('me'), z.number().int().positive()]))
        .max(50)
        .optional(),
      channel: z.array(TicketChannel).max(7).optional(),
      priority: z.array(TicketPriority).max(4).optional(),
      type: z.array(TicketType).max(5).optional(),
      tag: z.array(Tag).max(50).optional(),
      organisation: z.array(z.number().int().positive()).max(50).optional(),
    })
    .strict()
    .default({}),
  chart: z.enum(['table', 'bar', 'line']).default('table'),
});
export type ReportDefinitionDto = z.output<typeof ReportDefinition>;

export const CreateReportBody = z.object({
  name: z.string().trim().min(1).max(200),
  definition: ReportDefinition,
  /** Roles that see the report besides its owner; each viewer sees only the figures their role may. */
  sharedRoles: z.array(RoleSchema).max(4).default([]),
  /** Shown on the analytics overview of everyone who sees it. */
  pinned: z.boolean().default(false),
});
export const UpdateReportBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  definition: ReportDefinition.optional(),
  sharedRoles: z.array(RoleSchema).max(4).optional(),
  pinned: z.boolean().optional(),
});

export const Report = z.object({
  id: z.number(),
  name: z.string(),
  ownerId: z.number(),
  ownerName: z.string(),
  definition: ReportDefinition,
  sharedRoles: z.array(RoleSchema),
  pinned: z.boolean(),
  /** The viewer may change or delete it (its owner, or an admin). */
  editable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ReportEnvelope = z.object({ report: Report });
export const ReportList = z.object({ items: z.array(Report) });
export const RunReportQuery = z.object({ tz: TimeZone.optional(), lang: LocaleSchema.optional() });

// ---------- scheduled reports ----------

export const ScheduleFrequency = z.enum(['weekly', 'monthly']);
/** The days a scheduled mail covers, counted back from the day it goes out (that day not included). */
export const SchedulePeriod = z.enum(['previous_week', 'previous_month', 'last_7_days', 'last_30_days']);
export type SchedulePeriodName = z.output<typeof SchedulePeriod>;

const scheduleFields = {
  name: z.string().trim().min(1).max(200),
  /** A saved report the owner sees; null: the overview dashboard. */
  reportId: z.number().int().positive().nullable(),
  frequency: ScheduleFrequency,
  /** ISO weekday of a weekly mail: 1 = Monday … 7 = Sunday. */
  weekday: z.number().int().min(1).max(7),
  /** Day of a monthly mail (up to 28, so every month has it). */
  dayOfMonth: z.number().int().min(1).max(28),
  /** Local hour it goes out. */
  hour: z.number().int().min(0).max(23),
  /** Default: the organisation's. */
  timeZone: TimeZone,
  locale: LocaleSchema,
  period: SchedulePeriod,
  recipients: z.array(Email).min(1).max(20),
  enabled: z.boolean(),
};

export const CreateScheduleBody = z.object({
  ...scheduleFields,
  reportId: scheduleFields.reportId.default(null),
  weekday: scheduleFields.weekday.default(1),
  dayOfMonth: scheduleFields.dayOfMonth.default(1),
  hour: scheduleFields.hour.default(8),
  timeZone: scheduleFields.timeZone.optional(),
  locale: scheduleFields.locale.default('en'),
  /** Default: the week or month before, after the frequency. */
  period: scheduleFields.period.optional(),
  enabled: scheduleFields.enabled.default(true),
});
export const UpdateScheduleBody = z.object(scheduleFields).partial();

export const Schedule = z.object({
  id: z.number(),
  name: z.string(),
  ownerId: z.number(),
  ownerName: z.string(),
  reportId: z.number().nullable(),
  /** The report's name, or null for the overview. */
  reportName: z.string().nullable(),
  frequency: ScheduleFrequency,
  weekday: z.number(),
  dayOfMonth: z.number(),
  hour: z.number(),
  timeZone: z.string(),
  locale: LocaleSchema,
  period: SchedulePeriod,
  recipients: z.array(z.string()),
  enabled: z.boolean(),
  nextRunAt: z.string().nullable(),
  lastSentAt: z.string().nullable(),
  /** Why the last run sent nothing, if it did not. */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ScheduleEnvelope = z.object({ schedule: Schedule });
export const ScheduleList = z.object({ items: z.array(Schedule) });
export const SendScheduleBody = z.object({
  /** `me`: a preview to the one who asks; `recipients`: the real mail, now (the schedule is not moved). */
  to: z.enum(['me', 'recipients']).default('me'),
});
export const SendScheduleResult = z.object({
  sentTo: z.array(z.string()),
  from: z.string(),
  to: z.string(),
});
