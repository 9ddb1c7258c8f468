// Scheduled reports: a saved report or the overview dashboard, mailed weekly or monthly to people who
// may never sign in (senior management) with the headline numbers in the body and the PDF attached.
// A schedule runs as its owner, so a lead's mail holds their teams' figures and nothing more.
//
// Timing: every enabled schedule carries the moment it is due next (next_run_at). A tick job runs on a
// five-minute grid of the clock (every whole local hour of every time zone is on it), finds the due
// schedules, claims each run by moving next_run_at forward in one UPDATE (so with several nodes a run
// is mailed once), renders the PDF and queues one mail per recipient through JobQueue. Ticks on a
// fixed grid share their job ids across nodes and restarts, and a restart picks up what fell due
// while the server was down.
import type { z } from 'zod';
import { userBriefs } from '../people/service.js';
import { iso } from '../platform/auth/dto.js';
import type { Actor, Ctx, Deps } from '../platform/context.js';
import { transaction } from '../platform/db/index.js';
import type { AnalyticsScheduleRow } from '../platform/db/types.js';
import { AppError, fieldError, type Locale } from '../platform/errors.js';
import { enqueueMail } from '../platform/mail/jobs.js';
import type { MailAttachment } from '../platform/mail/transport.js';
import { can, requirePermission } from '../platform/rbac.js';
import { readSettingsFor } from '../platform/settings/service.js';
import { dashboardPdf, reportPdf } from './documents.js';
import { formatValue, metricLabel } from './labels.js';
import * as repo from './repo.js';
import { getReport } from './reports.js';
import type { CreateScheduleBody, SchedulePeriodName, UpdateScheduleBody } from './schema.js';
import { addDays, localToday, localWallTime, parseDate } from './time.js';

export const SCHEDULE_TICK_JOB = 'analytics.schedule_tick';
/** Ticks fall on multiples of this (UTC), which include every whole hour of every zone's offset. */
export const TICK_MS = 5 * 60_000;

type Frequency = AnalyticsScheduleRow['frequency'];
type When = Pick<AnalyticsScheduleRow, 'frequency' | 'weekday' | 'day_of_month' | 'hour' | 'time_zone'>;

/** ISO weekday (1 = Monday … 7 = Sunday) of a local date. */
export function isoWeekday(date: string): number {
  const [y, m, d] = parseDate(date);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** The first moment strictly after `after` when a schedule goes out. */
export function nextRunAt(when: When, after: number): number {
  const today = localToday(when.time_zone, after);
  // A month has at most 31 days, so the next matching day is within 32 from today.
  for (let i = 0; i <= 32; i++) {
    const day = addDays(today, i);
    const matches =
      when.frequency === 'weekly' ? isoWeekday(day) === when.weekday : parseDate(day)[2] === when.day_of_month;
    if (!matches) continue;
    const at = localWallTime(when.time_zone, day, when.hour);
    if (at > after) return at;
  }
  throw new Error('no run within 32 days');
}

/** The local dates a mail covers when it goes out on `day` (that day itself is not over yet). */
export function periodDates(period: SchedulePeriodName, day: string): { from: string; to: string } {
  const yesterday = addDays(day, -1);
  switch (period) {
    case 'previous_week': {
      // Monday to Sunday of the last full week.
      const sunday = addDays(day, -isoWeekday(day));
      return { from: addDays(sunday, -6), to: sunday };
    }
    case 'previous_month': {
      const lastOfPrevious = addDays(`${day.slice(0, 7)}-01`, -1);
      return { from: `${lastOfPrevious.slice(0, 7)}-01`, to: lastOfPrevious };
    }
    case 'last_7_days':
      return { from: addDays(day, -7), to: yesterday };
    case 'last_30_days':
      return { from: addDays(day, -30), to: yesterday };
  }
}

const defaultPeriod = (f: Frequency): SchedulePeriodName => (f === 'weekly' ? 'previous_week' : 'previous_month');

// ---------- who sees what ----------

const canSee = (actor: Actor, r: AnalyticsScheduleRow) => r.owner_id === actor.userId || actor.role === 'admin';

async function visibleSchedule(ctx: Ctx, actor: Actor, id: number) {
  const row = await repo.findSchedule(ctx.deps.db.kysely, id);
  if (!row || !canSee(actor, row)) throw new AppError('schedule_not_found');
  return row;
}

async function toDtos(ctx: Ctx, rows: AnalyticsScheduleRow[]) {
  const db = ctx.deps.db.kysely;
  const owners = await userBriefs(
    db,
    rows.map((r) => r.owner_id),
  );
  const reportIds = [...new Set(rows.flatMap((r) => (r.report_id === null ? [] : [r.report_id])))];
  const reports = new Map<number, string>();
  for (const id of reportIds) {
    const report = await repo.findReport(db, id);
    if (report) reports.set(id, report.name);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    ownerId: r.owner_id,
    ownerName: owners.get(r.owner_id)?.name ?? '',
    reportId: r.report_id,
    reportName: r.report_id === null ? null : (reports.get(r.report_id) ?? null),
    frequency: r.frequency,
    weekday: r.weekday,
    dayOfMonth: r.day_of_month,
    hour: r.hour,
    timeZone: r.time_zone,
    locale: r.locale,
    period: r.period as SchedulePeriodName,
    recipients: JSON.parse(r.recipients) as string[],
    enabled: r.enabled === 1,
    nextRunAt: r.next_run_at === null ? null : iso(r.next_run_at),
    lastSentAt: r.last_sent_at === null ? null : iso(r.last_sent_at),
    lastError: r.last_error,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }));
}

/** The report must be one the owner may open (theirs or shared with their role). */
async function checkReport(ctx: Ctx, reportId: number | null) {
  if (reportId === null) return;
  try {
    await getReport(ctx, reportId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'report_not_found') throw fieldError('reportId', 'no_such_report');
    throw err;
  }
}

// ---------- commands ----------

export async function listSchedules(ctx: Ctx) {
  const actor = requirePermission(ctx, 'analytics.schedule');
  const rows = (await repo.listSchedules(ctx.deps.db.kysely)).filter((r) => canSee(actor, r));
  return { items: await toDtos(ctx, rows) };
}

export async function getSchedule(ctx: Ctx, id: number) {
  const actor = requirePermission(ctx, 'analytics.schedule');
  const [schedule] = await toDtos(ctx, [await visibleSchedule(ctx, actor, id)]);
  return { schedule: schedule! };
}

export async function createSchedule(ctx: Ctx, input: z.output<typeof CreateScheduleBody>) {
  const actor = requirePermission(ctx, 'analytics.schedule');
  await checkReport(ctx, input.reportId);
  const now = ctx.deps.clock.now();
  const timeZone = input.timeZone ?? (await readSettingsFor(ctx.deps.db.kysely)).defaultTimeZone;
  const when: When = {
    frequency: input.frequency,
    weekday: input.weekday,
    day_of_month: input.dayOfMonth,
    hour: input.hour,
    time_zone: timeZone,
  };
  const { id } = await transaction(ctx.deps.db, (trx) =>
    repo.insertSchedule(trx, {
      owner_id: actor.userId,
      name: input.name,
      report_id: input.reportId,
      ...when,
      locale: input.locale,
      period: input.period ?? defaultPeriod(input.frequency),
      recipients: JSON.stringify([...new Set(input.recipients)]),
      enabled: input.enabled ? 1 : 0,
      next_run_at: input.enabled ? nextRunAt(when, now) : null,
      last_sent_at: null,
      last_error: null,
      created_at: now,
      updated_at: now,
    }),
  );
  return getSchedule(ctx, id);
}

export async function updateSchedule(ctx: Ctx, id: number, input: z.output<typeof UpdateScheduleBody>) {
  const actor = requirePermission(ctx, 'analytics.schedule');
  const row = await visibleSchedule(ctx, actor, id);
  if (input.reportId !== undefined && input.reportId !== row.report_id) await checkReport(ctx, input.reportId);
  const when: When = {
    frequency: input.frequency ?? row.frequency,
    weekday: input.weekday ?? row.weekday,
    day_of_month: input.dayOfMonth ?? row.day_of_month,
    hour: input.hour ?? row.hour,
    time_zone: input.timeZone ?? row.time_zone,
  };
  const enabled = input.enabled ?? row.enabled === 1;
  const now = ctx.deps.clock.now();
  await transaction(ctx.deps.db, (trx) =>
    repo.updateSchedule(trx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.reportId !== undefined ? { report_id: input.reportId } : {}),
      ...when,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(input.period !== undefined ? { period: input.period } : {}),
      ...(input.recipients !== undefined ? { recipients: JSON.stringify([...new Set(input.recipients)]) } : {}),
      enabled: enabled ? 1 : 0,
      // Changing when it goes out starts afresh from now; the last error stays until a run succeeds.
      next_run_at: enabled ? nextRunAt(when, now) : null,
      updated_at: now,
    }),
  );
  return getSchedule(ctx, id);
}

export async function deleteSchedule(ctx: Ctx, id: number): Promise<void> {
  const actor = requirePermission(ctx, 'analytics.schedule');
  await visibleSchedule(ctx, actor, id);
  await transaction(ctx.deps.db, (trx) => repo.deleteSchedule(trx, id));
}

/**
 * "Send now": the mail of the period that would go out today, to the one who asks (a preview) or to
 * the recipients. When it goes out next is not changed.
 */
export async function sendScheduleNow(ctx: Ctx, id: number, to: 'me' | 'recipients') {
  const actor = requirePermission(ctx, 'analytics.schedule');
  const row = await visibleSchedule(ctx, actor, id);
  const now = ctx.deps.clock.now();
  const addresses =
    to === 'me'
      ? [(await userBriefs(ctx.deps.db.kysely, [actor.userId])).get(actor.userId)?.email ?? '']
      : (JSON.parse(row.recipients) as string[]);
  const mail = await composeScheduleMail(ctx.deps, row, now);
  if (!mail) throw new AppError('forbidden', { permission: 'analytics.schedule' });
  for (const address of addresses) {
    await enqueueMail(ctx.deps, { ...mail.message, to: address }, `schedule:${id}:now:${now}:${address}`);
  }
  if (to === 'recipients') {
    await transaction(ctx.deps.db, (trx) => repo.updateSchedule(trx, id, { last_sent_at: now, last_error: null }));
  }
  return { sentTo: addresses, from: mail.period.from, to: mail.period.to };
}

// ---------- the mail ----------

/** The context a schedule runs in: its owner, as they are today, in the schedule's language. */
async function ownerCtx(deps: Deps, row: AnalyticsScheduleRow): Promise<Ctx | null> {
  const owner = (await userBriefs(deps.db.kysely, [row.owner_id])).get(row.owner_id);
  if (owner?.active !== 1) return null;
  const actor: Actor = {
    userId: owner.id,
    role: owner.role,
    locale: row.locale,
    via: 'session',
    scope: 'read',
    sessionId: null,
    tokenId: null,
  };
  return { deps, actor, authProblem: null, locale: row.locale, ip: '', userAgent: 'scheduled-report' };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** "▲ 12%" against the period before, or nothing when there is no previous figure. */
function change(current: number | null, previous: number | null | undefined): string {
  if (current === null || previous === null || previous === undefined || previous === 0) return '';
  const pct = Math.round(((current - previous) / Math.abs(previous)) * 100);
  return pct === 0 ? '=' : `${pct > 0 ? '▲' : '▼'} ${Math.abs(pct)}%`;
}

interface Headline {
  metrics: string[];
  totals: Record<string, number | null>;
  previous: Record<string, number | null> | null;
}

/** The body's numbers: one line per metric with the change against the period before. */
export function headlineLines(h: Headline, locale: Locale): { label: string; value: string; change: string }[] {
  return h.metrics.map((m) => ({
    label: metricLabel(m, locale),
    value: formatValue(m, h.totals[m] ?? null, locale),
    change: change(h.totals[m] ?? null, h.previous?.[m]),
  }));
}

/**
 * The mail of one run (without its recipient), or null when its owner can no longer send it (left
 * the company, or lost the right to schedule).
 */
export async function composeScheduleMail(deps: Deps, row: AnalyticsScheduleRow, at: number) {
  const ctx = await ownerCtx(deps, row);
  if (!ctx?.actor || !can(ctx.actor, 'analytics.schedule')) return null;
  const locale = row.locale;
  const hi = locale === 'hi';
  const period = periodDates(row.period as SchedulePeriodName, localToday(row.time_zone, at));
  const doc =
    row.report_id === null
      ? await dashboardPdf(ctx, { ...period, tz: row.time_zone })
      : await reportPdf(ctx, row.report_id, row.time_zone, period);
  const lines = headlineLines(doc.headline, locale);
  const { companyName } = await readSettingsFor(deps.db.kysely);
  const link =
    row.report_id === null
      ? `${deps.config.publicUrl}/analytics?from=${period.from}&to=${period.to}`
      : `${deps.config.publicUrl}/analytics/reports/${row.report_id}`;
  const intro = hi
    ? `${companyName}: ${period.from} से ${period.to} तक के मुख्य आँकड़े (${row.time_zone}), पिछली अवधि की तुलना में। पूरी रिपोर्ट संलग्न PDF में है।`
    : `${companyName}: the headline numbers from ${period.from} to ${period.to} (${row.time_zone}), against the period before. The full report is in the attached PDF.`;
  const outro = hi ? `Sahayak में खोलें: ${link}` : `Open in Sahayak: ${link}`;
  const text = [
    intro,
    '',
    ...lines.map((l) => `- ${l.label}: ${l.value}${l.change ? ` (${l.change})` : ''}`),
    '',
    outro,
  ].join('\n');
  const rowsHtml = lines
    .map(
      (l) =>
        `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0">${escapeHtml(l.label)}</th>` +
        `<td style="text-align:right;padding:4px 12px">${escapeHtml(l.value)}</td>` +
        `<td style="color:#555;padding:4px 0">${escapeHtml(l.change)}</td></tr>`,
    )
    .join('');
  const html =
    `<div lang="${locale}" style="font-family:'Noto Sans','Noto Sans Devanagari',Arial,sans-serif">` +
    `<p>${escapeHtml(intro)}</p><table style="border-collapse:collapse">${rowsHtml}</table>` +
    `<p><a href="${escapeHtml(link)}">${escapeHtml(outro)}</a></p></div>`;
  const attachment: MailAttachment = {
    filename: doc.name,
    contentType: 'application/pdf',
    contentBase64: doc.pdf.toString('base64'),
  };
  return {
    period,
    message: { subject: `${row.name} · ${period.from} – ${period.to}`, text, html, attachments: [attachment] },
  };
}

// ---------- the timer ----------

/** Queues the tick at the next grid point after `after` (default now). */
export async function scheduleTick(deps: Deps, after?: number): Promise<void> {
  const from = Math.max(deps.clock.now(), after ?? 0);
  const at = (Math.floor(from / TICK_MS) + 1) * TICK_MS;
  await deps.jobs.enqueue(SCHEDULE_TICK_JOB, { at }, { jobId: `tick:${at}`, delayMs: at - deps.clock.now() });
}

/**
 * Sends every schedule due at the clock's now: claims the run, renders, queues the mails. Returns the
 * ids sent. A run that fails leaves its error on the schedule and moves on to the next.
 */
export async function runDueSchedules(deps: Deps): Promise<number[]> {
  const db = deps.db.kysely;
  const now = deps.clock.now();
  const sent: number[] = [];
  for (const row of await repo.dueSchedules(db, now)) {
    const due = row.next_run_at!;
    // The next run counts from the one due, not from now: a late tick does not shift the series.
    const next = nextRunAt(row, Math.max(due, now));
    let mail: Awaited<ReturnType<typeof composeScheduleMail>>;
    let error: string | null = null;
    try {
      mail = await composeScheduleMail(deps, row, due);
      if (!mail) error = 'The owner can no longer send this report (deactivated, or no longer allowed).';
    } catch (err) {
      deps.log.error({ err, schedule: row.id }, 'analytics: scheduled report failed');
      mail = null;
      error = err instanceof Error ? err.message : String(err);
    }
    if (!(await repo.claimScheduleRun(db, row.id, due, next))) continue; // another node sent it
    if (mail) {
      const recipients = JSON.parse(row.recipients) as string[];
      for (const address of recipients) {
        await enqueueMail(deps, { ...mail.message, to: address }, `schedule:${row.id}:${due}:${address}`);
      }
      sent.push(row.id);
    }
    await repo.updateSchedule(db, row.id, mail ? { last_sent_at: now, last_error: null } : { last_error: error });
  }
  return sent;
}

export function registerScheduleJobs(deps: Deps): void {
  deps.jobs.register(SCHEDULE_TICK_JOB, async (payload) => {
    try {
      const sent = await runDueSchedules(deps);
      if (sent.length) deps.log.info({ schedules: sent }, 'analytics: scheduled reports sent');
    } finally {
      // From its own grid point: a timer that fires a moment early must not ask for the same tick again.
      await scheduleTick(deps, Number(payload.at) || undefined);
    }
  });
}
