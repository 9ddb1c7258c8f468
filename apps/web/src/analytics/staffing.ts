// Busiest hours against agents online (/analytics/presence): the weekday × hour grids of the
// heatmaps and the understaffed hours, where new tickets per agent online are highest.
import { useQuery } from '@tanstack/react-query';
import { api } from '../lib/api';
import { analyticsKey } from './api';
import type { ApiParams } from './filters';

export interface PresenceCell {
  /** 1 (Monday) … 7 (Sunday). */
  weekday: number;
  hour_of_day: number;
  /** Average number of people online over this slot's hours in the period; null: none has passed. */
  online: number | null;
  away: number | null;
  /** Hours of the period (up to now) in this slot: the number of such days, as a rule. */
  hours: number;
}

export interface AnalyticsPresence {
  from: string;
  to: string;
  tz: string;
  cells: PresenceCell[];
  /** People with any availability in the period. */
  people: number;
}

/** values[weekday - 1][hour]; null: no value (an hour that has not happened, or too few online). */
export type Grid = (number | null)[][];

/**
 * Below this many people online on average an hour counts as closed: dividing its tickets by a
 * tenth of an agent (someone signing in at 08:55) would only shout about the hours before opening.
 */
export const MIN_ONLINE = 1;

/** The presence API takes the period, teams and agents; "no team" has no people, so it is left out. */
export function presenceParams(params: ApiParams): ApiParams {
  const team = params.team
    ?.split(',')
    .filter((v) => v !== 'none')
    .join(',');
  return { from: params.from, to: params.to, tz: params.tz, agent: params.agent, team: team || undefined };
}

export function usePresence(params: ApiParams, enabled = true) {
  const query = presenceParams(params);
  return useQuery({
    queryKey: [...analyticsKey, 'presence', query],
    queryFn: ({ signal }) => api<AnalyticsPresence>('/analytics/presence', { query, signal }),
    staleTime: 60_000,
    enabled,
  });
}

const emptyGrid = (): Grid => Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => null));

/** The average number of people online (or away) per weekday and hour. */
export function presenceGrid(presence: AnalyticsPresence, key: 'online' | 'away' = 'online'): Grid {
  const grid = emptyGrid();
  for (const c of presence.cells) {
    const line = grid[c.weekday - 1];
    if (line && c.hour_of_day >= 0 && c.hour_of_day < 24) line[c.hour_of_day] = c[key];
  }
  return grid;
}

export interface SlotLoad {
  weekday: number;
  hour: number;
  /** New tickets an hour per agent online. */
  load: number;
  /** New tickets an hour (the slot's tickets over its hours in the period). */
  ticketsPerHour: number;
  online: number;
}

/** Every staffed slot's load: its new tickets an hour divided by the people online then. */
export function slotLoads(created: number[][], presence: AnalyticsPresence): SlotLoad[] {
  const out: SlotLoad[] = [];
  for (const c of presence.cells) {
    if (c.online === null || c.online < MIN_ONLINE || c.hours <= 0) continue;
    const ticketsPerHour = (created[c.weekday - 1]?.[c.hour_of_day] ?? 0) / c.hours;
    out.push({
      weekday: c.weekday,
      hour: c.hour_of_day,
      load: ticketsPerHour / c.online,
      ticketsPerHour,
      online: c.online,
    });
  }
  return out;
}

/** New tickets an hour per agent online, per weekday and hour; null where the hour was not staffed. */
export function loadGrid(created: number[][], presence: AnalyticsPresence): Grid {
  const grid = emptyGrid();
  for (const s of slotLoads(created, presence)) grid[s.weekday - 1]![s.hour] = s.load;
  return grid;
}

/** The `count` staffed hours with the most new tickets per agent online, worst first. */
export function understaffedHours(created: number[][], presence: AnalyticsPresence, count = 5): SlotLoad[] {
  return slotLoads(created, presence)
    .filter((s) => s.load > 0)
    .sort((a, b) => b.load - a.load || a.weekday - b.weekday || a.hour - b.hour)
    .slice(0, count);
}
