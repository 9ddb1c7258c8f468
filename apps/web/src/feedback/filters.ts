// The feedback inbox's filters: kept in the URL so a filtered list can be shared, and turned into the
// query parameters of `/feedback` and `/feedback/themes`.
import { isLocalDate } from '../analytics/filters';
import { TICKET_CHANNELS, type TicketChannel } from '../tickets/api';
import { isSurveyKind, isValidScore, type SurveyKind } from './scores';

export interface FeedbackFilters {
  kind: SurveyKind;
  /** Scores to show; empty: all. For NPS the bar offers bands, which stand for their scores. */
  scores: number[];
  agentId: number | null;
  teamId: number | null;
  channel: TicketChannel | null;
  tag: string | null;
  /** Local dates, both included. */
  from: string | null;
  to: string | null;
  /** Only the tickets the viewer is assignee of (agents get only those anyway). */
  mine: boolean;
}

export const EMPTY_FEEDBACK_FILTERS: FeedbackFilters = {
  kind: 'csat',
  scores: [],
  agentId: null,
  teamId: null,
  channel: null,
  tag: null,
  from: null,
  to: null,
  mine: false,
};

function positiveId(value: string | null): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}

export function filtersFromSearch(params: URLSearchParams): FeedbackFilters {
  const kindParam = params.get('kind');
  const kind = isSurveyKind(kindParam) ? kindParam : 'csat';
  const scores = [
    ...new Set(
      (params.get('scores') ?? '')
        .split(',')
        .filter((s) => /^\d{1,2}$/.test(s))
        .map(Number)
        .filter((s) => isValidScore(kind, s)),
    ),
  ].sort((a, b) => a - b);
  const channelParam = params.get('channel');
  const channel = TICKET_CHANNELS.find((c) => c === channelParam) ?? null;
  const tag = params.get('tag')?.trim() || null;
  const from = params.get('from');
  const to = params.get('to');
  return {
    kind,
    scores,
    agentId: positiveId(params.get('agentId')),
    teamId: positiveId(params.get('teamId')),
    channel,
    tag,
    from: isLocalDate(from) ? from : null,
    to: isLocalDate(to) ? to : null,
    mine: params.get('mine') === 'true',
  };
}

/** The parameters the server takes for these filters; empty ones left out. */
export function feedbackQuery(filters: FeedbackFilters): Record<string, string> {
  const query: Record<string, string> = { kind: filters.kind };
  if (filters.scores.length) query.scores = filters.scores.join(',');
  if (filters.agentId !== null) query.agentId = String(filters.agentId);
  if (filters.teamId !== null) query.teamId = String(filters.teamId);
  if (filters.channel) query.channel = filters.channel;
  if (filters.tag) query.tag = filters.tag;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.mine) query.mine = 'true';
  return query;
}

/** The themes endpoint takes the period and who, but not scores, tag or "mine". */
export function themesQuery(filters: FeedbackFilters): Record<string, string> {
  const { scores: _s, tag: _t, mine: _m, ...rest } = feedbackQuery(filters);
  return rest;
}

/** The URL's search for these filters, keeping other parameters (the tab) as they are. */
export function filtersToSearch(filters: FeedbackFilters, current?: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  const tab = current?.get('tab');
  if (tab) out.set('tab', tab);
  for (const [key, value] of Object.entries(feedbackQuery(filters))) {
    if (key === 'kind' && value === 'csat') continue;
    out.set(key, value);
  }
  return out;
}

/** Whether anything beyond the survey kind narrows the list. */
export function hasFeedbackFilters(filters: FeedbackFilters): boolean {
  return Object.keys(feedbackQuery(filters)).length > 1;
}
