// Escalation on the web: which teams the dialog offers, and the history line in both languages.
import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import type { Team } from '../people/api';
import type { TicketEvent } from '../tickets/api';
import { describeEvent } from '../tickets/components/HistoryTimeline';
import { higherTeams } from './components/EscalateButton';

const team = (id: number, name: string, tier: number) => ({ id, name, tier }) as Team;
const teams = [team(1, 'Care', 1), team(2, 'Tech', 2), team(3, 'Billing L2', 2), team(4, 'Management', 3)];

describe('the escalate dialog', () => {
  it('offers only teams of a higher tier, the next tier first', () => {
    expect(higherTeams(teams, 1).map((x) => x.name)).toEqual(['Billing L2', 'Tech', 'Management']);
    expect(higherTeams(teams, 2).map((x) => x.name)).toEqual(['Management']);
    expect(higherTeams(teams, 4)).toEqual([]);
    // A ticket without a team counts as first line.
    expect(higherTeams(teams, null).map((x) => x.id)).toEqual([3, 2, 4]);
  });
});

describe('the escalated history line', () => {
  const names = { user: () => 'someone', team: () => 'Tech', field: (k: string) => k, dueTime: () => '' };
  const event = (ruleId: number | null): TicketEvent => ({
    id: 1,
    type: 'escalated',
    version: 4,
    actor: ruleId ? { type: 'system', id: null, name: 'System' } : { type: 'user', id: 5, name: 'Kavya' },
    data: { fromTier: 1, toTier: 2, fromTeamId: 1, toTeamId: 2, reason: 'Needs engineering', ruleId },
    createdAt: '2026-05-04T14:05:00.000Z',
  });

  it('reads in English and in Hindi, by a person or by a rule', () => {
    const en = i18n.getFixedT('en');
    expect(describeEvent(event(null), en, names)).toBe('Kavya escalated the ticket to L2 (Tech): “Needs engineering”');
    expect(describeEvent(event(7), en, names)).toBe(
      'Escalation rule moved the ticket to L2 (Tech): “Needs engineering”',
    );
    const hi = i18n.getFixedT('hi');
    expect(describeEvent(event(null), hi, names)).toBe('Kavya ने टिकट L2 स्तर (Tech) पर एस्केलेट किया: “Needs engineering”');
  });
});
