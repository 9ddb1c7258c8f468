// The ticket history's sentences for events the system and macros write.
import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import type { TicketEvent } from './api';
import { describeEvent, eventComment } from './components/HistoryTimeline';

const names = {
  user: () => 'someone',
  team: () => 'a team',
  field: (key: string) => key,
  dueTime: (dueMs: number) => new Date(dueMs).toISOString().slice(11, 16),
};

function event(type: string, data: Record<string, unknown>, actor = 'System'): TicketEvent {
  return {
    id: 1,
    type,
    version: 3,
    actor: { type: actor === 'System' ? 'system' : 'user', id: null, name: actor },
    data,
    createdAt: '2026-05-04T14:05:00.000Z',
  };
}

const due = Date.parse('2026-05-04T14:05:00.000Z');
const outcome = (metric: string, targetMinutes: number) => ({
  metric,
  cycle: 1,
  policyId: 2,
  targetMinutes,
  dueAt: due,
});

describe('SLA outcomes and macros in the history', () => {
  it('reads in English', () => {
    const t = i18n.getFixedT('en');
    expect(describeEvent(event('sla_met', outcome('first_reply', 90)), t, names)).toBe(
      'First reply target met (target 1 h 30 min)',
    );
    expect(describeEvent(event('sla_breached', outcome('resolution', 600)), t, names)).toBe(
      'Resolution target breached (due 14:05)',
    );
    expect(describeEvent(event('macro_applied', { macroId: 4, name: 'Refund issued' }, 'Asha'), t, names)).toBe(
      'Asha applied the macro “Refund issued”',
    );
  });

  it('reads in Hindi', () => {
    const t = i18n.getFixedT('hi');
    expect(describeEvent(event('sla_met', outcome('next_reply', 4320)), t, names)).toBe(
      'अगले जवाब का लक्ष्य पूरा हुआ (लक्ष्य 3 दिन)',
    );
    expect(describeEvent(event('sla_breached', outcome('first_reply', 60)), t, names)).toBe(
      'पहले जवाब का लक्ष्य चूक गया (नियत समय 14:05)',
    );
    expect(describeEvent(event('macro_applied', { macroId: 4, name: 'रिफ़ंड जारी' }, 'आशा'), t, names)).toBe(
      'आशा ने मैक्रो “रिफ़ंड जारी” लागू किया',
    );
  });
});

describe('satisfaction surveys in the history', () => {
  const sent = event('survey_sent', { surveyId: 7, kind: 'csat', cycle: 1, to: 'a@b.c' });
  const answered = event(
    'survey_answered',
    { surveyId: 7, kind: 'csat', score: 4, comment: '  Quick and kind.  ', previousScore: null },
    'Ravi Kumar',
  );
  const changed = event(
    'survey_answered',
    { surveyId: 7, kind: 'csat', score: 2, comment: null, previousScore: 3 },
    'Ravi Kumar',
  );

  it('reads in English', () => {
    const t = i18n.getFixedT('en');
    expect(describeEvent(sent, t, names)).toBe('Satisfaction survey sent to a@b.c');
    expect(describeEvent(answered, t, names)).toBe('Ravi Kumar rated: Satisfied (4/5)');
    expect(describeEvent(changed, t, names)).toBe('Ravi Kumar rated: Dissatisfied (2/5), changed from Neutral');
    // The same score with a comment added is not a change of mind.
    const commented = event(
      'survey_answered',
      { surveyId: 7, kind: 'csat', score: 4, comment: 'Kind agent', previousScore: 4 },
      'Ravi Kumar',
    );
    expect(describeEvent(commented, t, names)).toBe('Ravi Kumar rated: Satisfied (4/5)');
  });

  it('reads in Hindi', () => {
    const t = i18n.getFixedT('hi');
    expect(describeEvent(sent, t, names)).toBe('संतुष्टि सर्वे a@b.c को भेजा गया');
    expect(describeEvent(answered, t, names)).toBe('Ravi Kumar ने रेटिंग दी: संतुष्ट (5 में से 4)');
    expect(describeEvent(changed, t, names)).toBe('Ravi Kumar ने रेटिंग बदली: असंतुष्ट (5 में से 2), पहले सामान्य थी');
  });

  it('reads an NPS survey as the recommendation survey, scored out of 10', () => {
    const npsSent = event('survey_sent', { surveyId: 8, kind: 'nps', cycle: 0, to: 'a@b.c' });
    const npsAnswered = event(
      'survey_answered',
      { surveyId: 8, kind: 'nps', score: 9, comment: null, previousScore: null },
      'Ravi Kumar',
    );
    const npsChanged = event(
      'survey_answered',
      { surveyId: 8, kind: 'nps', score: 9, comment: null, previousScore: 6 },
      'Ravi Kumar',
    );
    const en = i18n.getFixedT('en');
    expect(describeEvent(npsSent, en, names)).toBe('Recommendation survey (NPS) sent to a@b.c');
    expect(describeEvent(npsAnswered, en, names)).toBe('Ravi Kumar answered the recommendation survey: 9/10');
    expect(describeEvent(npsChanged, en, names)).toBe(
      'Ravi Kumar answered the recommendation survey: 9/10, changed from 6/10',
    );
    const hi = i18n.getFixedT('hi');
    expect(describeEvent(npsSent, hi, names)).toBe('सिफ़ारिश सर्वे (NPS) a@b.c को भेजा गया');
    expect(describeEvent(npsAnswered, hi, names)).toBe('Ravi Kumar ने सिफ़ारिश सर्वे का जवाब दिया: 10 में से 9');
    expect(describeEvent(npsChanged, hi, names)).toBe('Ravi Kumar ने सिफ़ारिश सर्वे का जवाब बदला: 10 में से 9, पहले 6 था');
  });

  it('shows the comment of an answer under its sentence, and none for other events', () => {
    expect(eventComment(answered)).toBe('Quick and kind.');
    expect(eventComment(changed)).toBeNull();
    expect(eventComment(sent)).toBeNull();
  });
});
