import { describe, expect, it } from 'vitest';
import { type AnalyticsPresence, loadGrid, presenceGrid, presenceParams, understaffedHours } from './staffing';

function presence(cells: Partial<Record<string, { online: number | null; hours: number }>>): AnalyticsPresence {
  const all = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const c = cells[`${weekday}-${hour}`] ?? { online: 0, hours: 4 };
      all.push({ weekday, hour_of_day: hour, online: c.online, away: 0, hours: c.hours });
    }
  }
  return { from: '2026-11-02', to: '2026-11-29', tz: 'Asia/Kolkata', cells: all, people: 3 };
}

const created = () => Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));

describe('staffing', () => {
  it('puts the presence cells on the weekday × hour grid', () => {
    const grid = presenceGrid(presence({ '1-9': { online: 2.5, hours: 4 }, '7-23': { online: null, hours: 0 } }));
    expect(grid[0]![9]).toBe(2.5);
    expect(grid[6]![23]).toBeNull();
    expect(grid[2]![3]).toBe(0);
  });

  it('divides tickets an hour by the people online, leaving unstaffed hours out', () => {
    const tickets = created();
    // Mondays 09:00: 40 tickets over 4 Mondays with 2 online → 5 an hour per agent.
    tickets[0]![9] = 40;
    // Tuesdays 10:00: 24 tickets over 4 Tuesdays with 3 online → 2.
    tickets[1]![10] = 24;
    // Wednesdays 03:00: tickets, but a fifth of an agent on average: closed.
    tickets[2]![3] = 8;
    const p = presence({
      '1-9': { online: 2, hours: 4 },
      '2-10': { online: 3, hours: 4 },
      '3-3': { online: 0.2, hours: 4 },
      '4-12': { online: 4, hours: 4 },
    });
    const grid = loadGrid(tickets, p);
    expect(grid[0]![9]).toBe(5);
    expect(grid[1]![10]).toBe(2);
    expect(grid[2]![3]).toBeNull();
    expect(grid[3]![12]).toBe(0);
    expect(understaffedHours(tickets, p)).toEqual([
      { weekday: 1, hour: 9, load: 5, ticketsPerHour: 10, online: 2 },
      { weekday: 2, hour: 10, load: 2, ticketsPerHour: 6, online: 3 },
    ]);
  });

  it('asks for teams and agents only, without "no team"', () => {
    expect(presenceParams({ from: 'a', to: 'b', tz: 'Asia/Kolkata', team: 'none,3', channel: 'email' })).toEqual({
      from: 'a',
      to: 'b',
      tz: 'Asia/Kolkata',
      agent: undefined,
      team: '3',
    });
    expect(presenceParams({ from: 'a', to: 'b', team: 'none' }).team).toBeUndefined();
  });
});
