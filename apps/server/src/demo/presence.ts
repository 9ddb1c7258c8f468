// The demo's availability history: who was online when over the 90 days of tickets, so "Busiest
// hours" can set tickets against agents online. The story: agents work early (09:00–17:00) or late
// (11:00–20:00) shifts in India; the weekend rota gives Saturday's crew Monday morning off and
// Sunday's crew Tuesday off, and the leads spend Monday morning in their planning meeting (away).
// So on Monday morning, when the weekend's backlog makes tickets peak, the fewest people are online:
// the understaffed hours the heatmap should show.
import type { Insertable } from 'kysely';
import type { Database } from '../platform/db/types.js';
import { Rng } from './random.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const IST = 5.5 * HOUR;
const DAYS = 90;
const SEED = 0x0b5e_55ed;

type Row = Insertable<Database['agent_presence']>;
type Status = 'online' | 'away';

export interface PresencePerson {
  id: number;
  kind: 'agent' | 'lead' | 'other';
  /** Index among the agents (0 … 7): picks their shift and weekend duty. */
  index: number;
  /** What they are now (users.availability): the history ends there. */
  availability: 'online' | 'away' | 'offline';
}

/** [start hour, end hour, away breaks as [hour, minutes]] of one person's day, or null: a day off. */
type Day = { from: number; to: number; breaks: [number, number][]; meeting?: [number, number] } | null;

function agentDay(index: number, weekday: number): Day {
  const early = index % 2 === 0;
  const saturdayCrew = [0, 1, 4, 5].includes(index);
  const sundayCrew = [2, 3, 6].includes(index);
  // The weekend crews are small, so their lunch breaks are staggered, never all at once: Sunday's three
  // at 12:00, 13:00 and 14:00, Saturday's four at 12:00, 13:00, 13:00 and 14:00.
  if (weekday === 0) return sundayCrew ? { from: 10, to: 16, breaks: [[12 + (index % 3), 30]] } : null;
  if (weekday === 6) return saturdayCrew ? { from: 9, to: 18, breaks: [[12 + (index % 3), 45]] } : null;
  if (weekday === 2 && sundayCrew) return null;
  const day = early
    ? { from: 9, to: 17, breaks: [[13, 45]] as [number, number][] }
    : { from: 11, to: 20, breaks: [[16, 30]] as [number, number][] };
  // Monday morning off after Saturday's duty.
  if (weekday === 1 && saturdayCrew) return { ...day, from: 13, breaks: day.breaks.filter(([h]) => h > 13) };
  return day;
}

function leadDay(weekday: number): Day {
  if (weekday === 0 || weekday === 6) return null;
  return {
    from: 9.5,
    to: 18,
    breaks: [[13, 45]],
    ...(weekday === 1 ? { meeting: [9.5, 12] as [number, number] } : {}),
  };
}

/**
 * Availability intervals of the demo staff over the last 90 days up to `now`, ending in each person's
 * current availability (an open interval when online or away).
 */
export function demoPresence(people: PresencePerson[], now: number): Row[] {
  const rng = new Rng(SEED);
  const today = now - ((((now + IST) % DAY) + DAY) % DAY);
  const rows: Row[] = [];
  for (const p of people) {
    const mine: { status: Status; start: number; end: number }[] = [];
    const push = (status: Status, start: number, end: number) => {
      const s = Math.round(start);
      const e = Math.min(Math.round(end), now);
      if (e > s) mine.push({ status, start: s, end: e });
    };
    for (let daysAgo = DAYS - 1; daysAgo >= 0 && p.kind !== 'other'; daysAgo--) {
      const dayStart = today - daysAgo * DAY;
      const weekday = new Date(dayStart + IST).getUTCDay();
      const plan = p.kind === 'lead' ? leadDay(weekday) : agentDay(p.index, weekday);
      // Now and then somebody is off sick.
      if (!plan || rng.chance(0.03)) continue;
      let t = dayStart + plan.from * HOUR + rng.int(-10, 15) * MIN;
      const end = dayStart + plan.to * HOUR + rng.int(-10, 20) * MIN;
      const aways: [number, number][] = plan.breaks.map(([h, minutes]) => [
        dayStart + h * HOUR + rng.int(-20, 40) * MIN,
        minutes + rng.int(-5, 10),
      ]);
      if (plan.meeting) aways.unshift([dayStart + plan.meeting[0] * HOUR, (plan.meeting[1] - plan.meeting[0]) * 60]);
      for (const [at, minutes] of aways) {
        if (at <= t || at >= end) continue;
        push('online', t, at);
        push('away', at, at + minutes * MIN);
        t = at + minutes * MIN;
      }
      push('online', t, end);
    }
    // The history ends in today's availability: the last interval goes on if it matches, or one
    // begins now.
    const last = mine.at(-1);
    if (p.availability !== 'offline' && last && last.end === now && last.status === p.availability) {
      for (const iv of mine.slice(0, -1))
        rows.push({ user_id: p.id, status: iv.status, started_at: iv.start, ended_at: iv.end });
      rows.push({ user_id: p.id, status: last.status, started_at: last.start, ended_at: null });
      continue;
    }
    for (const iv of mine) rows.push({ user_id: p.id, status: iv.status, started_at: iv.start, ended_at: iv.end });
    if (p.availability !== 'offline')
      rows.push({ user_id: p.id, status: p.availability, started_at: now, ended_at: null });
  }
  return rows;
}
