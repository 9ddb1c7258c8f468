// Names of metrics and dimensions in English and Hindi for what the server writes itself (mails,
// exports, PDFs), and how their values read. The web app has its own, in its i18n files.
import type { Locale } from '../platform/errors.js';
import { kindOf, type MetricName, type MetricRef, metricNames } from './kpi.js';

const METRIC: Record<MetricName, Record<Locale, string>> = {
  tickets_created: { en: 'Tickets created', hi: 'बने टिकट' },
  tickets_solved: { en: 'Tickets solved', hi: 'हल हुए टिकट' },
  tickets_unsolved: { en: 'Still unsolved', hi: 'अभी अनसुलझे' },
  tickets_unreplied: { en: 'Without a reply', hi: 'बिना जवाब के' },
  tickets_first_replied: { en: 'First replies', hi: 'पहले जवाब' },
  first_reply_time: { en: 'First reply time', hi: 'पहले जवाब का समय' },
  full_resolution_time: { en: 'Resolution time', hi: 'समाधान का समय' },
  first_reply_time_bh: { en: 'First reply time (business hours)', hi: 'पहले जवाब का समय (कार्य-घंटे)' },
  full_resolution_time_bh: { en: 'Resolution time (business hours)', hi: 'समाधान का समय (कार्य-घंटे)' },
  requester_wait_time_bh: { en: 'Requester wait time (business hours)', hi: 'ग्राहक की प्रतीक्षा (कार्य-घंटे)' },
  requester_wait_time: { en: 'Requester wait time', hi: 'ग्राहक की प्रतीक्षा' },
  reopens: { en: 'Reopens', hi: 'फिर से खुले' },
  reopen_rate: { en: 'Reopen rate', hi: 'फिर से खुलने की दर' },
  one_touch_rate: { en: 'One-touch resolution rate', hi: 'एक जवाब में समाधान की दर' },
  replies_per_ticket: { en: 'Replies per ticket', hi: 'प्रति टिकट जवाब' },
  backlog: { en: 'Backlog (unsolved now)', hi: 'बैकलॉग (अभी अनसुलझे)' },
  backlog_age: { en: 'Backlog age', hi: 'बैकलॉग की आयु' },
  sla_achievement: { en: 'SLA achievement', hi: 'SLA पूर्ति' },
  sla_first_reply_achievement: { en: 'SLA achievement: first reply', hi: 'SLA पूर्ति: पहला जवाब' },
  sla_next_reply_achievement: { en: 'SLA achievement: next reply', hi: 'SLA पूर्ति: अगला जवाब' },
  sla_resolution_achievement: { en: 'SLA achievement: resolution', hi: 'SLA पूर्ति: समाधान' },
  sla_breaches: { en: 'SLA breaches', hi: 'SLA उल्लंघन' },
  sla_first_reply_breaches: { en: 'SLA breaches: first reply', hi: 'SLA उल्लंघन: पहला जवाब' },
  sla_next_reply_breaches: { en: 'SLA breaches: next reply', hi: 'SLA उल्लंघन: अगला जवाब' },
  sla_resolution_breaches: { en: 'SLA breaches: resolution', hi: 'SLA उल्लंघन: समाधान' },
  csat: { en: 'CSAT (% satisfied)', hi: 'CSAT (संतुष्ट %)' },
  csat_responses: { en: 'Survey answers', hi: 'सर्वे के जवाब' },
  survey_response_rate: { en: 'Survey response rate', hi: 'सर्वे जवाब दर' },
  csat_average: { en: 'Average CSAT score (1–5)', hi: 'औसत CSAT अंक (1–5)' },
  nps: { en: 'NPS (−100 to 100)', hi: 'NPS (−100 से 100)' },
  nps_responses: { en: 'NPS answers', hi: 'NPS के जवाब' },
  nps_response_rate: { en: 'NPS response rate', hi: 'NPS जवाब दर' },
  replies_sent: { en: 'Replies sent', hi: 'भेजे गए जवाब' },
  tickets_touched: { en: 'Tickets touched', hi: 'छुए गए टिकट' },
  replies_per_agent_day: { en: 'Replies per agent per day', hi: 'प्रति एजेंट प्रति दिन जवाब' },
  tickets_touched_per_agent_day: { en: 'Tickets touched per agent per day', hi: 'प्रति एजेंट प्रति दिन छुए गए टिकट' },
};
const STAT: Record<string, Record<Locale, string>> = {
  mean: { en: 'mean', hi: 'औसत' },
  median: { en: 'median', hi: 'माध्यिका' },
  p90: { en: 'p90', hi: 'p90' },
};

export const DIMENSION: Record<string, Record<Locale, string>> = {
  agent: { en: 'Agent', hi: 'एजेंट' },
  team: { en: 'Team', hi: 'टीम' },
  channel: { en: 'Channel', hi: 'चैनल' },
  priority: { en: 'Priority', hi: 'प्राथमिकता' },
  type: { en: 'Type', hi: 'प्रकार' },
  organisation: { en: 'Organisation', hi: 'संगठन' },
  tag: { en: 'Tag', hi: 'टैग' },
  hour: { en: 'Hour', hi: 'घंटा' },
  day: { en: 'Day', hi: 'दिन' },
  week: { en: 'Week', hi: 'सप्ताह' },
  month: { en: 'Month', hi: 'महीना' },
  weekday: { en: 'Weekday', hi: 'सप्ताह का दिन' },
  hour_of_day: { en: 'Hour of day', hi: 'दिन का घंटा' },
  backlog_age: { en: 'Backlog age', hi: 'बैकलॉग की आयु' },
};

/** "First reply time (median)" / "पहले जवाब का समय (माध्यिका)". */
export function metricLabel(key: string, locale: Locale): string {
  const [name, stat] = key.split('.') as [MetricName, string | undefined];
  const base = METRIC[name]?.[locale] ?? key;
  return stat ? `${base} (${STAT[stat]?.[locale] ?? stat})` : base;
}

export function metricLabelOf(ref: MetricRef, locale: Locale): string {
  return metricLabel(ref.key, locale);
}

/** "1 h 30 min" / "1 घंटे 30 मिनट"; days beyond 48 hours. */
export function duration(seconds: number, locale: Locale): string {
  const m = Math.round(seconds / 60);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  const hi = locale === 'hi';
  if (m >= 2880) return hi ? `${d} दिन ${h} घंटे` : `${d} d ${h} h`;
  const hours = Math.floor(m / 60);
  if (hours) return hi ? `${hours} घंटे ${min} मिनट` : `${hours} h ${min} min`;
  return hi ? `${min} मिनट` : `${min} min`;
}

/** A metric's value as people read it: durations, percentages, counts with grouping. */
export function formatValue(key: string, v: number | null, locale: Locale): string {
  if (v === null) return '–';
  const name = key.split('.')[0] as MetricName;
  const kind = metricNames.includes(name) ? kindOf(name) : undefined;
  if (kind === 'time') return duration(v, locale);
  if (kind === 'rate') return `${v.toLocaleString(locale === 'hi' ? 'hi-IN' : 'en-IN', { maximumFractionDigits: 1 })}%`;
  return v.toLocaleString(locale === 'hi' ? 'hi-IN' : 'en-IN', { maximumFractionDigits: 1 });
}
