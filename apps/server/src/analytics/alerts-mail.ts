// The daily mail of trend flags to managers and admins: what got worse last week, and tags rising
// above their usual volume, each with a link to the tickets behind it. Sent through JobQueue.
import { activeUsersWithRoles } from '../people/service.js';
import type { Deps } from '../platform/context.js';
import type { Locale } from '../platform/errors.js';
import { enqueueMail } from '../platform/mail/jobs.js';
import { readSettingsFor } from '../platform/settings/service.js';
import type { Flag } from './alerts.js';
import { formatValue, metricLabel } from './labels.js';
import { computeAlerts } from './service.js';
import { addDays, localToday, periodOf } from './time.js';

/** One line of the mail for one flag. */
export function flagLine(f: Flag, teams: Record<string, string>, locale: Locale): string {
  if (f.kind === 'emerging_tag') {
    return locale === 'hi'
      ? `टैग "${f.tag}": ${f.day} को ${f.tickets} टिकट, आम तौर पर लगभग ${f.baselineMean} प्रति दिन।`
      : `Tag "${f.tag}": ${f.tickets} tickets on ${f.day}, usually about ${f.baselineMean} a day.`;
  }
  const name = metricLabel(f.metric, locale);
  const who =
    f.team === 'all'
      ? locale === 'hi'
        ? 'पूरी सहायता टीम'
        : 'the whole help desk'
      : f.team === null
        ? locale === 'hi'
          ? 'बिना टीम के टिकट'
          : 'tickets without a team'
        : (teams[String(f.team)] ?? `#${f.team}`);
  const change = `${Math.abs(f.changePct)}%`;
  return locale === 'hi'
    ? `${name} (${who}) पिछली अवधि से ${change} खराब: ${formatValue(f.metric, f.previous, locale)} → ${formatValue(f.metric, f.current, locale)}।`
    : `${name} (${who}) is ${change} worse than the period before: ${formatValue(f.metric, f.previous, locale)} → ${formatValue(f.metric, f.current, locale)}.`;
}

/** The link to the tickets behind a flag. */
function flagLink(base: string, f: Flag, from: string, to: string, tz: string): string {
  const q = new URLSearchParams({ from, to, tz });
  if (f.kind === 'emerging_tag') {
    q.set('metric', 'tickets_created');
    q.set('tag', f.tag);
    q.set('day', f.day);
    q.set('from', f.day);
    q.set('to', f.day);
  } else {
    q.set('metric', f.metric);
    if (f.team !== 'all') q.set('team', f.team === null ? 'none' : String(f.team));
  }
  return `${base}/analytics/tickets?${q.toString()}`;
}

/**
 * Computes the flags of the last seven full days (against the seven before) and mails them to every
 * active manager and admin in their language. Nothing is sent when nothing is flagged. Returns the
 * number of mails queued.
 */
export async function sendAlertDigest(deps: Deps): Promise<number> {
  const db = deps.db.kysely;
  const { defaultTimeZone: tz } = await readSettingsFor(db);
  const now = deps.clock.now();
  const to = addDays(localToday(tz, now), -1);
  const from = addDays(to, -6);
  const alerts = await computeAlerts(db, { from, to, tz, ...periodOf(tz, from, to), filters: {} }, now);
  if (!alerts.flags.length) return 0;
  const recipients = await activeUsersWithRoles(db, ['admin', 'manager']);
  const base = deps.config.publicUrl;
  for (const r of recipients) {
    const locale: Locale = r.locale === 'hi' ? 'hi' : 'en';
    const lines = alerts.flags.map(
      (f) => `- ${flagLine(f, alerts.labels.team, locale)}\n  ${flagLink(base, f, from, to, tz)}`,
    );
    const subject =
      locale === 'hi'
        ? `Sahayak: ${alerts.flags.length} रुझानों पर ध्यान दें (${from} – ${to})`
        : `Sahayak: ${alerts.flags.length} trends need attention (${from} – ${to})`;
    const intro =
      locale === 'hi'
        ? `नमस्ते ${r.name}, पिछले सात दिनों में ये बदलाव दिखे:`
        : `Hello ${r.name}, these changed in the last seven days:`;
    const outro =
      locale === 'hi'
        ? `डैशबोर्ड: ${base}/analytics?from=${from}&to=${to}`
        : `Dashboard: ${base}/analytics?from=${from}&to=${to}`;
    await enqueueMail(
      deps,
      { to: r.email, subject, text: [intro, '', ...lines, '', outro].join('\n') },
      `alerts:${to}:${r.id}`,
    );
  }
  return recipients.length;
}
